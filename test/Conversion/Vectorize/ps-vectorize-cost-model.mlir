// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f cost-model=true streaming-above=1024 remarks=false align-rows=false" --canonicalize --cse | FileCheck %s
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-block="rows=4 min-reach=2 memory-bound-only=512" --ps-vectorize="isa=avx512f cost-model=true streaming-above=1024 remarks=false align-rows=false" --canonicalize --cse | FileCheck %s --check-prefix=BLOCKED
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --ps-vectorize="isa=avx512f cost-model=true remarks=false" -o /dev/null 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty

// The cost model of vectorize=auto, with a fixed instruction set and
// threshold (its aligned rows are ps-vectorize-align-rows.mlir's): a memory-bound nest is versioned on the size of the array it
// stores to (1024 KiB here), the copy for large arrays streaming; a
// compute-bound loop gets 4 vectors per iteration and no streaming, or, in
// a 3D nest where a jam of 3 rows saves a quarter of its loads or more,
// the jam and 2 vectors; a float
// sum keeps its scalar order; and no loop says why it stays scalar.
// Memory-bound loops prefetch 4 KiB ahead of their leading rows, in both
// copies (kPrefetchBytes), compute-bound ones do not.
// QUIET-NOT: remark

// CHECK-LABEL: func.func @memory_bound
// CHECK: %[[BYTES:.*]] = arith.muli
// CHECK: %[[LARGE:.*]] = arith.cmpi uge, %{{.*}}, %c1048576 : index
// CHECK: scf.if %[[LARGE]] {
// CHECK: arith.addi %{{.*}}, %c512 : index
// CHECK: memref.prefetch
// CHECK: vector.store {{.*}} {alignment = 64 : i64, nontemporal = true}
// CHECK: llvm.call_intrinsic "llvm.x86.sse.sfence"
// CHECK: } else {
// CHECK-NOT: nontemporal = true
// CHECK: memref.prefetch
// CHECK-NOT: nontemporal = true
// CHECK: vector.store
// CHECK-NOT: nontemporal = true
// CHECK: return
ps.kernel @memory_bound(%src: !ps.field<?x?xf64>, %dst: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64>
    %s = ps.add %w, %e : f64
    ps.store %s, %dst[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}

// -----

// Streaming stores hold a write-combining buffer per stream: a loop that
// stores two components streams, one that stores three does not version
// at all (kMaxStreamingStores).
// CHECK-LABEL: func.func @two_stores_stream
// CHECK: arith.cmpi uge, %{{.*}}, %c1048576 : index
// CHECK: vector.store {{.*}} {alignment = 64 : i64, nontemporal = true}
// CHECK: vector.store {{.*}} {alignment = 64 : i64, nontemporal = true}
// CHECK: return
ps.kernel @two_stores_stream(%src: !ps.field<?x?xf64, components [2]>, %dst: !ps.field<?x?xf64, components [2]>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64, components [2]> {
    %a = ps.load %src[-1, 0](0) : !ps.field<?x?xf64, components [2]>
    ps.store %a, %dst[0, 0](0) : !ps.field<?x?xf64, components [2]>
    %b = ps.load %src[1, 0](1) : !ps.field<?x?xf64, components [2]>
    ps.store %b, %dst[0, 0](1) : !ps.field<?x?xf64, components [2]>
  }
  ps.return
}

// -----

// CHECK-LABEL: func.func @three_stores_do_not_stream
// CHECK-NOT: arith.cmpi uge
// CHECK-NOT: nontemporal = true
// CHECK: vector.store
// CHECK-NOT: nontemporal = true
// CHECK: return
ps.kernel @three_stores_do_not_stream(%src: !ps.field<?x?xf64, components [3]>, %dst: !ps.field<?x?xf64, components [3]>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64, components [3]> {
    %a = ps.load %src[-1, 0](0) : !ps.field<?x?xf64, components [3]>
    ps.store %a, %dst[0, 0](0) : !ps.field<?x?xf64, components [3]>
    %b = ps.load %src[1, 0](1) : !ps.field<?x?xf64, components [3]>
    ps.store %b, %dst[0, 0](1) : !ps.field<?x?xf64, components [3]>
    %c = ps.load %src[0, 1](2) : !ps.field<?x?xf64, components [3]>
    ps.store %c, %dst[0, 0](2) : !ps.field<?x?xf64, components [3]>
  }
  ps.return
}

// -----

// A product and 23 dependent additions: a chain of 24 operations, at 4
// cycles each over 2 vectors of 8 lanes, is 6 cycles per point, as long as
// moving its 24 bytes at 4 per cycle: compute-bound, so 4 vectors (32
// points) per iteration and no streaming stores.
// CHECK-LABEL: func.func @compute_bound
// CHECK-NOT: scf.if
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c32
// CHECK-NOT: nontemporal = true
// CHECK-NOT: memref.prefetch
// CHECK: return
ps.kernel @compute_bound(%src: !ps.field<?xf64>, %dst: !ps.field<?xf64>, %w: f64) {
  ps.iterate (%x) in %dst ghost 0 : !ps.field<?xf64> {
    %v = ps.load %src[0] : !ps.field<?xf64>
    %a1 = ps.mul %v, %w : f64
    %a2 = ps.add %a1, %v : f64
    %a3 = ps.add %a2, %v : f64
    %a4 = ps.add %a3, %v : f64
    %a5 = ps.add %a4, %v : f64
    %a6 = ps.add %a5, %v : f64
    %a7 = ps.add %a6, %v : f64
    %a8 = ps.add %a7, %v : f64
    %a9 = ps.add %a8, %v : f64
    %a10 = ps.add %a9, %v : f64
    %a11 = ps.add %a10, %v : f64
    %a12 = ps.add %a11, %v : f64
    %a13 = ps.add %a12, %v : f64
    %a14 = ps.add %a13, %v : f64
    %a15 = ps.add %a14, %v : f64
    %a16 = ps.add %a15, %v : f64
    %a17 = ps.add %a16, %v : f64
    %a18 = ps.add %a17, %v : f64
    %a19 = ps.add %a18, %v : f64
    %a20 = ps.add %a19, %v : f64
    %a21 = ps.add %a20, %v : f64
    %a22 = ps.add %a21, %v : f64
    %a23 = ps.add %a22, %v : f64
    %a24 = ps.add %a23, %v : f64
    ps.store %a24, %dst[0] : !ps.field<?xf64>
  }
  ps.return
}

// -----

// A 3-row column in y with a chain of 24 operations: compute-bound, and a
// jam of 3 rows makes 5 loads where the rows alone make 9 (44% fewer,
// chooseJam): the y loop steps by 3 and the jammed loop keeps 2 vectors
// (16 points) per iteration, 10 loads for 6 vectors stored.
// CHECK-LABEL: func.func @compute_bound_rows
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c3 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c16 {
// CHECK-COUNT-10: vector.load
// CHECK-NOT: vector.load
// CHECK-COUNT-6: vector.store
// CHECK-NOT: vector.store
// CHECK: } {ps.dim = 0 : i64}
ps.kernel @compute_bound_rows(%src: !ps.field<?x?x?xf64>, %dst: !ps.field<?x?x?xf64>, %w: f64) {
  ps.iterate (%x, %y, %z) in %dst ghost 1 : !ps.field<?x?x?xf64> {
    %n = ps.load %src[0, -1, 0] : !ps.field<?x?x?xf64>
    %c = ps.load %src[0, 0, 0] : !ps.field<?x?x?xf64>
    %s = ps.load %src[0, 1, 0] : !ps.field<?x?x?xf64>
    %m = ps.mul %n, %w : f64
    %p = ps.add %m, %s : f64
    %a1 = ps.add %p, %c : f64
    %a2 = ps.add %a1, %c : f64
    %a3 = ps.add %a2, %c : f64
    %a4 = ps.add %a3, %c : f64
    %a5 = ps.add %a4, %c : f64
    %a6 = ps.add %a5, %c : f64
    %a7 = ps.add %a6, %c : f64
    %a8 = ps.add %a7, %c : f64
    %a9 = ps.add %a8, %c : f64
    %a10 = ps.add %a9, %c : f64
    %a11 = ps.add %a10, %c : f64
    %a12 = ps.add %a11, %c : f64
    %a13 = ps.add %a12, %c : f64
    %a14 = ps.add %a13, %c : f64
    %a15 = ps.add %a14, %c : f64
    %a16 = ps.add %a15, %c : f64
    %a17 = ps.add %a16, %c : f64
    %a18 = ps.add %a17, %c : f64
    %a19 = ps.add %a18, %c : f64
    %a20 = ps.add %a19, %c : f64
    %a21 = ps.add %a20, %c : f64
    %a22 = ps.add %a21, %c : f64
    ps.store %a22, %dst[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// A 3 x 3 square of rows in y and z with a chain of 24 operations: the jam
// of 3 rows makes 15 loads for 3 points where the rows alone make 27, and
// jamming 2 planes as well makes 20 for 6 (a third fewer per point than the
// rows alone, choosePlaneJam). Planes are jammed only where the array
// stored to spans half of streaming-above (1024 KiB here: the two arrays
// exceed the last-level cache), in a copy of the nest chosen at run time.
// There the outermost loop steps over z by 2, the middle one over y by 3,
// and the loop that jams both keeps one vector per point: 20 loads for 6
// vectors stored. The rows left over in each pair of planes run jammed in
// planes only, the plane left over after the pairs in rows only, with one
// vector per point too. Smaller arrays get the jam of rows alone.
// CHECK-LABEL: func.func @compute_bound_planes
// CHECK: %[[LARGE:.*]] = arith.cmpi uge, %{{.*}}, %c524288 : index
// CHECK: scf.if %[[LARGE]] {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c2 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c3 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c8 {
// CHECK-COUNT-20: vector.load
// CHECK-NOT: vector.load
// CHECK-COUNT-6: vector.store
// CHECK-NOT: vector.store
// CHECK: } {ps.dim = 0 : i64}
// CHECK: } {ps.dim = 1 : i64}
// A row left over in a pair of planes: 12 rows.
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c8 {
// CHECK-COUNT-12: vector.load
// CHECK-NOT: vector.load
// CHECK: } {ps.dim = 0 : i64}
// CHECK: } {ps.dim = 2 : i64}
// The plane left over: 15 rows for 3.
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c3 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c8 {
// CHECK-COUNT-15: vector.load
// CHECK-NOT: vector.load
// CHECK: } {ps.dim = 0 : i64}
// CHECK: } else {
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c3 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c16 {
// CHECK-COUNT-30: vector.load
// CHECK-NOT: vector.load
// CHECK: } {ps.dim = 0 : i64}
ps.kernel @compute_bound_planes(%src: !ps.field<?x?x?xf64>, %dst: !ps.field<?x?x?xf64>, %w: f64) {
  ps.iterate (%x, %y, %z) in %dst ghost 1 : !ps.field<?x?x?xf64> {
    %l0 = ps.load %src[0, -1, -1] : !ps.field<?x?x?xf64>
    %l1 = ps.load %src[0, 0, -1] : !ps.field<?x?x?xf64>
    %l2 = ps.load %src[0, 1, -1] : !ps.field<?x?x?xf64>
    %l3 = ps.load %src[0, -1, 0] : !ps.field<?x?x?xf64>
    %c = ps.load %src[0, 0, 0] : !ps.field<?x?x?xf64>
    %l5 = ps.load %src[0, 1, 0] : !ps.field<?x?x?xf64>
    %l6 = ps.load %src[0, -1, 1] : !ps.field<?x?x?xf64>
    %l7 = ps.load %src[0, 0, 1] : !ps.field<?x?x?xf64>
    %l8 = ps.load %src[0, 1, 1] : !ps.field<?x?x?xf64>
    %m = ps.mul %l0, %w : f64
    %s1 = ps.add %m, %l1 : f64
    %s2 = ps.add %s1, %l2 : f64
    %s3 = ps.add %s2, %l3 : f64
    %s5 = ps.add %s3, %l5 : f64
    %s6 = ps.add %s5, %l6 : f64
    %s7 = ps.add %s6, %l7 : f64
    %a1 = ps.add %s7, %l8 : f64
    %a2 = ps.add %a1, %c : f64
    %a3 = ps.add %a2, %c : f64
    %a4 = ps.add %a3, %c : f64
    %a5 = ps.add %a4, %c : f64
    %a6 = ps.add %a5, %c : f64
    %a7 = ps.add %a6, %c : f64
    %a8 = ps.add %a7, %c : f64
    %a9 = ps.add %a8, %c : f64
    %a10 = ps.add %a9, %c : f64
    %a11 = ps.add %a10, %c : f64
    %a12 = ps.add %a11, %c : f64
    %a13 = ps.add %a12, %c : f64
    %a14 = ps.add %a13, %c : f64
    %a15 = ps.add %a14, %c : f64
    %a16 = ps.add %a15, %c : f64
    %a17 = ps.add %a16, %c : f64
    ps.store %a17, %dst[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// A 7-point star with the same chain: a jam of 3 rows would make 17 of
// its 21 loads (19% fewer), so the loop is not jammed and gets 4 vectors
// (32 points) per iteration instead.
// CHECK-LABEL: func.func @compute_bound_star
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c32 {
// CHECK: } {ps.dim = 0 : i64}
// CHECK: } {ps.dim = 1 : i64}
ps.kernel @compute_bound_star(%src: !ps.field<?x?x?xf64>, %dst: !ps.field<?x?x?xf64>, %w: f64) {
  ps.iterate (%x, %y, %z) in %dst ghost 1 : !ps.field<?x?x?xf64> {
    %xm = ps.load %src[-1, 0, 0] : !ps.field<?x?x?xf64>
    %xp = ps.load %src[1, 0, 0] : !ps.field<?x?x?xf64>
    %ym = ps.load %src[0, -1, 0] : !ps.field<?x?x?xf64>
    %yp = ps.load %src[0, 1, 0] : !ps.field<?x?x?xf64>
    %zm = ps.load %src[0, 0, -1] : !ps.field<?x?x?xf64>
    %zp = ps.load %src[0, 0, 1] : !ps.field<?x?x?xf64>
    %c = ps.load %src[0, 0, 0] : !ps.field<?x?x?xf64>
    %m = ps.mul %xm, %w : f64
    %s1 = ps.add %m, %xp : f64
    %s2 = ps.add %s1, %ym : f64
    %s3 = ps.add %s2, %yp : f64
    %s4 = ps.add %s3, %zm : f64
    %p = ps.add %s4, %zp : f64
    %a1 = ps.add %p, %c : f64
    %a2 = ps.add %a1, %c : f64
    %a3 = ps.add %a2, %c : f64
    %a4 = ps.add %a3, %c : f64
    %a5 = ps.add %a4, %c : f64
    %a6 = ps.add %a5, %c : f64
    %a7 = ps.add %a6, %c : f64
    %a8 = ps.add %a7, %c : f64
    %a9 = ps.add %a8, %c : f64
    %a10 = ps.add %a9, %c : f64
    %a11 = ps.add %a10, %c : f64
    %a12 = ps.add %a11, %c : f64
    %a13 = ps.add %a12, %c : f64
    %a14 = ps.add %a13, %c : f64
    %a15 = ps.add %a14, %c : f64
    %a16 = ps.add %a15, %c : f64
    %a17 = ps.add %a16, %c : f64
    %a18 = ps.add %a17, %c : f64
    ps.store %a18, %dst[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// A float sum stays in the scalar loop's order: the default changes speed,
// never results.
// CHECK-LABEL: func.func @float_sum
// CHECK-NOT: vector.
// CHECK: return
ps.kernel @float_sum(%u: !ps.field<?xf64>, %r: !ps.reduction<add, f64>) {
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    %sq = ps.mul %v, %v : f64
    ps.reduce %sq, %r : !ps.reduction<add, f64>
  }
}

// -----

// An integer sum is exact in any order: vectorized.
// CHECK-LABEL: func.func @integer_sum
// CHECK: vector.reduction <add>
ps.kernel @integer_sum(%u: !ps.field<?xi64>, %r: !ps.reduction<add, i64>) {
  ps.iterate (%x) in %u : !ps.field<?xi64> {
    %v = ps.load %u[0] : !ps.field<?xi64>
    ps.reduce %v, %r : !ps.reduction<add, i64>
  }
}

// -----

// A redblack step stays scalar without a remark.
ps.kernel @stepped(%u: !ps.field<?xf64>) {
  ps.iterate (%x) in %u slice [1:-1:2] : !ps.field<?xf64> {
    %v = ps.load %u[1] : !ps.field<?xf64>
    ps.store %v, %u[0] : !ps.field<?xf64>
  }
}

// -----

// A memory-bound nest that reads 2 planes away, blocked as vectorize=auto
// blocks it (ps-block min-reach=2): 2 planes are jammed inside each block
// of rows (kBlockedJamPlanes), in both copies of the nest, and the copy for
// large arrays streams in the jammed loops too.
// BLOCKED-LABEL: func.func @blocked_planes
// BLOCKED: scf.if
// BLOCKED: scf.for %[[B:.*]] = %c2 to %{{.*}} step %c4 {
// BLOCKED: scf.for %{{.*}} = %c2 to %{{.*}} step %c2 {
// BLOCKED: scf.for %{{.*}} = %[[B]] to
// BLOCKED: step %c16 {
// BLOCKED-COUNT-12: vector.load
// BLOCKED-NOT: vector.load
// BLOCKED-COUNT-4: vector.store {{.*}}nontemporal = true
// BLOCKED: } else {
// BLOCKED: scf.for %[[B2:.*]] = %c2 to %{{.*}} step %c4 {
// BLOCKED: scf.for %{{.*}} = %c2 to %{{.*}} step %c2 {
// BLOCKED-NOT: nontemporal
// BLOCKED: return
ps.kernel @blocked_planes(%u: !ps.field<?x?x?xf64>, %v: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %v ghost 2 : !ps.field<?x?x?xf64> {
    %b = ps.load %u[0, 0, -2] : !ps.field<?x?x?xf64>
    %c = ps.load %u[0, 0, 0] : !ps.field<?x?x?xf64>
    %t = ps.load %u[0, 0, 2] : !ps.field<?x?x?xf64>
    %s = ps.add %b, %c : f64
    %r = ps.add %s, %t : f64
    ps.store %r, %v[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}
