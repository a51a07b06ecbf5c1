// The example kernel docs/examples/d3q19-max-velocity.mlir round-trips in both forms and
// passes ps-analyze (a reduction is no loop-carried dependence) and
// ps-typify.
// RUN: ps-opt %examples/d3q19-max-velocity.mlir | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/d3q19-max-velocity.mlir -mlir-print-op-generic | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/d3q19-max-velocity.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify))' | FileCheck %s
// RUN: ps-opt %examples/d3q19-max-velocity.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify,ps-eliminate-constants,ps-hoist-invariants,canonicalize))' | ps-opt -pass-pipeline='builtin.module(ps.kernel(ps-analyze))' | FileCheck %s --check-prefix=OPT

// After typification no value is untyped.
// CHECK-NOT: !ps.untyped
// ROUND-LABEL: ps.kernel @d3q19_max_velocity
// ROUND-SAME: %umax: !ps.reduction<max, f64>
// ROUND-COUNT-19: ps.load
// ROUND: ps.sqrt
// ROUND-NEXT: ps.reduce %{{.*}}, %umax : !ps.reduction<max, f64>
// CHECK: ps.reduce
// OPT: ps.reduce %{{.*}}, %umax : !ps.reduction<max, f64>
