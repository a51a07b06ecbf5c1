// RUN: ps-opt %s -convert-ps-to-scf -ps-parallelize="num-threads=2 schedule=dynamic chunk=4" | FileCheck %s
// RUN: ps-opt %s -convert-ps-to-scf -ps-parallelize="dim=1" | FileCheck %s --check-prefix=DIM1
// RUN: ps-opt %s -convert-ps-to-scf -ps-parallelize | FileCheck %s --check-prefix=DEFAULT
// RUN: not ps-opt %s -convert-ps-to-scf -ps-parallelize="schedule=guided" 2>&1 | FileCheck %s --check-prefix=SCHEDULE
// RUN: not ps-opt %s -convert-ps-to-scf -ps-parallelize="dim=5" 2>&1 | FileCheck %s --check-prefix=BADDIM

// The outermost loop (z) of the nest is split among the threads; the inner
// loops stay sequential inside each thread's iterations.
// CHECK-LABEL: func.func @heat
// CHECK: %[[CHUNK:.*]] = arith.constant 4 : i64
// CHECK: omp.parallel num_threads(%{{.*}} : i32) {
// CHECK-NEXT: omp.wsloop schedule(dynamic = %[[CHUNK]] : i64) {
// CHECK-NEXT: omp.loop_nest (%[[Z:.*]]) : index =
// CHECK: scf.for %[[Y:.*]] =
// CHECK-NEXT: scf.for %[[X:.*]] =
// CHECK: memref.load %{{.*}}[%[[X]], %[[Y]], %[[Z]]]
// CHECK-NOT: omp.parallel

// DIM1-LABEL: func.func @heat
// DIM1: scf.for %[[Z:.*]] =
// DIM1: omp.parallel {
// DIM1-NEXT: omp.wsloop schedule(static) {
// DIM1-NEXT: omp.loop_nest (%[[Y:.*]]) : index =
// DIM1: scf.for %[[X:.*]] =

// DEFAULT: omp.parallel {
// DEFAULT-NEXT: omp.wsloop schedule(static) {

// SCHEDULE: ps-parallelize: schedule 'guided' is not static or dynamic
// BADDIM: ps-parallelize: dim 5 is not a spatial dimension (0 to 2) or -1
ps.kernel @heat(%u: !ps.field<?x?x?xf64>, %v: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z : i64) in %v ghost 1 : !ps.field<?x?x?xf64> {
    %a = ps.load %u[0, 0, 0] : !ps.field<?x?x?xf64>
    ps.store %a, %v[0, 0, 0] : !ps.field<?x?x?xf64>
  }
}
