// Runs the Jacobi example through the JIT on the generated inputs of ps-run
// (arg0 holds -2, 1.5, 0.75 / 0, -0.75, -1.5 / 2, 1.25, 0.5 / -0.25, -1, -1.75
// row by row) and checks every value of the output: the interior is the
// mean of the four neighbours, the ghost layer keeps its initial values.
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 4x3 --print arg1 | FileCheck %s
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 4x3 --print arg1 --checksum | FileCheck %s --check-prefix=SUM
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 4x3 --print arg1 --threads 2 | FileCheck %s

// CHECK: arg1[0, 0] = -0.25
// CHECK-NEXT: arg1[0, 1] = -1
// CHECK-NEXT: arg1[0, 2] = -1.75
// CHECK-NEXT: arg1[1, 0] = 1.75
// (1.5 + 1.25 + 0 - 1.5) / 4
// CHECK-NEXT: arg1[1, 1] = 0.3125
// CHECK-NEXT: arg1[1, 2] = 0.25
// CHECK-NEXT: arg1[2, 0] = -0.5
// (-0.75 - 1 + 2 + 0.5) / 4
// CHECK-NEXT: arg1[2, 1] = 0.1875
// CHECK-NEXT: arg1[2, 2] = -2
// CHECK-NEXT: arg1[3, 0] = 1.5
// CHECK-NEXT: arg1[3, 1] = 0.75
// CHECK-NEXT: arg1[3, 2] = 0
// CHECK-NOT: arg

// SUM: arg1: 12 values, sum -0.75
