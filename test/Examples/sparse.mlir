// The example kernel docs/examples/sparse.mlir round-trips in both forms and
// passes ps-analyze and ps-typify.
// RUN: ps-opt %examples/sparse.mlir | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/sparse.mlir -mlir-print-op-generic | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/sparse.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify))' | FileCheck %s
// RUN: ps-opt %examples/sparse.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify,ps-eliminate-constants,ps-hoist-invariants,canonicalize))' | ps-opt -pass-pipeline='builtin.module(ps.kernel(ps-analyze))' | FileCheck %s --check-prefix=OPT

// After typification no value is untyped.
// CHECK-NOT: !ps.untyped
// ROUND-LABEL: ps.kernel @boundary
// ROUND: ps.iterate_sparse (%x, %y) in %{{.*}} : !ps.field<?xi64, components [3], layout c>
// CHECK-LABEL: ps.kernel @boundary
// CHECK: ps.iterate_sparse (%x, %y : i64)
// CHECK: ps.constant 2.0 : f64
// OPT: ps.constant 2.0 : f64
// OPT: ps.mul
// OPT-NEXT: ps.iterate_sparse
