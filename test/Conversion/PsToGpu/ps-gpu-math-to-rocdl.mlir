// RUN: ps-opt %s --pass-pipeline="builtin.module(gpu.module(ps-gpu-math-to-rocdl{chipset=gfx90a}))" --verify-diagnostics | FileCheck %s
// RUN: not ps-opt %s --pass-pipeline="builtin.module(gpu.module(ps-gpu-math-to-rocdl{chipset=sm_80}))" 2>&1 | FileCheck %s --check-prefix=CHIP

// The math of GPU modules calls the ROCm device library; the host's stays
// for the host's lowering.
// CHECK-LABEL: func.func @host
// CHECK: math.sin %arg0 : f64
// CHECK: gpu.module @kernels
// CHECK-DAG: llvm.func @__ocml_tanh_f64(f64) -> f64
// CHECK-DAG: llvm.func @__ocml_asin_f32(f32) -> f32
// CHECK-DAG: llvm.func @__ocml_atan2_f64(f64, f64) -> f64
// CHECK-LABEL: func.func @device
// CHECK: llvm.call @__ocml_tanh_f64(%arg0) : (f64) -> f64
// CHECK: llvm.call @__ocml_asin_f32(%arg1) : (f32) -> f32
// CHECK: llvm.call @__ocml_atan2_f64(%arg0, %arg0) : (f64, f64) -> f64
// Operations without a library function stay.
// CHECK: math.fma
// CHIP: error: ps-gpu-math-to-rocdl: 'sm_80' is not an AMDGPU chip such as gfx90a
module attributes {gpu.container_module} {
  func.func @host(%w: f64) -> f64 {
    %s = math.sin %w : f64
    return %s : f64
  }
  gpu.module @kernels {
    func.func @device(%a: f64, %b: f32) -> (f64, f32, f64, f64) {
      %t = math.tanh %a : f64
      %s = math.asin %b : f32
      %u = math.atan2 %a, %a : f64
      %f = math.fma %a, %a, %a : f64
      return %t, %s, %u, %f : f64, f32, f64, f64
    }
  }
}
