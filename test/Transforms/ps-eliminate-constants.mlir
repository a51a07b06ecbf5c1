// RUN: ps-opt %s -pass-pipeline='builtin.module(ps.kernel(ps-eliminate-constants))' | FileCheck %s

// Constant expressions are folded where that is exact, the rest is computed
// once at the top of the kernel, and equal ones are shared.
// CHECK-LABEL: ps.kernel @constants
// CHECK-SAME: (%[[F:.*]]: !ps.field<?xf64>, %[[W:.*]]: f64)
// CHECK-NEXT: %[[TWO:.*]] = ps.constant 2.0 : f64
// CHECK-NEXT: %[[EXP:.*]] = ps.exp %[[TWO]] : f64
// CHECK-NEXT: ps.iterate
// CHECK-NEXT: %[[V:.*]] = ps.load %[[F]][0]
// 2.0 * 0.5 folds to 1.0 and v * 1.0 to v; the two exp(2.0) are one.
// CHECK-NEXT: %[[B:.*]] = ps.add %[[V]], %[[EXP]] : f64
// CHECK-NEXT: %[[C:.*]] = ps.add %[[B]], %[[EXP]] : f64
// Expressions of symbols are not constants: they are ps-hoist-invariants' work.
// CHECK-NEXT: %[[D:.*]] = ps.mul %[[W]], %[[TWO]] : f64
// CHECK-NEXT: ps.add %[[C]], %[[D]] : f64
ps.kernel @constants(%f: !ps.field<?xf64>, %w: f64) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %two = ps.constant 2.0 : f64
    %half = ps.constant 0.5 : f64
    %one = ps.mul %two, %half : f64
    %a = ps.mul %v, %one {fastmath} : f64
    %e1 = ps.exp %two : f64
    %b = ps.add %a, %e1 : f64
    %two2 = ps.constant 2.0 : f64
    %e2 = ps.exp %two2 : f64
    %c = ps.add %b, %e2 : f64
    %d = ps.mul %w, %two : f64
    %r = ps.add %c, %d : f64
    ps.store %r, %f[0] : !ps.field<?xf64>
  }
  ps.return
}
