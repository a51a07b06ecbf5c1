// The example kernel docs/examples/heat3d.mlir round-trips in both forms and
// passes ps-analyze and ps-typify.
// RUN: ps-opt %examples/heat3d.mlir | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/heat3d.mlir -mlir-print-op-generic | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/heat3d.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify))' | FileCheck %s
// RUN: ps-opt %examples/heat3d.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify,ps-eliminate-constants,ps-hoist-invariants,canonicalize))' | ps-opt -pass-pipeline='builtin.module(ps.kernel(ps-analyze))' | FileCheck %s --check-prefix=OPT

// After typification no value is untyped.
// CHECK-NOT: !ps.untyped
// ROUND-LABEL: ps.kernel @heat3d
// ROUND-SAME: !ps.untyped
// CHECK-LABEL: ps.kernel @heat3d
// CHECK-SAME: %[[ALPHA:[a-z0-9]+]]: f64)
// CHECK: ps.iterate (%x, %y, %z : i64) in %{{.*}} ghost 1 : !ps.field<?x?x?xf64, layout zyxf>
// CHECK-COUNT-7: ps.load
// CHECK: ps.constant 6.0 : f64
// CHECK: ps.mul %[[ALPHA]], %{{.*}} : f64
// OPT: ps.constant 6.0 : f64
// OPT-NEXT: ps.iterate
