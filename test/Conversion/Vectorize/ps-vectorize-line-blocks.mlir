// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f cost-model=true streaming-above=1 remarks=false" --canonicalize --cse | FileCheck %s
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f nontemporal=true remarks=false" --canonicalize --cse | FileCheck %s --check-prefix=EXPLICIT

// The cost model blocks the copy for large arrays of a memory-bound nest
// that reads one plane away (heat3d; ps-block leaves it whole) where every
// row of its arrays starts on a cache line (kWholeLineBlockRows): a check of
// each stride but the contiguous one at run time, then blocks of 64 rows,
// 2 planes jammed in each (kBlockedJamPlanes). Its stores share the
// anchor's offset in a line without a check of their own and stream
// aligned; its rows are on lines, so no copy aligns them. The other copy
// for large arrays is the nest as before, with the copy of each row loop
// that aligns rows (align-rows). ps-parallelize adds the threads to the
// check (ps.blocks_per_thread).
// CHECK-LABEL: func.func @any_shape
// CHECK: scf.if
// CHECK: %[[ROW:.*]] = arith.cmpi eq, %strides#1, %c1
// CHECK: arith.muli %strides#1, %c8
// CHECK: arith.remsi %{{.*}}, %c64
// CHECK: memref.extract_strided_metadata %arg1
// CHECK: arith.cmpi eq, %strides_{{.*}}#2, %c1
// CHECK: %[[LINES:.*]] = arith.andi
// CHECK-NEXT: scf.if %[[LINES]] {
// CHECK-NEXT: scf.for %[[B:.*]] = %c1 to %{{.*}} step %c64 {
// CHECK: scf.for %{{.*}} = %c1 to %{{.*}} step %c2 {
// CHECK: scf.for %{{.*}} = %[[B]] to
// CHECK-NOT: iter_args
// CHECK: step %c16 {
// CHECK-COUNT-4: vector.store {{.*}}alignment = 64 : i64, nontemporal = true
// CHECK: } else {
// CHECK-NEXT: scf.for %{{.*}} = %c1 to %{{.*}} step %c1 {
// CHECK: step %c16 iter_args
// CHECK-NOT: step %c64
// CHECK: } {ps.blocks_per_thread}
// CHECK: return
// The nest as asked for: streaming stores for every size, no blocks.
// EXPLICIT-LABEL: func.func @any_shape
// EXPLICIT-NOT: step %c64
// EXPLICIT: return
ps.kernel @any_shape(%u: !ps.field<?x?x?xf64>, %v: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %v ghost 1 : !ps.field<?x?x?xf64> {
    %w = ps.load %u[-1, 0, 0] : !ps.field<?x?x?xf64>
    %e = ps.load %u[1, 0, 0] : !ps.field<?x?x?xf64>
    %s = ps.load %u[0, -1, 0] : !ps.field<?x?x?xf64>
    %n = ps.load %u[0, 1, 0] : !ps.field<?x?x?xf64>
    %b = ps.load %u[0, 0, -1] : !ps.field<?x?x?xf64>
    %t = ps.load %u[0, 0, 1] : !ps.field<?x?x?xf64>
    %a = ps.add %w, %e : f64
    %c = ps.add %a, %s : f64
    %d = ps.add %c, %n : f64
    %f = ps.add %d, %b : f64
    %g = ps.add %f, %t : f64
    ps.store %g, %v[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// Fields of a fixed shape whose rows (8 doubles) and planes are whole
// lines: the copy for large arrays (the only one: 18 KiB) is blocked
// without a check.
// CHECK-LABEL: func.func @fixed_lines
// CHECK-NOT: scf.if
// CHECK: scf.for %[[B:.*]] = %c1 to %c71 step %c64 {
// CHECK: scf.for %{{.*}} = %[[B]] to
// CHECK: vector.store {{.*}}nontemporal = true
ps.kernel @fixed_lines(%u: !ps.field<8x72x4xf64>, %v: !ps.field<8x72x4xf64>) {
  ps.iterate (%x, %y, %z) in %v ghost 1 : !ps.field<8x72x4xf64> {
    %b = ps.load %u[0, 0, -1] : !ps.field<8x72x4xf64>
    %t = ps.load %u[0, 0, 1] : !ps.field<8x72x4xf64>
    %a = ps.add %b, %t : f64
    ps.store %a, %v[0, 0, 0] : !ps.field<8x72x4xf64>
  }
  ps.return
}

// -----

// Rows of 10 doubles are not whole lines: no blocks.
// CHECK-LABEL: func.func @fixed_off_lines
// CHECK-NOT: step %c64
// CHECK: return
ps.kernel @fixed_off_lines(%u: !ps.field<10x10x80xf64>, %v: !ps.field<10x10x80xf64>) {
  ps.iterate (%x, %y, %z) in %v ghost 1 : !ps.field<10x10x80xf64> {
    %b = ps.load %u[0, 0, -1] : !ps.field<10x10x80xf64>
    %t = ps.load %u[0, 0, 1] : !ps.field<10x10x80xf64>
    %a = ps.add %b, %t : f64
    ps.store %a, %v[0, 0, 0] : !ps.field<10x10x80xf64>
  }
  ps.return
}

// -----

// A nest that reads no other plane gains nothing from blocks.
// CHECK-LABEL: func.func @no_planes
// CHECK-NOT: step %c64
// CHECK: return
ps.kernel @no_planes(%u: !ps.field<?x?x?xf64>, %v: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %v ghost 1 : !ps.field<?x?x?xf64> {
    %s = ps.load %u[0, -1, 0] : !ps.field<?x?x?xf64>
    %n = ps.load %u[0, 1, 0] : !ps.field<?x?x?xf64>
    %a = ps.add %s, %n : f64
    ps.store %a, %v[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}
