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
