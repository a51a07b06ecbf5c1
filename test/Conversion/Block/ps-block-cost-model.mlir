// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --ps-block="rows=32 min-reach=2 memory-bound-only=512" | FileCheck %s

// The blocking of vectorize=auto: only nests that read other planes in z
// (min-reach) and whose innermost loop is memory-bound vectorized in
// 512-bit registers (memory-bound-only) are blocked.

// Reading the planes z-2 to z+2 (five planes): blocked.
// CHECK-LABEL: func.func @reaches_planes
// CHECK: arith.minsi
ps.kernel @reaches_planes(%u: !ps.field<?x?x?xf64>, %v: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %v ghost 2 : !ps.field<?x?x?xf64> {
    %b = ps.load %u[0, 0, -2] : !ps.field<?x?x?xf64>
    %t = ps.load %u[0, 0, 2] : !ps.field<?x?x?xf64>
    %s = ps.add %b, %t : f64
    ps.store %s, %v[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// A 7-point stencil reads only the planes z-1 and z+1, fewer than
// min-reach: not blocked.
// CHECK-LABEL: func.func @reaches_next_planes
// CHECK-NOT: arith.minsi
// CHECK: return
ps.kernel @reaches_next_planes(%u: !ps.field<?x?x?xf64>, %v: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %v ghost 1 : !ps.field<?x?x?xf64> {
    %b = ps.load %u[0, 0, -1] : !ps.field<?x?x?xf64>
    %t = ps.load %u[0, 0, 1] : !ps.field<?x?x?xf64>
    %s = ps.add %b, %t : f64
    ps.store %s, %v[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// Only its own plane: nothing to keep in the caches.
// CHECK-LABEL: func.func @one_plane
// CHECK-NOT: arith.minsi
// CHECK: return
ps.kernel @one_plane(%u: !ps.field<?x?x?xf64>, %v: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %v ghost 1 : !ps.field<?x?x?xf64> {
    %c = ps.load %u[0, 1, 0] : !ps.field<?x?x?xf64>
    ps.store %c, %v[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// A chain of 24 operations per point is compute-bound with 8 lanes: the
// core, not the caches, is what it waits for.
// CHECK-LABEL: func.func @compute_bound
// CHECK-NOT: arith.minsi
// CHECK: return
ps.kernel @compute_bound(%u: !ps.field<?x?x?xf64>, %v: !ps.field<?x?x?xf64>, %w: f64) {
  ps.iterate (%x, %y, %z) in %v ghost 1 : !ps.field<?x?x?xf64> {
    %p = ps.load %u[0, 0, 1] : !ps.field<?x?x?xf64>
    %a1 = ps.mul %p, %w : f64
    %a2 = ps.add %a1, %p : f64
    %a3 = ps.add %a2, %p : f64
    %a4 = ps.add %a3, %p : f64
    %a5 = ps.add %a4, %p : f64
    %a6 = ps.add %a5, %p : f64
    %a7 = ps.add %a6, %p : f64
    %a8 = ps.add %a7, %p : f64
    %a9 = ps.add %a8, %p : f64
    %a10 = ps.add %a9, %p : f64
    %a11 = ps.add %a10, %p : f64
    %a12 = ps.add %a11, %p : f64
    %a13 = ps.add %a12, %p : f64
    %a14 = ps.add %a13, %p : f64
    %a15 = ps.add %a14, %p : f64
    %a16 = ps.add %a15, %p : f64
    %a17 = ps.add %a16, %p : f64
    %a18 = ps.add %a17, %p : f64
    %a19 = ps.add %a18, %p : f64
    %a20 = ps.add %a19, %p : f64
    %a21 = ps.add %a20, %p : f64
    %a22 = ps.add %a21, %p : f64
    %a23 = ps.add %a22, %p : f64
    %a24 = ps.add %a23, %p : f64
    ps.store %a24, %v[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// NumPy's C layout: the first index is the slowest, so the outermost loop
// runs over dimension 0 and the rows over dimension 1. Reading 2 planes
// away in dimension 0: blocked, the blocks over the rows (dimension 1).
// CHECK-LABEL: func.func @c_layout
// CHECK: scf.for %[[BLOCK:.*]] = %c2 to %{{.*}} step %{{.*}} {
// CHECK: scf.for
// CHECK: arith.minsi
// CHECK: scf.for %{{.*}} = %[[BLOCK]] to
// CHECK: } {ps.dim = 2 : i64}
// CHECK: } {ps.dim = 1 : i64}
// CHECK: } {ps.dim = 0 : i64}
// CHECK-NEXT: } {ps.dim = 1 : i64}
ps.kernel @c_layout(%u: !ps.field<?x?x?xf64, layout c>, %v: !ps.field<?x?x?xf64, layout c>) {
  ps.iterate (%i, %j, %k) in %v ghost 2 : !ps.field<?x?x?xf64, layout c> {
    %b = ps.load %u[-2, 0, 0] : !ps.field<?x?x?xf64, layout c>
    %t = ps.load %u[2, 0, 0] : !ps.field<?x?x?xf64, layout c>
    %s = ps.add %b, %t : f64
    ps.store %s, %v[0, 0, 0] : !ps.field<?x?x?xf64, layout c>
  }
  ps.return
}
