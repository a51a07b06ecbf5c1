// Runs the sparse boundary example over three listed cells: u takes the
// Dirichlet value there, v gets 2 * value minus g's east neighbour (g holds
// 1.5, 0.75, 0 / -0.75, -1.5, 2 / 1.25, 0.5, -0.25 / -1, -1.75, 1.75).
// RUN: ps-run %examples/sparse.mlir --kernel boundary --shape 4x3 --entries "0,0 2,1 1,2" --scalar value=1.5 --print u --print v | FileCheck %s
// RUN: not ps-run %examples/sparse.mlir --kernel boundary --shape 4x3 --entries "3,0" --scalar value=1.5 2>&1 | FileCheck %s --check-prefix=BOUNDS
// RUN: not ps-run %examples/sparse.mlir --kernel boundary --shape 4x3 --entries "0,0" 2>&1 | FileCheck %s --check-prefix=MISSING

// CHECK: u[0, 0] = 1.5
// CHECK: u[1, 2] = 1.5
// CHECK: u[2, 1] = 1.5
// CHECK: v[0, 0] = 3.75
// CHECK-NEXT: v[0, 1] = -1
// CHECK: v[1, 2] = 3.25
// CHECK: v[2, 1] = 4.75

// BOUNDS: ps-run: argument 'list': entry 0 has coordinate 3 in dimension 0; with the kernel's offsets 1 to 1 there into argument 'g' it reaches outside [0, 4)
// MISSING: ps-run: missing argument 'value' (a scalar of type f64)
