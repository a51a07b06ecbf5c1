// RUN: not ps-run %s --kernel nope --shape 4 2>&1 | FileCheck %s --check-prefix=NOKERNEL
// RUN: not ps-run %s --kernel scale --shape 4x4 2>&1 | FileCheck %s --check-prefix=RANK
// RUN: not ps-run %s --kernel scale --shape 4 --scalar w=x 2>&1 | FileCheck %s --check-prefix=SCALAR
// RUN: not ps-run %s --kernel scale --shape 4xa --scalar w=2 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not ps-run %examples/d2q9-bounce-back.mlir --kernel d2q9_bounce_back --shape 6x5 --entries "3,x" 2>&1 | FileCheck %s --check-prefix=ENTRIES
// RUN: not ps-run %examples/d2q9-bounce-back.mlir --kernel d2q9_bounce_back --shape 6x5 --entries "3,2,3,1" 2>&1 | FileCheck %s --check-prefix=ENTRIES-LONG
// A shape no machine holds is refused by name before anything is allocated
// (the allocation ended the process with "LLVM ERROR: out of memory").
// RUN: not ps-run %s --kernel scale --shape 1000000000000 --scalar w=2 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not ps-run %s --kernel scale --shape 4611686018427387904 --scalar w=2 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// RUN: ps-run %s --kernel scale --shape 4 --scalar w=2 | FileCheck %s

// NOKERNEL: ps-run: no kernel 'nope'; the module has: scale
// RANK: ps-run: --shape has 2 extents; field 'f' has 1 spatial dimensions
// SCALAR: ps-run: bad --scalar 'w=x'
// SHAPE: ps-run: bad --shape '4xa'
// ENTRIES: ps-run: bad --entries '3,x'
// ENTRIES-LONG: ps-run: bad --entries '3,2,3,1'
// HUGE: ps-run: field 'f' of shape 1000000000000 needs 7629394 MiB, more than this machine's {{[0-9]+}} MiB
// HUGE-NOT: LLVM ERROR
// OVERFLOW: ps-run: field 'f' of shape 4611686018427387904 needs more bytes than 64 bits count
// CHECK: f[0] = -4
// CHECK-NEXT: f[1] = 3
// CHECK-NEXT: f[2] = 1.5
// CHECK-NEXT: f[3] = 0
ps.kernel @scale(%f: !ps.field<?xf64> {ps.name = "f"}, %w: f64 {ps.name = "w"}) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %r = ps.mul %v, %w : f64
    ps.store %r, %f[0] : !ps.field<?xf64>
  }
}
