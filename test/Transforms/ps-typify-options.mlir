// RUN: ps-opt %s -pass-pipeline='builtin.module(ps.kernel(ps-typify{default-type=f32 index-type=i32}))' | FileCheck %s

// The options change the default type of symbols and constants and the type
// of the counters.
// CHECK-LABEL: ps.kernel @defaults
// CHECK-SAME: (%{{.*}}: !ps.field<?xf32>, %[[S:.*]]: f32)
ps.kernel @defaults(%f: !ps.field<?xf32>, %s: !ps.untyped) {
  // CHECK: ps.iterate (%[[X:.*]] : i32)
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf32> {
    // CHECK: %[[H:.*]] = ps.constant 0.5 : f32
    %h = ps.constant 0.5 : !ps.untyped
    // CHECK: ps.mul %[[S]], %[[H]] : f32
    %m = ps.mul %s, %h : !ps.untyped
    ps.store %m, %f[0] : !ps.untyped, !ps.field<?xf32>
    // CHECK: ps.cast %[[X]] : i32 to f32
    %xf = ps.cast %x : !ps.untyped to f32
    ps.store %xf, %f[0] : !ps.field<?xf32>
  }
  ps.return
}

// Counters the front end typed keep their type.
// CHECK-LABEL: ps.kernel @typed_counters
// CHECK: ps.iterate (%{{.*}} : i64)
ps.kernel @typed_counters(%f: !ps.field<?xf32>) {
  ps.iterate (%x : i64) in %f ghost 0 : !ps.field<?xf32> {
  }
  ps.return
}
