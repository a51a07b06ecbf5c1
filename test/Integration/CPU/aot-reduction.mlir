// A kernel with a reduction ahead of time: ps-compile's header takes the
// result as a pointer (`double *residual`, a 0-d memref descriptor for the
// C interface), and a C program gets the field and the residual of the
// scalar kernel bit for bit; from an object file and a shared library.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ps-compile %examples/jacobi2d-residual.mlir --emit=obj -o %t/jr.o --header %t/jacobi2d-residual.h
// RUN: clang-22 -std=c11 -O2 -ffp-contract=off -I%t %S/Inputs/residual-main.c %t/jr.o -lm -o %t/residual-static
// RUN: %t/residual-static | FileCheck %s
// RUN: ps-compile %examples/jacobi2d-residual.mlir --emit=shared -o %t/libjr.so
// RUN: clang-22 -std=c11 -O2 -ffp-contract=off -I%t %S/Inputs/residual-main.c %t/libjr.so -Wl,-rpath,%t -lm -o %t/residual-shared
// RUN: %t/residual-shared | FileCheck %s
// RUN: FileCheck %s --check-prefix=HEADER < %t/jacobi2d-residual.h

// CHECK: field equal, residual equal

// HEADER: } ps_memref_2d_f64;
// HEADER: typedef struct {
// HEADER-NEXT: double *allocated;
// HEADER-NEXT: double *aligned;
// HEADER-NEXT: int64_t offset;
// HEADER-NEXT: } ps_memref_0d_f64;
// HEADER: residual: reduction result (add) of f64: a pointer to one element
// HEADER: void _mlir_ciface_jacobi2d_residual(ps_memref_2d_f64 *src, ps_memref_2d_f64 *dst, ps_memref_0d_f64 *residual);
// HEADER: static inline void ps_jacobi2d_residual({{.*}}, double *residual) {
