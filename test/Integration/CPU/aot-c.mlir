// Compiles the Jacobi example ahead of time and runs examples/aot-jacobi,
// which calls it from C and compares every value with a C loop; once linked
// from an object file and once from a shared library.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ps-compile %examples/jacobi2d.mlir --emit=obj -o %t/jacobi2d.o --header %t/jacobi2d.h
// RUN: clang-22 -std=c11 -O2 -ffp-contract=off -I%t %examples/../../examples/aot-jacobi/main.c %t/jacobi2d.o -lm -o %t/jacobi-static
// RUN: %t/jacobi-static | FileCheck %s
// RUN: ps-compile %examples/jacobi2d.mlir --emit=shared -o %t/libjacobi2d.so
// RUN: clang-22 -std=c11 -O2 -ffp-contract=off -I%t %examples/../../examples/aot-jacobi/main.c %t/libjacobi2d.so -Wl,-rpath,%t -lm -o %t/jacobi-shared
// RUN: %t/jacobi-shared | FileCheck %s
// RUN: FileCheck %s --check-prefix=HEADER < %t/jacobi2d.h

// CHECK: 0 of 63 values differ from the C reference
// CHECK-NEXT: ok

// HEADER: void _mlir_ciface_jacobi2d(ps_memref_2d_f64 *src, ps_memref_2d_f64 *dst);
// HEADER: static inline void ps_jacobi2d(double *src, const int64_t *src_shape, const int64_t *src_strides, double *dst,
