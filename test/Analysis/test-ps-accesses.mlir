// RUN: ps-opt %s -pass-pipeline='builtin.module(ps.kernel(test-ps-accesses))' -verify-diagnostics -split-input-file

ps.kernel @accesses(%u: !ps.field<?x?xf64, components [3]>, %v: !ps.field<?x?xf64>, %c: i1) {
  ps.iterate (%x, %y) in %v ghost 1 : !ps.field<?x?xf64> {
    // expected-remark@+1 {{read parameter 'u' at [-1, 1] component (2)}}
    %a = ps.load %u[-1, 1](2) : !ps.field<?x?xf64, components [3]>
    scf.if %c {
      // expected-remark@+1 {{write parameter 'v' at [0, 0]}}
      ps.store %a, %v[0, 0] : !ps.field<?x?xf64>
    }
  }
}

// -----

ps.kernel @sparse(%v: !ps.field<?xf64>, %l: !ps.field<?xi64, components [1]>) {
  ps.iterate_sparse (%x) in %l : !ps.field<?xi64, components [1]> {
    // expected-remark@+1 {{read parameter 'v' at [2]}}
    %a = ps.load %v[2] : !ps.field<?xf64>
  }
}

// -----

// Offsets and components that are values print as their range, or `?`
// where a record member gives them (the run-time checks those).
ps.kernel @dynamic(%f: !ps.field<?x?xf64, components [9]>,
                   %l: !ps.field<?xi32, components [3], layout c>) {
  ps.iterate_sparse (%x, %y) in %l disjoint : !ps.field<?xi32, components [3], layout c> {
    %d = ps.load_record %l(2) : !ps.field<?xi32, components [3], layout c>
    %cx = ps.lookup %d : i32 in dense<[0, 1, 0, -1, 0, 1, -1, -1, 1]> : tensor<9xi32>
    %cy = ps.lookup %d : i32 in dense<[0, 0, 1, 0, -1, 1, 1, -1, -1]> : tensor<9xi32>
    %inv = ps.lookup %d : i32 in dense<[0, 3, 4, 1, 2, 7, 8, 5, 6]> : tensor<9xi32>
    // expected-remark@+1 {{read parameter 'f' at [-1..1, -1..1] component (?)}}
    %v = ps.load %f[%cx : i32, %cy : i32](%d : i32) : !ps.field<?x?xf64, components [9]>
    // expected-remark@+1 {{write parameter 'f' at [0, 0] component (0..8)}}
    ps.store %v, %f[0, 0](%inv : i32) : !ps.field<?x?xf64, components [9]>
  }
}
