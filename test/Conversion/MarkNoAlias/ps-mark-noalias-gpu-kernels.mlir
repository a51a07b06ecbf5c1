// RUN: ps-opt %s -ps-mark-noalias=gpu-kernels=true | FileCheck %s
// RUN: ps-opt %s -ps-mark-noalias | FileCheck %s --check-prefix=DEFAULT

// With gpu-kernels, the kernels of GPU modules get noalias pointers too;
// other device functions do not. Without it, GPU kernels are left alone.
module attributes {gpu.container_module} {
  gpu.module @k_kernel [#nvvm.target<chip = "sm_80">] {
    // CHECK-LABEL: llvm.func @k_kernel
    // CHECK-SAME: (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: i64)
    // DEFAULT-LABEL: llvm.func @k_kernel
    // DEFAULT-NOT: noalias
    llvm.func @k_kernel(%a: !llvm.ptr, %b: !llvm.ptr, %n: i64) attributes {gpu.kernel, nvvm.kernel} {
      llvm.return
    }
    // CHECK-LABEL: llvm.func @helper
    // CHECK-NOT: noalias
    llvm.func @helper(%a: !llvm.ptr) {
      llvm.return
    }
  }
}
