// RUN: ps-opt %s -split-input-file -pass-pipeline='builtin.module(ps.kernel(ps-contract))' | FileCheck %s

// A left-to-right weighted sum becomes one chain of fused multiply-adds
// through the accumulator; the first two products fuse into one.
// CHECK-LABEL: ps.kernel @weighted_sum
// CHECK-SAME: (%{{.*}}: !ps.field<?xf64>, %{{.*}}: !ps.field<?xf64>, %[[W0:.*]]: f64, %[[W1:.*]]: f64, %[[W2:.*]]: f64)
// CHECK: %[[L:.*]] = ps.load %{{.*}}[-1]
// CHECK-NEXT: %[[C:.*]] = ps.load %{{.*}}[0]
// CHECK-NEXT: %[[R:.*]] = ps.load %{{.*}}[1]
// CHECK-NEXT: %[[P0:.*]] = ps.mul %[[W0]], %[[L]] : f64
// CHECK-NEXT: %[[A1:.*]] = ps.fma %[[W1]], %[[C]], %[[P0]] : f64
// CHECK-NEXT: %[[A2:.*]] = ps.fma %[[W2]], %[[R]], %[[A1]] : f64
// CHECK-NEXT: ps.store %[[A2]]
// CHECK-NOT: ps.add
ps.kernel @weighted_sum(%src: !ps.field<?xf64>, %dst: !ps.field<?xf64>,
                        %w0: f64, %w1: f64, %w2: f64) {
  ps.iterate (%x) in %dst ghost 1 : !ps.field<?xf64> {
    %l = ps.load %src[-1] : !ps.field<?xf64>
    %c = ps.load %src[0] : !ps.field<?xf64>
    %r = ps.load %src[1] : !ps.field<?xf64>
    %p0 = ps.mul %w0, %l : f64
    %p1 = ps.mul %w1, %c : f64
    %a1 = ps.add %p0, %p1 : f64
    %p2 = ps.mul %w2, %r : f64
    %a2 = ps.add %a1, %p2 : f64
    ps.store %a2, %dst[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// A product on the left of an addition fuses too, in f32 as in f64.
// CHECK-LABEL: ps.kernel @product_first
// CHECK-SAME: (%[[A:.*]]: f32, %[[B:.*]]: f32, %[[C:.*]]: f32
// CHECK: %[[F:.*]] = ps.fma %[[A]], %[[B]], %[[C]] : f32
// CHECK-NEXT: ps.store %[[F]]
ps.kernel @product_first(%a: f32, %b: f32, %c: f32, %f: !ps.field<?xf32>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf32> {
    %p = ps.mul %a, %b : f32
    %s = ps.add %p, %c : f32
    ps.store %s, %f[0] : !ps.field<?xf32>
  }
  ps.return
}

// -----

// Subtractions fuse through exact negations: a*b - c = fma(a, b, -c) and
// c - a*b = fma(-a, b, c).
// CHECK-LABEL: ps.kernel @subtractions
// CHECK-SAME: (%[[A:.*]]: f64, %[[B:.*]]: f64, %[[C:.*]]: f64
// CHECK: %[[NC:.*]] = ps.neg %[[C]] : f64
// CHECK-NEXT: %[[D1:.*]] = ps.fma %[[A]], %[[B]], %[[NC]] : f64
// CHECK-NEXT: ps.store %[[D1]], %[[F:.*]][0]
// CHECK-NEXT: %[[NA:.*]] = ps.neg %[[A]] : f64
// CHECK-NEXT: %[[D2:.*]] = ps.fma %[[NA]], %[[B]], %[[C]] : f64
// CHECK-NEXT: ps.store %[[D2]], %[[G:.*]][0]
ps.kernel @subtractions(%a: f64, %b: f64, %c: f64,
                        %f: !ps.field<?xf64>, %g: !ps.field<?xf64>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %p = ps.mul %a, %b : f64
    %d1 = ps.sub %p, %c : f64
    ps.store %d1, %f[0] : !ps.field<?xf64>
    %q = ps.mul %a, %b : f64
    %d2 = ps.sub %c, %q : f64
    ps.store %d2, %g[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// Left alone: integer arithmetic, untyped values (typify first), and a
// product with another use, which fusing would compute twice.
// CHECK-LABEL: ps.kernel @not_fused
// CHECK: %[[P:.*]] = ps.mul %{{.*}}, %{{.*}} : i64
// CHECK-NEXT: ps.add %[[P]], %{{.*}} : i64
// CHECK: %[[Q:.*]] = ps.mul %{{.*}}, %{{.*}} : f64
// CHECK-NEXT: %[[S:.*]] = ps.add %[[Q]], %{{.*}} : f64
// CHECK-NEXT: ps.mul %[[Q]], %[[S]] : f64
// CHECK: ps.mul %{{.*}}, %{{.*}} : !ps.untyped
// CHECK-NEXT: ps.add
// CHECK-NOT: ps.fma
ps.kernel @not_fused(%i: i64, %j: i64, %a: f64, %b: f64,
                     %f: !ps.field<?xf64>, %g: !ps.field<?xi64>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %ip = ps.mul %i, %j : i64
    %is = ps.add %ip, %j : i64
    ps.store %is, %g[0] : !ps.field<?xi64>
    %q = ps.mul %a, %b : f64
    %s = ps.add %q, %b : f64
    %t = ps.mul %q, %s : f64
    ps.store %t, %f[0] : !ps.field<?xf64>
    %c1 = ps.constant 2.0 : !ps.untyped
    %u = ps.mul %c1, %c1 : !ps.untyped
    %v = ps.add %u, %c1 : !ps.untyped
    ps.store %v, %f[0] : !ps.untyped, !ps.field<?xf64>
  }
  ps.return
}
