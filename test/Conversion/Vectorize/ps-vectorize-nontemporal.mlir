// ps-vectorize{nontemporal}: x86 streams aligned vectors only (LLVM splits
// an unaligned streaming store into a scalar one per element: movntsd on
// AMD, movnti through general registers on Intel). The peel aligns the
// first store; a loop with other stores of its element type has its main
// and single-vector loops versioned on whether they share its offset in a
// cache line, and streams them only in the version where they do; the peel
// and the remainder serve both.
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f nontemporal=true unroll=1" --canonicalize --cse | FileCheck %s
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 nontemporal=true unroll=1 jam-planes=2 remainder=scalar" --canonicalize --cse | FileCheck %s --check-prefix=PLANES
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=neon nontemporal=true unroll=1" --canonicalize --cse | FileCheck %s --check-prefix=NEON

// Two fields written per point: the check compares the offsets in a line of
// u's and v's first points in each row;
// CHECK-LABEL: func.func @two_outputs
// CHECK: scf.for %[[Y:.*]] = %c1 to %{{.*}} step %c1 {
// CHECK: %[[U:.*]] = memref.extract_aligned_pointer_as_index %arg1
// CHECK: %[[UAT:.*]] = arith.addi %[[U]], %{{.*}} : index
// CHECK: %[[UOFF:.*]] = arith.remui %[[UAT]], %c64 : index
// CHECK: %[[V:.*]] = memref.extract_aligned_pointer_as_index %arg2
// CHECK: %[[VAT:.*]] = arith.addi %[[V]], %{{.*}} : index
// CHECK: %[[VOFF:.*]] = arith.remui %[[VAT]], %c64 : index
// CHECK: %[[SAME:.*]] = arith.cmpi eq, %[[VOFF]], %[[UOFF]] : index
// The peel (scalar: a short body under streaming stores), then where they
// do, both stream aligned;
// CHECK: scf.for %{{.*}} step %c1 {
// CHECK: %[[TAIL:.*]] = scf.if %[[SAME]] -> (index) {
// CHECK: scf.for %{{.*}} step %c8 {
// CHECK: vector.store %{{.*}}, %[[UT:.*]][%[[Y]], %{{.*}}] {alignment = 64 : i64, nontemporal = true}
// CHECK-NEXT: vector.store %{{.*}}, %[[VT:.*]][%[[Y]], %{{.*}}] {alignment = 64 : i64, nontemporal = true}
// CHECK-NOT: vector.maskedstore
// CHECK: } else {
// elsewhere u streams and v is stored ordinarily.
// CHECK: scf.for %{{.*}} step %c8 {
// CHECK: vector.store %{{.*}}, %[[UT]][%[[Y]], %{{.*}}] {alignment = 64 : i64, nontemporal = true}
// CHECK-NEXT: vector.store %{{.*}}, %[[VT]][%[[Y]], %{{.*}}] : memref
// CHECK-NOT: vector.maskedstore
// CHECK: scf.yield
// CHECK: }
// One remainder after both.
// CHECK: arith.subi %{{.*}}, %[[TAIL]] : index
// CHECK: vector.maskedstore
// CHECK: vector.maskedstore
// CHECK: llvm.call_intrinsic "llvm.x86.sse.sfence"

// NEON's streaming stores (stnp) take any address: no check, both stream.
// NEON-LABEL: func.func @two_outputs
// NEON-NOT: scf.if %{{.*}} {
// NEON: scf.for %{{.*}} step %c8 {
// NEON-COUNT-4: vector.store %{{.*}} {alignment = 16 : i64, nontemporal = true}
// NEON-COUNT-4: vector.store %{{.*}} {nontemporal = true}
// NEON: } {ps.dim = 0 : i64}
ps.kernel @two_outputs(%src: !ps.field<?x?xf64>, %u: !ps.field<?x?xf64>, %v: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %u ghost 1 : !ps.field<?x?xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64>
    %s = ps.add %w, %e : f64
    %d = ps.sub %w, %e : f64
    ps.store %s, %u[0, 0] : !ps.field<?x?xf64>
    ps.store %d, %v[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}

// -----

// A second field of another element type moves by other steps than the
// first: it never streams, and nothing is versioned.
// CHECK-LABEL: func.func @mixed_widths
// CHECK-NOT: arith.cmpi eq
// CHECK: scf.for %{{.*}} step %c8 {
// CHECK: vector.store %{{.*}} {alignment = 64 : i64, nontemporal = true} : memref<?x?xf64
// CHECK-NEXT: vector.store %{{.*}} : memref<?x?xf32, strided<[?, 1], offset: ?>>, vector<8xf32>
// CHECK: } {ps.dim = 0 : i64}
ps.kernel @mixed_widths(%src: !ps.field<?x?xf64>, %u: !ps.field<?x?xf64>, %v: !ps.field<?x?xf32>) {
  ps.iterate (%x, %y) in %u ghost 1 : !ps.field<?x?xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64>
    %s = ps.add %w, %e : f64
    %f = ps.cast %s : f64 to f32
    ps.store %s, %u[0, 0] : !ps.field<?x?xf64>
    ps.store %f, %v[0, 0] : !ps.field<?x?xf32>
  }
  ps.return
}

// -----

// A jam of two planes stores rows of planes z and z+1: they share a line
// offset where a plane is a whole number of lines. The plane left over
// streams its one store without a check.
// PLANES-LABEL: func.func @column
// PLANES: scf.for %[[Z:.*]] = %c1 to %{{.*}} step %c2 {
// PLANES: %[[SAME:.*]] = arith.cmpi eq
// PLANES: scf.if %[[SAME]] -> (index) {
// PLANES: scf.for %{{.*}} step %c8 {
// PLANES-COUNT-4: vector.store %{{.*}} {alignment = 32 : i64, nontemporal = true}
// PLANES: } else {
// PLANES: scf.for %{{.*}} step %c8 {
// PLANES-COUNT-2: vector.store %{{.*}} {alignment = 32 : i64, nontemporal = true}
// PLANES-NEXT: vector.store %{{.*}} : memref
// PLANES-NEXT: vector.store %{{.*}} : memref
// PLANES: } {ps.dim = 2 : i64}
// PLANES-NOT: arith.cmpi eq
// PLANES: scf.for %{{.*}} step %c8 {
// PLANES-COUNT-2: vector.store %{{.*}} {alignment = 32 : i64, nontemporal = true}
// PLANES: } {ps.dim = 0 : i64}
ps.kernel @column(%src: !ps.field<?x?x?xf64>, %dst: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %dst ghost 1 : !ps.field<?x?x?xf64> {
    %b = ps.load %src[0, 0, -1] : !ps.field<?x?x?xf64>
    %c = ps.load %src[0, 0, 0] : !ps.field<?x?x?xf64>
    %t = ps.load %src[0, 0, 1] : !ps.field<?x?x?xf64>
    %s = ps.add %b, %c : f64
    %r = ps.add %s, %t : f64
    ps.store %r, %dst[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}
