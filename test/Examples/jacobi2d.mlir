// The example kernel docs/examples/jacobi2d.mlir round-trips in both forms and
// passes ps-analyze and ps-typify.
// RUN: ps-opt %examples/jacobi2d.mlir | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/jacobi2d.mlir -mlir-print-op-generic | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/jacobi2d.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify))' | FileCheck %s
// RUN: ps-opt %examples/jacobi2d.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify,ps-eliminate-constants,ps-hoist-invariants,canonicalize))' | ps-opt -pass-pipeline='builtin.module(ps.kernel(ps-analyze))' | FileCheck %s --check-prefix=OPT

// After typification no value is untyped.
// CHECK-NOT: !ps.untyped
// ROUND-LABEL: ps.kernel @jacobi2d
// ROUND: ps.iterate (%x, %y) in %{{.*}} ghost 1
// ROUND-COUNT-4: ps.load
// ROUND: ps.mul %{{.*}}, %{{.*}} : (f64, !ps.untyped) -> !ps.untyped
// CHECK-LABEL: ps.kernel @jacobi2d
// CHECK: ps.iterate (%x, %y : i64)
// CHECK: ps.constant 0.25 : f64
// CHECK: ps.mul %{{.*}}, %{{.*}} : f64
// CHECK: ps.store %{{.*}}, %{{.*}}[0, 0] : !ps.field<?x?xf64, ghost 1>
// OPT: ps.constant 0.25 : f64
// OPT-NEXT: ps.iterate
