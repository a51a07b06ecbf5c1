// ps-run starts each reduction result at its operator's identity and prints
// it after the call. The inputs of a 1D field of 5 are -2, 1.5, 0.75, 0,
// -0.75 (field u) and -1, -4, -7, 7, 4 (field i): small enough that every
// order of the points gives the same bits, so the SIMD and threaded
// kernels print what the scalar one does.
// RUN: ps-run %s --kernel reduce --shape 5 | FileCheck %s
// RUN: ps-run %s --kernel reduce --shape 5 --vectorize=avx2 --unroll=1 | FileCheck %s
// RUN: ps-run %s --kernel reduce --shape 5 --threads=2 | FileCheck %s
// RUN: ps-run %s --kernel reduce --shape 5 --vectorize=avx2 --threads=2 | FileCheck %s
// RUN: ps-run %s --kernel reduce --shape 5 --print sum --print imax | FileCheck %s --check-prefix=SOME
// RUN: ps-run %examples/jacobi2d-residual.mlir --kernel jacobi2d_residual --shape 6x5 --print residual | FileCheck %s --check-prefix=RESIDUAL
// RUN: ps-run %examples/jacobi2d-residual.mlir --kernel jacobi2d_residual --shape 6x5 --print residual --vectorize=avx2 --threads=2 | FileCheck %s --check-prefix=RESIDUAL

// CHECK: sum (add) = -0.5
// CHECK-NEXT: prod (mul) = 0
// CHECK-NEXT: min (min) = -2
// CHECK-NEXT: max (max) = 1.5
// CHECK-NEXT: isum (add) = -1
// CHECK-NEXT: imax (max) = 7
// CHECK-NEXT: imin (min) = -7
// SOME-NOT: u[
// SOME: sum (add) = -0.5
// SOME-NEXT: imax (max) = 7
// SOME-NOT: imin
// RESIDUAL: residual (add) = 24.8359375
ps.kernel @reduce(%u: !ps.field<?xf64>, %i: !ps.field<?xi64>,
                  %sum: !ps.reduction<add, f64>, %prod: !ps.reduction<mul, f64>,
                  %min: !ps.reduction<min, f64>, %max: !ps.reduction<max, f64>,
                  %isum: !ps.reduction<add, i64>, %imax: !ps.reduction<max, i64>,
                  %imin: !ps.reduction<min, i64>) {
  ps.iterate (%x) in %u ghost 0 : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    %n = ps.load %i[0] : !ps.field<?xi64>
    ps.reduce %v, %sum : !ps.reduction<add, f64>
    ps.reduce %v, %prod : !ps.reduction<mul, f64>
    ps.reduce %v, %min : !ps.reduction<min, f64>
    ps.reduce %v, %max : !ps.reduction<max, f64>
    ps.reduce %n, %isum : !ps.reduction<add, i64>
    ps.reduce %n, %imax : !ps.reduction<max, i64>
    ps.reduce %n, %imin : !ps.reduction<min, i64>
  }
}
