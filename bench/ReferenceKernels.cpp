//===- ReferenceKernels.cpp - Hand-written C++ versions of the bench kernels //

#include "ReferenceKernels.h"

// Which of the two compilations this is (see ReferenceKernels.h).
#ifndef BENCH_REFERENCE_NAMESPACE
#define BENCH_REFERENCE_NAMESPACE bench
#endif

namespace BENCH_REFERENCE_NAMESPACE {

void jacobi2d(const double *__restrict src, double *__restrict dst, int64_t nx,
              int64_t ny, int threads) {
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t y = 1; y < ny - 1; ++y)
    for (int64_t x = 1; x < nx - 1; ++x) {
      int64_t i = x + nx * y;
      dst[i] = ((src[i - 1] + src[i + 1]) + (src[i - nx] + src[i + nx])) * 0.25;
    }
}

void heat3d(const double *__restrict u, double *__restrict out, int64_t nx,
            int64_t ny, int64_t nz, double alpha, int threads) {
  const int64_t sy = nx, sz = nx * ny;
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t z = 1; z < nz - 1; ++z)
    for (int64_t y = 1; y < ny - 1; ++y)
      for (int64_t x = 1; x < nx - 1; ++x) {
        int64_t i = x + sy * y + sz * z;
        double c = u[i];
        double s = ((u[i - 1] + u[i + 1]) + (u[i - sy] + u[i + sy])) +
                   (u[i - sz] + u[i + sz]);
        out[i] = c + alpha * (s - 6.0 * c);
      }
}

void box27(const double *__restrict src, double *__restrict dst, int64_t nx,
           int64_t ny, int64_t nz, const double *w, int threads) {
  const int64_t sy = nx, sz = nx * ny;
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t z = 1; z < nz - 1; ++z)
    for (int64_t y = 1; y < ny - 1; ++y)
      for (int64_t x = 1; x < nx - 1; ++x) {
        int64_t i = x + sy * y + sz * z;
        double acc = w[0] * src[i - 1 - sy - sz];
        int k = 1;
        for (int dz = -1; dz <= 1; ++dz)
          for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
              if (dx == -1 && dy == -1 && dz == -1)
                continue;
              acc = acc + w[k++] * src[i + dx + sy * dy + sz * dz];
            }
        dst[i] = acc;
      }
}

void star19(const double *__restrict src, double *__restrict dst, int64_t nx,
            int64_t ny, int64_t nz, const double *w, int threads) {
  const int64_t sy = nx, sz = nx * ny;
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t z = 3; z < nz - 3; ++z)
    for (int64_t y = 3; y < ny - 3; ++y)
      for (int64_t x = 3; x < nx - 3; ++x) {
        int64_t i = x + sy * y + sz * z;
        double acc = w[0] * src[i];
        int k = 1;
        for (int64_t r = 1; r <= 3; ++r) {
          acc = acc + w[k++] * src[i - r];
          acc = acc + w[k++] * src[i + r];
          acc = acc + w[k++] * src[i - r * sy];
          acc = acc + w[k++] * src[i + r * sy];
          acc = acc + w[k++] * src[i - r * sz];
          acc = acc + w[k++] * src[i + r * sz];
        }
        dst[i] = acc;
      }
}

void streamCopy(const double *__restrict a, double *__restrict c, int64_t n,
                int threads) {
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t i = 0; i < n; ++i)
    c[i] = a[i];
}

void streamTriad(double *__restrict a, const double *__restrict b,
                 const double *__restrict c, double s, int64_t n, int threads) {
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t i = 0; i < n; ++i)
    a[i] = b[i] + s * c[i];
}

/// The FMA loop's vectors: 16 AVX-512 registers of 8 doubles, or 12 of
/// AVX2's 16 registers of 4 (32 would not fit: with 128 accumulators in an
/// array, clang spilled them to the stack and the loop measured the store
/// port, half of Zen 3's FMA rate). Either is enough independent chains to
/// hide the FMA latency on two ports.
#ifdef __AVX512F__
constexpr int kFmaLanes = 8, kFmaVectors = 16;
/// Intel targets prefer 256-bit vectors: without this, clang splits the
/// 512-bit ones in two and spills half of them.
#define FMA_LOOP_VECTOR_WIDTH __attribute__((min_vector_width(512)))
#else
#define FMA_LOOP_VECTOR_WIDTH
constexpr int kFmaLanes = 4, kFmaVectors = 12;
#endif
typedef double FmaVector
    __attribute__((vector_size(kFmaLanes * sizeof(double))));

int fmaLoopChains() { return kFmaLanes * kFmaVectors; }

/// The core's multiply-add throughput: fmaLoopChains() independent
/// accumulators per thread in registers, `iterations` multiply-adds each.
/// The factors are read at run time and the sum is returned, so that
/// nothing is folded or optimized away.
FMA_LOOP_VECTOR_WIDTH double fmaLoop(int64_t iterations, int threads) {
  double total = 0;
  volatile double factor = 0.999999999, addend = 1e-9;
#pragma omp parallel num_threads(threads) reduction(+ : total)
  {
    FmaVector m = {}, a = {};
    m += factor;
    a += addend;
    FmaVector acc[kFmaVectors];
    for (int v = 0; v < kFmaVectors; ++v)
      for (int lane = 0; lane < kFmaLanes; ++lane)
        acc[v][lane] = 1.0 + 1e-9 * (v * kFmaLanes + lane);
    for (int64_t i = 0; i < iterations; ++i)
      for (int v = 0; v < kFmaVectors; ++v)
        for (int lane = 0; lane < kFmaLanes; ++lane)
          acc[v][lane] = __builtin_fma(acc[v][lane], m[lane], a[lane]);
    for (int v = 0; v < kFmaVectors; ++v)
      for (int lane = 0; lane < kFmaLanes; ++lane)
        total += acc[v][lane];
  }
  return total;
}

} // namespace BENCH_REFERENCE_NAMESPACE
