// REQUIRES: ptxas, fatbinary, libdevice
// Every example kernel through the NVPTX pipeline: ptxas from the CUDA
// toolkit accepts the PTX for sm_80 and for sm_90; math functions come
// from libdevice (no call to an __nv_ function is left); cubins and
// fatbins are made.
// RUN: ps-opt %s -ps-lower-to-nvvm-pipeline=format=isa -o %t.80.mlir
// RUN: %extract_gpu_binary %t.80.mlir %t.80.
// RUN: %ptxas -arch=sm_80 %t.80.sine_kernel -o %t.80.cubin
// RUN: FileCheck %s --check-prefix=LIBDEVICE < %t.80.sine_kernel
// RUN: %ptxas -arch=sm_80 %t.80.inverse_kernel -o %t.80.inverse.cubin
// RUN: FileCheck %s --check-prefix=LIBDEVICE < %t.80.inverse_kernel
// RUN: ps-opt %s -ps-lower-to-nvvm-pipeline="format=isa chip=sm_90 features=+ptx80" -o %t.90.mlir
// RUN: %extract_gpu_binary %t.90.mlir %t.90.
// RUN: %ptxas -arch=sm_90 %t.90.sine_kernel -o %t.90.cubin

// RUN: ps-opt %examples/jacobi2d.mlir -ps-lower-to-nvvm-pipeline=format=isa -o %t.j.mlir
// RUN: %extract_gpu_binary %t.j.mlir %t.j.
// RUN: %ptxas -arch=sm_80 %t.j.jacobi2d_kernel -o %t.cubin
// RUN: ps-opt %examples/jacobi2d.mlir -ps-lower-to-nvvm-pipeline="format=isa chip=sm_90" -o %t.j90.mlir
// RUN: %extract_gpu_binary %t.j90.mlir %t.j90.
// RUN: %ptxas -arch=sm_90 %t.j90.jacobi2d_kernel -o %t.cubin
// RUN: ps-opt %examples/heat3d.mlir -ps-lower-to-nvvm-pipeline=format=isa -o %t.h.mlir
// RUN: %extract_gpu_binary %t.h.mlir %t.h.
// RUN: %ptxas -arch=sm_80 %t.h.heat3d_kernel -o %t.cubin
// RUN: ps-opt %examples/heat3d.mlir -ps-lower-to-nvvm-pipeline="format=isa chip=sm_90 scheme=blockwise" -o %t.h90.mlir
// RUN: %extract_gpu_binary %t.h90.mlir %t.h90.
// RUN: %ptxas -arch=sm_90 %t.h90.heat3d_kernel -o %t.cubin
// RUN: ps-opt %examples/d3q19.mlir -ps-lower-to-nvvm-pipeline=format=isa -o %t.d.mlir
// RUN: %extract_gpu_binary %t.d.mlir %t.d.
// RUN: %ptxas -arch=sm_80 %t.d.d3q19_stream_kernel -o %t.cubin
// RUN: ps-opt %examples/sparse.mlir -ps-lower-to-nvvm-pipeline="format=isa chip=sm_90" -o %t.s.mlir
// RUN: %extract_gpu_binary %t.s.mlir %t.s.
// RUN: %ptxas -arch=sm_90 %t.s.boundary_kernel -o %t.cubin
// RUN: ps-opt %examples/d2q9-bounce-back.mlir -ps-lower-to-nvvm-pipeline=format=isa -o %t.b.mlir
// RUN: %extract_gpu_binary %t.b.mlir %t.b.
// RUN: %ptxas -arch=sm_80 %t.b.d2q9_bounce_back_kernel -o %t.cubin
// RUN: ps-opt %examples/d3q19-bounce-back.mlir -ps-lower-to-nvvm-pipeline="format=isa chip=sm_90" -o %t.b3.mlir
// RUN: %extract_gpu_binary %t.b3.mlir %t.b3.
// RUN: %ptxas -arch=sm_90 %t.b3.d3q19_bounce_back_kernel -o %t.cubin
// RUN: ps-opt %examples/d2q9-moving-wall.mlir -ps-lower-to-nvvm-pipeline=format=isa -o %t.w.mlir
// RUN: %extract_gpu_binary %t.w.mlir %t.w.
// RUN: %ptxas -arch=sm_80 %t.w.d2q9_moving_wall_kernel -o %t.cubin
// RUN: ps-opt %examples/redblack.mlir -ps-lower-to-nvvm-pipeline=format=isa -o %t.r.mlir
// RUN: %extract_gpu_binary %t.r.mlir %t.r. | FileCheck %s --check-prefix=REDBLACK
// RUN: %ptxas -arch=sm_80 %t.r.redblack_red_kernel -o %t.cubin
// RUN: %ptxas -arch=sm_80 %t.r.redblack_red_kernel_0 -o %t.cubin
// RUN: ps-opt %examples/coordinate.mlir -ps-lower-to-nvvm-pipeline="format=isa chip=sm_90" -o %t.c.mlir
// RUN: %extract_gpu_binary %t.c.mlir %t.c.
// RUN: %ptxas -arch=sm_90 %t.c.init_kernel -o %t.cubin
// RUN: FileCheck %s --check-prefix=LIBDEVICE < %t.c.init_kernel

// Reductions: warp shuffles, then one atomic per block (a native add for the
// residual's sum, a compare-and-swap loop for the maximum of doubles, which
// sm_80 has no atomic for), in both index schemes.
// RUN: ps-opt %examples/jacobi2d-residual.mlir -ps-lower-to-nvvm-pipeline="format=isa chip=sm_90" -o %t.jr.mlir
// RUN: %extract_gpu_binary %t.jr.mlir %t.jr.
// RUN: FileCheck %s --check-prefix=RESIDUAL < %t.jr.jacobi2d_residual_kernel
// RUN: %ptxas -arch=sm_90 %t.jr.jacobi2d_residual_kernel -o %t.cubin
// RUN: ps-opt %examples/jacobi2d-residual.mlir -ps-lower-to-nvvm-pipeline="format=isa scheme=blockwise" -o %t.jb.mlir
// RUN: %extract_gpu_binary %t.jb.mlir %t.jb.
// RUN: %ptxas -arch=sm_80 %t.jb.jacobi2d_residual_kernel -o %t.cubin
// RUN: ps-opt %examples/d3q19-max-velocity.mlir -ps-lower-to-nvvm-pipeline="format=isa chip=sm_90" -o %t.mv.mlir
// RUN: %extract_gpu_binary %t.mv.mlir %t.mv.
// RUN: FileCheck %s --check-prefix=MAXVEL < %t.mv.d3q19_max_velocity_kernel
// RUN: %ptxas -arch=sm_90 %t.mv.d3q19_max_velocity_kernel -o %t.cubin
// RUN: ps-opt %examples/d3q19-max-velocity.mlir -ps-lower-to-nvvm-pipeline=format=isa -o %t.mv80.mlir
// RUN: %extract_gpu_binary %t.mv80.mlir %t.mv80.
// RUN: %ptxas -arch=sm_80 %t.mv80.d3q19_max_velocity_kernel -o %t.cubin

// Blackwell: the default PTX version follows the chip.
// RUN: ps-opt %examples/heat3d.mlir -ps-lower-to-nvvm-pipeline="format=isa chip=sm_100" -o %t.100.mlir
// RUN: %extract_gpu_binary %t.100.mlir %t.100.
// RUN: FileCheck %s --check-prefix=SM100 < %t.100.heat3d_kernel
// RUN: %ptxas -arch=sm_100 %t.100.heat3d_kernel -o %t.cubin
// RUN: ps-opt %examples/heat3d.mlir -ps-lower-to-nvvm-pipeline="format=isa chip=sm_120" -o %t.120.mlir
// RUN: %extract_gpu_binary %t.120.mlir %t.120.
// RUN: %ptxas -arch=sm_120 %t.120.heat3d_kernel -o %t.cubin

// A cubin is an ELF file, a fatbin starts with the fatbin magic 0xBA55ED50.
// RUN: ps-opt %s -ps-lower-to-nvvm-pipeline=format=bin -o %t.bin.mlir
// RUN: %extract_gpu_binary %t.bin.mlir %t.bin.
// RUN: od -An -tx1 -N4 %t.bin.sine_kernel | FileCheck %s --check-prefix=ELF
// RUN: ps-opt %s -ps-lower-to-nvvm-pipeline="format=fatbin chip=sm_90" -o %t.fat.mlir
// RUN: FileCheck %s --check-prefix=FATBIN < %t.fat.mlir
// RUN: %extract_gpu_binary %t.fat.mlir %t.fat.
// RUN: od -An -tx4 -N4 %t.fat.sine_kernel | FileCheck %s --check-prefix=MAGIC

// LIBDEVICE: .visible .entry
// LIBDEVICE-NOT: __nv_
// LIBDEVICE: ret;
// SM100: .version 8.8
// SM100-NEXT: .target sm_100
// REDBLACK: .redblack_red_kernel
// REDBLACK-NEXT: .redblack_red_kernel_0
// ELF: 7f 45 4c 46
// FATBIN: gpu.binary @sine_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">, properties = {{.*}}, "P\ED
// MAGIC: ba55ed50
// RESIDUAL: shfl.sync.bfly
// RESIDUAL: atom.global.add.f64
// MAXVEL: shfl.sync.bfly
// MAXVEL: atom.{{.*}}cas

ps.kernel @sine(%f: !ps.field<?xf64>) {
  ps.iterate (%x : i64) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %s = ps.sin %v : f64
    ps.store %s, %f[0] : !ps.field<?xf64>
  }
  ps.return
}

// The inverse and hyperbolic functions and atan2, in f64 and f32.
ps.kernel @inverse(%f: !ps.field<?xf64>, %g: !ps.field<?xf32>) {
  ps.iterate (%x : i64) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %w = ps.load %g[0] : !ps.field<?xf32>
    %t = ps.tanh %v : f64
    %a = ps.asin %t : f64
    %b = ps.atan2 %a, %v : f64
    %c = ps.cosh %b : f64
    %u = ps.tanh %w : f32
    %e = ps.acos %u : f32
    ps.store %c, %f[0] : !ps.field<?xf64>
    ps.store %e, %g[0] : !ps.field<?xf32>
  }
  ps.return
}
