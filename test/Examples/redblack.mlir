// The example kernel docs/examples/redblack.mlir round-trips in both forms and
// passes ps-analyze and ps-typify.
// RUN: ps-opt %examples/redblack.mlir | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/redblack.mlir -mlir-print-op-generic | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/redblack.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify))' | FileCheck %s
// RUN: ps-opt %examples/redblack.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify,ps-eliminate-constants,ps-hoist-invariants,canonicalize))' | ps-opt -pass-pipeline='builtin.module(ps.kernel(ps-analyze))' | FileCheck %s --check-prefix=OPT

// After typification no value is untyped.
// CHECK-NOT: !ps.untyped
// ROUND-LABEL: ps.kernel @redblack_red
// ROUND: ps.iterate (%x, %y) in %{{.*}} slice [1:-1:2, 1:-1:2]
// ROUND: ps.iterate (%x, %y) in %{{.*}} slice [2:-1:2, 2:-1:2]
// CHECK-LABEL: ps.kernel @redblack_red
// CHECK-COUNT-2: ps.fma
// OPT: ps.constant 0.25 : f64
