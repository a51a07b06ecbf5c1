// heat3d with streaming stores when rows are not whole cache lines: which
// loads must be aligned (bench/README.md, "heat3d's loads at edges that are
// not multiples of 8").
//
// One thread, AVX-512, N^3 doubles (2 MiB-aligned, huge pages advised), a
// 4 KiB prefetch of the leading row, streaming stores aligned by a scalar
// peel, as the default code generation does. The stencil's rows at y+-1 and
// z+-1 start N mod 8 and N^2 mod 8 elements off the store's offset in a
// cache line, x+-1 one element off:
//   A  every load at its address (what ps-vectorize emits)
//   B  aligned loads of every row, two per vector, cut with valignq
//   C  as B for the y and z rows only, x+-1 at their addresses
//   D  as B for the centre row only (x+-1), the y and z rows at their
//      addresses
//   F  every row loaded once per vector at aligned addresses, the vector
//      before carried in a register (row reuse with a shift known when
//      compiling, cut with valignq)
//   G  as F with the y and z rows' shifts known at run time only (fields
//      of any shape), cut with a two-source permute (vpermt2pd)
// Every variant is checked bit for bit against the scalar loop first.
//
//   clang-22 -O2 -ffp-contract=off -march=native -DN=258 \
//     bench/experiments/heat3d-aligned-loads.c -o /tmp/heat3d-aligned-loads
//   /tmp/heat3d-aligned-loads [rounds]

#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#ifndef N
#define N 258
#endif
#define IDX(x, y, z) ((size_t)(z)*N * N + (size_t)(y)*N + (x))
#define VARIANTS 6

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static double *allocate(void) {
  size_t huge = (size_t)2 << 20;
  size_t bytes = ((size_t)N * N * N * 8 + huge - 1) / huge * huge;
  double *p = aligned_alloc(huge, bytes);
  madvise(p, bytes, MADV_HUGEPAGE);
  return p;
}

static const double a = 0.1;

static double point(const double *s, size_t i) {
  return s[i] + a * s[i - 1] + a * s[i + 1] + a * s[i - N] + a * s[i + N] +
         a * s[i - N * N] + a * s[i + N * N];
}

static __m512d compute(__m512d c, __m512d xm, __m512d xp, __m512d ym,
                       __m512d yp, __m512d zm, __m512d zp) {
  __m512d va = _mm512_set1_pd(a);
  __m512d r = _mm512_add_pd(c, _mm512_mul_pd(va, xm));
  r = _mm512_add_pd(r, _mm512_mul_pd(va, xp));
  r = _mm512_add_pd(r, _mm512_mul_pd(va, ym));
  r = _mm512_add_pd(r, _mm512_mul_pd(va, yp));
  r = _mm512_add_pd(r, _mm512_mul_pd(va, zm));
  return _mm512_add_pd(r, _mm512_mul_pd(va, zp));
}

static void reference(const double *s, double *d) {
  for (int z = 1; z < N - 1; ++z)
    for (int y = 1; y < N - 1; ++y)
      for (int x = 1; x < N - 1; ++x)
        d[IDX(x, y, z)] = point(s, IDX(x, y, z));
}

/// The elements each row starts past the store's offset, mod 8.
enum {
  OYP = N % 8,
  OYM = (8 - N % 8) % 8,
  OZP = (N * N) % 8,
  OZM = (8 - (N * N) % 8) % 8
};

/// lanes [off, off + 8) of the aligned vectors lo, hi.
#define CUT(hi, lo, off)                                                       \
  ((off) == 0 ? (lo)                                                           \
              : _mm512_castsi512_pd(_mm512_alignr_epi64(                       \
                    _mm512_castpd_si512(hi), _mm512_castpd_si512(lo), (off))))
/// The vector at p + off from the two aligned vectors at p and p + 8.
#define SHIFTED(p, off) CUT(_mm512_load_pd((p) + 8), _mm512_load_pd(p), off)

/// The scalar iterations of row `row` until the store is at a cache line;
/// returns the first x after them.
static int peelToLine(const double *s, double *d, size_t row) {
  int x = 1;
  for (; x < N - 1 && ((uintptr_t)(d + row + x) & 63); ++x)
    d[row + x] = point(s, row + x);
  return x;
}

/// A, B, C and D: `centre` cuts x+-1 from aligned loads, `rows` the y and z
/// rows.
#define VARIANT(NAME, centre, rows)                                            \
  static void NAME(const double *s, double *d) {                               \
    for (int z = 1; z < N - 1; ++z)                                            \
      for (int y = 1; y < N - 1; ++y) {                                        \
        size_t row = IDX(0, y, z);                                             \
        int x = peelToLine(s, d, row);                                         \
        for (; x + 16 <= N - 1; x += 8) {                                      \
          size_t i = row + x;                                                  \
          _mm_prefetch((const char *)(s + i + N * N) + 4096, _MM_HINT_T0);     \
          __m512d c = _mm512_load_pd(s + i), xm, xp, ym, yp, zm, zp;           \
          if (centre) {                                                        \
            xm = CUT(c, _mm512_load_pd(s + i - 8), 7);                         \
            xp = CUT(_mm512_load_pd(s + i + 8), c, 1);                         \
          } else {                                                             \
            xm = _mm512_loadu_pd(s + i - 1);                                   \
            xp = _mm512_loadu_pd(s + i + 1);                                   \
          }                                                                    \
          if (rows) {                                                          \
            ym = SHIFTED(s + i - N - OYM, OYM);                                \
            yp = SHIFTED(s + i + N - OYP, OYP);                                \
            zm = SHIFTED(s + i - N * N - OZM, OZM);                            \
            zp = SHIFTED(s + i + N * N - OZP, OZP);                            \
          } else {                                                             \
            ym = _mm512_loadu_pd(s + i - N);                                   \
            yp = _mm512_loadu_pd(s + i + N);                                   \
            zm = _mm512_loadu_pd(s + i - N * N);                               \
            zp = _mm512_loadu_pd(s + i + N * N);                               \
          }                                                                    \
          _mm512_stream_pd(d + i, compute(c, xm, xp, ym, yp, zm, zp));         \
        }                                                                      \
        for (; x < N - 1; ++x)                                                 \
          d[row + x] = point(s, row + x);                                      \
      }                                                                        \
    _mm_sfence();                                                              \
  }
VARIANT(variantA, 0, 0)
VARIANT(variantB, 1, 1)
VARIANT(variantC, 0, 1)
VARIANT(variantD, 1, 0)

/// The y and z rows' shifts for G, read at run time so that G cannot fold
/// them.
static volatile int shiftYM = OYM, shiftYP = OYP, shiftZM = OZM, shiftZP = OZP;

/// lanes [off, off + 8) of lo, hi with `index` = off + 0..7.
#define PERMUTE(hi, lo, index) _mm512_permutex2var_pd(lo, index, hi)

/// F and G: one aligned load per row and vector, the one before carried.
/// SHIFT(k) is row k's shift (k: YM, YP, ZM, ZP), CUTROW(hi, lo, k) cuts
/// its vector out of two.
#define CARRIED(NAME, SHIFT, CUTROW)                                           \
  static void NAME(const double *s, double *d) {                               \
    const int oYM = SHIFT(YM), oYP = SHIFT(YP), oZM = SHIFT(ZM),               \
              oZP = SHIFT(ZP);                                                 \
    const __m512i lanes = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);            \
    const __m512i iYM = _mm512_add_epi64(lanes, _mm512_set1_epi64(oYM));       \
    const __m512i iYP = _mm512_add_epi64(lanes, _mm512_set1_epi64(oYP));       \
    const __m512i iZM = _mm512_add_epi64(lanes, _mm512_set1_epi64(oZM));       \
    const __m512i iZP = _mm512_add_epi64(lanes, _mm512_set1_epi64(oZP));       \
    (void)iYM, (void)iYP, (void)iZM, (void)iZP;                                \
    for (int z = 1; z < N - 1; ++z)                                            \
      for (int y = 1; y < N - 1; ++y) {                                        \
        size_t row = IDX(0, y, z);                                             \
        int x = peelToLine(s, d, row);                                         \
        size_t i = row + x;                                                    \
        const double *ym = s + i - N - oYM, *yp = s + i + N - oYP;             \
        const double *zm = s + i - N * N - oZM, *zp = s + i + N * N - oZP;     \
        __m512d cm = _mm512_load_pd(s + i - 8), c = _mm512_load_pd(s + i);     \
        __m512d lym = _mm512_load_pd(ym), lyp = _mm512_load_pd(yp);            \
        __m512d lzm = _mm512_load_pd(zm), lzp = _mm512_load_pd(zp);            \
        for (; x + 16 <= N - 1;                                                \
             x += 8, i += 8, ym += 8, yp += 8, zm += 8, zp += 8) {             \
          _mm_prefetch((const char *)(s + i + N * N) + 4096, _MM_HINT_T0);     \
          __m512d cp = _mm512_load_pd(s + i + 8);                              \
          __m512d hym = _mm512_load_pd(ym + 8), hyp = _mm512_load_pd(yp + 8);  \
          __m512d hzm = _mm512_load_pd(zm + 8), hzp = _mm512_load_pd(zp + 8);  \
          _mm512_stream_pd(                                                    \
              d + i, compute(c, CUT(c, cm, 7), CUT(cp, c, 1),                  \
                             CUTROW(hym, lym, YM), CUTROW(hyp, lyp, YP),       \
                             CUTROW(hzm, lzm, ZM), CUTROW(hzp, lzp, ZP)));     \
          cm = c, c = cp, lym = hym, lyp = hyp, lzm = hzm, lzp = hzp;          \
        }                                                                      \
        for (; x < N - 1; ++x)                                                 \
          d[row + x] = point(s, row + x);                                      \
      }                                                                        \
    _mm_sfence();                                                              \
  }
#define CONSTANT_SHIFT(k) O##k
#define CUT_CONSTANT(hi, lo, k) CUT(hi, lo, O##k)
#define RUNTIME_SHIFT(k) shift##k
#define CUT_RUNTIME(hi, lo, k) PERMUTE(hi, lo, i##k)
CARRIED(variantF, CONSTANT_SHIFT, CUT_CONSTANT)
CARRIED(variantG, RUNTIME_SHIFT, CUT_RUNTIME)

static int compareDoubles(const void *l, const void *r) {
  double a = *(const double *)l, b = *(const double *)r;
  return (a > b) - (a < b);
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 15;
  if (rounds < 1 || rounds > 1000) {
    fprintf(stderr, "heat3d-aligned-loads: rounds must be 1 to 1000\n");
    return 2;
  }
  size_t count = (size_t)N * N * N;
  double *s = allocate(), *d = allocate(), *expected = allocate();
  for (size_t i = 0; i < count; ++i)
    s[i] = (double)(i % 17) / 16, expected[i] = 0;
  reference(s, expected);
  void (*variants[VARIANTS])(const double *, double *) = {
      variantA, variantB, variantC, variantD, variantF, variantG};
  const char names[VARIANTS] = {'A', 'B', 'C', 'D', 'F', 'G'};
  for (int v = 0; v < VARIANTS; ++v) {
    memset(d, 0, count * 8);
    variants[v](s, d);
    if (memcmp(d, expected, count * 8) != 0) {
      printf("variant %c differs from the scalar loop\n", names[v]);
      return 1;
    }
  }
  double *seconds = calloc((size_t)VARIANTS * rounds, sizeof(double));
  for (int r = 0; r < rounds; ++r)
    for (int k = 0; k < VARIANTS; ++k) {
      int v = r % 2 ? VARIANTS - 1 - k : k; // alternate the order
      double start = now();
      variants[v](s, d);
      seconds[v * rounds + r] = now() - start;
    }
  double points = (double)(N - 2) * (N - 2) * (N - 2);
  for (int v = 0; v < VARIANTS; ++v) {
    qsort(seconds + v * rounds, rounds, sizeof(double), compareDoubles);
    printf("N=%d variant %c: %.0f MLUP/s\n", N, names[v],
           points / seconds[v * rounds + rounds / 2] / 1e6);
  }
  return 0;
}
