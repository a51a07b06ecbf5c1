// Bad options and missing ROCm parts fail with a diagnostic that says what
// to install.
// RUN: not ps-opt %s -ps-lower-to-rocdl-pipeline=chip=sm_80 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not ps-opt %s -ps-lower-to-rocdl-pipeline=format=fatbin 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not ps-opt %s -ps-lower-to-rocdl-pipeline="scheme=blockwise block-size=64,2" 2>&1 | FileCheck %s --check-prefix=BLOCKWISE
// RUN: not ps-opt %s -ps-lower-to-rocdl-pipeline="format=isa rocm-path=%t.missing" 2>&1 | FileCheck %s --check-prefix=LIBS
// RUN: not env ROCM_PATH=%t.missing ps-opt %s -ps-lower-to-rocdl-pipeline=format=isa 2>&1 | FileCheck %s --check-prefix=LIBS
// RUN: not ps-opt %examples/jacobi2d.mlir -ps-lower-to-rocdl-pipeline="format=bin rocm-path=%t.missing" 2>&1 | FileCheck %s --check-prefix=LLD

// CHIP: ps-lower-to-rocdl-pipeline: chip 'sm_80' is not an AMDGPU architecture such as gfx90a or gfx942
// FORMAT: ps-lower-to-rocdl-pipeline: format 'fatbin' is none of isa, bin, llvm, offloading
// BLOCKWISE: ps-lower-to-rocdl-pipeline: the blockwise scheme takes one block size (threads along the contiguous dimension)
// LIBS: error: GPU module @sine_kernel calls __ocml_sin_f64 from the ROCm device libraries, but {{.*}}.missing/amdgcn/bitcode/ocml.bc does not exist: install the ROCm device libraries for gfx90a (Debian: rocm-device-libs) or point rocm-path (ROCM_PATH) at them
// LLD: error: format bin needs {{.*}}.missing/llvm/bin/ld.lld to link the AMDGPU code object

ps.kernel @sine(%f: !ps.field<?xf64>) {
  ps.iterate (%x : i64) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %s = ps.sin %v : f64
    ps.store %s, %f[0] : !ps.field<?xf64>
  }
  ps.return
}
