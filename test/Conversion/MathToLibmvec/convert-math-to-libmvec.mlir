// RUN: ps-opt %s --convert-math-to-libmvec="register-bits=512 glibc=2.36" | FileCheck %s
// An AVX2 target calls the functions of its 256-bit registers: a 512-bit
// vector is split, a scalar broadcast.
// RUN: ps-opt %s --convert-math-to-libmvec="register-bits=256 glibc=2.36" | FileCheck %s --check-prefix=AVX2
// By default only what runs on every x86-64 with libmvec: 128-bit
// functions, and those of glibc 2.22 (tanh and atan2 came with 2.35).
// RUN: ps-opt %s --convert-math-to-libmvec | FileCheck %s --check-prefix=DEFAULT
// The pipeline runs it with vector-math=libmvec only, for the architecture
// and the registers of its instruction set, and only where ps-vectorize runs; the
// shared library records libmvec.
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=avx2 vector-math=libmvec triple=x86_64-unknown-linux-gnu" | FileCheck %s --check-prefix=PIPELINE
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=sse4.2 lanes=4 vector-math=libmvec triple=x86_64-unknown-linux-gnu" | FileCheck %s --check-prefix=SSE
// AArch64 (glibc 2.38 and later): AdvSIMD's 128-bit functions (n) for
// fixed vectors, SVE's masked ones (s) for scalable vectors of one register.
// RUN: ps-opt %s --convert-math-to-libmvec="abi=aarch64 glibc=2.39" | FileCheck %s --check-prefix=NEON
// RUN: ps-opt %s --convert-math-to-libmvec="abi=aarch64 scalable=true glibc=2.40" | FileCheck %s --check-prefix=SVE
// RUN: ps-opt %s --convert-math-to-libmvec="abi=aarch64" | FileCheck %s --check-prefix=NEON-DEFAULT
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=neon vector-math=libmvec triple=aarch64-unknown-linux-gnu" | FileCheck %s --check-prefix=AARCH64
// RUN: ps-compile %S/../../../docs/examples/coordinate.mlir --triple=aarch64-linux-gnu --cpu=neoverse-v1 --vectorize=neon --vector-math=libmvec --emit=obj -o %t-neon.o
// RUN: llvm-objdump -dr %t-neon.o | FileCheck %s --check-prefix=NEON-OBJ
// RUN: ps-compile %S/../../../docs/examples/coordinate.mlir --triple=aarch64-linux-gnu --cpu=neoverse-v1 --vectorize=sve --vector-math=libmvec --emit=obj -o %t-sve.o
// RUN: llvm-objdump -dr %t-sve.o | FileCheck %s --check-prefix=SVE-OBJ
// RUN: not ps-opt %s --convert-math-to-libmvec="abi=riscv" 2>&1 | FileCheck %s --check-prefix=BAD-ABI
// RUN: not ps-opt %s --convert-math-to-libmvec="scalable=true" 2>&1 | FileCheck %s --check-prefix=BAD-SCALABLE
// RUN: not ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=none vector-math=libmvec" 2>&1 | FileCheck %s --check-prefix=UNUSED
// RUN: not ps-opt %s --ps-lower-to-llvm-pipeline="vector-math=svml" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: ps-compile %S/../../../docs/examples/coordinate.mlir --vector-math=libmvec --emit=shared -o %t.so
// RUN: llvm-readelf --dynamic %t.so | FileCheck %s --check-prefix=NEEDED
// RUN: ps-compile %S/../../../docs/examples/coordinate.mlir --emit=shared -o %t-libm.so
// RUN: llvm-readelf --dynamic %t-libm.so | FileCheck %s --check-prefix=NOT-NEEDED

// One declaration per function, for a whole register: the name says the
// register (b: 128 bits, d: 256, e: 512), N (unmasked), the lanes, a v per
// operand and the scalar name, with f for f32.
// CHECK-DAG: func.func private @_ZGVeN8v_sin(vector<8xf64>) -> vector<8xf64>
// CHECK-DAG: func.func private @_ZGVeN16v_cosf(vector<16xf32>) -> vector<16xf32>
// CHECK-DAG: func.func private @_ZGVeN8v_exp(vector<8xf64>) -> vector<8xf64>
// CHECK-DAG: func.func private @_ZGVeN16v_logf(vector<16xf32>) -> vector<16xf32>
// CHECK-DAG: func.func private @_ZGVeN8vv_pow(vector<8xf64>, vector<8xf64>) -> vector<8xf64>
// CHECK-DAG: func.func private @_ZGVeN8v_tanh(vector<8xf64>) -> vector<8xf64>
// CHECK-LABEL: func.func @calls
// A register's worth: one call.
// CHECK: %[[S:.*]] = call @_ZGVeN8v_sin(%arg0) : (vector<8xf64>) -> vector<8xf64>
// CHECK: call @_ZGVeN8v_sin(%[[S]])
// A narrower vector is widened (the extra lanes repeat lane 0) and cut back.
// CHECK: %[[W:.*]] = vector.shuffle %arg1, %arg1 [0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0]
// CHECK: %[[C:.*]] = call @_ZGVeN16v_cosf(%[[W]])
// CHECK: vector.extract_strided_slice %[[C]] {offsets = [0], sizes = [8], strides = [1]} : vector<16xf32> to vector<8xf32>
// CHECK: call @_ZGVeN16v_logf(%arg3)
// CHECK: call @_ZGVeN8vv_pow
// A scalar is broadcast and its lane taken back.
// CHECK: %[[B:.*]] = vector.broadcast %arg5 : f64 to vector<8xf64>
// CHECK: %[[R:.*]] = call @_ZGVeN8v_sin(%[[B]])
// CHECK: vector.extract %[[R]][0] : f64 from vector<8xf64>
// Operations without a libmvec function stay.
// CHECK: math.sqrt %arg0 : vector<8xf64>
// CHECK: call @_ZGVeN8v_tanh(%arg0)
// CHECK: call @_ZGVeN8vv_atan2

// AVX2-NOT: _ZGVe
// AVX2-LABEL: func.func @calls
// AVX2: %[[LO:.*]] = vector.extract_strided_slice %arg0 {offsets = [0], sizes = [4], strides = [1]} : vector<8xf64> to vector<4xf64>
// AVX2: call @_ZGVdN4v_sin(%[[LO]])
// AVX2: %[[HI:.*]] = vector.extract_strided_slice %arg0 {offsets = [4], sizes = [4], strides = [1]}
// AVX2: call @_ZGVdN4v_sin(%[[HI]])
// AVX2: vector.insert_strided_slice %{{.*}}, %{{.*}} {offsets = [0], strides = [1]} : vector<4xf64> into vector<8xf64>
// AVX2: vector.insert_strided_slice %{{.*}}, %{{.*}} {offsets = [4], strides = [1]} : vector<4xf64> into vector<8xf64>
// AVX2: call @_ZGVdN8v_cosf(%arg1)

// DEFAULT-NOT: {{_ZGV[de]}}
// DEFAULT-LABEL: func.func @calls
// DEFAULT: call @_ZGVbN2v_sin
// DEFAULT: call @_ZGVbN2v_exp(%arg2)
// DEFAULT: math.tanh %arg0 : vector<8xf64>
// DEFAULT: math.atan2 %arg4, %arg4 : vector<4xf64>
func.func @calls(%a: vector<8xf64>, %b: vector<8xf32>, %c: vector<2xf64>,
                 %d: vector<16xf32>, %e: vector<4xf64>, %s: f64)
    -> (vector<8xf64>, vector<8xf32>, vector<2xf64>, vector<16xf32>,
        vector<4xf64>, f64, vector<8xf64>, vector<8xf64>, vector<4xf64>) {
  %0 = math.sin %a : vector<8xf64>
  %1 = math.sin %0 : vector<8xf64>
  %2 = math.cos %b : vector<8xf32>
  %3 = math.exp %c : vector<2xf64>
  %4 = math.log %d : vector<16xf32>
  %5 = math.powf %e, %e : vector<4xf64>
  %6 = math.sin %s : f64
  %8 = math.sqrt %a : vector<8xf64>
  %9 = math.tanh %a : vector<8xf64>
  %10 = math.atan2 %e, %e : vector<4xf64>
  return %1, %2, %3, %4, %5, %6, %8, %9, %10 : vector<8xf64>,
      vector<8xf32>, vector<2xf64>, vector<16xf32>, vector<4xf64>, f64,
      vector<8xf64>, vector<8xf64>, vector<4xf64>
}

func.func @scalable(%a: vector<[2]xf64>, %b: vector<[4]xf32>,
                    %w: vector<[4]xf64>)
    -> (vector<[2]xf64>, vector<[4]xf32>, vector<[4]xf64>, vector<[2]xf64>) {
  %0 = math.sin %a : vector<[2]xf64>
  %1 = math.cos %b : vector<[4]xf32>
  %2 = math.sin %w : vector<[4]xf64>
  %3 = math.powf %a, %0 : vector<[2]xf64>
  return %0, %1, %2, %3 : vector<[2]xf64>, vector<[4]xf32>, vector<[4]xf64>,
      vector<[2]xf64>
}

// PIPELINE: llvm.func @_ZGVdN4v_sin(vector<4xf64>) -> vector<4xf64>
// PIPELINE-LABEL: llvm.func @wave
// PIPELINE: llvm.call @_ZGVdN4v_sin(%{{.*}}) : (vector<4xf64>) -> vector<4xf64>
// PIPELINE-NOT: llvm.intr.sin
// SSE's lanes=4 vectors of f64 are two calls of its 128-bit functions.
// SSE-NOT: {{_ZGV[de]}}
// SSE-LABEL: llvm.func @wave
// SSE-NOT: llvm.intr.sin
// SSE-COUNT-2: llvm.call @_ZGVbN2v_sin
// SSE-NOT: llvm.intr.sin
// NEON-DAG: func.func private @_ZGVnN2v_sin(vector<2xf64>) -> vector<2xf64>
// NEON-DAG: func.func private @_ZGVnN4v_cosf(vector<4xf32>) -> vector<4xf32>
// NEON-DAG: func.func private @_ZGVnN2vv_atan2(vector<2xf64>, vector<2xf64>) -> vector<2xf64>
// NEON-LABEL: func.func @calls
// NEON-COUNT-4: call @_ZGVnN2v_sin(%{{.*}}) : (vector<2xf64>) -> vector<2xf64>
// NEON: call @_ZGVnN4v_cosf
// NEON: call @_ZGVnN2v_exp(%arg2)
// NEON-COUNT-4: call @_ZGVnN4v_logf
// pow and tanh came to AArch64 with glibc 2.40.
// NEON: math.powf %arg4, %arg4 : vector<4xf64>
// NEON: %[[B:.*]] = vector.broadcast %arg5 : f64 to vector<2xf64>
// NEON: call @_ZGVnN2v_sin(%[[B]])
// NEON: math.tanh %arg0 : vector<8xf64>
// NEON: call @_ZGVnN2vv_atan2
// Scalable vectors are SVE's: AdvSIMD's functions do not take them.
// NEON-LABEL: func.func @scalable
// NEON-NOT: call
// NEON: return
// NEON-DEFAULT-LABEL: func.func @calls
// NEON-DEFAULT: call @_ZGVnN2v_sin
// NEON-DEFAULT: math.atan2 %arg4, %arg4 : vector<4xf64>
// The masked SVE functions: the lanes are the register's ("x"), the mask
// comes last, all true. A scalar is broadcast to a scalable register; two
// registers' worth and fixed vectors stay.
// SVE-DAG: func.func private @_ZGVsMxv_sin(vector<[2]xf64>, vector<[2]xi1>) -> vector<[2]xf64>
// SVE-DAG: func.func private @_ZGVsMxv_cosf(vector<[4]xf32>, vector<[4]xi1>) -> vector<[4]xf32>
// SVE-DAG: func.func private @_ZGVsMxvv_pow(vector<[2]xf64>, vector<[2]xf64>, vector<[2]xi1>) -> vector<[2]xf64>
// SVE-LABEL: func.func @calls
// SVE: math.sin %arg0 : vector<8xf64>
// SVE: %[[SB:.*]] = vector.broadcast %arg5 : f64 to vector<[2]xf64>
// SVE: %[[SR:.*]] = call @_ZGVsMxv_sin(%[[SB]], %{{.*}}) : (vector<[2]xf64>, vector<[2]xi1>) -> vector<[2]xf64>
// SVE: vector.extract %[[SR]][0] : f64 from vector<[2]xf64>
// SVE-LABEL: func.func @scalable
// SVE-DAG: %[[ALL2:.*]] = arith.constant dense<true> : vector<[2]xi1>
// SVE-DAG: %[[ALL4:.*]] = arith.constant dense<true> : vector<[4]xi1>
// SVE: %[[SIN:.*]] = call @_ZGVsMxv_sin(%arg0, %[[ALL2]])
// SVE: call @_ZGVsMxv_cosf(%arg1, %[[ALL4]])
// SVE: math.sin %arg2 : vector<[4]xf64>
// SVE: call @_ZGVsMxvv_pow(%arg0, %[[SIN]], %[[ALL2]])
// AARCH64: llvm.func @_ZGVnN2v_sin(vector<2xf64>) -> vector<2xf64>
// AARCH64-LABEL: llvm.func @wave
// AARCH64: llvm.call @_ZGVnN2v_sin(%{{.*}}) : (vector<2xf64>) -> vector<2xf64>
// AARCH64-NOT: llvm.intr.sin
// NEON-OBJ: R_AARCH64_CALL26 _ZGVnN4v_sinf
// NEON-OBJ: R_AARCH64_CALL26 _ZGVnN4v_cosf
// SVE-OBJ: R_AARCH64_CALL26 _ZGVsMxv_sinf
// SVE-OBJ: R_AARCH64_CALL26 _ZGVsMxv_cosf
// BAD-ABI: error: convert-math-to-libmvec: abi 'riscv' is not x86_64 or aarch64
// BAD-SCALABLE: error: convert-math-to-libmvec: scalable registers are SVE's: they need abi=aarch64
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
