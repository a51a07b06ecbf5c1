/* Calls the Jacobi kernel of docs/examples/jacobi2d.mlir compiled ahead of
 * time by ps-compile, and compares every value with a plain C loop.
 *
 *   ps-compile ../../docs/examples/jacobi2d.mlir --emit=obj -o jacobi2d.o \
 *       --header jacobi2d.h
 *   cc -O2 -ffp-contract=off -I. main.c jacobi2d.o -lm -o jacobi && ./jacobi
 */
#include "jacobi2d.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NX = 9, NY = 7 };

int main(void) {
  /* fzyx layout: x (dimension 0) is contiguous. dst must be 64-byte aligned
   * (ps.alignment = 64 in the kernel). */
  double *src = aligned_alloc(64, sizeof(double) * NX * NY);
  double *dst = aligned_alloc(64, sizeof(double) * NX * NY);
  double *ref = malloc(sizeof(double) * NX * NY);
  for (int i = 0; i < NX * NY; ++i) {
    src[i] = (double)((i * 37) % 23) / 8.0 - 1.0;
    dst[i] = ref[i] = -1.0;
  }
  const int64_t shape[2] = {NX, NY};
  const int64_t strides[2] = {1, NX};
  ps_jacobi2d(src, shape, strides, dst, shape, strides);

  for (int x = 1; x < NX - 1; ++x)
    for (int y = 1; y < NY - 1; ++y)
      ref[x + y * NX] = ((src[x - 1 + y * NX] + src[x + 1 + y * NX]) +
                         (src[x + (y - 1) * NX] + src[x + (y + 1) * NX])) *
                        0.25;
  int mismatches = 0;
  for (int i = 0; i < NX * NY; ++i)
    if (memcmp(&dst[i], &ref[i], sizeof(double)) != 0)
      ++mismatches;
  printf("%d of %d values differ from the C reference\n", mismatches, NX * NY);
  printf("%s\n", mismatches == 0 ? "ok" : "FAILED");
  free(src);
  free(dst);
  free(ref);
  return mismatches != 0;
}
