// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 cost-model=true streaming-above=1 unroll=1 prefetch=0 remarks=false" --canonicalize --cse | FileCheck %s
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 cost-model=true streaming-above=1 unroll=1 prefetch=0 remarks=false align-rows=false" --canonicalize --cse | FileCheck %s --check-prefix=OFF
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 unroll=1 reuse=true" --canonicalize --cse | FileCheck %s --check-prefix=REUSE
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 cost-model=true streaming-above=1024 unroll=1 prefetch=0 remarks=false" --canonicalize --cse | FileCheck %s --check-prefix=CACHE
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f cost-model=true streaming-above=1 unroll=1 prefetch=0 remarks=false" --canonicalize --cse | FileCheck %s --check-prefix=PERMUTE

// align-rows: rows of 42 points put the row at y-1 two elements off the
// store's offset in a vector of 4, so that with the cost model each row
// loop of the nest's copy for large arrays (streaming-above) is versioned
// on whether every row's first whole vector is at the store's offset in a
// vector (then the arrays are at the same offset). That copy peels until
// the store is aligned, runs one iteration without row reuse (a row's
// first whole vector starts up to 3 elements before its first point) and
// then loads each row once per vector from aligned addresses: x-1..x+1
// from x-4 and x, y-1 from x-2, cut with shuffles. Elsewhere the main loop
// is the one without align-rows; the peel, the single-vector loop and the
// remainder serve both.

// CHECK-LABEL: func.func @jacobi
// CHECK: scf.for %[[Y:.*]] = %c1 to %c5 step %c1 {
// The first whole vector of the row at y, x-1 from x = 1: 3 elements before.
// CHECK: %[[AT:.*]] = arith.addi %{{.*}}, %c-3 : index
// CHECK: arith.remsi %{{.*}}, %c32 : index
// CHECK: %[[YM:.*]] = arith.addi %[[Y]], %c-1 : index
// CHECK: arith.remsi %{{.*}}, %c32 : index
// CHECK: %[[ALIGNED:.*]] = arith.andi
// The peel, then where the rows are aligned the iteration without reuse.
// CHECK: scf.for
// CHECK: %[[TAIL:.*]] = scf.if %[[ALIGNED]] -> (index) {
// CHECK: scf.if
// CHECK-NOT: vector.shuffle
// CHECK: vector.store
// CHECK: scf.if %{{.*}} {
// CHECK: vector.load %[[SRC:.*]][%[[Y]], %{{.*}}]
// CHECK: vector.load %[[SRC]][%[[Y]], %{{.*}}]
// CHECK: %[[FROM:.*]] = arith.addi %{{.*}}, %c-2 : index
// CHECK: vector.load %[[SRC]][%[[YM]], %[[FROM]]]
// Streaming stores write whole lines: 2 vectors per iteration.
// CHECK: scf.for %[[X:.*]] = {{.*}} step %c8 iter_args(%[[C0:.*]] = %{{.*}}, %[[C1:.*]] = %{{.*}}, %[[M0:.*]] = %{{.*}})
// CHECK: %[[X4:.*]] = arith.addi %[[X]], %c4 : index
// CHECK: %[[C2:.*]] = vector.load %[[SRC]][%[[Y]], %[[X4]]]
// CHECK: %[[X8:.*]] = arith.addi %[[X]], %c8 : index
// CHECK: %[[C3:.*]] = vector.load %[[SRC]][%[[Y]], %[[X8]]]
// CHECK: vector.shuffle %[[C0]], %[[C1]] [3, 4, 5, 6]
// CHECK: vector.shuffle %[[C1]], %[[C2]] [3, 4, 5, 6]
// CHECK: vector.shuffle %[[C1]], %[[C2]] [1, 2, 3, 4]
// CHECK: vector.shuffle %[[C2]], %[[C3]] [1, 2, 3, 4]
// CHECK: %[[X2:.*]] = arith.addi %[[X]], %c2 : index
// CHECK: %[[M1:.*]] = vector.load %[[SRC]][%[[YM]], %[[X2]]]
// CHECK: %[[X6:.*]] = arith.addi %[[X]], %c6 : index
// CHECK: %[[M2:.*]] = vector.load %[[SRC]][%[[YM]], %[[X6]]]
// CHECK: vector.shuffle %[[M0]], %[[M1]] [2, 3, 4, 5]
// CHECK: vector.shuffle %[[M1]], %[[M2]] [2, 3, 4, 5]
// CHECK: vector.store {{.*}} nontemporal = true
// CHECK: scf.yield %[[C2]], %[[C3]], %[[M2]]
// Elsewhere the main loop without align-rows; one single-vector loop and
// one remainder follow both.
// CHECK: } else {
// CHECK-NOT: vector.shuffle
// CHECK: scf.for %{{.*}} step %c8 {
// CHECK-NOT: vector.shuffle
// CHECK: scf.yield
// CHECK: }
// CHECK: scf.for %{{.*}} = %[[TAIL]] to %{{.*}} step %c4 {
// CHECK-NOT: scf.for
// CHECK: vector.maskedstore
// CHECK-NOT: scf.for
// CHECK: } {ps.dim = 1 : i64}

// Arrays below streaming-above stay in the caches, where aligned rows lost
// (the copy of the nest for them; here the only one, as the array's size is
// known).
// CACHE-LABEL: func.func @jacobi
// CACHE-NOT: vector.shuffle
// CACHE: return

// OFF-LABEL: func.func @jacobi
// OFF-NOT: arith.remsi
// OFF-NOT: vector.shuffle
// OFF: return

// Explicit reuse aligns the rows too.
// REUSE-LABEL: func.func @jacobi
// REUSE: scf.if
// REUSE: vector.shuffle %{{.*}}, %{{.*}} [2, 3, 4, 5]
// REUSE: } else {

ps.kernel @jacobi(%src: !ps.field<42x6xf64>, %dst: !ps.field<42x6xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<42x6xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<42x6xf64>
    %e = ps.load %src[1, 0] : !ps.field<42x6xf64>
    %s = ps.load %src[0, -1] : !ps.field<42x6xf64>
    %we = ps.add %w, %e : f64
    %sum = ps.add %we, %s : f64
    ps.store %sum, %dst[0, 0] : !ps.field<42x6xf64>
  }
  ps.return
}

// -----

// Rows whose extent is a multiple of the lanes leave only x-1 and x+1 off
// the store's offset, which the cost model leaves (aligning them was
// slower, bench/README.md); so, with AVX2, do fields of any shape, whose y
// rows are a stride apart that is known only at run time. Explicit reuse
// aligns the row at y, whose offset from the store is the same in every
// row.

// CHECK-LABEL: func.func @whole_vectors
// CHECK-NOT: arith.remsi %{{.*}}, %c32
// CHECK-NOT: vector.shuffle
// CHECK: return
// CHECK-LABEL: func.func @any_shape
// CHECK-NOT: arith.remsi %{{.*}}, %c32
// CHECK-NOT: vector.shuffle
// CHECK: return

// REUSE-LABEL: func.func @whole_vectors
// REUSE: scf.if
// REUSE: vector.shuffle %{{.*}}, %{{.*}} [3, 4, 5, 6]
// REUSE: } else {
// REUSE-LABEL: func.func @any_shape
// REUSE: scf.if
// REUSE: vector.shuffle %{{.*}}, %{{.*}} [3, 4, 5, 6]
// REUSE: } else {

// With AVX-512, a row read at one offset whose shift is known at run time
// only is loaded once too: its shift, the distance from the store in
// elements modulo 8, is computed before the loop, the copy with row reuse
// runs where it is not 0 (and the row at y is at the store's offset in a
// vector), and vpermt2pd cuts each vector out of two with lanes shift + 0,
// 1, ...
// PERMUTE-LABEL: func.func @whole_vectors
// PERMUTE-NOT: vpermi2var
// PERMUTE-LABEL: func.func @any_shape
// PERMUTE: %[[ELEMENTS:.*]] = arith.divsi %{{.*}}, %c8 : index
// PERMUTE: %[[REM:.*]] = arith.remsi %[[ELEMENTS]], %c8 : index
// PERMUTE: %[[UP:.*]] = arith.addi %[[REM]], %c8 : index
// PERMUTE: %[[SHIFT:.*]] = arith.remsi %[[UP]], %c8 : index
// PERMUTE: %[[SHIFTED:.*]] = arith.cmpi ne, %[[SHIFT]], %c0 : index
// PERMUTE: %[[ROW:.*]] = arith.cmpi eq, %{{.*}}, %c0 : index
// PERMUTE: %[[BOTH:.*]] = arith.andi %[[SHIFTED]], %[[ROW]] : i1
// PERMUTE: scf.if %[[BOTH]] -> (index) {
// The row's view with its elements `shift` later: its loads are at the
// row's constant offsets, and the shift adds to the row's base once.
// PERMUTE: %[[LATER:.*]] = arith.subi %{{.*}}, %[[SHIFT]] : index
// PERMUTE: %[[VIEW:.*]] = memref.reinterpret_cast %{{.*}} to offset: [%[[LATER]]]
// PERMUTE: %[[S64:.*]] = arith.index_cast %[[SHIFT]] : index to i64
// PERMUTE: %[[SPLAT:.*]] = vector.broadcast %[[S64]] : i64 to vector<8xi64>
// PERMUTE: %[[LANES:.*]] = arith.addi %[[SPLAT]], %{{.*}} : vector<8xi64>
// PERMUTE: %[[FIRST:.*]] = vector.load %[[VIEW]][%{{.*}}, %[[FROM:[0-9a-z_]+]]]
// PERMUTE: scf.for %[[X:.*]] = %[[FROM]] {{.*}} iter_args({{.*}}, %[[LOW:.*]] = %[[FIRST]])
// PERMUTE: %[[NEXT:.*]] = arith.addi %[[X]], %c8 : index
// PERMUTE: %[[HIGH:.*]] = vector.load %[[VIEW]][%{{.*}}, %[[NEXT]]]
// PERMUTE: llvm.call_intrinsic "llvm.x86.avx512.vpermi2var.pd.512"(%[[LOW]], %[[LANES]], %[[HIGH]]) : (vector<8xf64>, vector<8xi64>, vector<8xf64>) -> vector<8xf64>
// PERMUTE: } else {
// PERMUTE-NOT: vpermi2var
// PERMUTE: return

ps.kernel @whole_vectors(%src: !ps.field<40x6xf64>, %dst: !ps.field<40x6xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<40x6xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<40x6xf64>
    %e = ps.load %src[1, 0] : !ps.field<40x6xf64>
    %s = ps.load %src[0, -1] : !ps.field<40x6xf64>
    %we = ps.add %w, %e : f64
    %sum = ps.add %we, %s : f64
    ps.store %sum, %dst[0, 0] : !ps.field<40x6xf64>
  }
  ps.return
}

ps.kernel @any_shape(%src: !ps.field<?x?xf64>, %dst: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64>
    %s = ps.load %src[0, -1] : !ps.field<?x?xf64>
    %we = ps.add %w, %e : f64
    %sum = ps.add %we, %s : f64
    ps.store %sum, %dst[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}

// -----

// Rows that would carry more vectors than half the registers (16 with
// AVX2; streaming stores make 2 vectors per iteration: the row at y 2
// carried and 2 loaded, y-1 and y+1 1 and 2 each) are not carried: each
// iteration loads all the aligned vectors it cuts from, x-4 to x+8 of the
// row at y and x-2 to x+6 of y-1 and y+1 (y-2 and y+2 start on the store's
// offset).
// CHECK-LABEL: func.func @five_rows
// CHECK: scf.if
// CHECK: scf.for %[[X:.*]] = %{{.*}} to %{{.*}} step %c8 {
// CHECK-NOT: iter_args
// CHECK: %[[XM4:.*]] = arith.addi %[[X]], %c-4 : index
// CHECK: %[[A:.*]] = vector.load %[[SRC:.*]][%[[Y:.*]], %[[XM4]]]
// CHECK: %[[B:.*]] = vector.load %[[SRC]][%[[Y]], %[[X]]]
// CHECK: vector.shuffle %[[A]], %[[B]] [3, 4, 5, 6]
// CHECK: %[[XM2:.*]] = arith.addi %[[X]], %c-2 : index
// CHECK: %[[M:.*]] = vector.load %[[SRC]][%{{.*}}, %[[XM2]]]
// CHECK: %[[XP2:.*]] = arith.addi %[[X]], %c2 : index
// CHECK: %[[N:.*]] = vector.load %[[SRC]][%{{.*}}, %[[XP2]]]
// CHECK: vector.shuffle %[[M]], %[[N]] [2, 3, 4, 5]
// CHECK-NOT: scf.yield
// CHECK: } {ps.dim = 0 : i64}
ps.kernel @five_rows(%src: !ps.field<42x8xf64>, %dst: !ps.field<42x8xf64>) {
  ps.iterate (%x, %y) in %dst ghost 2 : !ps.field<42x8xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<42x8xf64>
    %e = ps.load %src[1, 0] : !ps.field<42x8xf64>
    %s = ps.load %src[0, -1] : !ps.field<42x8xf64>
    %n = ps.load %src[0, 1] : !ps.field<42x8xf64>
    %ss = ps.load %src[0, -2] : !ps.field<42x8xf64>
    %nn = ps.load %src[0, 2] : !ps.field<42x8xf64>
    %we = ps.add %w, %e : f64
    %sn = ps.add %s, %n : f64
    %far = ps.add %ss, %nn : f64
    %a = ps.add %we, %sn : f64
    %sum = ps.add %a, %far : f64
    ps.store %sum, %dst[0, 0] : !ps.field<42x8xf64>
  }
  ps.return
}
