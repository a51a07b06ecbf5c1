// REQUIRES: fake-cuda, ptxas, fatbinary
// The GPU benchmark end to end on the fake CUDA driver (host memory, launches
// recorded, not run): it finds the "device", compiles both kernels for it,
// and prints a row for each kernel and its copy. The figures mean nothing.
// RUN: env PS_CUDA_LIBRARY=%fake_cuda ps-gpu-bench --n2d=64 --n3d=16 --reps=2 | FileCheck %s

// CHECK: device: Fake GPU (sm_90, CUDA)
// CHECK-NEXT: kernel elements ms GB/s of copy
// CHECK-NEXT: copy 4096
// CHECK-NEXT: jacobi2d 4096 {{.*}}%
// CHECK-NEXT: copy 4096
// CHECK-NEXT: heat3d 4096 {{.*}}%
