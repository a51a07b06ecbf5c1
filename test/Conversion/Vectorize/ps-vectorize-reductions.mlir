// ps-vectorize on loops that carry partial reductions: the partial becomes
// one vector per unrolled copy, starting at the identity, combined lane-wise
// in the loop and reduced horizontally after it into the scalar partial,
// which the remainder (masked: the masked lanes give the identity; or
// scalar) continues.
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 unroll=1 reuse=false" --canonicalize | FileCheck %s --check-prefix=MASKED
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 remainder=scalar unroll=2 reuse=false" --canonicalize | FileCheck %s --check-prefix=SCALAR
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=sve unroll=1 reuse=false" --canonicalize | FileCheck %s --check-prefix=SVE
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --ps-vectorize="isa=avx2 jam=2" -verify-diagnostics -o /dev/null

// MASKED-LABEL: func.func @sum
// MASKED-DAG: %[[ZEROS:.*]] = arith.constant dense<-0.000000e+00> : vector<4xf64>
// MASKED: scf.for %[[Y:.*]] = {{.*}} iter_args(%[[ROW:.*]] = %{{.*}}) -> (f64) {
// MASKED: %[[VECS:.*]] = scf.for %[[X:.*]] = {{.*}} step %c4 iter_args(%[[ACC:.*]] = %[[ZEROS]]) -> (vector<4xf64>) {
// MASKED-NEXT: %[[V:.*]] = vector.load %{{.*}}[%[[Y]], %[[X]]]
// MASKED-NEXT: %[[NEXT:.*]] = arith.addf %[[ACC]], %[[V]] : vector<4xf64>
// MASKED-NEXT: scf.yield %[[NEXT]] : vector<4xf64>
// MASKED-NEXT: } {ps.dim = 0 : i64, ps.reductions = ["add"]}
// MASKED-NEXT: %[[MAIN:.*]] = vector.reduction <add>, %[[VECS]], %[[ROW]] : vector<4xf64> into f64
// MASKED: %[[REST:.*]] = scf.if %{{.*}} -> (f64) {
// MASKED: %[[MASK:.*]] = vector.create_mask
// MASKED: %[[LAST:.*]] = vector.maskedload
// MASKED: %[[KEPT:.*]] = arith.select %[[MASK]], %[[LAST]], %[[ZEROS]]
// MASKED: %[[ALL:.*]] = vector.reduction <add>, %[[KEPT]], %[[MAIN]]
// MASKED: scf.yield %[[ALL]] : f64
// MASKED: } else {
// MASKED: scf.yield %[[MAIN]] : f64
// MASKED: scf.yield %[[REST]] : f64
// MASKED: memref.load %{{.*}}[] : memref<f64>

// SVE-LABEL: func.func @sum
// SVE: scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}) -> (vector<[2]xf64>)
// SVE: vector.reduction <add>, %{{.*}}, %{{.*}} : vector<[2]xf64> into f64
ps.kernel @sum(%u: !ps.field<?x?xf64>, %r: !ps.reduction<add, f64>) {
  // expected-remark@+1 {{ps-vectorize: the loop over dimension 0 is not jammed: its nest reduces}}
  ps.iterate (%x, %y : i64) in %u ghost 1 : !ps.field<?x?xf64> {
    %v = ps.load %u[0, 0] : !ps.field<?x?xf64>
    ps.reduce %v, %r : !ps.reduction<add, f64>
  }
  ps.return
}

// -----

// Two copies of the body, two accumulators, combined lane-wise before the
// horizontal minimum; the whole vectors of one copy and the scalar
// iterations continue it.
// SCALAR-LABEL: func.func @minimum
// SCALAR-DAG: %[[LARGEST:.*]] = arith.constant dense<2147483647> : vector<8xi32>
// SCALAR-DAG: %[[INIT:.*]] = arith.constant 2147483647 : i32
// SCALAR: %[[TWO:.*]]:2 = scf.for {{.*}} step %c16 iter_args(%[[A:.*]] = %[[LARGEST]], %[[B:.*]] = %[[LARGEST]]) -> (vector<8xi32>, vector<8xi32>) {
// SCALAR: %[[NA:.*]] = arith.minsi %[[A]], %{{.*}} : vector<8xi32>
// SCALAR: %[[NB:.*]] = arith.minsi %[[B]], %{{.*}} : vector<8xi32>
// SCALAR: scf.yield %[[NA]], %[[NB]]
// SCALAR-NEXT: } {ps.dim = 0 : i64, ps.reductions = ["min", "min"]}
// SCALAR-NEXT: %[[BOTH:.*]] = arith.minsi %[[TWO]]#0, %[[TWO]]#1 : vector<8xi32>
// SCALAR-NEXT: %[[FIRST:.*]] = vector.reduction <minsi>, %[[BOTH]], %[[INIT]]
// SCALAR: %[[ONE:.*]] = scf.for {{.*}} step %c8 iter_args(%{{.*}} = %[[LARGEST]]) -> (vector<8xi32>)
// SCALAR: %[[SECOND:.*]] = vector.reduction <minsi>, %[[ONE]], %[[FIRST]]
// SCALAR: %[[TAIL:.*]] = scf.for {{.*}} step %c1 iter_args(%[[S:.*]] = %[[SECOND]]) -> (i32) {
// SCALAR: arith.minsi %[[S]], %{{.*}} : i32
// SCALAR: %[[OLD:.*]] = memref.load %{{.*}}[] : memref<i32>
// SCALAR: arith.minsi %[[OLD]], %[[TAIL]] : i32
ps.kernel @minimum(%u: !ps.field<?xi32>, %m: !ps.reduction<min, i32>) {
  // expected-remark@+1 {{ps-vectorize: the loop over dimension 0 is not jammed: its nest reduces}}
  ps.iterate (%x : i64) in %u ghost 0 : !ps.field<?xi32> {
    %v = ps.load %u[0] : !ps.field<?xi32>
    ps.reduce %v, %m : !ps.reduction<min, i32>
  }
  ps.return
}
