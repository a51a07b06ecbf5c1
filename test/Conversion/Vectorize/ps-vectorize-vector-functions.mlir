// Math that LLVM cannot compile on scalable vectors vectorizes for sve when
// it will become a call of a vector function (vector-functions: the
// pipelines name those of convert-math-to-libmvec with vector-math=libmvec),
// provided its vectors fill one register.
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=sve unroll=1 vector-functions=math.sin,math.tan" -verify-diagnostics | FileCheck %s
// Through the pipeline for AArch64 (glibc 2.38 by default, which has sin
// and not tan), the kernels call SVE's masked functions:
// RUN: ps-compile %s --triple=aarch64-unknown-linux-gnu --vectorize=sve --vector-math=libmvec --emit=obj -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARKS
// RUN: llvm-objdump -dr %t.o | FileCheck %s --check-prefix=OBJECT

// CHECK-LABEL: func.func @sine
// CHECK: math.sin %{{.*}} : vector<[2]xf64>
// OBJECT-LABEL: <sine>:
// OBJECT: R_AARCH64_CALL26 _ZGVsMxv_sin
ps.kernel @sine(%src: !ps.field<?xf64>, %dst: !ps.field<?xf64>) {
  ps.iterate (%x) in %dst ghost 0 : !ps.field<?xf64> {
    %v = ps.load %src[0] : !ps.field<?xf64>
    %s = ps.sin %v : f64
    ps.store %s, %dst[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// A sine of f32 in a loop of f64 vectors would fill half a register.
// CHECK-LABEL: func.func @narrow_sine
// CHECK-NOT: vector<[2]xf32>
// CHECK: math.sin %{{.*}} : f32
// REMARKS: ps-vectorize-vector-functions.mlir:[[@LINE+3]]:3: remark: ps-vectorize: the loop over dimension 0 stays scalar: 'math.sin' has a vector function for a whole register of 4 x 32-bit lanes, not for the loop's 2
ps.kernel @narrow_sine(%src: !ps.field<?xf32>, %dst: !ps.field<?xf64>) {
  // expected-remark@+1 {{ps-vectorize: the loop over dimension 0 stays scalar: 'math.sin' has a vector function for a whole register of 4 x 32-bit lanes, not for the loop's 2}}
  ps.iterate (%x) in %dst ghost 0 : !ps.field<?xf64> {
    %v = ps.load %src[0] : !ps.field<?xf32>
    %s = ps.sin %v : f32
    %w = ps.cast %s : f32 to f64
    ps.store %w, %dst[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// Operations not named stay scalar, as without vector-functions; glibc
// 2.38 has no tan for AArch64, so the pipeline does not name it.
// CHECK-LABEL: func.func @cosine
// CHECK: math.cos %{{.*}} : f64
// REMARKS: remark: ps-vectorize: the loop over dimension 0 stays scalar: 'math.tan' has no form on scalable vectors (sve) in LLVM's back end
ps.kernel @cosine(%src: !ps.field<?xf64>, %dst: !ps.field<?xf64>) {
  // expected-remark@+1 {{ps-vectorize: the loop over dimension 0 stays scalar: 'math.cos' has no form on scalable vectors (sve) in LLVM's back end}}
  ps.iterate (%x) in %dst ghost 0 : !ps.field<?xf64> {
    %v = ps.load %src[0] : !ps.field<?xf64>
    %s = ps.cos %v : f64
    %t = ps.tan %s : f64
    ps.store %t, %dst[0] : !ps.field<?xf64>
  }
  ps.return
}
