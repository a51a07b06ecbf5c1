// The experiment of bench/README.md ("heat3d's loads where rows are not
// whole cache lines") builds and each of its variants computes what the
// scalar loop does, bit for bit (else it prints which and exits 1), at an
// edge whose rows are not whole cache lines. The figures are not checked.
// REQUIRES: avx512f
// RUN: clang-22 -O2 -ffp-contract=off -march=native -DN=34 %S/../../../bench/experiments/heat3d-aligned-loads.c -o %t
// RUN: %t 1 | FileCheck %s
// CHECK: N=34 variant A: {{[0-9]+}} MLUP/s
// CHECK-NEXT: N=34 variant B:
// CHECK-NEXT: N=34 variant C:
// CHECK-NEXT: N=34 variant D:
// CHECK-NEXT: N=34 variant F:
// CHECK-NEXT: N=34 variant G:
