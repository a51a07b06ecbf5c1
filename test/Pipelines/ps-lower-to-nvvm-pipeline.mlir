// The NVPTX pipeline on the 2D Jacobi example: a host function that
// computes the launch sizes and launches the outlined kernel, and the kernel
// as PTX in a gpu.binary. Neither needs a CUDA toolkit (no math, format=isa).
// RUN: ps-opt %examples/jacobi2d.mlir -ps-lower-to-nvvm-pipeline=format=isa -o %t.mlir
// RUN: FileCheck %s --check-prefix=HOST < %t.mlir
// RUN: %extract_gpu_binary %t.mlir %t. | FileCheck %s --check-prefix=FILES
// RUN: FileCheck %s --check-prefix=PTX < %t.jacobi2d_kernel
// RUN: ps-opt %examples/heat3d.mlir -ps-lower-to-nvvm-pipeline="format=isa scheme=blockwise block-size=256 chip=sm_90 features=+ptx80 opt-level=2" -o %t.blockwise.mlir
// RUN: %extract_gpu_binary %t.blockwise.mlir %t.blockwise.
// RUN: FileCheck %s --check-prefix=BLOCKWISE < %t.blockwise.heat3d_kernel

// HOST: module attributes {gpu.container_module}
// HOST: llvm.func @jacobi2d(
// The grid: max(ceildiv(n - 2, 128), 1) along x, max(ceildiv(n - 2, 2), 1)
// along y.
// HOST-DAG: %[[C128:.*]] = llvm.mlir.constant(128 : index) : i64
// HOST-DAG: %[[C2:.*]] = llvm.mlir.constant(2 : index) : i64
// HOST-DAG: %[[C1:.*]] = llvm.mlir.constant(1 : index) : i64
// HOST: llvm.sdiv %{{.*}}, %[[C128]] : i64
// HOST: %[[GX:.*]] = llvm.intr.smax(%{{.*}}, %[[C1]]) : (i64, i64) -> i64
// HOST: llvm.sdiv %{{.*}}, %[[C2]] : i64
// HOST: %[[GY:.*]] = llvm.intr.smax(%{{.*}}, %[[C1]]) : (i64, i64) -> i64
// HOST: gpu.launch_func @jacobi2d_kernel::@jacobi2d_kernel blocks in (%[[GX]], %[[GY]], %[[C1]]) threads in (%[[C128]], %[[C2]], %[[C1]]) : i64 args(
// HOST: llvm.func @_mlir_ciface_jacobi2d(
// HOST: gpu.binary @jacobi2d_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx80">, {{.*}}assembly = "

// FILES: .jacobi2d_kernel

// The kernel: one thread per point, x from ctaid.x * ntid.x + tid.x, y
// likewise, the guard as two compares with the stops, loads and stores of
// f64 in global memory; the source, only read and noalias
// (ps-mark-noalias), through the read-only data path (ld.global.nc).
// PTX: .version 8.0
// PTX: .target sm_80
// PTX: .visible .entry jacobi2d_kernel(
// PTX: .maxntid 128, 2, 1
// PTX-DAG: mov.u32 {{.*}}, %ctaid.x;
// PTX-DAG: mov.u32 {{.*}}, %ctaid.y;
// PTX-DAG: mov.u32 {{.*}}, %tid.x;
// PTX-DAG: mov.u32 {{.*}}, %tid.y;
// PTX-DAG: mov.u32 {{.*}}, %ntid.x;
// PTX-DAG: mov.u32 {{.*}}, %ntid.y;
// PTX: setp.ge.s64
// PTX: setp.ge.s64
// PTX-COUNT-4: ld.global.nc.{{[bf]}}64
// PTX: mul.rn.f64
// PTX: st.global.{{[bf]}}64
// PTX: ret;

// Blockwise: ctaid.x and ctaid.y pick the line, the threads loop over x
// with a stride of ntid.x.
// BLOCKWISE: .target sm_90
// BLOCKWISE: .visible .entry heat3d_kernel(
// BLOCKWISE: .maxntid 256, 1, 1
// BLOCKWISE-DAG: mov.u32 {{.*}}, %ctaid.x;
// BLOCKWISE-DAG: mov.u32 {{.*}}, %ctaid.y;
// BLOCKWISE-DAG: mov.u32 {{.*}}, %ntid.x;
// BLOCKWISE-DAG: mov.u32 {{.*}}, %tid.x;
// BLOCKWISE-NOT: %ctaid.z
// BLOCKWISE: bra
