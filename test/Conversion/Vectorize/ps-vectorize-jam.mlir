// ps-vectorize{jam=2}: unroll-and-jam of the y loop of 3D nests.
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 unroll=1 jam=2 remainder=scalar" --canonicalize --cse | FileCheck %s
// 2D nests are not jammed, and a remark says why; nothing else remarks.
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --ps-vectorize="isa=avx2 jam=2" -verify-diagnostics -o /dev/null
// RUN: not ps-opt %s --ps-vectorize="jam=0" 2>&1 | FileCheck %s --check-prefix=BAD-JAM
// RUN: not ps-opt %s --ps-vectorize="jam=9" 2>&1 | FileCheck %s --check-prefix=BAD-JAM9
// BAD-JAM: error: ps-vectorize: jam 0 is not between 1 and 8
// BAD-JAM9: error: ps-vectorize: jam 9 is not between 1 and 8

// Rows y and y+1 of a 3-point column in y: the two rows they share are
// loaded once, and the jammed loop steps over y by 2. The two rows' copies
// of the body alternate operation by operation (a shared load is used soon
// after it is made), each in the body's order. The rows left over run in a
// copy of the original loop, vectorized too.
// CHECK-LABEL: func.func @column
// CHECK-DAG: %[[SRC:.*]] = memref.transpose %arg0
// CHECK-DAG: %[[DST:.*]] = memref.transpose %arg1
// CHECK: scf.for %[[Z:.*]] = %c1 to %{{.*}} step %c1 {
// Whole groups of 2 rows end at 1 + ((ny - 2) max 0) / 2 * 2.
// CHECK: %[[GROUPS:.*]] = arith.divsi %{{.*}}, %c2 : index
// CHECK: %[[ROWS:.*]] = arith.muli %[[GROUPS]], %c2 : index
// CHECK: %[[END:.*]] = arith.addi %[[ROWS]], %c1 : index
// CHECK: scf.for %[[Y:.*]] = %c1 to %[[END]] step %c2 {
// CHECK: %[[Y1:.*]] = arith.addi %[[Y]], %c1 : index
// CHECK: scf.for %[[X:.*]] = %c1 to %{{.*}} step %c4 {
// CHECK-NEXT: %[[YM:.*]] = arith.addi %[[Y]], %c-1 : index
// CHECK-NEXT: %[[A:.*]] = vector.load %[[SRC]][%[[YM]], %[[Z]], %[[X]]]
// CHECK-NEXT: %[[B:.*]] = vector.load %[[SRC]][%[[Y]], %[[Z]], %[[X]]]
// CHECK-NEXT: %[[C:.*]] = vector.load %[[SRC]][%[[Y1]], %[[Z]], %[[X]]]
// Row y+1 loads only y+2; y and y+1 come from row y's loads.
// CHECK-NEXT: %[[Y2:.*]] = arith.addi %[[Y]], %c2 : index
// CHECK-NEXT: %[[D:.*]] = vector.load %[[SRC]][%[[Y2]], %[[Z]], %[[X]]]
// CHECK-NEXT: %[[AB:.*]] = arith.addf %[[A]], %[[B]] : vector<4xf64>
// CHECK-NEXT: %[[BC:.*]] = arith.addf %[[B]], %[[C]] : vector<4xf64>
// CHECK-NEXT: %[[ABC:.*]] = arith.addf %[[AB]], %[[C]] : vector<4xf64>
// CHECK-NEXT: %[[BCD:.*]] = arith.addf %[[BC]], %[[D]] : vector<4xf64>
// CHECK-NEXT: vector.store %[[ABC]], %[[DST]][%[[Y]], %[[Z]], %[[X]]]
// CHECK-NEXT: vector.store %[[BCD]], %[[DST]][%[[Y1]], %[[Z]], %[[X]]]
// CHECK-NEXT: } {ps.dim = 0 : i64}
// CHECK: } {ps.dim = 1 : i64}
// The rows left over, one at a time.
// CHECK-NEXT: scf.for %[[YR:.*]] = %[[END]] to %{{.*}} step %c1 {
// CHECK: scf.for
// CHECK-COUNT-3: vector.load
// CHECK: vector.store
// CHECK: } {ps.dim = 0 : i64}
// CHECK: } {ps.dim = 1 : i64}
// CHECK: } {ps.dim = 2 : i64}
ps.kernel @column(%src: !ps.field<?x?x?xf64>, %dst: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %dst ghost 1 : !ps.field<?x?x?xf64> {
    %a = ps.load %src[0, -1, 0] : !ps.field<?x?x?xf64>
    %b = ps.load %src[0, 0, 0] : !ps.field<?x?x?xf64>
    %c = ps.load %src[0, 1, 0] : !ps.field<?x?x?xf64>
    %ab = ps.add %a, %b : f64
    %abc = ps.add %ab, %c : f64
    ps.store %abc, %dst[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// A load after a store to the same field reads what the store wrote: it is
// never taken from an earlier load, in its own row or in another.
// CHECK-LABEL: func.func @in_place
// CHECK: scf.for %[[Y:.*]] = %c1 to %{{.*}} step %c2 {
// CHECK: %[[Y1:.*]] = arith.addi %[[Y]], %c1 : index
// CHECK: scf.for %[[X:.*]] =
// CHECK-NEXT: %[[A:.*]] = vector.load %[[F:.*]][%[[Y]], %{{.*}}, %[[X]]]
// CHECK-NEXT: %[[A1:.*]] = vector.load %[[F]][%[[Y1]], %{{.*}}, %[[X]]]
// CHECK-NEXT: %[[B:.*]] = arith.addf %[[A]]
// CHECK-NEXT: %[[B1:.*]] = arith.addf %[[A1]]
// CHECK-NEXT: vector.store %[[B]], %[[F]][%[[Y]], %{{.*}}, %[[X]]]
// CHECK-NEXT: vector.store %[[B1]], %[[F]][%[[Y1]], %{{.*}}, %[[X]]]
// CHECK-NEXT: %[[C:.*]] = vector.load %[[F]][%[[Y]], %{{.*}}, %[[X]]]
// CHECK-NEXT: %[[C1:.*]] = vector.load %[[F]][%[[Y1]], %{{.*}}, %[[X]]]
// CHECK-NEXT: vector.store %[[C]], %[[G:.*]][%[[Y]], %{{.*}}, %[[X]]]
// CHECK-NEXT: vector.store %[[C1]], %[[G]][%[[Y1]], %{{.*}}, %[[X]]]
// CHECK-NEXT: } {ps.dim = 0 : i64}
ps.kernel @in_place(%f: !ps.field<?x?x?xf64>, %g: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %f ghost 1 : !ps.field<?x?x?xf64> {
    %a = ps.load %f[0, 0, 0] : !ps.field<?x?x?xf64>
    %one = ps.constant 1.0 : f64
    %b = ps.add %a, %one : f64
    ps.store %b, %f[0, 0, 0] : !ps.field<?x?x?xf64>
    %c = ps.load %f[0, 0, 0] : !ps.field<?x?x?xf64>
    ps.store %c, %g[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// In 2D the y loop is the outermost one, which threads split: not jammed.
// CHECK-LABEL: func.func @plane
// CHECK: scf.for %{{.*}} = %c1 to %{{.*}} step %c1 {
// CHECK: vector.load
// CHECK-NOT: vector.load
// CHECK: } {ps.dim = 1 : i64}
ps.kernel @plane(%src: !ps.field<?x?xf64>, %dst: !ps.field<?x?xf64>) {
  // expected-remark@+1 {{ps-vectorize: the loop over dimension 0 is not jammed: the enclosing loop is the outermost of its nest, which threads split (jam works on the middle loop of 3D nests)}}
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> {
    %a = ps.load %src[0, 0] : !ps.field<?x?xf64>
    ps.store %a, %dst[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}
