// Bad options and missing toolkit parts fail with a diagnostic that says
// what to do.
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline=chip=sm_50 2>&1 | FileCheck %s --check-prefix=OLD
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline=chip=gfx90a 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline=features=ptx80 2>&1 | FileCheck %s --check-prefix=FEATURES
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline=format=cubin 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline=scheme=tiled 2>&1 | FileCheck %s --check-prefix=SCHEME
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline=block-size=64,32 2>&1 | FileCheck %s --check-prefix=THREADS
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline=block-size=0 2>&1 | FileCheck %s --check-prefix=POSITIVE
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline=block-size=4,4,4,4 2>&1 | FileCheck %s --check-prefix=ENTRIES
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline=opt-level=4 2>&1 | FileCheck %s --check-prefix=OPT
// A math function without libdevice, and a cubin without ptxas.
// RUN: not ps-opt %s -ps-lower-to-nvvm-pipeline="format=isa cuda-path=%t.missing" 2>&1 | FileCheck %s --check-prefix=LIBDEVICE
// RUN: not env CUDA_HOME=%t.missing ps-opt %s -ps-lower-to-nvvm-pipeline=format=isa 2>&1 | FileCheck %s --check-prefix=LIBDEVICE
// RUN: not env PATH=%t.missing ps-opt %examples/jacobi2d.mlir -ps-lower-to-nvvm-pipeline="format=bin cuda-path=%t.missing" 2>&1 | FileCheck %s --check-prefix=PTXAS

// OLD: ps-lower-to-nvvm-pipeline: chip 'sm_50' is older than sm_75, which CUDA 13's ptxas no longer accepts
// CHIP: ps-lower-to-nvvm-pipeline: chip 'gfx90a' is not an NVIDIA architecture such as sm_80 or sm_90a
// FEATURES: ps-lower-to-nvvm-pipeline: features 'ptx80' is not a PTX version such as +ptx80
// FORMAT: ps-lower-to-nvvm-pipeline: format 'cubin' is none of isa, bin, fatbin, llvm, offloading
// SCHEME: for the --scheme option: Cannot find option named 'tiled'!
// THREADS: ps-lower-to-nvvm-pipeline: block-size asks for more than 1024 threads per block
// POSITIVE: ps-lower-to-nvvm-pipeline: block-size entries must be positive
// ENTRIES: ps-lower-to-nvvm-pipeline: block-size takes at most 3 entries (x, y, z)
// OPT: ps-lower-to-nvvm-pipeline: opt-level must be 0, 1, 2 or 3
// LIBDEVICE: error: GPU module @sine_kernel calls __nv_sin from libdevice, but {{.*}}.missing/nvvm/libdevice/libdevice.10.bc does not exist: install the CUDA toolkit (its nvvm/libdevice) or point cuda-path (CUDA_HOME) at it
// PTXAS: error: format bin needs ptxas, found neither in {{.*}}.missing/bin nor on PATH: install the CUDA toolkit, point cuda-path (CUDA_HOME) at it, or use format=isa (PTX)

ps.kernel @sine(%f: !ps.field<?xf64>) {
  ps.iterate (%x : i64) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %s = ps.sin %v : f64
    ps.store %s, %f[0] : !ps.field<?xf64>
  }
  ps.return
}
