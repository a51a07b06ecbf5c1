// REQUIRES: rocm-device-libs
// The AMDGPU pipeline: HSA code objects for gfx90a that llvm-objdump
// disassembles, with the thread ids, the guard and f64 arithmetic of the
// Jacobi kernel, and math functions linked from the ROCm device libraries
// (no undefined symbol is left). gfx942 assembly without math needs no
// device library.
// RUN: ps-opt %examples/jacobi2d.mlir -ps-lower-to-rocdl-pipeline -o %t.j.mlir
// RUN: FileCheck %s --check-prefix=HOST < %t.j.mlir
// RUN: %extract_gpu_binary %t.j.mlir %t.j.
// RUN: llvm-readelf -h %t.j.jacobi2d_kernel | FileCheck %s --check-prefix=ELF
// RUN: llvm-objdump -d --mcpu=gfx90a %t.j.jacobi2d_kernel | FileCheck %s --check-prefix=GFX90A
// RUN: ps-opt %s -ps-lower-to-rocdl-pipeline="rocm-path=%rocm_path" -o %t.s.mlir
// RUN: %extract_gpu_binary %t.s.mlir %t.s.
// RUN: llvm-readelf -s %t.s.sine_kernel | FileCheck %s --check-prefix=LINKED
// RUN: llvm-objdump -d --mcpu=gfx90a %t.s.sine_kernel | FileCheck %s --check-prefix=SINE
// RUN: llvm-readelf -s %t.s.inverse_kernel | FileCheck %s --check-prefix=LINKED
// RUN: llvm-objdump -d --mcpu=gfx90a %t.s.inverse_kernel | FileCheck %s --check-prefix=INVERSE
// RUN: FileCheck %s --check-prefix=HOISTED < %t.s.mlir
// The bounce-back over records: table lookups, record members and dynamic
// offsets and components become one code object that reads the list and the
// lattice and writes the reflected population.
// RUN: ps-opt %examples/d2q9-bounce-back.mlir -ps-lower-to-rocdl-pipeline -o %t.b.mlir
// RUN: %extract_gpu_binary %t.b.mlir %t.b.
// RUN: llvm-objdump -d --mcpu=gfx90a %t.b.d2q9_bounce_back_kernel | FileCheck %s --check-prefix=BOUNCE
// RUN: ps-opt %examples/heat3d.mlir -ps-lower-to-rocdl-pipeline="chip=gfx942 format=isa scheme=blockwise" -o %t.h.mlir
// RUN: %extract_gpu_binary %t.h.mlir %t.h.
// RUN: FileCheck %s --check-prefix=GFX942 < %t.h.heat3d_kernel

// HOST: gpu.launch_func @jacobi2d_kernel::@jacobi2d_kernel blocks in
// HOST: gpu.binary @jacobi2d_kernel [#gpu.object<#rocdl.target<{{.*}}chip = "gfx90a"{{.*}}>, {{.*}}bin = "\7FELF

// ELF: Machine: EM_AMDGPU
// ELF: Flags: {{.*}}gfx90a

// GFX90A: <jacobi2d_kernel>:
// The 10-bit thread ids in v0 (x: the low bits, y: bits 10-19).
// GFX90A-DAG: v_and_b32_e32 v{{[0-9]+}}, 0x3ff, v0
// GFX90A-DAG: v_bfe_u32 v{{[0-9]+}}, v0, 10, 10
// GFX90A: v_cmp_gt_i64
// GFX90A: s_and_saveexec_b64
// GFX90A-COUNT-4: global_load_dwordx2
// GFX90A: v_add_f64
// GFX90A: v_mul_f64
// GFX90A: global_store_dwordx2
// GFX90A: s_endpgm

// LINKED-NOT: UND {{.*}}__ocml
// SINE: <sine_kernel>:
// SINE: v_fma_f64
// SINE: s_endpgm

// GFX942: .amdgcn_target "amdgcn-amd-amdhsa--gfx942
// GFX942: heat3d_kernel:
// GFX942: s_endpgm

ps.kernel @sine(%f: !ps.field<?xf64>) {
  ps.iterate (%x : i64) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %s = ps.sin %v : f64
    ps.store %s, %f[0] : !ps.field<?xf64>
  }
  ps.return
}

// The inverse and hyperbolic functions and atan2 are calls of the device
// library too (the AMDGPU backend has no lowering of its own for them).
// INVERSE: <inverse_kernel>:
// INVERSE: s_endpgm
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

// The sine of a scalar parameter is hoisted before the launch: the host
// computes it with its own library, not the device's.
// HOISTED-LABEL: llvm.func @hoisted(
// HOISTED-NOT: __ocml
// HOISTED: llvm.intr.sin(%{{.*}}) : (f64) -> f64
// HOISTED-NOT: __ocml
// HOISTED: gpu.launch_func
ps.kernel @hoisted(%f: !ps.field<?xf64>, %w: f64) {
  ps.iterate (%x : i64) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %s = ps.sin %w : f64
    %r = ps.mul %v, %s : f64
    ps.store %r, %f[0] : !ps.field<?xf64>
  }
  ps.return
}

// BOUNCE: <d2q9_bounce_back_kernel>:
// BOUNCE: global_load_dword
// BOUNCE: global_load_dwordx2
// BOUNCE: global_store_dwordx2
// BOUNCE: s_endpgm
