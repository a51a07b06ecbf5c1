// RUN: ps-opt %s -split-input-file -convert-ps-to-scf | FileCheck %s

// Fields become strided memrefs (spatial then component dimensions, a unit
// stride where the layout has one); the loop nest runs the slowest
// dimension outermost; bounds come from the slice (a negative stop counts
// from the field's extent, a positive one is absolute); accesses add their
// offsets to the point; counters are the loop indices cast to their type.
// CHECK-LABEL: func.func @dense
// CHECK-SAME: (%[[F:.*]]: memref<?x?x2xf64, strided<[1, ?, ?], offset: ?>>, %[[G:.*]]: memref<?x?xf32, strided<[?, 1], offset: ?>>, %[[W:.*]]: f64)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG: %[[C7:.*]] = arith.constant 7 : index
// CHECK-DAG: %[[NX:.*]] = memref.dim %[[F]], %[[C0]]
// CHECK-DAG: %[[UBX:.*]] = arith.addi %[[NX]], %{{.*}} : index
// CHECK: scf.for %[[Y:.*]] = %{{.*}} to %[[C7]] step %{{.*}} {
// CHECK-NEXT: scf.for %[[X:.*]] = %[[C1]] to %[[UBX]] step %[[C2]] {
// CHECK-NEXT: %[[XI:.*]] = arith.index_cast %[[X]] : index to i64
// CHECK: %[[XM:.*]] = arith.addi %[[X]], %{{.*}} : index
// CHECK: %[[V:.*]] = memref.load %[[F]][%[[XM]], %[[Y]], %{{.*}}]
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[V]], %[[W]] fastmath<fast> : f64
// CHECK: memref.store %[[R]], %[[F]][%[[X]], %[[Y]], %{{.*}}]
// CHECK-NEXT: %[[XF:.*]] = arith.sitofp %[[XI]] : i64 to f32
// CHECK-NEXT: memref.store %[[XF]], %[[G]][%[[X]], %[[Y]]]
// Each loop records the dimension it runs over, for ps-parallelize.
// CHECK-NEXT: } {ps.dim = 0 : i64}
// CHECK-NEXT: } {ps.dim = 1 : i64}
// CHECK-NOT: {{ ps\.[a-z_]+ }}
ps.kernel @dense(%f: !ps.field<?x?xf64, components [2]>, %g: !ps.field<?x?xf32, layout c>, %w: f64) {
  ps.iterate (%x, %y : i64) in %f slice [1:-1:2, 0:7] : !ps.field<?x?xf64, components [2]> {
    %v = ps.load %f[-1, 0](1) : !ps.field<?x?xf64, components [2]>
    %r = ps.mul %v, %w {fastmath} : f64
    ps.store %r, %f[0, 0](0) : !ps.field<?x?xf64, components [2]>
    %xf = ps.cast %x : i64 to f32
    ps.store %xf, %g[0, 0] : !ps.field<?x?xf32, layout c>
  }
  ps.return
}

// -----

// A sparse space is one loop over the index list; the coordinates are
// loaded from each entry.
// CHECK-LABEL: func.func @sparse
// CHECK-SAME: (%[[U:.*]]: memref<?x?xf64, strided<[1, ?], offset: ?>>, %[[L:.*]]: memref<?x2xi32, strided<[2, 1], offset: ?>>)
// CHECK: %[[N:.*]] = memref.dim %[[L]], %{{.*}}
// CHECK: scf.for %[[E:.*]] = %{{.*}} to %[[N]] step %{{.*}} {
// CHECK: %[[CX:.*]] = memref.load %[[L]][%[[E]], %{{.*}}] : memref<?x2xi32
// CHECK-NEXT: %[[IX:.*]] = arith.index_cast %[[CX]] : i32 to index
// CHECK: %[[CY:.*]] = memref.load %[[L]][%[[E]], %{{.*}}] : memref<?x2xi32
// CHECK-NEXT: %[[IY:.*]] = arith.index_cast %[[CY]] : i32 to index
// CHECK: %[[YP:.*]] = arith.addi %[[IY]], %{{.*}} : index
// CHECK: memref.load %[[U]][%[[IX]], %[[YP]]]
ps.kernel @sparse(%u: !ps.field<?x?xf64>, %l: !ps.field<?xi32, components [2], layout c>) {
  ps.iterate_sparse (%x, %y : i32) in %l : !ps.field<?xi32, components [2], layout c> {
    %v = ps.load %u[0, 1] : !ps.field<?x?xf64>
    ps.store %v, %u[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}

// -----

// Scalar operations take C's semantics: signed integers, truncating
// division, fmin/fmax, != true for NaN, bool conversions compare with 0.
// CHECK-LABEL: func.func @scalars
// CHECK-SAME: (%[[A:.*]]: f32, %[[B:.*]]: f32, %[[I:.*]]: i32, %[[P:.*]]: i1)
ps.kernel @scalars(%a: f32, %b: f32, %i: i32, %p: i1) {
  // CHECK: arith.divsi %[[I]], %[[I]] : i32
  %0 = ps.div %i, %i : i32
  // CHECK: arith.remsi %[[I]], %[[I]] : i32
  %1 = ps.rem %i, %i : i32
  // CHECK: arith.minnumf %[[A]], %[[B]] : f32
  %2 = ps.min %a, %b : f32
  // CHECK: arith.maxsi %[[I]], %{{.*}} : i32
  %3 = ps.max %i, %0 : i32
  // CHECK: arith.cmpf une, %[[A]], %[[B]] : f32
  %4 = ps.cmp ne, %a, %b : f32
  // CHECK: arith.cmpf olt, %[[A]], %[[B]] : f32
  %5 = ps.cmp lt, %a, %b : f32
  // CHECK: arith.cmpi sge, %[[I]], %[[I]] : i32
  %6 = ps.cmp ge, %i, %i : i32
  // CHECK: arith.negf %[[A]] : f32
  %7 = ps.neg %a : f32
  // CHECK: %[[Z:.*]] = arith.constant 0 : i32
  // CHECK-NEXT: arith.subi %[[Z]], %[[I]] : i32
  %8 = ps.neg %i : i32
  // CHECK: %[[T:.*]] = arith.constant true
  // CHECK-NEXT: arith.xori %[[P]], %[[T]] : i1
  %9 = ps.not %p : i1
  // CHECK: math.fma %[[A]], %[[B]], %[[A]] : f32
  %10 = ps.fma %a, %b, %a : f32
  // CHECK: math.powf %[[A]], %[[B]] : f32
  %11 = ps.pow %a, %b : f32
  // CHECK: math.absi %[[I]] : i32
  %12 = ps.abs %i : i32
  // CHECK: arith.select %[[P]], %[[A]], %[[B]] : f32
  %13 = ps.select %p, %a, %b : f32
  // CHECK: arith.fptosi %[[A]] : f32 to i32
  %14 = ps.cast %a : f32 to i32
  // CHECK: arith.extf %[[A]] : f32 to f64
  %15 = ps.cast %a : f32 to f64
  // CHECK: arith.extsi %[[I]] : i32 to i64
  %16 = ps.cast %i : i32 to i64
  // CHECK: arith.trunci %[[I]] : i32 to i8
  %17 = ps.cast %i : i32 to i8
  // CHECK: arith.extui %[[P]] : i1 to i32
  %18 = ps.cast %p : i1 to i32
  // CHECK: arith.uitofp %[[P]] : i1 to f32
  %19 = ps.cast %p : i1 to f32
  // CHECK: %[[FZ:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK-NEXT: arith.cmpf une, %[[A]], %[[FZ]] : f32
  %20 = ps.cast %a : f32 to i1
  // CHECK: math.sqrt
  // CHECK: math.exp
  // CHECK: math.log
  // CHECK: math.sin
  // CHECK: math.cos
  // CHECK: math.floor
  // CHECK: math.ceil
  // CHECK: math.tan
  // CHECK: math.asin
  // CHECK: math.acos
  // CHECK: math.atan %
  // CHECK: math.sinh
  // CHECK: math.cosh
  // CHECK: math.tanh
  // CHECK: math.atan2 %[[A]], %[[B]] : f32
  %21 = ps.sqrt %a : f32
  %22 = ps.exp %a : f32
  %23 = ps.log %a : f32
  %24 = ps.sin %a : f32
  %25 = ps.cos %a : f32
  %26 = ps.floor %a : f32
  %27 = ps.ceil %a : f32
  %28 = ps.tan %a : f32
  %29 = ps.asin %a : f32
  %30 = ps.acos %a : f32
  %31 = ps.atan %a : f32
  %32 = ps.sinh %a : f32
  %33 = ps.cosh %a : f32
  %34 = ps.tanh %a : f32
  %35 = ps.atan2 %a, %b : f32
  // CHECK: return
  ps.return
}

// -----

// bf16 and f16 have the same width and neither holds the other: the cast
// goes through f32 (arith casts only between widths).
// CHECK-LABEL: func.func @half_casts
// CHECK: %[[B:.*]] = memref.load %{{.*}} : memref<?xbf16
// CHECK: %[[W:.*]] = arith.extf %[[B]] : bf16 to f32
// CHECK: %[[H:.*]] = arith.truncf %[[W]] : f32 to f16
// CHECK: memref.store %[[H]]
ps.kernel @half_casts(%b: !ps.field<?xbf16>, %h: !ps.field<?xf16>) {
  ps.iterate (%x : i64) in %h : !ps.field<?xf16> {
    %v = ps.load %b[0] : !ps.field<?xbf16>
    %c = ps.cast %v : bf16 to f16
    ps.store %c, %h[0] : !ps.field<?xf16>
  }
  ps.return
}

// -----

// A reduction result is a 0-d memref. The loops of the nest carry the
// partial reductions from the identities (-0.0 for a float sum, the smallest
// integer for a maximum), the innermost combines each point's value in
// program order, and after the nest each result becomes `*r op partial`.
// CHECK-LABEL: func.func @reduce
// CHECK-SAME: %[[U:.*]]: memref<?x?xf64, strided<[1, ?], offset: ?>>, %[[R:.*]]: memref<f64>, %[[M:.*]]: memref<i64>
// CHECK-DAG: %[[ZERO:.*]] = arith.constant -0.000000e+00 : f64
// CHECK-DAG: %[[SMALLEST:.*]] = arith.constant -9223372036854775808 : i64
// CHECK: %[[NEST:.*]]:2 = scf.for %[[Y:.*]] = %{{.*}} iter_args(%[[RY:.*]] = %[[ZERO]], %[[MY:.*]] = %[[SMALLEST]]) -> (f64, i64) {
// CHECK: %[[ROW:.*]]:2 = scf.for %[[X:.*]] = %{{.*}} iter_args(%[[RX:.*]] = %[[RY]], %[[MX:.*]] = %[[MY]]) -> (f64, i64) {
// CHECK: %[[V:.*]] = memref.load %[[U]][%[[X]], %[[Y]]]
// CHECK: %[[SQ:.*]] = arith.mulf %[[V]], %[[V]] : f64
// CHECK: %[[SUM:.*]] = arith.addf %[[RX]], %[[SQ]] : f64
// CHECK: %[[MAX:.*]] = arith.maxsi %[[MX]], %{{.*}} : i64
// CHECK: scf.yield %[[SUM]], %[[MAX]] : f64, i64
// CHECK-NEXT: } {ps.dim = 0 : i64, ps.reductions = ["add", "max"]}
// CHECK-NEXT: scf.yield %[[ROW]]#0, %[[ROW]]#1 : f64, i64
// CHECK-NEXT: } {ps.dim = 1 : i64, ps.reductions = ["add", "max"]}
// CHECK-NEXT: %[[OLD:.*]] = memref.load %[[R]][] : memref<f64>
// CHECK-NEXT: %[[NEW:.*]] = arith.addf %[[OLD]], %[[NEST]]#0 : f64
// CHECK-NEXT: memref.store %[[NEW]], %[[R]][] : memref<f64>
// CHECK-NEXT: %[[OLDM:.*]] = memref.load %[[M]][] : memref<i64>
// CHECK-NEXT: %[[NEWM:.*]] = arith.maxsi %[[OLDM]], %[[NEST]]#1 : i64
// CHECK-NEXT: memref.store %[[NEWM]], %[[M]][] : memref<i64>
ps.kernel @reduce(%u: !ps.field<?x?xf64>, %r: !ps.reduction<add, f64>,
                  %m: !ps.reduction<max, i64>) {
  ps.iterate (%x, %y : i64) in %u ghost 1 : !ps.field<?x?xf64> {
    %v = ps.load %u[0, 0] : !ps.field<?x?xf64>
    %sq = ps.mul %v, %v : f64
    ps.reduce %sq, %r : !ps.reduction<add, f64>
    ps.reduce %x, %m : !ps.reduction<max, i64>
  }
  ps.return
}

// -----

// A sparse space carries its partials through its one loop.
// CHECK-LABEL: func.func @reduce_sparse
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[P:.*]] = scf.for %{{.*}} iter_args(%[[ACC:.*]] = %[[ONE]]) -> (f32) {
// CHECK: arith.mulf %[[ACC]], %{{.*}} : f32
// CHECK: } {ps.dim = 0 : i64, ps.reductions = ["mul"], ps.sparse}
// CHECK: arith.mulf %{{.*}}, %[[P]] : f32
ps.kernel @reduce_sparse(%list: !ps.field<?xi64, components [2]>,
                         %u: !ps.field<?x?xf32>, %p: !ps.reduction<mul, f32>) {
  ps.iterate_sparse (%x, %y : i64) in %list : !ps.field<?xi64, components [2]> {
    %v = ps.load %u[0, 0] : !ps.field<?x?xf32>
    ps.reduce %v, %p : !ps.reduction<mul, f32>
  }
  ps.return
}

// -----

// A sparse space reads the records of entry %i: the index list's members at
// their component, another record field at %i. A lookup is an element of a
// constant vector; offsets and components that are values are added to the
// point and cast to index.
// CHECK-LABEL: func.func @records
// CHECK-SAME: %[[F:[a-z0-9]+]]: memref<?x?x3xf64, {{.*}}>, %[[L:[a-z0-9]+]]: memref<?x3xi32, {{.*}}>, %[[W:[a-z0-9]+]]: memref<?xf64, {{.*}}>
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[X:.*]] = arith.index_cast %{{.*}} : i32 to index
// CHECK: %[[Y:.*]] = arith.index_cast %{{.*}} : i32 to index
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[D:.*]] = memref.load %[[L]][%[[I]], %[[C2]]]
// CHECK: %[[WEIGHT:.*]] = memref.load %[[W]][%[[I]]]
// CHECK: %[[TABLE:.*]] = arith.constant dense<[0, 1, -1]> : vector<3xi32>
// CHECK: %[[DI:.*]] = arith.index_cast %[[D]] : i32 to index
// CHECK: %[[DX:.*]] = vector.extract %[[TABLE]][%[[DI]]] : i32 from vector<3xi32>
// CHECK: %[[INV:.*]] = vector.extract %{{.*}}[%{{.*}}] : i64 from vector<3xi64>
// CHECK: %[[DXI:.*]] = arith.index_cast %[[DX]] : i32 to index
// CHECK: %[[XS:.*]] = arith.addi %[[X]], %[[DXI]] : index
// CHECK: %[[COMP:.*]] = arith.index_cast %[[D]] : i32 to index
// CHECK: %[[V:.*]] = memref.load %[[F]][%[[XS]], %[[Y]], %[[COMP]]]
// CHECK: %[[R:.*]] = arith.mulf %[[V]], %[[WEIGHT]] : f64
// CHECK: %[[INVI:.*]] = arith.index_cast %[[INV]] : i64 to index
// CHECK: memref.store %[[R]], %[[F]][%[[X]], %[[Y]], %[[INVI]]]
// CHECK: } {ps.dim = 0 : i64, ps.sparse}
ps.kernel @records(%f: !ps.field<?x?xf64, components [3]>,
                   %l: !ps.field<?xi32, components [3], layout c>,
                   %w: !ps.field<?xf64>) {
  ps.iterate_sparse (%x, %y : i64) in %l disjoint : !ps.field<?xi32, components [3], layout c> {
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
