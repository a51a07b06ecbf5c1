// RUN: ps-opt %s | FileCheck %s
// RUN: ps-opt %s | ps-opt | FileCheck %s
// RUN: ps-opt %s -mlir-print-op-generic | ps-opt | FileCheck %s
// RUN: ps-opt %s | ps-opt | FileCheck %s --check-prefix=NAMES
// RUN: ps-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: ps.kernel @field_types
// CHECK-SAME: %{{.*}}: !ps.field<?x?xf64>
// CHECK-SAME: %{{.*}}: !ps.field<4x5x6xf32, components [19], layout zyxf, ghost 1>
// CHECK-SAME: %{{.*}}: !ps.field<?x?xi32, layout c>
// CHECK-SAME: %d: !ps.field<?x?xf64, strides [?, 1]> {ps.alignment = 64 : i64, ps.contiguous}
// CHECK-SAME: %{{.*}}: !ps.field<?xbf16, components [2, 3]>
// CHECK-SAME: %{{.*}}: !ps.untyped
// CHECK-SAME: %{{.*}}: i16
ps.kernel @field_types(%a: !ps.field<?x?xf64>,
                       %b: !ps.field<4x5x6xf32, components [19], layout zyxf, ghost 1>,
                       %c: !ps.field<?x?xi32, layout c>,
                       %d: !ps.field<?x?xf64, strides [?, 1]> {ps.alignment = 64 : i64, ps.contiguous, ps.name = "d"},
                       %e: !ps.field<?xbf16, components [2, 3]>,
                       %s: !ps.untyped, %t: i16) {
  ps.return
}

// The layout fzyx and a ghost width of 0 are the defaults and are not printed.
// CHECK-LABEL: ps.kernel @defaults
// CHECK-SAME: !ps.field<?xf64>)
ps.kernel @defaults(%a: !ps.field<?xf64, layout fzyx, ghost 0>) {
  ps.return
}

// CHECK-LABEL: ps.kernel @spaces
ps.kernel @spaces(%u: !ps.field<?x?xf64, ghost 2>, %l: !ps.field<?xi32, components [3]>) {
  // Without `ghost` or `slice` the field type's ghost width is used.
  // CHECK: ps.iterate (%[[X:.*]], %[[Y:.*]]) in %{{.*}} ghost 2 : !ps.field<?x?xf64, ghost 2> {
  ps.iterate (%x, %y) in %u : !ps.field<?x?xf64, ghost 2> {
  }
  // CHECK: ps.iterate (%{{.*}}, %{{.*}} : i64) in %{{.*}} ghost 1 : !ps.field<?x?xf64, ghost 2> {
  ps.iterate (%x, %y : i64) in %u ghost 1 : !ps.field<?x?xf64, ghost 2> {
  }
  // CHECK: ps.iterate (%{{.*}}, %{{.*}}) in %{{.*}} slice [1:-1:2, 0:] : !ps.field<?x?xf64, ghost 2> {
  ps.iterate (%x, %y) in %u slice [1:-1:2, 0:] : !ps.field<?x?xf64, ghost 2> {
  }
  // An absolute stop, and a uniform slice printed as ghost layers.
  // CHECK: ps.iterate (%{{.*}}, %{{.*}}) in %{{.*}} slice [0:7, 3:-3:3] : !ps.field<?x?xf64, ghost 2> {
  ps.iterate (%x, %y) in %u slice [0:7, 3:-3:3] : !ps.field<?x?xf64, ghost 2> {
  }
  // CHECK: ps.iterate (%{{.*}}, %{{.*}}) in %{{.*}} ghost 3 : !ps.field<?x?xf64, ghost 2> {
  ps.iterate (%x, %y) in %u slice [3:-3, 3:-3:1] : !ps.field<?x?xf64, ghost 2> {
  }
  // CHECK: ps.iterate_sparse (%{{.*}}, %{{.*}}) in %{{.*}} : !ps.field<?xi32, components [3]> {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi32, components [3]> {
  }
  // CHECK: ps.return
  ps.return
}

// CHECK-LABEL: ps.kernel @accesses
ps.kernel @accesses(%f: !ps.field<?x?x?xf64, components [19], ghost 1>, %g: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %f : !ps.field<?x?x?xf64, components [19], ghost 1> {
    // CHECK: %[[V:.*]] = ps.load %{{.*}}[-1, 0, 1](18) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %v = ps.load %f[-1, 0, 1](18) : !ps.field<?x?x?xf64, components [19], ghost 1>
    // CHECK: ps.store %[[V]], %{{.*}}[0, 0, 0] : !ps.field<?x?x?xf64>
    ps.store %v, %g[0, 0, 0] : !ps.field<?x?x?xf64>
    // CHECK: %[[C:.*]] = ps.constant 2.5 : !ps.untyped
    %c = ps.constant 2.5 : !ps.untyped
    // CHECK: ps.store %[[C]], %{{.*}}[0, 0, 0](3) : !ps.untyped, !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %c, %f[0, 0, 0](3) : !ps.untyped, !ps.field<?x?x?xf64, components [19], ghost 1>
  }
  ps.return
}

// CHECK-LABEL: ps.kernel @constants
ps.kernel @constants() {
  // CHECK: ps.constant 2.5 : !ps.untyped
  %0 = ps.constant 2.5 : !ps.untyped
  // CHECK: ps.constant -7 : !ps.untyped
  %1 = ps.constant -7 : !ps.untyped
  // CHECK: ps.constant 0.1 : f32
  %2 = ps.constant 0.1 : f32
  // CHECK: ps.constant 0.1 : f64
  %3 = ps.constant 0.1 : f64
  // CHECK: ps.constant 3.0 : f64
  %4 = ps.constant 3 : f64
  // CHECK: ps.constant -128 : i8
  %5 = ps.constant -128 : i8
  // CHECK: ps.constant true : i1
  %6 = ps.constant true : i1
  // CHECK: ps.constant inf : f32
  %7 = ps.constant inf : f32
  // CHECK: ps.constant -inf : f64
  %8 = ps.constant -inf : f64
  // CHECK: ps.constant nan : f64
  %9 = ps.constant nan : f64
  // CHECK: ps.constant 1.0E-300 : f64
  %10 = ps.constant 1.0e-300 : f64
  // CHECK: ps.constant -0.0 : f64
  %11 = ps.constant -0.0 : f64
  // CHECK: ps.constant 9223372036854775807 : i64
  %12 = ps.constant 9223372036854775807 : i64
  ps.return
}

// CHECK-LABEL: ps.kernel @arithmetic
// CHECK-SAME: (%[[A:.*]]: f64, %[[B:.*]]: f64, %[[I:.*]]: i32, %[[U:.*]]: !ps.untyped, %[[P:.*]]: i1)
ps.kernel @arithmetic(%a: f64, %b: f64, %i: i32, %u: !ps.untyped, %p: i1) {
  // CHECK: ps.add %[[A]], %[[B]] : f64
  %0 = ps.add %a, %b : f64
  // CHECK: ps.sub %[[A]], %[[U]] : (f64, !ps.untyped) -> f64
  %1 = ps.sub %a, %u : (f64, !ps.untyped) -> f64
  // CHECK: ps.mul %[[A]], %[[B]] {fastmath} : f64
  %2 = ps.mul %a, %b {fastmath} : f64
  // CHECK: ps.div %[[I]], %[[I]] : i32
  %3 = ps.div %i, %i : i32
  // CHECK: ps.rem %[[I]], %[[I]] : i32
  %4 = ps.rem %i, %i : i32
  // CHECK: ps.min %[[A]], %[[B]] : f64
  %5 = ps.min %a, %b : f64
  // CHECK: ps.max %[[I]], %[[I]] : i32
  %6 = ps.max %i, %i : i32
  // CHECK: ps.pow %[[A]], %[[B]] : f64
  %7 = ps.pow %a, %b : f64
  // CHECK: ps.and %[[P]], %[[P]] : i1
  %8 = ps.and %p, %p : i1
  // CHECK: ps.or %[[I]], %[[I]] : i32
  %9 = ps.or %i, %i : i32
  // CHECK: ps.xor %[[P]], %[[P]] : i1
  %10 = ps.xor %p, %p : i1
  // CHECK: ps.not %[[P]] : i1
  %11 = ps.not %p : i1
  // CHECK: ps.neg %[[U]] : !ps.untyped
  %12 = ps.neg %u : !ps.untyped
  // CHECK: ps.abs %[[I]] : i32
  %13 = ps.abs %i : i32
  // CHECK: ps.sqrt %[[A]] : f64
  %14 = ps.sqrt %a : f64
  // CHECK: ps.exp %[[A]] : f64
  %15 = ps.exp %a : f64
  // CHECK: ps.log %[[A]] : f64
  %16 = ps.log %a : f64
  // CHECK: ps.sin %[[A]] : f64
  %17 = ps.sin %a : f64
  // CHECK: ps.cos %[[A]] : f64
  %18 = ps.cos %a : f64
  // CHECK: ps.floor %[[A]] : f64
  %19 = ps.floor %a : f64
  // CHECK: ps.ceil %[[A]] : f64
  %20 = ps.ceil %a : f64
  // CHECK: ps.tan %[[A]] : f64
  %tan = ps.tan %a : f64
  // CHECK: ps.asin %[[A]] : f64
  %asin = ps.asin %a : f64
  // CHECK: ps.acos %[[A]] : f64
  %acos = ps.acos %a : f64
  // CHECK: ps.atan %[[A]] : f64
  %atan = ps.atan %a : f64
  // CHECK: ps.sinh %[[A]] : f64
  %sinh = ps.sinh %a : f64
  // CHECK: ps.cosh %[[A]] : f64
  %cosh = ps.cosh %a : f64
  // CHECK: ps.tanh %[[U]] : !ps.untyped
  %tanh = ps.tanh %u : !ps.untyped
  // CHECK: ps.atan2 %[[A]], %[[B]] : f64
  %atan2 = ps.atan2 %a, %b : f64
  // CHECK: ps.fma %[[A]], %[[B]], %[[U]] : (f64, f64, !ps.untyped) -> f64
  %21 = ps.fma %a, %b, %u : (f64, f64, !ps.untyped) -> f64
  // CHECK: %[[C:.*]] = ps.cmp le, %[[A]], %[[U]] : (f64, !ps.untyped)
  %22 = ps.cmp le, %a, %u : (f64, !ps.untyped)
  // CHECK: ps.select %[[C]], %[[A]], %[[B]] : f64
  %23 = ps.select %22, %a, %b : f64
  // CHECK: ps.cast %[[I]] : i32 to f64
  %24 = ps.cast %i : i32 to f64
  ps.return
}

// Parameters are named by their SSA names (kept as ps.name, shown by the
// printer as the SSA name again); a name that is no SSA name stays an
// attribute, and a parameter without a name is arg<N>.
// NAMES-LABEL: ps.kernel @names
// NAMES-SAME: (%src: !ps.field<?xf64>, %arg1: f64, %arg2: f64 {ps.name = "my weight"})
// GENERIC: arg_attrs = [{ps.name = "src"}, {}, {ps.name = "my weight"}]
// GENERIC-SAME: sym_name = "names"
ps.kernel @names(%src: !ps.field<?xf64>, %arg1: f64, %w: f64 {ps.name = "my weight"}) {
  ps.return
}

// A reduction result is a parameter; ps.reduce names the value type only
// when it is not the result's element type.
// CHECK-LABEL: ps.kernel @reductions
// CHECK-SAME: %[[R:[a-z]+]]: !ps.reduction<add, f64>, %[[M:[a-z]+]]: !ps.reduction<max, i64>
// CHECK: ps.reduce %{{.*}}, %[[R]] : !ps.reduction<add, f64>
// CHECK: ps.reduce %{{.*}}, %[[M]] : !ps.untyped, !ps.reduction<max, i64>
// GENERIC: "ps.reduce"(%{{.*}}, %{{.*}}) : (f64, !ps.reduction<add, f64>) -> ()
ps.kernel @reductions(%u: !ps.field<?xf64>, %r: !ps.reduction<add, f64>,
                      %m: !ps.reduction<max, i64>) {
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    ps.reduce %v, %r : !ps.reduction<add, f64>
    %one = ps.constant 1 : !ps.untyped
    ps.reduce %one, %m : !ps.untyped, !ps.reduction<max, i64>
  }
  ps.return
}

// Records, lookups and access indices that are values: a bounce-back over
// records (x, y, d) with a weight member of another type in its own field.
// CHECK-LABEL: ps.kernel @records
// CHECK: ps.iterate_sparse (%{{.*}}, %{{.*}}) in %[[L:[a-z]+]] disjoint : !ps.field<?xi32, components [3], layout c> {
// CHECK: %[[D:.*]] = ps.load_record %[[L]](2) : !ps.field<?xi32, components [3], layout c>
// CHECK: %[[W:.*]] = ps.load_record %{{.*}} : !ps.field<?xf64>
// CHECK: %[[DX:.*]] = ps.lookup %[[D]] : i32 in dense<[0, 1, -1]> : tensor<3xi32>
// CHECK: %[[INV:.*]] = ps.lookup %[[D]] : i32 in dense<[0, 2, 1]> : tensor<3xi64>
// CHECK: %[[V:.*]] = ps.load %{{.*}}[%[[DX]] : i32, 0](%[[D]] : i32) : !ps.field<?x?xf64, components [3]>
// CHECK: ps.store %{{.*}}, %{{.*}}[0, 0](%[[INV]] : i64) : !ps.field<?x?xf64, components [3]>
// GENERIC: "ps.iterate_sparse"(%{{.*}}) <{disjoint}>
// GENERIC: "ps.load"(%{{.*}}, %{{.*}}, %{{.*}}) <{components = array<i64: -9223372036854775808>, offsets = array<i64: -9223372036854775808, 0>, operandSegmentSizes = array<i32: 1, 1, 1>}>
ps.kernel @records(%f: !ps.field<?x?xf64, components [3]>,
                   %l: !ps.field<?xi32, components [3], layout c>,
                   %w: !ps.field<?xf64>) {
  ps.iterate_sparse (%x, %y) in %l disjoint : !ps.field<?xi32, components [3], layout c> {
    %d = ps.load_record %l(2) : !ps.field<?xi32, components [3], layout c>
    %weight = ps.load_record %w : !ps.field<?xf64>
    %dx = ps.lookup %d : i32 in dense<[0, 1, -1]> : tensor<3xi32>
    %inv = ps.lookup %d : i32 in dense<[0, 2, 1]> : tensor<3xi64>
    %v = ps.load %f[%dx : i32, 0](%d : i32) : !ps.field<?x?xf64, components [3]>
    %r = ps.mul %v, %weight : f64
    ps.store %r, %f[0, 0](%inv : i64) : !ps.field<?x?xf64, components [3]>
  }
  ps.return
}
