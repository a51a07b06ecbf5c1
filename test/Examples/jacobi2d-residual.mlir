// The example kernel docs/examples/jacobi2d-residual.mlir round-trips in both forms and
// passes ps-analyze (a reduction is no loop-carried dependence) and
// ps-typify.
// RUN: ps-opt %examples/jacobi2d-residual.mlir | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/jacobi2d-residual.mlir -mlir-print-op-generic | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/jacobi2d-residual.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify))' | FileCheck %s
// RUN: ps-opt %examples/jacobi2d-residual.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify,ps-eliminate-constants,ps-hoist-invariants,canonicalize))' | ps-opt -pass-pipeline='builtin.module(ps.kernel(ps-analyze))' | FileCheck %s --check-prefix=OPT

// After typification no value is untyped.
// CHECK-NOT: !ps.untyped
// ROUND-LABEL: ps.kernel @jacobi2d_residual
// ROUND: ps.reduce %{{.*}}, %residual : !ps.untyped, !ps.reduction<add, f64>
// CHECK-LABEL: ps.kernel @jacobi2d_residual
// CHECK: ps.store %{{.*}}, %dst[0, 0] : !ps.field<?x?xf64, ghost 1>
// CHECK: %[[CHANGE:.*]] = ps.sub %{{.*}}, %{{.*}} : f64
// CHECK: %[[SQUARE:.*]] = ps.mul %[[CHANGE]], %[[CHANGE]] : f64
// CHECK: ps.reduce %[[SQUARE]], %residual : !ps.reduction<add, f64>
// OPT: ps.reduce %{{.*}}, %residual : !ps.reduction<add, f64>
