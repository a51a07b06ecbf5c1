// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --ps-vectorize="isa=avx512f aligned=true" --canonicalize --cse | FileCheck %s
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --ps-vectorize="isa=avx512f aligned=true remainder=scalar" --canonicalize --cse | FileCheck %s --check-prefix=SCALAR
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --ps-vectorize="isa=avx512f nontemporal=true" --canonicalize --cse | FileCheck %s --check-prefix=STREAM
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --ps-vectorize="isa=avx512f cost-model=true remarks=false prefetch=0 unroll=1" --canonicalize --cse | FileCheck %s --check-prefix=DEFAULT
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --ps-vectorize="isa=neon aligned=true" --canonicalize --cse | FileCheck %s --check-prefix=NEON

// On x86 the peel is a masked vector that ends at the first aligned point,
// with the lanes before the row's start off, where there is a peel at all:
// no scalar loop before the vector loop, whose stores are then aligned.

// CHECK-LABEL: func.func @pair
// CHECK: scf.for %[[Y:.*]] = %c1 to %{{.*}} step %c1 {
// CHECK: %[[PEEL:.*]] = arith.minsi
// CHECK: %[[START:.*]] = arith.addi %[[PEEL]], %c1 : index
// CHECK: %[[ANY:.*]] = arith.cmpi sgt, %[[PEEL]], %c0 : index
// CHECK-NOT: scf.for
// CHECK: scf.if %[[ANY]] {
// Lanes from the row's start (1, the ghost layer before) to START.
// CHECK: %[[BASE:.*]] = arith.addi %[[PEEL]], %c-7 : index
// CHECK: %[[OFF:.*]] = arith.subi %c8, %[[PEEL]] : index
// CHECK: %[[BEFORE:.*]] = vector.create_mask %[[OFF]] : vector<8xi1>
// CHECK: %[[TO:.*]] = arith.subi %[[START]], %[[BASE]] : index
// CHECK: %[[UPTO:.*]] = vector.create_mask %[[TO]] : vector<8xi1>
// CHECK: %[[FROM:.*]] = arith.xori %[[BEFORE]], %cst{{.*}} : vector<8xi1>
// CHECK: %[[MASK:.*]] = arith.andi %[[UPTO]], %[[FROM]] : vector<8xi1>
// CHECK: vector.maskedload {{.*}}, %[[MASK]]
// CHECK: vector.maskedload {{.*}}, %[[MASK]]
// CHECK: vector.maskedstore %{{.*}}[%[[Y]], %[[BASE]]], %[[MASK]]
// CHECK: }
// CHECK: scf.for %{{.*}} = %[[START]] to %{{.*}} step %c16 {
// CHECK: vector.store {{.*}} {alignment = 64 : i64}

// remainder=scalar keeps the scalar peel.
// SCALAR-LABEL: func.func @pair
// SCALAR: %[[PEEL:.*]] = arith.minsi
// SCALAR: %[[START:.*]] = arith.addi %[[PEEL]], %c1 : index
// SCALAR: scf.for %{{.*}} = %c1 to %[[START]] step %c1 {
// SCALAR-NOT: vector.maskedstore
// SCALAR: return

// With streaming stores, a body of few loads peels in a scalar loop: the
// loop waits on memory anyway (kMaskedPeelMinLoads).
// STREAM-LABEL: func.func @pair
// STREAM: %[[PEEL:.*]] = arith.minsi
// STREAM: %[[START:.*]] = arith.addi %[[PEEL]], %c1 : index
// STREAM: scf.for %{{.*}} = %c1 to %[[START]] step %c1 {
// STREAM: nontemporal = true
// STREAM: return

// The default peels loops whose stores do not stream where every stride
// of the destination but x is a multiple of a line (all rows then start at
// one offset in a line; computed from the array's start, once per nest),
// else not at all; its stores claim no alignment.
// DEFAULT-LABEL: func.func @pair
// DEFAULT: %{{.*}}, %{{.*}}, %{{.*}}:2, %[[STRIDES:.*]]:2 = memref.extract_strided_metadata %arg1
// DEFAULT: %[[PITCH:.*]] = arith.muli %[[STRIDES]]#1, %c8 : index
// DEFAULT: %[[OFF:.*]] = arith.remsi %[[PITCH]], %c64 : index
// DEFAULT: %[[LINES:.*]] = arith.cmpi eq, %[[OFF]], %c0 : index
// DEFAULT: %[[PEEL:.*]] = arith.select %[[LINES]], %{{.*}}, %c0 : index
// DEFAULT: scf.if
// DEFAULT: vector.maskedstore
// DEFAULT: scf.for
// DEFAULT-NOT: alignment
// DEFAULT: return

// NEON has no masked loads and stores: a scalar peel.
// NEON-LABEL: func.func @pair
// NEON: %[[PEEL:.*]] = arith.minsi
// NEON: %[[START:.*]] = arith.addi %[[PEEL]], %c1 : index
// NEON: scf.for %{{.*}} = %c1 to %[[START]] step %c1 {
// NEON: return

ps.kernel @pair(%src: !ps.field<?x?xf64>, %dst: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64>
    %s = ps.add %w, %e : f64
    ps.store %s, %dst[0, 0] : f64, !ps.field<?x?xf64>
  }
  ps.return
}

// -----

// Fields of fixed shape: rows of 64 doubles are whole lines, and the
// default peels; rows of 66 are not, and it does not.
// DEFAULT-LABEL: func.func @whole_lines
// DEFAULT: vector.maskedstore
// DEFAULT-LABEL: func.func @off_lines
// DEFAULT-NOT: arith.remui
// DEFAULT-NOT: scf.if %{{.*}} {
// DEFAULT: scf.for %{{.*}} = %c1 to %c65 step %c8 {

ps.kernel @whole_lines(%src: !ps.field<64x8xf64>, %dst: !ps.field<64x8xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<64x8xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<64x8xf64>
    %e = ps.load %src[1, 0] : !ps.field<64x8xf64>
    %s = ps.add %w, %e : f64
    ps.store %s, %dst[0, 0] : f64, !ps.field<64x8xf64>
  }
  ps.return
}

ps.kernel @off_lines(%src: !ps.field<66x8xf64>, %dst: !ps.field<66x8xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<66x8xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<66x8xf64>
    %e = ps.load %src[1, 0] : !ps.field<66x8xf64>
    %s = ps.add %w, %e : f64
    ps.store %s, %dst[0, 0] : f64, !ps.field<66x8xf64>
  }
  ps.return
}
