// RUN: ps-opt %s -split-input-file -pass-pipeline='builtin.module(ps.kernel(ps-analyze))' -verify-diagnostics | FileCheck %s

// Accepted kernels are left unchanged.
// CHECK-LABEL: ps.kernel @jacobi
// CHECK: ps.load %{{.*}}[-1, 0]
ps.kernel @jacobi(%src: !ps.field<?x?xf64>, %dst: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64>
    %s = ps.add %w, %e : f64
    ps.store %s, %dst[0, 0] : !ps.field<?x?xf64>
  }
}

// -----

// Reading a location the point writes, at the same offset, is fine.
// CHECK-LABEL: ps.kernel @in_place_pointwise
ps.kernel @in_place_pointwise(%u: !ps.field<?xf64, components [2]>) {
  ps.iterate (%x) in %u ghost 0 : !ps.field<?xf64, components [2]> {
    %a = ps.load %u[0](0) : !ps.field<?xf64, components [2]>
    %b = ps.load %u[0](1) : !ps.field<?xf64, components [2]>
    ps.store %b, %u[0](0) : !ps.field<?xf64, components [2]>
    ps.store %a, %u[0](1) : !ps.field<?xf64, components [2]>
  }
}

// -----

ps.kernel @gauss_seidel(%u: !ps.field<?x?xf64>) {
  // expected-note@+3 {{written here}}
  ps.iterate (%x, %y) in %u ghost 1 : !ps.field<?x?xf64> {
    %c = ps.load %u[0, 0] : !ps.field<?x?xf64>
    ps.store %c, %u[0, 0] : !ps.field<?x?xf64>
    // expected-error@+1 {{loop-carried dependence: parameter 'u' is written at offsets [0, 0] and read at [-1, 0], which another point writes; the result would depend on the order of points}}
    %w = ps.load %u[-1, 0] : !ps.field<?x?xf64>
  }
}

// -----

// On a lattice of step 2 in x, offsets 2 apart meet, offsets 1 apart do not.
ps.kernel @lattice(%u: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %u slice [2:-2:2, 1:-1:2] : !ps.field<?x?xf64> {
    %e = ps.load %u[1, 0] : !ps.field<?x?xf64>
    %n = ps.load %u[0, 1] : !ps.field<?x?xf64>
    // expected-error@+1 {{loop-carried dependence: parameter 'u' is written at offsets [0, 0] and read at [2, 0]}}
    %ee = ps.load %u[2, 0] : !ps.field<?x?xf64>
    // expected-note@+1 {{written here}}
    ps.store %e, %u[0, 0] : !ps.field<?x?xf64>
  }
}

// -----

ps.kernel @written_twice(%u: !ps.field<?xf64>, %a: f64, %b: f64) {
  ps.iterate (%x) in %u ghost 0 : !ps.field<?xf64> {
    // expected-note@+1 {{first written here}}
    ps.store %a, %u[0] : !ps.field<?xf64>
    // expected-error@+1 {{location [0] of parameter 'u' is written twice by the same point}}
    ps.store %b, %u[0] : !ps.field<?xf64>
  }
}

// -----

// Writes in the two branches of an scf.if exclude each other.
// CHECK-LABEL: ps.kernel @exclusive_writes
ps.kernel @exclusive_writes(%u: !ps.field<?xf64>, %a: f64, %b: f64, %c: i1) {
  ps.iterate (%x) in %u ghost 0 : !ps.field<?xf64> {
    scf.if %c {
      ps.store %a, %u[0] : !ps.field<?xf64>
    } else {
      ps.store %b, %u[0] : !ps.field<?xf64>
    }
  }
}

// -----

ps.kernel @overlapping_writes(%u: !ps.field<?xf64>, %a: f64) {
  ps.iterate (%x) in %u ghost 1 : !ps.field<?xf64> {
    // expected-note@+1 {{also written here}}
    ps.store %a, %u[0] : !ps.field<?xf64>
    // expected-error@+1 {{points write the same location of parameter 'u': it is written at offsets [0] and [1]}}
    ps.store %a, %u[1] : !ps.field<?xf64>
  }
}

// -----

// An index list may hold neighbouring points: any other offset may meet.
ps.kernel @sparse(%u: !ps.field<?x?xf64>, %l: !ps.field<?xi64, components [2]>) {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi64, components [2]> {
    // expected-error@+1 {{loop-carried dependence}}
    %v = ps.load %u[0, 2] : !ps.field<?x?xf64>
    // expected-note@+1 {{written here}}
    ps.store %v, %u[0, 0] : !ps.field<?x?xf64>
  }
}

// -----

ps.kernel @below(%src: !ps.field<?x?xf64>, %dst: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> {
    // expected-error@+1 {{offset -2 in dimension 0 reaches below parameter 'src': the iteration space starts 1 layers above the lower end (ghost layers or slice start)}}
    %v = ps.load %src[-2, 0] : !ps.field<?x?xf64>
    ps.store %v, %dst[0, 0] : !ps.field<?x?xf64>
  }
}

// -----

ps.kernel @past(%src: !ps.field<?x?xf64>, %dst: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %dst slice [1:-1, 2:-2] : !ps.field<?x?xf64> {
    %v = ps.load %src[0, 2] : !ps.field<?x?xf64>
    // expected-error@+1 {{offset 2 in dimension 0 reaches past parameter 'dst': the iteration space ends 1 layers below the upper end (ghost layers or slice stop)}}
    ps.store %v, %dst[2, 0] : !ps.field<?x?xf64>
  }
}

// -----

// An absolute stop on a static extent leaves room above it.
ps.kernel @absolute_stop(%src: !ps.field<10xf64>, %dst: !ps.field<10xf64>) {
  ps.iterate (%x) in %dst slice [0:8] : !ps.field<10xf64> {
    %ok = ps.load %src[2] : !ps.field<10xf64>
    // expected-error@+1 {{offset 3 in dimension 0 reaches past parameter 'src': the iteration space ends 2 layers below the upper end}}
    %bad = ps.load %src[3] : !ps.field<10xf64>
    %s = ps.add %ok, %bad : f64
    ps.store %s, %dst[0] : !ps.field<10xf64>
  }
}

// -----

// A reduction is no loop-carried dependence: every point combines into the
// result, in any order. A Jacobi step with its residual passes.
// CHECK-LABEL: ps.kernel @jacobi_residual
// CHECK: ps.reduce
ps.kernel @jacobi_residual(%src: !ps.field<?x?xf64, ghost 1>,
                           %dst: !ps.field<?x?xf64, ghost 1>,
                           %r: !ps.reduction<add, f64>,
                           %m: !ps.reduction<max, f64>) {
  ps.iterate (%x, %y) in %dst : !ps.field<?x?xf64, ghost 1> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64, ghost 1>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64, ghost 1>
    %c = ps.load %src[0, 0] : !ps.field<?x?xf64, ghost 1>
    %s = ps.add %w, %e : f64
    ps.store %s, %dst[0, 0] : !ps.field<?x?xf64, ghost 1>
    %d = ps.sub %s, %c : f64
    %d2 = ps.mul %d, %d : f64
    ps.reduce %d2, %r : !ps.reduction<add, f64>
    ps.reduce %d, %m : !ps.reduction<max, f64>
  }
  ps.return
}

// -----

// A point contributes once: a second ps.reduce into the same result would
// count it twice.
ps.kernel @reduced_twice(%u: !ps.field<?xf64>, %r: !ps.reduction<add, f64>) {
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    // expected-note@+1 {{first reduced here}}
    ps.reduce %v, %r : !ps.reduction<add, f64>
    // expected-error@+1 {{the reduction result 'r' is reduced twice by the same point; combine the values first and reduce once}}
    ps.reduce %v, %r : !ps.reduction<add, f64>
  }
  ps.return
}

// -----

// Two spaces may reduce into one result: each point of each space once.
// CHECK-LABEL: ps.kernel @two_spaces
ps.kernel @two_spaces(%u: !ps.field<?xf64>, %r: !ps.reduction<min, f64>) {
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    ps.reduce %v, %r : !ps.reduction<min, f64>
  }
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    %n = ps.neg %v : f64
    ps.reduce %n, %r : !ps.reduction<min, f64>
  }
  ps.return
}
