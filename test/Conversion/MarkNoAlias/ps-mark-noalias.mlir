// RUN: ps-opt %s -ps-mark-noalias | FileCheck %s

// Pointer parameters of functions lowered from kernels become noalias;
// integers stay as they are, and functions without ps.kernel are left alone.
// CHECK-LABEL: llvm.func @kernel
// CHECK-SAME: (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: i64, %{{.*}}: f64)
llvm.func @kernel(%a: !llvm.ptr, %b: !llvm.ptr, %n: i64, %w: f64) attributes {ps.kernel} {
  llvm.return
}

// CHECK-LABEL: llvm.func @other
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-NOT: noalias
llvm.func @other(%a: !llvm.ptr, %b: !llvm.ptr) {
  llvm.return
}

// Declarations have no body to optimize.
// CHECK: llvm.func @external(!llvm.ptr)
llvm.func @external(!llvm.ptr) attributes {ps.kernel}
