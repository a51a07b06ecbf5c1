//===- ReferenceKernels.h - Hand-written C++ versions of the bench kernels ===//
//
// Compiled with -O3 -march=native -fopenmp (the outermost loop split among
// `threads` OpenMP threads, statically), in the same operation order as the ps
// kernels, so that they also check the generated code bit for bit. Arrays
// are in the fzyx layout of the ps fields: x is contiguous. The file is
// compiled twice, with and without FMA contraction.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_BENCH_REFERENCEKERNELS_H
#define STENCIL_BENCH_REFERENCEKERNELS_H

#include <cstdint>

/// The kernels, declared once per compilation of ReferenceKernels.cpp:
/// `bench::` without FMA contraction (-ffp-contract=off, the strict C order
/// of the ps kernels) and `bench::contracted::` with it (-ffp-contract=fast,
/// what g++ does by default and ps-contract does).
#define BENCH_DECLARE_REFERENCE_KERNELS                                        \
  void jacobi2d(const double *src, double *dst, int64_t nx, int64_t ny,        \
                int threads);                                                  \
  void heat3d(const double *u, double *out, int64_t nx, int64_t ny,            \
              int64_t nz, double alpha, int threads);                          \
  void box27(const double *src, double *dst, int64_t nx, int64_t ny,           \
             int64_t nz, const double *w, int threads);                        \
  void star19(const double *src, double *dst, int64_t nx, int64_t ny,          \
              int64_t nz, const double *w, int threads);                       \
  void streamCopy(const double *a, double *c, int64_t n, int threads);         \
  void streamTriad(double *a, const double *b, const double *c, double s,      \
                   int64_t n, int threads);                                    \
  double fmaLoop(int64_t iterations, int threads);                             \
  /* The FMA loop's independent multiply-adds per iteration. */              \
  int fmaLoopChains();

namespace bench {
BENCH_DECLARE_REFERENCE_KERNELS
namespace contracted {
BENCH_DECLARE_REFERENCE_KERNELS
} // namespace contracted
} // namespace bench

#endif // STENCIL_BENCH_REFERENCEKERNELS_H
