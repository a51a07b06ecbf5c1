// What LLVM's AArch64 back end cannot compile on scalable vectors stays
// scalar with vectorize=sve: math functions that become libm calls (LLVM
// 22 loops over the lanes for exp and log only) and truncations of f64 to
// bf16 ended the compiling process in instruction selection. Products of
// reductions are combined unordered (there is no ordered one).
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=sve unroll=1" -verify-diagnostics | FileCheck %s
// The whole kernel compiles to an object for SVE: the sine is a call of
// libm's scalar function.
// RUN: ps-compile %s --triple=aarch64-unknown-linux-gnu --vectorize=sve --emit=obj -o %t.o 2>/dev/null
// RUN: llvm-objdump -d %t.o | FileCheck %s --check-prefix=OBJECT

// CHECK-LABEL: func.func @sine
// CHECK-NOT: vector<[2]xf64>
// CHECK: math.sin %{{.*}} : f64
// OBJECT-LABEL: <sine>:
// OBJECT: bl
ps.kernel @sine(%src: !ps.field<?xf64>, %dst: !ps.field<?xf64>) {
  // expected-remark@+1 {{ps-vectorize: the loop over dimension 0 stays scalar: 'math.sin' has no form on scalable vectors (sve) in LLVM's back end}}
  ps.iterate (%x) in %dst ghost 0 : !ps.field<?xf64> {
    %v = ps.load %src[0] : !ps.field<?xf64>
    %s = ps.sin %v : f64
    ps.store %s, %dst[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// exp has a loop over the lanes in LLVM: vectorized.
// CHECK-LABEL: func.func @exponential
// CHECK: math.exp %{{.*}} : vector<[2]xf64>
ps.kernel @exponential(%src: !ps.field<?xf64>, %dst: !ps.field<?xf64>) {
  ps.iterate (%x) in %dst ghost 0 : !ps.field<?xf64> {
    %v = ps.load %src[0] : !ps.field<?xf64>
    %s = ps.exp %v : f64
    ps.store %s, %dst[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// CHECK-LABEL: func.func @to_bfloat
// CHECK-NOT: vector<[2]xbf16>
// CHECK: arith.truncf %{{.*}} : f64 to bf16
ps.kernel @to_bfloat(%src: !ps.field<?xf64>, %dst: !ps.field<?xbf16>) {
  // expected-remark@+1 {{ps-vectorize: the loop over dimension 0 stays scalar: 'arith.truncf' has no form on scalable vectors (sve) in LLVM's back end}}
  ps.iterate (%x) in %dst ghost 0 : !ps.field<?xbf16> {
    %v = ps.load %src[0] : !ps.field<?xf64>
    %b = ps.cast %v : f64 to bf16
    ps.store %b, %dst[0] : !ps.field<?xbf16>
  }
  ps.return
}

// -----

// f32 to bf16 and f64 to f16 have instructions: vectorized.
// CHECK-LABEL: func.func @to_half
// CHECK: arith.truncf %{{.*}} : vector<[2]xf64> to vector<[2]xf16>
ps.kernel @to_half(%src: !ps.field<?xf64>, %dst: !ps.field<?xf16>) {
  ps.iterate (%x) in %dst ghost 0 : !ps.field<?xf16> {
    %v = ps.load %src[0] : !ps.field<?xf64>
    %b = ps.cast %v : f64 to f16
    ps.store %b, %dst[0] : !ps.field<?xf16>
  }
  ps.return
}

// -----

// CHECK-LABEL: func.func @product
// CHECK: vector.reduction <mul>, %{{.*}}, %{{.*}} fastmath<reassoc> : vector<[2]xf64> into f64
// OBJECT-LABEL: <product>:
ps.kernel @product(%u: !ps.field<?xf64>, %r: !ps.reduction<mul, f64>) {
  ps.iterate (%x : i64) in %u ghost 0 : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    ps.reduce %v, %r : !ps.reduction<mul, f64>
  }
  ps.return
}
