// The example kernel docs/examples/d3q19.mlir round-trips in both forms and
// passes ps-analyze and ps-typify.
// RUN: ps-opt %examples/d3q19.mlir | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/d3q19.mlir -mlir-print-op-generic | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/d3q19.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify))' | FileCheck %s
// RUN: ps-opt %examples/d3q19.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify,ps-eliminate-constants,ps-hoist-invariants,canonicalize))' | ps-opt -pass-pipeline='builtin.module(ps.kernel(ps-analyze))' | FileCheck %s --check-prefix=OPT

// After typification no value is untyped.
// CHECK-NOT: !ps.untyped
// ROUND-LABEL: ps.kernel @d3q19_stream
// ROUND: ps.load %{{.*}}[0, 0, 0](0)
// ROUND: ps.load %{{.*}}[0, 1, -1](18)
// CHECK-LABEL: ps.kernel @d3q19_stream
// CHECK-COUNT-19: ps.store %{{.*}}, %{{.*}}[0, 0, 0]({{[0-9]+}}) : !ps.field<?x?x?xf64, components [19], ghost 1>
// CHECK-COUNT-18: ps.add
// CHECK: ps.store %{{.*}}, %{{.*}}[0, 0, 0] : !ps.field<?x?x?xf64, ghost 1>
// OPT-LABEL: ps.kernel @d3q19_stream
