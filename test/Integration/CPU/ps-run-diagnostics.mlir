// ps-run's diagnostics name the file, the line and the column and say
// `error:`, as ps-opt and ps-compile do (the JIT parses under that name).
// RUN: not ps-run %s --kernel bad --shape 4 2>&1 | FileCheck %s

// CHECK: ps-run-diagnostics.mlir:[[@LINE+4]]:10: error: loop-carried dependence: parameter 'f' is written at offsets [0] and read at [1]
// CHECK: ps-run-diagnostics.mlir:[[@LINE+4]]:5: note: written here
ps.kernel @bad(%f: !ps.field<?xf64>) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64> {
    %v = ps.load %f[1] : !ps.field<?xf64>
    ps.store %v, %f[0] : !ps.field<?xf64>
  }
  ps.return
}
