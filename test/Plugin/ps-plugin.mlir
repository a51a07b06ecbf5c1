// Debian's mlir-opt, which knows nothing of ps, reads and transforms a ps
// kernel with the dialect and passes of libPsPlugin.so.
// RUN: %mlir_opt %s --load-dialect-plugin=%ps_plugin --load-pass-plugin=%ps_plugin --pass-pipeline='builtin.module(ps.kernel(ps-analyze,ps-typify))' | FileCheck %s
// RUN: %mlir_opt --load-pass-plugin=%ps_plugin --help | FileCheck %s --check-prefix=HELP
// The whole CPU lowering runs in Debian's mlir-opt too.
// RUN: %mlir_opt %s --load-dialect-plugin=%ps_plugin --load-pass-plugin=%ps_plugin --pass-pipeline='builtin.module(ps-lower-to-llvm-pipeline{vectorize=sse4.2 triple=x86_64-unknown-linux-gnu})' | FileCheck %s --check-prefix=LLVM
// LLVM: llvm.func @scale
// LLVM: llvm.intr.masked.load

// HELP: --ps-analyze {{.*}}Check that a kernel's iteration points are independent
// HELP: --ps-typify {{.*}}Assign types to untyped values under strict C typing
// HELP: --test-ps-accesses

// CHECK-LABEL: ps.kernel @scale
// CHECK-SAME: (%[[SRC:[a-z0-9_]+]]: !ps.field<?x?xf32, ghost 1>, %[[DST:[a-z0-9_]+]]: !ps.field<?x?xf32, ghost 1>, %{{[a-z0-9_]+}}: f64)
// CHECK: ps.iterate
// CHECK-NEXT: %[[V:.*]] = ps.load %[[SRC]][1, 0] : !ps.field<?x?xf32, ghost 1>
// CHECK-NEXT: %[[C:.*]] = ps.constant 2.0 : f32
// CHECK-NEXT: %[[R:.*]] = ps.mul %[[V]], %[[C]] : f32
// CHECK-NEXT: ps.store %[[R]], %[[DST]][0, 0] : !ps.field<?x?xf32, ghost 1>
// CHECK-NOT: !ps.untyped
ps.kernel @scale(%src: !ps.field<?x?xf32, ghost 1>,
                 %dst: !ps.field<?x?xf32, ghost 1>, %s: !ps.untyped) {
  ps.iterate (%x, %y) in %dst : !ps.field<?x?xf32, ghost 1> {
    %v = ps.load %src[1, 0] : !ps.field<?x?xf32, ghost 1>
    %c = ps.constant 2.0 : !ps.untyped
    %r = ps.mul %v, %c : (f32, !ps.untyped) -> !ps.untyped
    ps.store %r, %dst[0, 0] : !ps.untyped, !ps.field<?x?xf32, ghost 1>
  }
  ps.return
}
