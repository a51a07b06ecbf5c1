// Instruction checks in the style of Halide's simd_op_check: the kernels
// below go through ps-lower-to-llvm-pipeline with ps-vectorize for each
// instruction set, then llc for that target (x86-64, and aarch64 as a cross
// compile), and the assembly must hold the vector instructions each variant
// is meant to produce.

// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=avx2 triple=x86_64-unknown-linux-gnu nontemporal=true" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx2,+fma \
// RUN:   | FileCheck %s --check-prefix=AVX2
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=avx2 triple=x86_64-unknown-linux-gnu remainder=scalar" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx2,+fma \
// RUN:   | FileCheck %s --check-prefix=AVX2-SCALAR
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=avx512f triple=x86_64-unknown-linux-gnu nontemporal=true" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f \
// RUN:   | FileCheck %s --check-prefix=AVX512
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=sse4.2 triple=x86_64-unknown-linux-gnu" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+sse4.2 \
// RUN:   | FileCheck %s --check-prefix=SSE
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=neon triple=aarch64-unknown-linux-gnu nontemporal=true" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=aarch64-unknown-linux-gnu -mattr=+neon \
// RUN:   | FileCheck %s --check-prefix=NEON
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=sve triple=aarch64-unknown-linux-gnu nontemporal=true" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=aarch64-unknown-linux-gnu -mattr=+sve \
// RUN:   | FileCheck %s --check-prefix=SVE
// ps-contract: a weighted sum becomes fused multiply-adds only when asked.
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=avx512f triple=x86_64-unknown-linux-gnu contract=true" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f \
// RUN:   | FileCheck %s --check-prefix=CONTRACT
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=avx512f triple=x86_64-unknown-linux-gnu" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f \
// RUN:   | FileCheck %s --check-prefix=STRICT

// y = a * x + y with a fused multiply-add.

// AVX2-LABEL: axpy:
// AVX2-DAG: vfmadd{{[0-9]+}}pd {{.*}}%ymm
// AVX2-DAG: vmovntpd %ymm{{[0-9]+}}, {{.*}}(%r
// The partial vector: masked loads and a masked store.
// AVX2-DAG: vmaskmovpd ({{.*}}), %ymm{{[0-9]+}}, %ymm
// AVX2-DAG: vmaskmovpd %ymm{{[0-9]+}}, %ymm{{[0-9]+}}, (
// AVX2-DAG: sfence
// AVX2: .cfi_endproc

// AVX2-SCALAR-LABEL: axpy:
// AVX2-SCALAR-NOT: vmaskmov
// AVX2-SCALAR-DAG: vfmadd{{[0-9]+}}pd {{.*}}%ymm
// AVX2-SCALAR-DAG: vfmadd{{[0-9]+}}sd {{.*}}%xmm
// AVX2-SCALAR-NOT: vmaskmov
// AVX2-SCALAR-NOT: vmovnt
// AVX2-SCALAR: .cfi_endproc

// AVX512-LABEL: axpy:
// AVX512-DAG: vfmadd{{[0-9]+}}pd {{.*}}%zmm
// AVX512-DAG: vmovntpd %zmm
// AVX512-DAG: vmovupd {{.*}}, %zmm{{[0-9]+}} {%k{{[1-7]}}} {z}
// AVX512-DAG: vmovupd %zmm{{[0-9]+}}, {{.*}} {%k{{[1-7]}}}
// AVX512: .cfi_endproc

// NEON-LABEL: axpy:
// NEON-DAG: fmla v{{[0-9]+}}.2d, v{{[0-9]+}}.2d, v{{[0-9]+}}.d[0]
// NEON-DAG: stnp
// NEON: .cfi_endproc

// SVE-LABEL: axpy:
// SVE-DAG: cntd x{{[0-9]+}}
// SVE-DAG: ld1d { z{{[0-9]+}}.d }, p{{[0-9]+}}/z
// SVE-DAG: {{fmad|fmla}} z{{[0-9]+}}.d, p{{[0-9]+}}/m
// SVE-DAG: stnt1d { z{{[0-9]+}}.d }
// SVE-DAG: st1d { z{{[0-9]+}}.d }, p{{[0-9]+}}
// SVE: .cfi_endproc
ps.kernel @axpy(%x: !ps.field<?xf64>, %y: !ps.field<?xf64>, %a: f64) {
  ps.iterate (%i) in %y ghost 0 : !ps.field<?xf64> {
    %xv = ps.load %x[0] : !ps.field<?xf64>
    %yv = ps.load %y[0] : !ps.field<?xf64>
    %r = ps.fma %a, %xv, %yv : f64
    ps.store %r, %y[0] : !ps.field<?xf64>
  }
  ps.return
}

// A 3-point average in f32: 4 lanes in xmm registers for sse4.2, 8 in ymm
// for avx2, 16 in zmm for avx512f.

// SSE-LABEL: average:
// SSE-DAG: addps %xmm
// SSE-DAG: mulps %xmm
// SSE-NOT: %ymm
// SSE: .cfi_endproc

// AVX2-LABEL: average:
// AVX2: vaddps {{.*}}%ymm

// AVX512-LABEL: average:
// AVX512: vaddps {{.*}}%zmm
ps.kernel @average(%u: !ps.field<?xf32>, %v: !ps.field<?xf32>) {
  ps.iterate (%i) in %v ghost 1 : !ps.field<?xf32> {
    %w = ps.load %u[-1] : !ps.field<?xf32>
    %c = ps.load %u[0] : !ps.field<?xf32>
    %e = ps.load %u[1] : !ps.field<?xf32>
    %s = ps.add %w, %c : f32
    %t = ps.add %s, %e : f32
    %third = ps.constant 0.333333343 : f32
    %r = ps.mul %t, %third : f32
    ps.store %r, %v[0] : !ps.field<?xf32>
  }
  ps.return
}

// w0 * u + w1 * v: one multiplication and one fused multiply-add per vector
// under ps-contract; two multiplications and an addition without it.
// CONTRACT-LABEL: weighted:
// CONTRACT: vfmadd{{[0-9]+}}pd {{.*}}%zmm
// CONTRACT: .cfi_endproc
// STRICT-LABEL: weighted:
// STRICT-NOT: vfmadd
// STRICT: vaddpd {{.*}}%zmm
// STRICT-NOT: vfmadd
// STRICT: .cfi_endproc
ps.kernel @weighted(%u: !ps.field<?xf64>, %v: !ps.field<?xf64>,
                    %out: !ps.field<?xf64>, %w0: f64, %w1: f64) {
  ps.iterate (%x) in %out ghost 0 : !ps.field<?xf64> {
    %a = ps.load %u[0] : !ps.field<?xf64>
    %b = ps.load %v[0] : !ps.field<?xf64>
    %p = ps.mul %w0, %a : f64
    %q = ps.mul %w1, %b : f64
    %s = ps.add %p, %q : f64
    ps.store %s, %out[0] : !ps.field<?xf64>
  }
  ps.return
}

// Two fields written per point, u + v and u - v: both stream whole vectors
// where their rows share an offset in a cache line, and the second is
// stored ordinarily elsewhere; never one streaming store per element
// (movnti through general registers for avx2 without SSE4A).
// AVX2-LABEL: sum_difference:
// AVX2-NOT: movnti
// AVX2-COUNT-4: vmovntpd %ymm
// AVX2-NOT: movnti
// AVX2: .cfi_endproc
// AVX512-LABEL: sum_difference:
// AVX512-NOT: {{movnti|movntsd}}
// AVX512-COUNT-2: vmovntpd %zmm
// AVX512-NOT: {{movnti|movntsd}}
// AVX512: .cfi_endproc
ps.kernel @sum_difference(%u: !ps.field<?xf64>, %v: !ps.field<?xf64>,
                          %sum: !ps.field<?xf64>, %difference: !ps.field<?xf64>) {
  ps.iterate (%x) in %sum ghost 0 : !ps.field<?xf64> {
    %a = ps.load %u[0] : !ps.field<?xf64>
    %b = ps.load %v[0] : !ps.field<?xf64>
    %s = ps.add %a, %b : f64
    %d = ps.sub %a, %b : f64
    ps.store %s, %sum[0] : !ps.field<?xf64>
    ps.store %d, %difference[0] : !ps.field<?xf64>
  }
  ps.return
}
