// RUN: ps-opt %s -split-input-file -pass-pipeline='builtin.module(ps.kernel(ps-hoist-invariants))' | FileCheck %s

// What depends on no counter and no field leaves the iteration space; field
// reads and what depends on counters stay.
// CHECK-LABEL: ps.kernel @hoist
// CHECK-SAME: (%[[F:.*]]: !ps.field<?xf64>, %[[W:.*]]: f64, %[[N:.*]]: i64)
// CHECK-DAG: %[[W2:.*]] = ps.mul %[[W]], %[[W]] : f64
// CHECK-DAG: %[[C:.*]] = ps.constant 0.5 : f64
// CHECK: %[[WH:.*]] = ps.mul %[[W2]], %[[C]] : f64
// CHECK-NEXT: %[[S:.*]] = ps.sqrt %[[WH]] : f64
// CHECK-NEXT: ps.iterate (%[[X:.*]] : i64)
// CHECK-NEXT: %[[V:.*]] = ps.load %[[F]][0]
// CHECK-NEXT: ps.mul %[[V]], %[[S]] : f64
// CHECK-NEXT: ps.add %[[X]], %[[N]] : i64
ps.kernel @hoist(%f: !ps.field<?xf64>, %w: f64, %n: i64) {
  ps.iterate (%x : i64) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %w2 = ps.mul %w, %w : f64
    %c = ps.constant 0.5 : f64
    %wh = ps.mul %w2, %c : f64
    %s = ps.sqrt %wh : f64
    %r = ps.mul %v, %s : f64
    %xn = ps.add %x, %n : i64
    %xf = ps.cast %xn : i64 to f64
    %t = ps.add %r, %xf : f64
    ps.store %t, %f[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// Integer division may trap: it stays where it is. Float division moves.
// CHECK-LABEL: ps.kernel @division
// CHECK: ps.div %{{.*}}, %{{.*}} : f64
// CHECK: ps.iterate
// CHECK: ps.div %{{.*}}, %{{.*}} : i32
ps.kernel @division(%f: !ps.field<?xi32>, %a: i32, %b: i32, %p: f64, %q: f64) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xi32> {
    %d = ps.div %a, %b : i32
    %fd = ps.div %p, %q : f64
    %fi = ps.cast %fd : f64 to i32
    %s = ps.add %d, %fi : i32
    ps.store %s, %f[0] : !ps.field<?xi32>
  }
  ps.return
}
