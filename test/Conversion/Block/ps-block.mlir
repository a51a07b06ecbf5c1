// RUN: ps-opt %s --ps-typify --convert-ps-to-scf --canonicalize --ps-block="rows=16" | FileCheck %s
// RUN: ps-opt %s --ps-typify --convert-ps-to-scf --canonicalize --ps-block="rows=0" | FileCheck %s --check-prefix=OFF
// RUN: ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=none block-rows=8 threads=2" | FileCheck %s --check-prefix=PIPELINE

// The y loop of a 3D nest is split into blocks of 16 rows, and the block
// loop moves outside the z loop.
// CHECK-LABEL: func.func @heat
// CHECK: %[[Y1:.*]] = arith.addi %dim_{{[0-9]+}}, %c-1 : index
// CHECK: %[[WIDTH:.*]] = arith.muli %c1, %c16 : index
// CHECK: scf.for %[[YY:.*]] = %c1 to %[[Y1]] step %[[WIDTH]] {
// CHECK: scf.for %[[Z:.*]] = %c1 to %{{.*}} step %c1 {
// CHECK: %[[NEXT:.*]] = arith.addi %[[YY]], %[[WIDTH]] : index
// CHECK: %[[END:.*]] = arith.minsi %[[NEXT]], %[[Y1]] : index
// CHECK: scf.for %[[Y:.*]] = %[[YY]] to %[[END]] step %c1 {
// CHECK: scf.for %[[X:.*]] =
// CHECK: } {ps.dim = 0 : i64}
// CHECK: } {ps.dim = 1 : i64}
// CHECK: } {ps.dim = 2 : i64}
// CHECK: } {ps.dim = 1 : i64}

// OFF-LABEL: func.func @heat
// OFF: scf.for
// OFF-SAME: {
// OFF-NOT: arith.minsi
// OFF: } {ps.dim = 2 : i64}

// The threads split the block loop, the outermost one, and only that one.
// PIPELINE-LABEL: llvm.func @heat
// PIPELINE-COUNT-1: omp.wsloop
// PIPELINE-NOT: omp.wsloop
ps.kernel @heat(%u: !ps.field<?x?x?xf64>, %v: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %v ghost 1 : !ps.field<?x?x?xf64> {
    %c = ps.load %u[0, 0, 0] : !ps.field<?x?x?xf64>
    %n = ps.load %u[0, 1, 0] : !ps.field<?x?x?xf64>
    %s = ps.add %c, %n : f64
    ps.store %s, %v[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}
