// RUN: env PATH=%t.missing ps-opt %s -split-input-file -verify-diagnostics -ps-check-gpu-toolkit="toolkit=%t.missing format=bin"
// RUN: not ps-opt %s -split-input-file -ps-check-gpu-toolkit=format=cubin 2>&1 | FileCheck %s --check-prefix=FORMAT

// FORMAT: error: ps-check-gpu-toolkit: unknown format 'cubin' (expected isa, bin, fatbin, llvm or offloading)

// Each module of a missing toolkit (and an empty PATH) fails with what to
// install: a libdevice call needs libdevice, format=bin ptxas for NVVM and
// ld.lld for ROCDL targets, a ROCm math call the ROCm device libraries.

// expected-error@+1 {{GPU module @nv calls __nv_sin from libdevice, but}}
gpu.module @nv [#nvvm.target<chip = "sm_80">] {
  llvm.func @__nv_sin(f64) -> f64
  llvm.func @k(%x: f64) -> f64 {
    %y = llvm.call @__nv_sin(%x) : (f64) -> f64
    llvm.return %y : f64
  }
}

// -----

// No math, but format=bin needs ptxas.
// expected-error@+1 {{format bin needs ptxas, found neither in}}
gpu.module @nomath [#nvvm.target<chip = "sm_80">] {
  llvm.func @k() {
    llvm.return
  }
}

// -----

// expected-error@+1 {{GPU module @rocm calls __ocml_sin_f64 from the ROCm device libraries, but}}
gpu.module @rocm [#rocdl.target<chip = "gfx90a">] {
  llvm.func @__ocml_sin_f64(f64) -> f64
  llvm.func @k(%x: f64) -> f64 {
    %y = llvm.call @__ocml_sin_f64(%x) : (f64) -> f64
    llvm.return %y : f64
  }
}

// -----

// expected-error@+1 {{format bin needs}}
gpu.module @rocmlld [#rocdl.target<chip = "gfx90a">] {
  llvm.func @k() {
    llvm.return
  }
}

// -----

// expected-error@+1 {{GPU module @unresolved calls my_helper, which no device library provides: the binary would have an unresolved symbol}}
gpu.module @unresolved [#rocdl.target<chip = "gfx90a">] {
  llvm.func @my_helper(f64) -> f64
}

// -----

// expected-error@+1 {{GPU module @untargeted has no target: attach one with nvvm-attach-target or rocdl-attach-target}}
gpu.module @untargeted {
}

// -----

// A chip name too short for a gfx prefix is no crash.
// expected-error@+1 {{GPU module @short calls __ocml_exp_f64 from the ROCm device libraries, but}}
gpu.module @short [#rocdl.target<chip = "g">] {
  llvm.func @__ocml_exp_f64(f64) -> f64
}

// -----

// An intrinsic of the host (a kernel body's x86 fence) or of another GPU in
// device code: LLVM's instruction selection would end the process on it.
gpu.module @host_fence [#nvvm.target<chip = "sm_80">] {
  llvm.func @k() {
    // expected-error@+1 {{ps-check-gpu-toolkit: 'llvm.x86.sse.sfence' is an intrinsic of x86, not of the target nvptx64-nvidia-cuda}}
    llvm.call_intrinsic "llvm.x86.sse.sfence"() : () -> ()
    llvm.return
  }
}

// -----

gpu.module @nvvm_on_amd [#rocdl.target<chip = "gfx90a">] {
  llvm.func @k() -> i32 {
    // expected-error@+1 {{ps-check-gpu-toolkit: 'llvm.nvvm.read.ptx.sreg.tid.x' is an intrinsic of nvvm, not of the target amdgcn-amd-amdhsa}}
    %x = llvm.call_intrinsic "llvm.nvvm.read.ptx.sreg.tid.x"() : () -> i32
    llvm.return %x : i32
  }
}
