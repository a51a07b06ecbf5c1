// RUN: ps-opt %s --convert-math-to-libmvec="register-bits=512 glibc=2.36" | FileCheck %s
// An AVX2 target has no 512-bit functions (nor registers to pass them in):
// RUN: ps-opt %s --convert-math-to-libmvec="register-bits=256 glibc=2.36" | FileCheck %s --check-prefix=AVX2
// By default only what runs on every x86-64 with libmvec: 128-bit vectors,
// and the functions of glibc 2.22 (tanh and atan2 came with 2.35).
// RUN: ps-opt %s --convert-math-to-libmvec | FileCheck %s --check-prefix=DEFAULT
// nor does SSE, even where lanes=4 makes 256-bit vectors of f64.
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=sse4.2 lanes=4 vector-math=libmvec triple=x86_64-unknown-linux-gnu" | FileCheck %s --check-prefix=SSE
// The pipeline runs it with vector-math=libmvec only, for x86-64, and only
// where ps-vectorize runs; the shared library records libmvec.
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=avx2 vector-math=libmvec triple=x86_64-unknown-linux-gnu" | FileCheck %s --check-prefix=PIPELINE
// RUN: not ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=neon vector-math=libmvec triple=aarch64-unknown-linux-gnu" 2>&1 | FileCheck %s --check-prefix=AARCH64
// RUN: not ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=none vector-math=libmvec" 2>&1 | FileCheck %s --check-prefix=UNUSED
// RUN: not ps-opt %s --ps-lower-to-llvm-pipeline="vector-math=svml" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: ps-compile %S/../../../docs/examples/coordinate.mlir --vector-math=libmvec --emit=shared -o %t.so
// RUN: llvm-readelf --dynamic %t.so | FileCheck %s --check-prefix=NEEDED
// RUN: ps-compile %S/../../../docs/examples/coordinate.mlir --emit=shared -o %t-libm.so
// RUN: llvm-readelf --dynamic %t-libm.so | FileCheck %s --check-prefix=NOT-NEEDED

// One declaration per function; the name says the register (b: 128 bits,
// d: 256, e: 512), N (unmasked), the lanes, a v per operand and the scalar
// name, with f for f32.
// CHECK-DAG: func.func private @_ZGVeN8v_sin(vector<8xf64>) -> vector<8xf64>
// CHECK-DAG: func.func private @_ZGVdN8v_cosf(vector<8xf32>) -> vector<8xf32>
// CHECK-DAG: func.func private @_ZGVbN2v_exp(vector<2xf64>) -> vector<2xf64>
// CHECK-DAG: func.func private @_ZGVeN16v_logf(vector<16xf32>) -> vector<16xf32>
// CHECK-DAG: func.func private @_ZGVdN4vv_pow(vector<4xf64>, vector<4xf64>) -> vector<4xf64>

// CHECK-LABEL: func.func @calls
// CHECK: call @_ZGVeN8v_sin(%arg0) : (vector<8xf64>) -> vector<8xf64>
// CHECK: call @_ZGVeN8v_sin(%{{.*}}) : (vector<8xf64>) -> vector<8xf64>
// CHECK: call @_ZGVdN8v_cosf(%arg1)
// CHECK: call @_ZGVbN2v_exp(%arg2)
// CHECK: call @_ZGVeN16v_logf(%arg3)
// CHECK: call @_ZGVdN4vv_pow(%arg4, %arg4)
// Scalars, widths glibc has no functions for, and other operations stay.
// CHECK: math.sin %arg5 : f64
// CHECK: math.sin %arg6 : vector<2xf32>
// CHECK: math.sqrt %arg0 : vector<8xf64>
// CHECK: call @_ZGVeN8v_tanh(%arg0)
// CHECK: call @_ZGVdN4vv_atan2(%arg4, %arg4)
func.func @calls(%a: vector<8xf64>, %b: vector<8xf32>, %c: vector<2xf64>,
                 %d: vector<16xf32>, %e: vector<4xf64>, %s: f64,
                 %n: vector<2xf32>)
    -> (vector<8xf64>, vector<8xf32>, vector<2xf64>, vector<16xf32>,
        vector<4xf64>, f64, vector<2xf32>, vector<8xf64>, vector<8xf64>,
        vector<4xf64>) {
  %0 = math.sin %a : vector<8xf64>
  %1 = math.sin %0 : vector<8xf64>
  %2 = math.cos %b : vector<8xf32>
  %3 = math.exp %c : vector<2xf64>
  %4 = math.log %d : vector<16xf32>
  %5 = math.powf %e, %e : vector<4xf64>
  %6 = math.sin %s : f64
  %7 = math.sin %n : vector<2xf32>
  %8 = math.sqrt %a : vector<8xf64>
  %9 = math.tanh %a : vector<8xf64>
  %10 = math.atan2 %e, %e : vector<4xf64>
  return %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : vector<8xf64>,
      vector<8xf32>, vector<2xf64>, vector<16xf32>, vector<4xf64>, f64,
      vector<2xf32>, vector<8xf64>, vector<8xf64>, vector<4xf64>
}

// DEFAULT-NOT: {{_ZGV[de]}}
// DEFAULT: func.func private @_ZGVbN2v_exp
// DEFAULT-NOT: {{_ZGV[de]}}
// DEFAULT-LABEL: func.func @calls
// DEFAULT: math.sin %arg0 : vector<8xf64>
// DEFAULT: call @_ZGVbN2v_exp(%arg2)
// DEFAULT: math.tanh %arg0 : vector<8xf64>
// DEFAULT: math.atan2 %arg4, %arg4 : vector<4xf64>
// AVX2-NOT: _ZGVe
// AVX2-DAG: func.func private @_ZGVdN8v_cosf
// AVX2-DAG: func.func private @_ZGVbN2v_exp
// AVX2-LABEL: func.func @calls
// AVX2: math.sin %arg0 : vector<8xf64>
// AVX2: math.log %arg3 : vector<16xf32>
// SSE-NOT: {{_ZGV[de]}}
// SSE-LABEL: llvm.func @wave
// SSE: llvm.intr.sin(%{{.*}}) : (vector<4xf64>) -> vector<4xf64>
// SSE-NOT: {{_ZGV[de]}}

// PIPELINE: llvm.func @_ZGVdN4v_sin(vector<4xf64>) -> vector<4xf64>
// PIPELINE-LABEL: llvm.func @wave
// PIPELINE: llvm.call @_ZGVdN4v_sin(%{{.*}}) : (vector<4xf64>) -> vector<4xf64>
// AARCH64: error: ps-lower-to-llvm-pipeline: vector-math=libmvec needs an x86-64 target (glibc's vector functions), not 'aarch64-unknown-linux-gnu'
// UNUSED: error: ps-lower-to-llvm-pipeline: vector-math is an option of ps-vectorize, which runs only with vectorize=<instruction set>
// UNKNOWN: Cannot find option named 'svml'
// NEEDED: (NEEDED) Shared library: [libmvec.so.1]
// NOT-NEEDED-NOT: libmvec
ps.kernel @wave(%u: !ps.field<?xf64>, %v: !ps.field<?xf64>) {
  ps.iterate (%i) in %v ghost 0 : !ps.field<?xf64> {
    %x = ps.load %u[0] : !ps.field<?xf64>
    %s = ps.sin %x : f64
    ps.store %s, %v[0] : !ps.field<?xf64>
  }
  ps.return
}
