// ps-compile writes objects to standard output (the object writer seeks, so
// it emits into memory first), refuses GPU triples and a shared library on
// standard output, and warns when a header would declare no kernel.
// RUN: ps-compile %examples/jacobi2d.mlir --emit=obj -o - > %t.o
// RUN: llvm-readelf -s %t.o | FileCheck %s --check-prefix=OBJ
// RUN: ps-compile %examples/jacobi2d.mlir --emit=obj > %t.default.o
// RUN: llvm-readelf -s %t.default.o | FileCheck %s --check-prefix=OBJ
// RUN: not ps-compile %examples/jacobi2d.mlir --triple=nvptx64-nvidia-cuda -o %t.gpu.o 2>&1 | FileCheck %s --check-prefix=GPU
// RUN: not ps-compile %examples/jacobi2d.mlir --triple=amdgcn-amd-amdhsa -o %t.gpu.o 2>&1 | FileCheck %s --check-prefix=GPU
// RUN: not ps-compile %examples/jacobi2d.mlir --emit=shared 2>&1 | FileCheck %s --check-prefix=SHARED
// RUN: ps-opt %examples/jacobi2d.mlir -ps-lower-to-llvm-pipeline -o %t.lowered.mlir
// RUN: ps-compile %t.lowered.mlir -o %t.lowered.o --header %t.h 2>&1 | FileCheck %s --check-prefix=EMPTY
// A library whose kernels call sinf and cosf records libm, so that a C
// program without -lm loads it; one without math functions does not.
// RUN: ps-compile %examples/coordinate.mlir --emit=shared -o %t.coordinate.so
// RUN: llvm-readelf -d %t.coordinate.so | FileCheck %s --check-prefix=LIBM
// RUN: ps-compile %examples/jacobi2d.mlir --emit=shared -o %t.jacobi2d.so
// RUN: llvm-readelf -d %t.jacobi2d.so | FileCheck %s --check-prefix=NOLIBM
// RUN: clang-22 -std=c11 %S/Inputs/dlopen-kernels.c -ldl -o %t.loader
// RUN: %t.loader %t.coordinate.so | FileCheck %s --check-prefix=LOADED

// LIBM: (NEEDED) {{.*}}[libm.so.6]
// NOLIBM-NOT: libm.so
// LOADED: loaded, descriptions present

// OBJ-DAG: _ps_packed_jacobi2d
// OBJ-DAG: _ps_kernel_descriptions
// GPU: error: triple '{{.*}}' is a GPU: this pipeline compiles for CPUs; use ps-lower-to-nvvm-pipeline or ps-lower-to-rocdl-pipeline (or GpuModule) for GPUs
// SHARED: ps-compile: a shared library is written to a file: give -o <file>
// EMPTY: ps-compile: warning: {{.*}}lowered.mlir has no ps.kernel (lowered IR?): the header declares no kernel
