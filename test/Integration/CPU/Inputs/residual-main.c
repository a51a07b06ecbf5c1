/* Calls the ahead-of-time compiled Jacobi step with its residual norm from
 * C through ps-compile's header, and compares the field and the residual
 * with a C loop in the scalar kernel's order (bit for bit). */
#include "jacobi2d-residual.h"

#include <stdio.h>
#include <string.h>

enum { NX = 13, NY = 7 };

int main(void) {
  double src[NX * NY], dst[NX * NY], want[NX * NY];
  for (int i = 0; i < NX * NY; ++i) {
    src[i] = (double)((i * 37) % 23) / 8.0 - 1.0;
    dst[i] = want[i] = 0.0;
  }
  double reference = -0.0;
  for (int y = 1; y < NY - 1; ++y)
    for (int x = 1; x < NX - 1; ++x) {
      double mean = ((src[x - 1 + y * NX] + src[x + 1 + y * NX]) +
                     (src[x + (y - 1) * NX] + src[x + (y + 1) * NX])) *
                    0.25;
      want[x + y * NX] = mean;
      double change = mean - src[x + y * NX];
      reference = reference + change * change;
    }
  reference = 1.0 + reference;
  const int64_t shape[2] = {NX, NY}, strides[2] = {1, NX};
  double residual = 1.0; /* The kernel adds to what it is given. */
  ps_jacobi2d_residual(src, shape, strides, dst, shape, strides, &residual);
  printf("field %s, residual %s (%.17g)\n",
         memcmp(dst, want, sizeof dst) ? "differs" : "equal",
         memcmp(&residual, &reference, sizeof residual) ? "differs" : "equal",
         residual);
  return 0;
}
