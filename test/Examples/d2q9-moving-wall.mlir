// The example kernel docs/examples/d2q9-moving-wall.mlir round-trips in both forms,
// passes ps-analyze (its entries are declared disjoint; every offset,
// component and table index is bounded or checked by the run-time) and
// lowers to the LLVM dialect.
// RUN: ps-opt %examples/d2q9-moving-wall.mlir | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/d2q9-moving-wall.mlir -mlir-print-op-generic | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/d2q9-moving-wall.mlir -pass-pipeline='builtin.module(ps.kernel(ps-typify,ps-analyze))' | FileCheck %s
// RUN: ps-opt %examples/d2q9-moving-wall.mlir -pass-pipeline='builtin.module(ps.kernel(ps-typify,ps-analyze,ps-eliminate-constants,ps-hoist-invariants,canonicalize))' | ps-opt -ps-lower-to-llvm-pipeline | FileCheck %s --check-prefix=LLVM

// CHECK-NOT: !ps.untyped
// ROUND-LABEL: ps.kernel @d2q9_moving_wall
// ROUND: ps.iterate_sparse ({{.*}}) in %list disjoint
// ROUND: ps.load_record %list(
// ROUND: ps.lookup
// CHECK-LABEL: ps.kernel @d2q9_moving_wall
// CHECK: ps.store %{{.*}}, %f[0, 0{{(, 0)?}}](%{{.*}} : i32)
// LLVM: llvm.func @d2q9_moving_wall(
// LLVM: llvm.extractelement
// LLVM: llvm.store
