//===- JacobiReference.h - The 2D Jacobi sweep in plain C++ -----*- C++ -*-===//
//
// The reference both example programs compare the kernel's results with:
// the mean of the four neighbours, summed in the kernel's order, over the
// interior of an nx x ny field with x contiguous.
//
//===----------------------------------------------------------------------===//

#ifndef EMBED_STENCIL_JACOBIREFERENCE_H
#define EMBED_STENCIL_JACOBIREFERENCE_H

#include <cstdint>

/// The interior points of `out` that differ from the sweep of `in`.
inline int countWrongJacobiPoints(const double *in, const double *out,
                                  int64_t nx, int64_t ny) {
  int wrong = 0;
  for (int64_t y = 1; y + 1 < ny; ++y)
    for (int64_t x = 1; x + 1 < nx; ++x) {
      double want = ((in[y * nx + x - 1] + in[y * nx + x + 1]) +
                     (in[(y - 1) * nx + x] + in[(y + 1) * nx + x])) *
                    0.25;
      wrong += out[y * nx + x] != want;
    }
  return wrong;
}

#endif // EMBED_STENCIL_JACOBIREFERENCE_H
