// The GPU benchmark without a driver library: it says why there is no GPU
// and exits 0, so that scripts running it on any machine go on.
// RUN: env PS_CUDA_LIBRARY=%t.missing/libcuda.so.1 PS_HIP_LIBRARY=%t.missing/libamdhip64.so ps-gpu-bench | FileCheck %s

// CHECK: no GPU: cannot load the CUDA driver (libcuda.so.1, from the NVIDIA driver): {{.*}}missing/libcuda.so.1
// CHECK-SAME: ; no GPU: cannot load the HIP run-time (libamdhip64.so, from ROCm): {{.*}}missing/libamdhip64.so
// CHECK-NEXT: ps-gpu-bench: nothing to measure
