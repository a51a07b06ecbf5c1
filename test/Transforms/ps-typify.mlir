// RUN: ps-opt %s -split-input-file -pass-pipeline='builtin.module(ps.kernel(ps-typify))' -verify-diagnostics -allow-unregistered-dialect | FileCheck %s
// RUN: not ps-opt %s -pass-pipeline='builtin.module(ps.kernel(ps-typify{default-type=foo}))' -allow-unregistered-dialect 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not ps-opt %s -pass-pipeline='builtin.module(ps.kernel(ps-typify{index-type=f32}))' -allow-unregistered-dialect 2>&1 | FileCheck %s --check-prefix=BADINDEX

// BADOPT: ps-typify: invalid default-type 'foo': expected i8, i16, i32, i64, f16, bf16, f32 or f64
// BADINDEX: ps-typify: invalid index-type 'f32': expected i8, i16, i32 or i64

// Symbols and constants without context take the default type, counters the
// index type; constants next to typed values take their type.
// CHECK-LABEL: ps.kernel @defaults
// CHECK-SAME: (%{{.*}}: !ps.field<?xf32>, %[[S:.*]]: f64, %[[T:.*]]: f64)
ps.kernel @defaults(%f: !ps.field<?xf32>, %s: !ps.untyped, %t: !ps.untyped) {
  // CHECK: ps.iterate (%[[X:.*]] : i64)
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf32> {
    // CHECK: %[[V:.*]] = ps.load
    %v = ps.load %f[0] : !ps.field<?xf32>
    // CHECK: %[[C:.*]] = ps.constant 2.0 : f32
    %c = ps.constant 2 : !ps.untyped
    // CHECK: ps.mul %[[V]], %[[C]] : f32
    %m = ps.mul %v, %c : (f32, !ps.untyped) -> !ps.untyped
    // CHECK: ps.store %{{.*}}, %{{.*}}[0] : !ps.field<?xf32>
    ps.store %m, %f[0] : !ps.untyped, !ps.field<?xf32>
    // CHECK: %[[H:.*]] = ps.constant 0.5 : f64
    %h = ps.constant 0.5 : !ps.untyped
    // CHECK: ps.add %[[S]], %[[H]] : f64
    %a = ps.add %s, %h : !ps.untyped
    // CHECK: ps.mul %{{.*}}, %[[T]] : f64
    %b = ps.mul %a, %t : !ps.untyped
    // CHECK: ps.cast %{{.*}} : f64 to f32
    %bc = ps.cast %b : !ps.untyped to f32
    ps.store %bc, %f[0] : !ps.field<?xf32>
    // A constant only expression with no context: the default type.
    // CHECK: ps.constant 3 : i64
    %k = ps.constant 3 : !ps.untyped
    // CHECK: ps.add %[[X]], %{{.*}} : i64
    %xk = ps.add %x, %k : !ps.untyped
    // CHECK: ps.cast %{{.*}} : i64 to f32
    %xf = ps.cast %xk : !ps.untyped to f32
    ps.store %xf, %f[0] : !ps.field<?xf32>
  }
  ps.return
}

// -----

// Types flow through comparisons, selects and scf.if.
// CHECK-LABEL: ps.kernel @control
ps.kernel @control(%f: !ps.field<?xi16>, %p: i16) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xi16> {
    %zero = ps.constant 0 : !ps.untyped
    // CHECK: ps.cmp gt, %{{.*}}, %{{.*}} : i16
    %pos = ps.cmp gt, %p, %zero : (i16, !ps.untyped)
    %one = ps.constant 1 : !ps.untyped
    // CHECK: ps.select %{{.*}}, %{{.*}}, %{{.*}} : i16
    %s = ps.select %pos, %one, %zero : !ps.untyped
    // CHECK: scf.if %{{.*}} -> (i16)
    %r = scf.if %pos -> !ps.untyped {
      scf.yield %s : !ps.untyped
    } else {
      %m = ps.constant -1 : !ps.untyped
      scf.yield %m : !ps.untyped
    }
    // CHECK: ps.store %{{.*}}, %{{.*}}[0] : !ps.field<?xi16>
    ps.store %r, %f[0] : !ps.untyped, !ps.field<?xi16>
  }
  ps.return
}

// -----

// expected-note@+1 {{the type 'f64' comes from here}}
ps.kernel @mismatch(%f: !ps.field<?xf32>, %s: !ps.untyped) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf32> {
    %v = ps.load %f[0] : !ps.field<?xf32>
    // The symbol defaults to f64: f32 * f64 is not implicitly converted.
    // expected-error@+1 {{'ps.mul' op mixes types 'f64' and 'f32': strict C typing allows no implicit casts; convert one operand with ps.cast}}
    %m = ps.mul %s, %v : (!ps.untyped, f32) -> !ps.untyped
    ps.store %m, %f[0] : !ps.untyped, !ps.field<?xf32>
  }
  ps.return
}

// -----

ps.kernel @widening(%f: !ps.field<?xf64>, %i: i32) {
  // expected-note@+1 {{the type 'i64' comes from here}}
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    // Not even i32 to i64: the counter is an i64.
    // expected-error@+1 {{'ps.add' op mixes types 'i64' and 'i32'}}
    %a = ps.add %x, %i : (!ps.untyped, i32) -> !ps.untyped
  }
  ps.return
}

// -----

ps.kernel @float_literal_in_int_context(%f: !ps.field<?xi32>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xi32> {
    // expected-error@+1 {{'ps.constant' op float literal 2.5 cannot take the integer type 'i32' its context requires; a float never converts implicitly}}
    %c = ps.constant 2.5 : !ps.untyped
    ps.store %c, %f[0] : !ps.untyped, !ps.field<?xi32>
  }
  ps.return
}

// -----

ps.kernel @literal_too_large(%f: !ps.field<?xi8>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xi8> {
    // expected-error@+1 {{'ps.constant' op integer literal 300 does not fit in 'i8'}}
    %c = ps.constant 300 : !ps.untyped
    ps.store %c, %f[0] : !ps.untyped, !ps.field<?xi8>
  }
  ps.return
}

// -----

ps.kernel @sqrt_of_int(%f: !ps.field<?xi32>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xi32> {
    %v = ps.load %f[0] : !ps.field<?xi32>
    %c = ps.constant 4 : !ps.untyped
    // The add gives the sqrt an i32 operand, which the op does not take.
    // expected-error@+1 {{'ps.sqrt' op operand #0 must be floating-point or untyped, but got 'i32'}}
    %s = ps.sqrt %c : !ps.untyped
    %a = ps.add %v, %s : (i32, !ps.untyped) -> i32
  }
  ps.return
}

// -----

ps.kernel @foreign_op(%f: !ps.field<?xf64>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %c = ps.constant 1 : !ps.untyped
    // expected-error@+1 {{'test.foreign' op cannot be typified: it takes or yields untyped values but is not an operation of the ps dialect}}
    "test.foreign"(%c) : (!ps.untyped) -> ()
  }
  ps.return
}

// -----

// A reduced value takes the result's element type, as a stored value takes
// the field's; constants follow.
// CHECK-LABEL: ps.kernel @reduce_typed_by_result
// CHECK: %[[TWO:.*]] = ps.constant 2.0 : f32
// CHECK: %[[V:.*]] = ps.mul %{{.*}}, %[[TWO]] : f32
// CHECK: ps.reduce %[[V]], %{{.*}} : !ps.reduction<max, f32>
ps.kernel @reduce_typed_by_result(%u: !ps.field<?xf32>, %m: !ps.reduction<max, f32>) {
  ps.iterate (%x) in %u : !ps.field<?xf32> {
    %a = ps.load %u[0] : !ps.field<?xf32>
    %two = ps.constant 2.0 : !ps.untyped
    %v = ps.mul %a, %two : (f32, !ps.untyped) -> !ps.untyped
    ps.reduce %v, %m : !ps.untyped, !ps.reduction<max, f32>
  }
  ps.return
}

// -----

// An integer literal reduced into an integer result becomes that integer
// type: a count of the points.
// CHECK-LABEL: ps.kernel @count_points
// CHECK: %[[ONE:.*]] = ps.constant 1 : i64
// CHECK: ps.reduce %[[ONE]], %{{.*}} : !ps.reduction<add, i64>
ps.kernel @count_points(%u: !ps.field<?x?xf64>, %n: !ps.reduction<add, i64>) {
  ps.iterate (%x, %y) in %u : !ps.field<?x?xf64> {
    %one = ps.constant 1 : !ps.untyped
    ps.reduce %one, %n : !ps.untyped, !ps.reduction<add, i64>
  }
  ps.return
}

// -----

// A float reduced into an integer result is a strict-typing error.
ps.kernel @float_into_integer(%u: !ps.field<?xf64>, %n: !ps.reduction<add, i64>) {
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %a = ps.load %u[0] : !ps.field<?xf64>
    %half = ps.constant 0.5 : !ps.untyped
    // expected-note@+1 {{the type 'f64' comes from here}}
    %v = ps.mul %a, %half : (f64, !ps.untyped) -> !ps.untyped
    // expected-error@+1 {{'ps.reduce' op mixes types 'f64' and 'i64': strict C typing allows no implicit casts; convert one operand with ps.cast}}
    ps.reduce %v, %n : !ps.untyped, !ps.reduction<add, i64>
  }
  ps.return
}

// -----

// Untyped offsets, components and table indices are integers: they take
// the index type, as counters do; lookups and record members keep the
// types of their table and field.
// CHECK-LABEL: ps.kernel @untyped_indices
// CHECK: %[[ONE:.*]] = ps.constant 1 : i64
// CHECK: %[[C:.*]] = ps.lookup %[[ONE]] : i64 in dense<[0, 2]> : tensor<2xi32>
// CHECK: %[[MINUS:.*]] = ps.constant -1 : i64
// CHECK: ps.load %{{.*}}[%[[MINUS]] : i64](%[[C]] : i32)
ps.kernel @untyped_indices(%f: !ps.field<?xf64, components [3]>) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64, components [3]> {
    %one = ps.constant 1 : !ps.untyped
    %c = ps.lookup %one : !ps.untyped in dense<[0, 2]> : tensor<2xi32>
    %minus = ps.constant -1 : !ps.untyped
    %v = ps.load %f[%minus : !ps.untyped](%c : i32) : !ps.field<?xf64, components [3]>
    ps.store %v, %f[0](0) : !ps.field<?xf64, components [3]>
  }
}
