// RUN: bash %S/concurrent.sh %t %examples/jacobi2d.mlir %examples/heat3d.mlir %examples/d3q19.mlir %examples/redblack.mlir %examples/coordinate.mlir %examples/../../bench/kernels/box27.mlir > %t.log 2>&1
// RUN: FileCheck %s < %t.log
// RUN: FileCheck %s --check-prefix=SECOND < %t.log

// Eight workers, six modules: every module is compiled and stored (some may
// be built twice, one copy wins), all results match the in-memory JIT.
// CHECK-NOT: RESULTS DIFFER
// CHECK: first round failures: 0
// CHECK-NEXT: 6 entries, 0 corrupt
// The second round compiles nothing.
// SECOND: first round failures: 0
// SECOND-COUNT-24: {{.*}}.mlir: disk hit, results identical
// SECOND-NEXT: staging leftovers: 0
