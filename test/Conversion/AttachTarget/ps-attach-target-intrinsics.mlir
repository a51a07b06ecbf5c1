// Another target's intrinsics in host code are refused with their location:
// LLVM's instruction selection would end the process on them. Those of the
// target, of every target, and those in GPU modules pass.
// RUN: ps-opt %s --split-input-file -ps-attach-target="triple=aarch64-unknown-linux-gnu" -verify-diagnostics
// RUN: ps-opt %s --split-input-file -ps-attach-target="triple=x86_64-unknown-linux-gnu" | FileCheck %s
// A kernel whose loops call x86's fence, compiled for AArch64:
// RUN: not ps-compile %S/../Parallelize/ps-parallelize-alloca-scope.mlir --triple=aarch64-unknown-linux-gnu --emit=obj -o %t.o 2>&1 | FileCheck %s --check-prefix=COMPILE

// CHECK-LABEL: llvm.func @fence
// CHECK: llvm.call_intrinsic "llvm.x86.sse.sfence"
// COMPILE: ps-parallelize-alloca-scope.mlir:{{[0-9]+}}:{{[0-9]+}}: error: ps-attach-target: 'llvm.x86.sse.sfence' is an intrinsic of x86, not of the target aarch64-unknown-linux-gnu
// COMPILE-NOT: Stack dump
// The same kernel for an NVIDIA GPU puts the fence in device code.
// RUN: not ps-opt %S/../Parallelize/ps-parallelize-alloca-scope.mlir -ps-lower-to-nvvm-pipeline=format=isa -o /dev/null 2>&1 | FileCheck %s --check-prefix=GPU
// GPU: error: ps-check-gpu-toolkit: 'llvm.x86.sse.sfence' is an intrinsic of x86, not of the target nvptx64-nvidia-cuda
// GPU-NOT: Stack dump
llvm.func @fence() {
  // expected-error@+1 {{ps-attach-target: 'llvm.x86.sse.sfence' is an intrinsic of x86, not of the target aarch64-unknown-linux-gnu}}
  llvm.call_intrinsic "llvm.x86.sse.sfence"() : () -> ()
  llvm.return
}

// -----

// CHECK-LABEL: llvm.func @everywhere
llvm.func @everywhere(%a: f64) -> f64 {
  %r = llvm.call_intrinsic "llvm.fabs.f64"(%a) : (f64) -> f64
  llvm.return %r : f64
}

// -----

// CHECK-LABEL: gpu.module @device
module attributes {gpu.container_module} {
  gpu.module @device {
    llvm.func @thread() -> i32 {
      %x = llvm.call_intrinsic "llvm.nvvm.read.ptx.sreg.tid.x"() : () -> i32
      llvm.return %x : i32
    }
  }
}
