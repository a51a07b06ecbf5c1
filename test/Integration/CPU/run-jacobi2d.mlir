// Runs the Jacobi example through the JIT on the generated inputs of ps-run
// (src holds -2, 1.5, 0.75 / 0, -0.75, -1.5 / 2, 1.25, 0.5 / -0.25, -1, -1.75
// row by row) and checks every value of the output: the interior is the
// mean of the four neighbours, the ghost layer keeps its initial values.
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 4x3 --print dst | FileCheck %s
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 4x3 --print dst --checksum | FileCheck %s --check-prefix=SUM
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 4x3 --print dst --threads 2 | FileCheck %s

// CHECK: dst[0, 0] = -0.25
// CHECK-NEXT: dst[0, 1] = -1
// CHECK-NEXT: dst[0, 2] = -1.75
// CHECK-NEXT: dst[1, 0] = 1.75
// (1.5 + 1.25 + 0 - 1.5) / 4
// CHECK-NEXT: dst[1, 1] = 0.3125
// CHECK-NEXT: dst[1, 2] = 0.25
// CHECK-NEXT: dst[2, 0] = -0.5
// (-0.75 - 1 + 2 + 0.5) / 4
// CHECK-NEXT: dst[2, 1] = 0.1875
// CHECK-NEXT: dst[2, 2] = -2
// CHECK-NEXT: dst[3, 0] = 1.5
// CHECK-NEXT: dst[3, 1] = 0.75
// CHECK-NEXT: dst[3, 2] = 0
// CHECK-NOT: arg

// SUM: dst: 12 values, sum -0.75
