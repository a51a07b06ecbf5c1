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

// -----

//===----------------------------------------------------------------------===//
// Records, lookups and offsets or components that are values
//===----------------------------------------------------------------------===//

// Bounce-back over records (x, y, d): the read reaches -1..1 through the
// direction table, the component comes from the record, which the run-time
// checks. Entries of a list may be neighbours, so without `disjoint` the
// read of the written field is a dependence.
ps.kernel @bounce_back_undeclared(%f: !ps.field<?x?xf64, components [3]>,
                                  %l: !ps.field<?xi32, components [3], layout c>) {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi32, components [3], layout c> {
    %d = ps.load_record %l(2) : !ps.field<?xi32, components [3], layout c>
    %dx = ps.lookup %d : i32 in dense<[0, 1, -1]> : tensor<3xi32>
    %inv = ps.lookup %d : i32 in dense<[0, 2, 1]> : tensor<3xi32>
    // expected-error@+1 {{loop-carried dependence: parameter 'f' is written at offsets [0, 0](0..2) and read at [-1..1, 0](?), which another point writes; the result would depend on the order of points; if the index list guarantees that no entry touches what another writes, say so with `disjoint`}}
    %v = ps.load %f[%dx : i32, 0](%d : i32) : !ps.field<?x?xf64, components [3]>
    // expected-note@+1 {{written here}}
    ps.store %v, %f[0, 0](%inv : i32) : !ps.field<?x?xf64, components [3]>
  }
}

// -----

// CHECK-LABEL: ps.kernel @bounce_back
// CHECK: ps.iterate_sparse (%{{.*}}, %{{.*}}) in %{{.*}} disjoint
ps.kernel @bounce_back(%f: !ps.field<?x?xf64, components [3]>,
                       %l: !ps.field<?xi32, components [3], layout c>) {
  ps.iterate_sparse (%x, %y) in %l disjoint : !ps.field<?xi32, components [3], layout c> {
    %d = ps.load_record %l(2) : !ps.field<?xi32, components [3], layout c>
    %dx = ps.lookup %d : i32 in dense<[0, 1, -1]> : tensor<3xi32>
    %inv = ps.lookup %d : i32 in dense<[0, 2, 1]> : tensor<3xi32>
    %v = ps.load %f[%dx : i32, 0](%d : i32) : !ps.field<?x?xf64, components [3]>
    ps.store %v, %f[0, 0](%inv : i32) : !ps.field<?x?xf64, components [3]>
  }
}

// -----

// Arithmetic on bounded values stays bounded: -c_d reaches 1..-1 as well.
// CHECK-LABEL: ps.kernel @negated_offsets
ps.kernel @negated_offsets(%src: !ps.field<?xf64>, %dst: !ps.field<?xf64>,
                           %l: !ps.field<?xi64, components [2]>) {
  ps.iterate_sparse (%x) in %l : !ps.field<?xi64, components [2]> {
    %d = ps.load_record %l(1) : !ps.field<?xi64, components [2]>
    %c = ps.lookup %d : i64 in dense<[0, 1, -1]> : tensor<3xi64>
    %n = ps.neg %c : i64
    %two = ps.constant 2 : i64
    %far = ps.mul %n, %two : i64
    %v = ps.load %src[%far : i64] : !ps.field<?xf64>
    ps.store %v, %dst[0] : !ps.field<?xf64>
  }
}

// -----

ps.kernel @unbounded_offset(%src: !ps.field<?xf64>, %dst: !ps.field<?xf64>,
                            %offsets: !ps.field<?xi64>) {
  ps.iterate (%x) in %dst ghost 1 : !ps.field<?xf64> {
    %o = ps.load %offsets[0] : !ps.field<?xi64>
    // expected-error@+1 {{the offset in dimension 0 of this access to parameter 'src' depends on a value that ps-analyze cannot bound: take it from a ps.lookup into an integer table, a constant, or integer arithmetic on them}}
    %v = ps.load %src[%o : i64] : !ps.field<?xf64>
    ps.store %v, %dst[0] : !ps.field<?xf64>
  }
}

// -----

ps.kernel @component_out_of_table(%f: !ps.field<?x?xf64, components [3]>,
                                  %l: !ps.field<?xi32, components [3], layout c>) {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi32, components [3], layout c> {
    %d = ps.load_record %l(2) : !ps.field<?xi32, components [3], layout c>
    %c = ps.lookup %d : i32 in dense<[0, 1, 3]> : tensor<3xi32>
    // expected-error@+1 {{the component index 0 of this access to parameter 'f' takes values in [0, 3], outside [0, 2]}}
    %v = ps.load %f[0, 0](%c : i32) : !ps.field<?x?xf64, components [3]>
    ps.store %v, %f[0, 0](0) : !ps.field<?x?xf64, components [3]>
  }
}

// -----

ps.kernel @table_index_from_counter(%u: !ps.field<?xf64>) {
  ps.iterate (%x : i64) in %u ghost 0 : !ps.field<?xf64> {
    // expected-error@+1 {{the table index depends on a value that ps-analyze cannot bound: take it from a ps.lookup into an integer table, a constant, or integer arithmetic on them, or use a record member (ps.load_record) directly, which the run-time checks}}
    %w = ps.lookup %x : i64 in dense<[0.5, 0.25]> : tensor<2xf64>
    ps.store %w, %u[0] : !ps.field<?xf64>
  }
}

// -----

// A dense space's offsets count with the table's whole range.
ps.kernel @table_offset_past_ghost(%src: !ps.field<?xf64>, %dst: !ps.field<?xf64>) {
  ps.iterate (%x) in %dst ghost 1 : !ps.field<?xf64> {
    %i = ps.constant 0 : i32
    %o = ps.lookup %i : i32 in dense<[2, 0]> : tensor<2xi32>
    %c = ps.lookup %i : i32 in dense<[1]> : tensor<1xi32>
    %s = ps.add %o, %c : i32
    // expected-error@+1 {{offset 2 in dimension 0 reaches past parameter 'src': the iteration space ends 1 layers below the upper end (ghost layers or slice stop)}}
    %v = ps.load %src[%o : i32] : !ps.field<?xf64>
    ps.store %v, %dst[0] : !ps.field<?xf64>
  }
}

// -----

ps.kernel @writes_index_list(%l: !ps.field<?xi64, components [2]>) {
  // expected-note@+1 {{read as records here}}
  ps.iterate_sparse (%x) in %l : !ps.field<?xi64, components [2]> {
    %zero = ps.constant 0 : i64
    // expected-error@+1 {{writes parameter 'l', which a sparse space reads as its index list or records; index lists are only read}}
    ps.store %zero, %l[0](1) : !ps.field<?xi64, components [2]>
  }
}
