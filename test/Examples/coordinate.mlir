// The example kernel docs/examples/coordinate.mlir round-trips in both forms and
// passes ps-analyze and ps-typify.
// RUN: ps-opt %examples/coordinate.mlir | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/coordinate.mlir -mlir-print-op-generic | ps-opt | FileCheck %s --check-prefix=ROUND
// RUN: ps-opt %examples/coordinate.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify))' | FileCheck %s
// RUN: ps-opt %examples/coordinate.mlir -pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify,ps-eliminate-constants,ps-hoist-invariants,canonicalize))' | ps-opt -pass-pipeline='builtin.module(ps.kernel(ps-analyze))' | FileCheck %s --check-prefix=OPT

// After typification no value is untyped.
// CHECK-NOT: !ps.untyped
// ROUND-LABEL: ps.kernel @init
// ROUND: ps.cast %x : !ps.untyped to f32
// CHECK-LABEL: ps.kernel @init
// CHECK: ps.iterate (%x, %y : i64)
// CHECK: ps.cast %x : i64 to f32
// CHECK: ps.sin
// CHECK: ps.cmp lt, %y, %{{.*}} : i64
// CHECK: ps.select %{{.*}}, %{{.*}}, %{{.*}} : i32
// Constants move to the top; the integer division stays in the space (it
// could trap) and so does the cast of the counter.
// OPT: ps.constant 2 : i64
// OPT: ps.iterate
// OPT: ps.cast %x : i64 to f32
// OPT: ps.div %{{.*}}, %{{.*}} : i64
