// RUN: ps-opt %s -split-input-file -canonicalize="test-convergence" | FileCheck %s

// Folds of typed constants are exact in the operation's type.
// CHECK-LABEL: ps.kernel @fold_float
ps.kernel @fold_float(%f: !ps.field<?xf32>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf32> {
    // 0.1f + 0.2f rounds to 0.3f in f32 (0.300000012), not to the f64 sum.
    // CHECK-DAG: %[[SUM:.*]] = ps.constant 0.3 : f32
    // CHECK-DAG: %[[FMA:.*]] = ps.constant 7.0 : f32
    // CHECK-DAG: %[[SQRT:.*]] = ps.constant 1.4142135 : f32
    // CHECK-DAG: %[[FLOOR:.*]] = ps.constant -2.0 : f32
    %a = ps.constant 0.1 : f32
    %b = ps.constant 0.2 : f32
    %s = ps.add %a, %b : f32
    ps.store %s, %f[0] : !ps.field<?xf32>
    %two = ps.constant 2.0 : f32
    %three = ps.constant 3.0 : f32
    %one = ps.constant 1.0 : f32
    %m = ps.fma %two, %three, %one : f32
    ps.store %m, %f[0] : !ps.field<?xf32>
    %r = ps.sqrt %two : f32
    ps.store %r, %f[0] : !ps.field<?xf32>
    %n = ps.constant -1.5 : f32
    %fl = ps.floor %n : f32
    ps.store %fl, %f[0] : !ps.field<?xf32>
    // CHECK: ps.store %[[SUM]]
    // CHECK: ps.store %[[FMA]]
    // CHECK: ps.store %[[SQRT]]
    // CHECK: ps.store %[[FLOOR]]
  }
  ps.return
}

// -----

// Functions that libm does not round correctly are not folded.
// CHECK-LABEL: ps.kernel @no_fold_transcendental
ps.kernel @no_fold_transcendental(%f: !ps.field<?xf64>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %one = ps.constant 1.0 : f64
    // CHECK: ps.exp
    // CHECK: ps.sin
    // CHECK: ps.pow
    %e = ps.exp %one : f64
    %s = ps.sin %e : f64
    %p = ps.pow %s, %one : f64
    ps.store %p, %f[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// IEEE-exact identities apply; x + 0.0 and x * 0.0 only with fastmath.
// CHECK-LABEL: ps.kernel @identities
// CHECK-SAME: (%[[F:.*]]: !ps.field<?xf64>, %[[A:.*]]: f64)
ps.kernel @identities(%f: !ps.field<?xf64>, %a: f64) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %zero = ps.constant 0.0 : f64
    %nzero = ps.constant -0.0 : f64
    %one = ps.constant 1.0 : f64
    // CHECK: ps.store %[[A]], %[[F]][0]
    %0 = ps.mul %a, %one : f64
    ps.store %0, %f[0] : !ps.field<?xf64>
    // CHECK-NEXT: ps.store %[[A]], %[[F]][0]
    %1 = ps.add %a, %nzero : f64
    ps.store %1, %f[0] : !ps.field<?xf64>
    // CHECK-NEXT: ps.store %[[A]], %[[F]][0]
    %2 = ps.sub %a, %zero : f64
    ps.store %2, %f[0] : !ps.field<?xf64>
    // CHECK-NEXT: ps.store %[[A]], %[[F]][0]
    %3 = ps.div %a, %one : f64
    ps.store %3, %f[0] : !ps.field<?xf64>
    // -0.0 + 0.0 is +0.0: not an identity.
    // CHECK-NEXT: %[[ADD0:.*]] = ps.add %[[A]], %{{.*}} : f64
    // CHECK-NEXT: ps.store %[[ADD0]]
    %4 = ps.add %a, %zero : f64
    ps.store %4, %f[0] : !ps.field<?xf64>
    // CHECK-NEXT: ps.store %[[A]], %[[F]][0]
    %5 = ps.add %a, %zero {fastmath} : f64
    ps.store %5, %f[0] : !ps.field<?xf64>
    // x * 0.0 is -0.0 or NaN for some x.
    // CHECK-NEXT: %[[MUL0:.*]] = ps.mul %[[A]], %{{.*}} : f64
    // CHECK-NEXT: ps.store %[[MUL0]]
    %6 = ps.mul %a, %zero : f64
    ps.store %6, %f[0] : !ps.field<?xf64>
    // x - x is NaN for infinite x.
    // CHECK-NEXT: %[[SUB:.*]] = ps.sub %[[A]], %[[A]] : f64
    // CHECK-NEXT: ps.store %[[SUB]]
    %7 = ps.sub %a, %a : f64
    ps.store %7, %f[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// CHECK-LABEL: ps.kernel @integers
// CHECK-SAME: (%[[F:.*]]: !ps.field<?xi32>, %[[I:.*]]: i32)
ps.kernel @integers(%f: !ps.field<?xi32>, %i: i32) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xi32> {
    %zero = ps.constant 0 : i32
    %seven = ps.constant 7 : i32
    %mtwo = ps.constant -2 : i32
    // C division truncates toward zero: 7 / -2 == -3, 7 % -2 == 1.
    // CHECK-DAG: %[[Q:.*]] = ps.constant -3 : i32
    // CHECK-DAG: %[[R:.*]] = ps.constant 1 : i32
    // CHECK-DAG: %[[Z:.*]] = ps.constant 0 : i32
    %q = ps.div %seven, %mtwo : i32
    ps.store %q, %f[0] : !ps.field<?xi32>
    %r = ps.rem %seven, %mtwo : i32
    ps.store %r, %f[0] : !ps.field<?xi32>
    // Division by zero is left for run time.
    // CHECK: %[[DZ:.*]] = ps.div %{{.*}}, %[[Z]] : i32
    %dz = ps.div %seven, %zero : i32
    ps.store %dz, %f[0] : !ps.field<?xi32>
    // CHECK: ps.store %[[Z]], %[[F]][0]
    %d = ps.sub %i, %i : i32
    ps.store %d, %f[0] : !ps.field<?xi32>
    // CHECK: ps.store %[[I]], %[[F]][0]
    %a = ps.add %i, %zero : i32
    ps.store %a, %f[0] : !ps.field<?xi32>
  }
  ps.return
}

// -----

// CHECK-LABEL: ps.kernel @casts_and_compares
// CHECK-SAME: (%[[F:.*]]: !ps.field<?xf32>, %[[A:.*]]: f32, %[[B:.*]]: f64)
// CHECK-DAG: %[[M2:.*]] = ps.constant -2 : i32
// CHECK-DAG: %[[ONE:.*]] = ps.constant 1.0 : f32
// CHECK-DAG: %[[BIG:.*]] = ps.constant 1.0E+10 : f64
ps.kernel @casts_and_compares(%f: !ps.field<?xf32>, %a: f32, %b: f64) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf32> {
    // f32 -> f64 -> f32 is exact; f64 -> f32 -> f64 is not.
    // CHECK: ps.store %[[A]], %[[F]][0]
    %w = ps.cast %a : f32 to f64
    %n = ps.cast %w : f64 to f32
    ps.store %n, %f[0] : !ps.field<?xf32>
    // (f64 -> f32) -> f64 -> f32 drops the exact round trip at the end.
    // CHECK-NEXT: %[[N:.*]] = ps.cast %[[B]] : f64 to f32
    // CHECK-NEXT: ps.store %[[N]], %[[F]][0]
    %n2 = ps.cast %b : f64 to f32
    %w2 = ps.cast %n2 : f32 to f64
    %n3 = ps.cast %w2 : f64 to f32
    ps.store %n3, %f[0] : !ps.field<?xf32>
    // Float to integer truncates toward zero (-2.7 -> -2); 1e10 does not fit
    // an i32 (undefined in C) and stays a cast.
    // CHECK: %[[BI:.*]] = ps.cast %[[BIG]] : f64 to i32
    // CHECK-NEXT: ps.add %[[BI]], %[[M2]] : i32
    %c = ps.constant -2.7 : f64
    %ci = ps.cast %c : f64 to i32
    %big = ps.constant 1.0e10 : f64
    %bi = ps.cast %big : f64 to i32
    %s = ps.add %ci, %bi : i32
    %sf = ps.cast %s : i32 to f32
    ps.store %sf, %f[0] : !ps.field<?xf32>
    // NaN compares unequal to itself; ne is true for it: both selects pick
    // 1.0.
    %nan = ps.constant nan : f32
    %eq = ps.cmp eq, %nan, %nan : f32
    %ne = ps.cmp ne, %nan, %nan : f32
    %one = ps.constant 1.0 : f32
    // CHECK: ps.store %[[ONE]], %[[F]][0]
    %v = ps.select %eq, %a, %one : f32
    %v2 = ps.select %ne, %v, %a : f32
    ps.store %v2, %f[0] : !ps.field<?xf32>
  }
  ps.return
}

// -----

// CHECK-LABEL: ps.kernel @negations
// CHECK-SAME: (%[[F:.*]]: !ps.field<?xf64>, %[[A:.*]]: f64, %[[B:.*]]: f64)
ps.kernel @negations(%f: !ps.field<?xf64>, %a: f64, %b: f64) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    // CHECK: ps.store %[[A]], %[[F]][0]
    %n = ps.neg %a : f64
    %nn = ps.neg %n : f64
    ps.store %nn, %f[0] : !ps.field<?xf64>
    // CHECK: %[[S:.*]] = ps.sub %[[A]], %[[B]] : f64
    // CHECK: ps.store %[[S]]
    %nb = ps.neg %b : f64
    %s = ps.add %a, %nb : f64
    ps.store %s, %f[0] : !ps.field<?xf64>
    // CHECK: %[[T:.*]] = ps.add %[[A]], %[[B]] : f64
    // CHECK: ps.store %[[T]]
    %t = ps.sub %a, %nb : f64
    ps.store %t, %f[0] : !ps.field<?xf64>
    // CHECK: %[[M:.*]] = ps.mul %[[A]], %[[B]] : f64
    // CHECK: ps.store %[[M]]
    %m = ps.mul %n, %nb : f64
    ps.store %m, %f[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// Untyped operations are not folded: their precision is not known yet.
// CHECK-LABEL: ps.kernel @untyped
ps.kernel @untyped(%f: !ps.field<?xf64>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %a = ps.constant 0.1 : !ps.untyped
    %b = ps.constant 0.2 : !ps.untyped
    // CHECK: ps.add %{{.*}}, %{{.*}} : !ps.untyped
    %s = ps.add %a, %b : !ps.untyped
    ps.store %s, %f[0] : !ps.untyped, !ps.field<?xf64>
  }
  ps.return
}
