// RUN: not ps-run %s --kernel nope --shape 4 2>&1 | FileCheck %s --check-prefix=NOKERNEL
// RUN: not ps-run %s --kernel scale --shape 4x4 2>&1 | FileCheck %s --check-prefix=RANK
// RUN: not ps-run %s --kernel scale --shape 4 --scalar w=x 2>&1 | FileCheck %s --check-prefix=SCALAR
// RUN: ps-run %s --kernel scale --shape 4 --scalar w=2 | FileCheck %s

// NOKERNEL: ps-run: no kernel 'nope'; the module has: scale
// RANK: ps-run: --shape has 2 extents; field 'f' has 1 spatial dimensions
// SCALAR: ps-run: bad --scalar 'w=x'
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
