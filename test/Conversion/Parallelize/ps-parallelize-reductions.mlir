// ps-parallelize on a nest that reduces: the split loop becomes an
// scf.parallel with reductions, which upstream's scf-to-openmp turns into
// OpenMP reduction clauses (each thread combines into its private copy,
// OpenMP combines the copies); min and max reach it as compare and select,
// the form it recognizes. The result is then `*r op total` as before.
// RUN: ps-opt %s -convert-ps-to-scf -ps-parallelize="num-threads=2" | FileCheck %s
// RUN: ps-opt %s -convert-ps-to-scf -ps-parallelize="dim=0" | FileCheck %s --check-prefix=DIM0

// CHECK: omp.declare_reduction @[[SUM:.*]] : f64 init {
// CHECK: } combiner {
// CHECK: arith.addf
// CHECK: omp.declare_reduction @[[MIN:.*]] : i64 init {
// CHECK: llvm.mlir.constant(9223372036854775807 : i64)
// CHECK: } combiner {
// CHECK-NEXT: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64):
// CHECK-NEXT: %[[LT:.*]] = arith.cmpi slt, %[[A]], %[[B]] : i64
// CHECK-NEXT: arith.select %[[LT]], %[[A]], %[[B]] : i64
// CHECK-LABEL: func.func @norms
// CHECK-SAME: %[[R:[a-z0-9]+]]: memref<f64>, %[[M:[a-z0-9]+]]: memref<i64>
// CHECK: omp.parallel num_threads(%{{.*}} : i32) {
// CHECK-NEXT: omp.wsloop schedule(static) reduction(@[[SUM]] %[[RS:.*]] -> %[[PRIV:.*]], @[[MIN]] %[[MS:.*]] -> %{{.*}} : !llvm.ptr, !llvm.ptr) {
// CHECK-NEXT: omp.loop_nest
// The row starts from the identities and is combined into the thread's copy.
// CHECK: %[[ROW:.*]]:2 = scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (f64, i64)
// CHECK: %[[MINE:.*]] = llvm.load %[[PRIV]] : !llvm.ptr -> f64
// CHECK: %[[ADDED:.*]] = arith.addf %[[MINE]], %[[ROW]]#0 : f64
// CHECK: llvm.store %[[ADDED]], %[[PRIV]]
// CHECK: omp.terminator
// CHECK: %[[TOTAL:.*]] = llvm.load %[[RS]] : !llvm.ptr -> f64
// CHECK: %[[OLD:.*]] = memref.load %[[R]][] : memref<f64>
// CHECK: %[[NEW:.*]] = arith.addf %[[OLD]], %[[TOTAL]] : f64
// CHECK: memref.store %[[NEW]], %[[R]][] : memref<f64>

// DIM0-LABEL: func.func @norms
// DIM0: scf.for %[[Y:.*]] = {{.*}} iter_args
// DIM0: omp.parallel {
// DIM0-NEXT: omp.wsloop schedule(static) reduction(
ps.kernel @norms(%u: !ps.field<?x?xf64>, %r: !ps.reduction<add, f64>,
                 %m: !ps.reduction<min, i64>) {
  ps.iterate (%x, %y : i64) in %u ghost 1 : !ps.field<?x?xf64> {
    %v = ps.load %u[0, 0] : !ps.field<?x?xf64>
    ps.reduce %v, %r : !ps.reduction<add, f64>
    ps.reduce %x, %m : !ps.reduction<min, i64>
  }
}
