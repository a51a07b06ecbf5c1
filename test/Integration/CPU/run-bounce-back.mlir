// Runs the D2Q9 bounce-back example through ps-run on one record: fluid
// cell (3, 2) whose west neighbour is a wall (direction 3, c = (-1, 0)), so
// the population f[2, 2](3) comes back as f[3, 2](inv(3) = 1). The
// run-time refuses a direction outside the tables and a coordinate whose
// table offsets reach outside the lattice, before the call.
// RUN: ps-run %examples/d2q9-bounce-back.mlir --kernel d2q9_bounce_back --shape 6x5 --entries "3,2,3" | FileCheck %s
// RUN: ps-run %examples/d2q9-bounce-back.mlir --kernel d2q9_bounce_back --shape 6x5 --entries "3,2,0" | FileCheck %s --check-prefix=REST
// RUN: not ps-run %examples/d2q9-bounce-back.mlir --kernel d2q9_bounce_back --shape 6x5 --entries "3,2,9" 2>&1 | FileCheck %s --check-prefix=DIRECTION
// RUN: not ps-run %examples/d2q9-bounce-back.mlir --kernel d2q9_bounce_back --shape 6x5 --entries "5,2,1" 2>&1 | FileCheck %s --check-prefix=BOUNDS

// CHECK: f[2, 2, 3] = [[IN:.*]]
// CHECK: f[3, 2, 1] = [[IN]]
// The rest direction reflects onto itself: nothing changes.
// REST: f[2, 2, 3] = -0.25
// REST: f[3, 2, 1] = 1.5
// DIRECTION: ps-run: argument 'list': entry 0 has 9 in member [2], which the kernel uses as a component or table index: it must lie in [0, 8]
// BOUNDS: ps-run: argument 'list': entry 0 has coordinate 5 in dimension 0; with the kernel's offsets -1 to 1 there into argument 'f' it reaches outside [0, 6)

// An offset chosen per call by a scalar (a uniform value, bounded by the
// select of two constants) gives the same result scalar and with SIMD.
// RUN: ps-run %s --kernel shift --shape 40 --scalar s=3 > %t.scalar
// RUN: ps-run %s --kernel shift --shape 40 --scalar s=3 --vectorize=avx2 --unroll=2 > %t.simd
// RUN: diff %t.scalar %t.simd
// RUN: ps-run %s --kernel shift --shape 40 --scalar s=-2 > %t.west
// RUN: not diff %t.scalar %t.west
// (second kernel of this file)
ps.kernel @shift(%src: !ps.field<?xf64, ghost 1>, %dst: !ps.field<?xf64, ghost 1>, %s: i64) {
  ps.iterate (%x) in %dst : !ps.field<?xf64, ghost 1> {
    %zero = ps.constant 0 : i64
    %c = ps.cmp gt, %s, %zero : i64
    %one = ps.constant 1 : i64
    %minus = ps.constant -1 : i64
    %o = ps.select %c, %one, %minus : i64
    %v = ps.load %src[%o : i64] : !ps.field<?xf64, ghost 1>
    ps.store %v, %dst[0] : !ps.field<?xf64, ghost 1>
  }
  ps.return
}
