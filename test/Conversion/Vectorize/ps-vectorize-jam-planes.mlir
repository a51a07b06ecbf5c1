// ps-vectorize{jam-planes=N}: unroll-and-jam of the z loop of 3D nests.
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 unroll=1 jam-planes=2 remainder=scalar" --canonicalize --cse | FileCheck %s
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 unroll=1 jam=2 jam-planes=2 remainder=scalar" --canonicalize --cse | FileCheck %s --check-prefix=BOTH
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-block="rows=4" --ps-vectorize="isa=avx2 unroll=1 jam-planes=2 remainder=scalar" --canonicalize --cse | FileCheck %s --check-prefix=BLOCKED
// 2D nests are not jammed, and a remark says why.
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --ps-vectorize="isa=avx2 jam-planes=2" -verify-diagnostics -o /dev/null
// RUN: not ps-opt %s --ps-vectorize="jam-planes=5" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=avx2 jam-planes=0" 2>&1 | FileCheck %s --check-prefix=BAD0
// BAD: error: ps-vectorize: jam-planes 5 is not between 1 and 4
// BAD0: error: ps-lower-to-llvm-pipeline: jam-planes 0 is not between 1 and 4

// Planes z and z+1 of a 3-point column in z: the two planes they share are
// loaded once, and the outermost loop steps over z by 2 around the whole
// nest. The planes' copies of the body alternate operation by operation,
// each in the body's order. The plane left over after the pairs runs in a
// copy of the original nest.
// CHECK-LABEL: func.func @column
// CHECK-DAG: %[[SRC:.*]] = memref.transpose %arg0
// CHECK-DAG: %[[DST:.*]] = memref.transpose %arg1
// Whole pairs of planes end at 1 + ((nz - 2) max 0) / 2 * 2.
// CHECK: %[[PAIRS:.*]] = arith.divsi %{{.*}}, %c2 : index
// CHECK: %[[PLANES:.*]] = arith.muli %[[PAIRS]], %c2 : index
// CHECK: %[[END:.*]] = arith.addi %[[PLANES]], %c1 : index
// CHECK: scf.for %[[Z:.*]] = %c1 to %[[END]] step %c2 {
// CHECK: %[[Z1:.*]] = arith.addi %[[Z]], %c1 : index
// CHECK: scf.for %[[Y:.*]] = %c1 to %{{.*}} step %c1 {
// CHECK: scf.for %[[X:.*]] = %c1 to %{{.*}} step %c4 {
// CHECK-NEXT: %[[ZM:.*]] = arith.addi %[[Z]], %c-1 : index
// CHECK-NEXT: %[[A:.*]] = vector.load %[[SRC]][%[[Y]], %[[ZM]], %[[X]]]
// CHECK-NEXT: %[[B:.*]] = vector.load %[[SRC]][%[[Y]], %[[Z]], %[[X]]]
// CHECK-NEXT: %[[C:.*]] = vector.load %[[SRC]][%[[Y]], %[[Z1]], %[[X]]]
// Plane z+1 loads only z+2.
// CHECK-NEXT: %[[Z2:.*]] = arith.addi %[[Z]], %c2 : index
// CHECK-NEXT: %[[D:.*]] = vector.load %[[SRC]][%[[Y]], %[[Z2]], %[[X]]]
// CHECK-NEXT: %[[AB:.*]] = arith.addf %[[A]], %[[B]] : vector<4xf64>
// CHECK-NEXT: %[[BC:.*]] = arith.addf %[[B]], %[[C]] : vector<4xf64>
// CHECK-NEXT: %[[ABC:.*]] = arith.addf %[[AB]], %[[C]] : vector<4xf64>
// CHECK-NEXT: %[[BCD:.*]] = arith.addf %[[BC]], %[[D]] : vector<4xf64>
// CHECK-NEXT: vector.store %[[ABC]], %[[DST]][%[[Y]], %[[Z]], %[[X]]]
// CHECK-NEXT: vector.store %[[BCD]], %[[DST]][%[[Y]], %[[Z1]], %[[X]]]
// CHECK-NEXT: } {ps.dim = 0 : i64}
// CHECK: } {ps.dim = 1 : i64}
// CHECK-NEXT: } {ps.dim = 2 : i64}
// The plane left over, in the original nest.
// CHECK-NEXT: scf.for %{{.*}} = %[[END]] to %{{.*}} step %c1 {
// CHECK: scf.for
// CHECK: scf.for
// CHECK-COUNT-3: vector.load
// CHECK: vector.store
// CHECK: } {ps.dim = 0 : i64}
// CHECK: } {ps.dim = 1 : i64}
// CHECK: } {ps.dim = 2 : i64}
ps.kernel @column(%src: !ps.field<?x?x?xf64>, %dst: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %dst ghost 1 : !ps.field<?x?x?xf64> {
    %a = ps.load %src[0, 0, -1] : !ps.field<?x?x?xf64>
    %b = ps.load %src[0, 0, 0] : !ps.field<?x?x?xf64>
    %c = ps.load %src[0, 0, 1] : !ps.field<?x?x?xf64>
    %ab = ps.add %a, %b : f64
    %abc = ps.add %ab, %c : f64
    ps.store %abc, %dst[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// In a blocked nest (ps-block) the loop over planes is the one inside the
// blocks of rows, and the planes left over run inside each block.
// BLOCKED-LABEL: func.func @column
// BLOCKED: scf.for %[[B:.*]] = %c1 to %{{.*}} step %c4 {
// BLOCKED: scf.for %{{.*}} = %c1 to %{{.*}} step %c2 {
// BLOCKED: scf.for %{{.*}} = %[[B]] to %{{.*}} step %c1 {
// BLOCKED-COUNT-4: vector.load
// BLOCKED-NOT: vector.load
// BLOCKED: } {ps.dim = 2 : i64}
// BLOCKED-NEXT: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 {
// BLOCKED: } {ps.dim = 2 : i64}
// BLOCKED-NEXT: } {ps.dim = 1 : i64}

// -----

// A 5-point cross in y and z, jammed in 2 planes and 2 rows: the 4 points
// of one iteration load 12 rows where they alone load 20. The rows left
// over in a pair of planes are jammed in planes only, the plane left over
// in rows only.
// BOTH-LABEL: func.func @cross
// BOTH: scf.for %{{.*}} = %c1 to %{{.*}} step %c2 {
// BOTH: scf.for %{{.*}} = %c1 to %{{.*}} step %c2 {
// BOTH: scf.for %{{.*}} = %c1 to %{{.*}} step %c4 {
// BOTH-COUNT-12: vector.load
// BOTH-NOT: vector.load
// BOTH-COUNT-4: vector.store
// BOTH-NEXT: } {ps.dim = 0 : i64}
// BOTH: } {ps.dim = 1 : i64}
// BOTH-NEXT: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 {
// BOTH: scf.for %{{.*}} = %c1 to %{{.*}} step %c4 {
// BOTH-COUNT-8: vector.load
// BOTH-NOT: vector.load
// BOTH: } {ps.dim = 0 : i64}
// BOTH: } {ps.dim = 2 : i64}
// BOTH-NEXT: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 {
// BOTH: scf.for %{{.*}} = %c1 to %{{.*}} step %c2 {
// BOTH: scf.for %{{.*}} = %c1 to %{{.*}} step %c4 {
// BOTH-COUNT-8: vector.load
// BOTH-NOT: vector.load
// BOTH: } {ps.dim = 0 : i64}
ps.kernel @cross(%src: !ps.field<?x?x?xf64>, %dst: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %dst ghost 1 : !ps.field<?x?x?xf64> {
    %s = ps.load %src[0, 0, -1] : !ps.field<?x?x?xf64>
    %w = ps.load %src[0, -1, 0] : !ps.field<?x?x?xf64>
    %c = ps.load %src[0, 0, 0] : !ps.field<?x?x?xf64>
    %e = ps.load %src[0, 1, 0] : !ps.field<?x?x?xf64>
    %n = ps.load %src[0, 0, 1] : !ps.field<?x?x?xf64>
    %sw = ps.add %s, %w : f64
    %swc = ps.add %sw, %c : f64
    %swce = ps.add %swc, %e : f64
    %all = ps.add %swce, %n : f64
    ps.store %all, %dst[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// A 2D nest has no planes to jam.
ps.kernel @plane(%src: !ps.field<?x?xf64>, %dst: !ps.field<?x?xf64>) {
  // expected-remark@+1 {{ps-vectorize: the loop over dimension 0 is not jammed: its nest has fewer than 3 loops}}
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> {
    %a = ps.load %src[0, 0] : !ps.field<?x?xf64>
    ps.store %a, %dst[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}
