// RUN: bash %S/concurrent.sh %t %examples/jacobi2d.mlir %examples/heat3d.mlir %examples/d3q19.mlir %examples/redblack.mlir %examples/coordinate.mlir %examples/../../bench/kernels/box27.mlir > %t.log 2>&1
// RUN: FileCheck %s < %t.log
// RUN: FileCheck %s --check-prefix=SECOND < %t.log

// Eight workers, six modules: every module is compiled once and stored (the
// other workers wait for its builder), all results match the in-memory JIT.
// CHECK-NOT: RESULTS DIFFER
// CHECK: first round failures: 0
// CHECK-NEXT: jacobi2d.mlir compiled 1 times
// CHECK-NEXT: heat3d.mlir compiled 1 times
// CHECK-NEXT: d3q19.mlir compiled 1 times
// CHECK-NEXT: redblack.mlir compiled 1 times
// CHECK-NEXT: coordinate.mlir compiled 1 times
// CHECK-NEXT: box27.mlir compiled 1 times
// CHECK-NEXT: 6 entries, 0 corrupt
// The second round compiles nothing.
// SECOND: first round failures: 0
// SECOND-COUNT-24: {{.*}}.mlir: disk hit, results identical
// SECOND-NEXT: staging leftovers: 0
// Cleaning all the while: nothing fails.
// SECOND-NEXT: clean race failures: 0
