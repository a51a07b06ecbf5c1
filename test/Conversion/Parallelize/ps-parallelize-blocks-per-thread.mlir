// RUN: ps-opt %s -ps-parallelize | FileCheck %s
// RUN: ps-opt %s -ps-parallelize="num-threads=8" | FileCheck %s --check-prefix=EIGHT

// The blocked copy of a nest that ps-vectorize's cost model chose runs
// only where it has a block for every thread: the threads split the loop
// over blocks. The other copy keeps them all busy with fewer blocks.
// CHECK: func.func private @omp_get_max_threads() -> i32
// CHECK-LABEL: func.func @blocked
// CHECK-SAME: (%[[ON:[^:]*]]: i1, %[[LO:[^:]*]]: index, %[[HI:[^:]*]]: index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK: %[[SPAN:.*]] = arith.subi %[[HI]], %[[LO]] : index
// CHECK: %[[BLOCKS:.*]] = arith.ceildivsi %[[SPAN]], %[[C64]] : index
// CHECK: %[[MAX:.*]] = call @omp_get_max_threads() : () -> i32
// CHECK: %[[THREADS:.*]] = arith.index_cast %[[MAX]] : i32 to index
// CHECK: %[[ENOUGH:.*]] = arith.cmpi sge, %[[BLOCKS]], %[[THREADS]] : index
// CHECK: %[[BOTH:.*]] = arith.andi %[[ON]], %[[ENOUGH]] : i1
// CHECK: scf.if %[[BOTH]] {
// CHECK: omp.parallel
// CHECK: } else {
// CHECK: omp.parallel
// CHECK-NOT: ps.blocks_per_thread
// With the threads given, no call.
// EIGHT-NOT: omp_get_max_threads
// EIGHT: %[[C8:.*]] = arith.constant 8 : index
// EIGHT: arith.cmpi sge, %{{.*}}, %[[C8]] : index
func.func @blocked(%on: i1, %lo: index, %hi: index, %n: index,
                   %a: memref<?x?xf64>) attributes {ps.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %one = arith.constant 1.0 : f64
  scf.if %on {
    scf.for %b = %lo to %hi step %c64 {
      %end = arith.addi %b, %c64 : index
      %stop = arith.minsi %end, %hi : index
      scf.for %z = %c0 to %n step %c1 {
        scf.for %y = %b to %stop step %c1 {
          memref.store %one, %a[%z, %y] : memref<?x?xf64>
        } {ps.dim = 1 : i64}
      } {ps.dim = 2 : i64}
    } {ps.dim = 1 : i64}
  } else {
    scf.for %z = %c0 to %n step %c1 {
      scf.for %y = %lo to %hi step %c1 {
        memref.store %one, %a[%z, %y] : memref<?x?xf64>
      } {ps.dim = 1 : i64}
    } {ps.dim = 2 : i64}
  } {ps.blocks_per_thread}
  return
}
