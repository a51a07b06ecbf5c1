// RUN: ps-opt %s -ps-parallelize | FileCheck %s

// Upstream's SCF-to-OpenMP conversion wraps the parallel body in
// memref.alloca_scope; an op with unknown effects (here the sfence that
// ps-vectorize puts after streaming stores) keeps canonicalization from
// removing it. ps-parallelize inlines scopes that allocate nothing, and
// keeps those that do.

// CHECK-LABEL: func.func @fence
// CHECK: omp.loop_nest
// CHECK-NOT: memref.alloca_scope
// CHECK: llvm.call_intrinsic "llvm.x86.sse.sfence"
func.func @fence(%n: index) attributes {ps.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %y = %c0 to %n step %c1 {
    llvm.call_intrinsic "llvm.x86.sse.sfence"() : () -> ()
  } {ps.dim = 1 : i64}
  return
}

// CHECK-LABEL: func.func @allocates
// CHECK: omp.loop_nest
// CHECK: memref.alloca_scope
// CHECK: memref.alloca
func.func @allocates(%n: index) attributes {ps.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %y = %c0 to %n step %c1 {
    %a = memref.alloca() : memref<4xf64>
    llvm.call_intrinsic "llvm.x86.sse.sfence"() : () -> ()
  } {ps.dim = 1 : i64}
  return
}
