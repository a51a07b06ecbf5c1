// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 unroll=1 reuse=false" --canonicalize | FileCheck %s --check-prefix=MASKED
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 remainder=scalar unroll=2 reuse=false" --canonicalize | FileCheck %s --check-prefix=SCALAR
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f aligned=true nontemporal=true unroll=1 reuse=false" --canonicalize | FileCheck %s --check-prefix=STREAM
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 nontemporal=true unroll=1 reuse=false" --canonicalize | FileCheck %s --check-prefix=STREAM-AVX2
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=sve unroll=1 reuse=false" --canonicalize | FileCheck %s --check-prefix=SVE
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 unroll=2 reuse=true align-rows=false" --canonicalize --cse | FileCheck %s --check-prefix=REUSE
// Every loop that stays scalar says why in a remark, and only those do.
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --ps-vectorize="isa=avx2" -verify-diagnostics -o /dev/null
// Bad options.
// RUN: not ps-opt %s --ps-vectorize="isa=mmx" 2>&1 | FileCheck %s --check-prefix=BAD-ISA
// RUN: not ps-opt %s --ps-vectorize="remainder=peel" 2>&1 | FileCheck %s --check-prefix=BAD-REMAINDER
// RUN: not ps-opt %s --ps-vectorize="lanes=3" 2>&1 | FileCheck %s --check-prefix=BAD-LANES
// RUN: not ps-opt %s --ps-vectorize="unroll=0" 2>&1 | FileCheck %s --check-prefix=BAD-UNROLL
// BAD-ISA: error: ps-vectorize: unknown instruction set 'mmx' (expected one of avx512f, avx2, sse4.2, sve, neon, host)
// BAD-REMAINDER: for the --remainder option: Cannot find option named 'peel'!
// BAD-LANES: error: ps-vectorize: lanes 3 is not 0 or a power of two up to 256
// BAD-UNROLL: error: ps-vectorize: unroll 0 is not between 1 and 16

// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=neon lanes=8 unroll=1 reuse=false" --canonicalize | FileCheck %s --check-prefix=NEON8

// A 2D Jacobi sweep: x is contiguous (fzyx), so the x loop is vectorized.
// The memrefs get views with x last, which vector.load needs.

// MASKED-LABEL: func.func @jacobi
// MASKED-DAG: %[[DST:.*]] = memref.transpose %arg1 (d0, d1) -> (d1, d0) : memref<?x?xf64, strided<[1, ?], offset: ?>> to memref<?x?xf64, strided<[?, 1], offset: ?>>
// MASKED-DAG: %[[SRC:.*]] = memref.transpose %arg0 (d0, d1) -> (d1, d0)
// MASKED-DAG: %[[C4:.*]] = arith.constant 4 : index
// MASKED-DAG: %[[Q:.*]] = arith.constant dense<2.500000e-01> : vector<4xf64>
// MASKED: scf.for %[[Y:.*]] = %{{.*}} to %{{.*}} step
// Whole vectors end at lower + ((upper - lower) / 4) * 4.
// MASKED: %[[N:.*]] = arith.divsi %{{.*}}, %[[C4]] : index
// MASKED: %[[W:.*]] = arith.muli %[[N]], %[[C4]] : index
// MASKED: %[[END:.*]] = arith.addi {{.*}}%[[W]]{{.*}} : index
// MASKED: scf.for %[[X:.*]] = %{{.*}} to %[[END]] step %[[C4]] {
// MASKED: %[[XM:.*]] = arith.addi %[[X]], %c-1 : index
// MASKED: %[[WEST:.*]] = vector.load %[[SRC]][%[[Y]], %[[XM]]] : memref<?x?xf64, strided<[?, 1], offset: ?>>, vector<4xf64>
// MASKED: %[[EAST:.*]] = vector.load %[[SRC]]
// MASKED: arith.addf %[[WEST]], %[[EAST]] : vector<4xf64>
// The invariant factor is broadcast (and folded into a vector constant).
// MASKED: %[[MEAN:.*]] = arith.mulf %{{.*}}, %[[Q]] : vector<4xf64>
// MASKED: vector.store %[[MEAN]], %[[DST]][%[[Y]], %[[X]]] : memref<?x?xf64, strided<[?, 1], offset: ?>>, vector<4xf64>
// MASKED: } {ps.dim = 0 : i64}
// The last partial vector runs under a mask of the remaining points.
// MASKED: %[[REST:.*]] = arith.subi %{{.*}}, %[[END]] : index
// MASKED: %[[ANY:.*]] = arith.cmpi sgt, %[[REST]], %c0{{.*}} : index
// MASKED: scf.if %[[ANY]] {
// MASKED: %[[MASK:.*]] = vector.create_mask %[[REST]] : vector<4xi1>
// MASKED: vector.maskedload %[[SRC]][%[[Y]], %{{.*}}], %[[MASK]], %{{.*}} : memref<?x?xf64, strided<[?, 1], offset: ?>>, vector<4xi1>, vector<4xf64> into vector<4xf64>
// MASKED: vector.maskedstore %[[DST]][%[[Y]], %[[END]]], %[[MASK]], %{{.*}} : memref<?x?xf64, strided<[?, 1], offset: ?>>, vector<4xi1>, vector<4xf64>
// MASKED: }
// MASKED-NOT: memref.load
// MASKED: } {ps.dim = 1 : i64}

// Two vectors per iteration, single vectors, then scalar iterations.
// SCALAR-LABEL: func.func @jacobi
// The two copies of the body are interleaved operation by operation.
// SCALAR: scf.for %[[X:.*]] = %{{.*}} to %{{.*}} step %c8 {
// SCALAR: %[[X4:.*]] = arith.addi %[[X]], %c4{{.*}} : index
// SCALAR: %[[A:.*]] = arith.mulf %{{.*}} : vector<4xf64>
// SCALAR-NEXT: %[[B:.*]] = arith.mulf %{{.*}} : vector<4xf64>
// SCALAR-NEXT: vector.store %[[A]], %{{.*}}[%{{.*}}, %[[X]]] {{.*}} vector<4xf64>
// SCALAR-NEXT: vector.store %[[B]], %{{.*}}[%{{.*}}, %[[X4]]] {{.*}} vector<4xf64>
// SCALAR: } {ps.dim = 0 : i64}
// SCALAR: scf.for %{{.*}} step %c4 {
// SCALAR: vector.store
// SCALAR: }
// SCALAR-NOT: scf.if
// SCALAR: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step %c1 {
// SCALAR: memref.load %arg0[
// SCALAR: memref.store %{{.*}}, %arg1[%[[R]], %{{.*}}] : memref<?x?xf64, strided<[1, ?], offset: ?>>
// SCALAR-NEXT: }
// SCALAR-NOT: vector.maskedstore

// Peeling until the store to dst is aligned to 64 bytes (8 x f64), then
// aligned non-temporal stores and a fence per row.
// STREAM-LABEL: func.func @jacobi
// STREAM: %[[PTR:.*]] = memref.extract_aligned_pointer_as_index %arg1
// STREAM: %[[MIS:.*]] = arith.remui %{{.*}}, %c64 : index
// STREAM: %[[PEELBYTES:.*]] = arith.remui %{{.*}}, %c64 : index
// STREAM: %[[PEEL:.*]] = arith.divui %[[PEELBYTES]], %c8 : index
// STREAM: %[[P:.*]] = arith.minsi %[[PEEL]], %{{.*}} : index
// STREAM: %[[START:.*]] = arith.addi {{.*}}%[[P]]{{.*}} : index
// STREAM: scf.for %{{.*}} = %{{.*}} to %[[START]] step %c1 {
// STREAM: memref.store
// STREAM: scf.for %{{.*}} = %[[START]] to %{{.*}} step %c8 {
// STREAM: vector.store %{{.*}} {alignment = 64 : i64, nontemporal = true} : memref<?x?xf64, strided<[?, 1], offset: ?>>, vector<8xf64>
// STREAM: vector.maskedstore
// STREAM: llvm.call_intrinsic "llvm.x86.sse.sfence"() : () -> ()
// STREAM-NEXT: } {ps.dim = 1 : i64}

// Streaming stores write whole 64-byte lines only: a line written partly by
// them and partly by ordinary stores costs a partial write-combining flush
// (heat3d ran at 0.45x on Zen 3). A 32-byte AVX2 vector is half a line, so
// the peeling aligns to a line, the main loop takes 2 vectors (unroll 1 is
// raised), and the single-vector loop after it stores ordinarily.
// STREAM-AVX2-LABEL: func.func @jacobi
// STREAM-AVX2: arith.remui %{{.*}}, %c64 : index
// STREAM-AVX2: arith.remui %{{.*}}, %c64 : index
// STREAM-AVX2: scf.for %{{.*}} step %c8 {
// STREAM-AVX2: vector.store {{.*}} {alignment = 32 : i64, nontemporal = true} {{.*}} vector<4xf64>
// STREAM-AVX2-NEXT: vector.store {{.*}} {alignment = 32 : i64, nontemporal = true} {{.*}} vector<4xf64>
// STREAM-AVX2: scf.for %{{.*}} step %c4 {
// STREAM-AVX2-NOT: nontemporal
// STREAM-AVX2: vector.store {{.*}} {alignment = 32 : i64} {{.*}} vector<4xf64>
// STREAM-AVX2-NOT: nontemporal
// STREAM-AVX2: vector.maskedstore
// STREAM-AVX2: llvm.call_intrinsic "llvm.x86.sse.sfence"

// For sve, scalable vectors of vscale x 2 doubles, steps of vscale x 2.
// SVE-LABEL: func.func @jacobi
// SVE: %[[VS:.*]] = vector.vscale
// SVE: %[[STEP:.*]] = arith.muli %[[VS]], %c2 : index
// SVE: scf.for %{{.*}} step %[[STEP]] {
// SVE: vector.load %{{.*}} : memref<?x?xf64, strided<[?, 1], offset: ?>>, vector<[2]xf64>
// SVE: vector.create_mask %{{.*}} : vector<[2]xi1>

// NEON8-LABEL: func.func @jacobi
// NEON8: vector.load {{.*}} vector<8xf64>

// Row reuse: the row of src at y is read at x-1 and x+1. The main loop
// carries its last whole vector into the next iteration, loads two new ones
// (x+3 and x+7) and cuts x+1 and x+5 out of neighbouring ones; rows read at
// one offset are loaded directly. The first vector is loaded before the
// loop, only when the loop has an iteration, and the loop stops 2 points
// early so that x+7..x+10 never passes the last point read.
// REUSE-LABEL: func.func @jacobi
// Points for the main loop: (nx - 1) - 2 - 1, the upper bound less the slack
// less the lower bound.
// REUSE: arith.addi %dim, %c-4 : index
// REUSE: %[[END:.*]] = arith.addi
// REUSE: %[[ANY:.*]] = arith.cmpi sgt, %[[END]], %c1 : index
// REUSE: scf.if %[[ANY]] {
// REUSE: %[[FIRST:.*]] = vector.load %[[SRC:.*]][%[[Y:.*]], %c0] : memref<?x?xf64, strided<[?, 1], offset: ?>>, vector<4xf64>
// REUSE: scf.for %[[X:.*]] = %c1 to %[[END]] step %c8 iter_args(%[[PREV:.*]] = %[[FIRST]]) -> (vector<4xf64>) {
// REUSE: %[[X3:.*]] = arith.addi %[[X]], %c3 : index
// REUSE: %[[B:.*]] = vector.load %[[SRC]][%[[Y]], %[[X3]]]
// REUSE: %[[X7:.*]] = arith.addi %[[X]], %c7 : index
// REUSE: %[[C:.*]] = vector.load %[[SRC]][%[[Y]], %[[X7]]]
// REUSE: %[[E1:.*]] = vector.shuffle %[[PREV]], %[[B]] [2, 3, 4, 5] : vector<4xf64>, vector<4xf64>
// REUSE: %[[E5:.*]] = vector.shuffle %[[B]], %[[C]] [2, 3, 4, 5] : vector<4xf64>, vector<4xf64>
// REUSE: arith.addf %[[PREV]], %[[E1]] : vector<4xf64>
// REUSE: arith.addf %[[B]], %[[E5]] : vector<4xf64>
// REUSE: scf.yield %[[C]] : vector<4xf64>
// REUSE: } {ps.dim = 0 : i64}
// REUSE: }
// Then single vectors from where the main loop stopped.
// REUSE: scf.for %{{.*}} step %c4 {

ps.kernel @jacobi(%src: !ps.field<?x?xf64>, %dst: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64>
    %s = ps.load %src[0, -1] : !ps.field<?x?xf64>
    %n = ps.load %src[0, 1] : !ps.field<?x?xf64>
    %we = ps.add %w, %e : f64
    %sn = ps.add %s, %n : f64
    %sum = ps.add %we, %sn : f64
    %quarter = ps.constant 0.25 : f64
    %mean = ps.mul %sum, %quarter : f64
    ps.store %mean, %dst[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}

// -----

// f32 fills a 256-bit register with 8 lanes; the counter used as a value
// becomes lane numbers added to its first value.

// MASKED-LABEL: func.func @coordinates
// MASKED: scf.for %[[X:.*]] = %{{.*}} to %{{.*}} step %c8 {
// MASKED: %[[FIRST:.*]] = arith.index_cast %[[X]] : index to i64
// MASKED: %[[STEPS:.*]] = vector.step : vector<8xindex>
// MASKED: %[[LANES:.*]] = arith.index_cast %[[STEPS]] : vector<8xindex> to vector<8xi64>
// MASKED: %[[SPLAT:.*]] = vector.broadcast %[[FIRST]] : i64 to vector<8xi64>
// MASKED: %[[XS:.*]] = arith.addi %[[SPLAT]], %[[LANES]] : vector<8xi64>
// MASKED: %[[XF:.*]] = arith.sitofp %[[XS]] : vector<8xi64> to vector<8xf32>
// MASKED: math.sin %{{.*}} : vector<8xf32>
// MASKED: vector.store %{{.*}} vector<8xf32>
ps.kernel @coordinates(%f: !ps.field<?xf32>, %h: f32) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf32> {
    %xf = ps.cast %x : !ps.untyped to f32
    %xh = ps.mul %xf, %h : f32
    %s = ps.sin %xh : f32
    ps.store %s, %f[0] : !ps.field<?xf32>
  }
  ps.return
}

// -----

// Masked lanes read zeros, which an integer division would trap on: the
// remainder stays scalar.

// MASKED-LABEL: func.func @divide
// MASKED: arith.divsi %{{.*}} : vector<8xi32>
// MASKED-NOT: vector.create_mask
// MASKED: scf.for
// MASKED: arith.divsi %{{.*}} : i32
ps.kernel @divide(%a: !ps.field<?xi32>, %b: !ps.field<?xi32>) {
  ps.iterate (%x) in %a ghost 0 : !ps.field<?xi32> {
    %n = ps.load %a[0] : !ps.field<?xi32>
    %d = ps.load %b[0] : !ps.field<?xi32>
    %q = ps.div %n, %d : i32
    ps.store %q, %a[0] : !ps.field<?xi32>
  }
  ps.return
}

// -----

// The components are innermost (zyxf): x has the constant stride 2, which
// LLVM's loop vectorizer handles better than gathers.
ps.kernel @zyxf(%a: !ps.field<?x?xf64, components [2], layout zyxf>) {
  // expected-remark @below {{ps-vectorize: the loop over dimension 0 stays scalar: the counter indexes dimension 0 with the constant stride 2, which LLVM's vectorizer loads with wide loads and shuffles, faster than gathers (gather=always gathers it)}}
  ps.iterate (%x, %y) in %a ghost 0 : !ps.field<?x?xf64, components [2], layout zyxf> {
    %v = ps.load %a[0, 0](1) : !ps.field<?x?xf64, components [2], layout zyxf>
    ps.store %v, %a[0, 0](0) : !ps.field<?x?xf64, components [2], layout zyxf>
  }
  ps.return
}

// -----

// A step of 2 in x: neighbouring iterations are not neighbouring elements.
ps.kernel @red(%u: !ps.field<?x?xf64>) {
  // expected-remark @below {{ps-vectorize: the loop over dimension 0 stays scalar: the counter steps by 2, so neighbouring iterations are not neighbouring elements}}
  ps.iterate (%x, %y) in %u slice [1:-1:2, 1:-1] : !ps.field<?x?xf64> {
    %w = ps.load %u[-1, 0] : !ps.field<?x?xf64>
    ps.store %w, %u[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}

// -----

// A sparse space reads its coordinates from an index list (a gather).
ps.kernel @sparse(%u: !ps.field<?x?xf64>, %list: !ps.field<?xi64, components [3], layout c>) {
  // expected-remark @below {{ps-vectorize: the loop over dimension 0 stays scalar: it runs over a sparse space, whose points come from an index list (the accesses would be gathers and scatters)}}
  ps.iterate_sparse (%x, %y) in %list : !ps.field<?xi64, components [3], layout c> {
    %e = ps.load %u[1, 0] : !ps.field<?x?xf64>
    ps.store %e, %u[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}

// -----

// Booleans are stored a byte each, while vectors of i1 are bit-packed. ps
// fields have no i1 elements, but the pass takes any loops tagged like
// convert-ps-to-scf's.
func.func @flags(%m: memref<?xi1>, %n: memref<?xi1>) attributes {ps.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %dim = memref.dim %m, %c0 : memref<?xi1>
  // expected-remark @below {{ps-vectorize: the loop over dimension 0 stays scalar: a field of i1 holds one element per byte, but vectors of them are bit-packed}}
  scf.for %x = %c0 to %dim step %c1 {
    %v = memref.load %n[%x] : memref<?xi1>
    memref.store %v, %m[%x] : memref<?xi1>
  } {ps.dim = 0 : i64}
  return
}

// -----

// Control flow in the body.
ps.kernel @branch(%u: !ps.field<?xf64>, %a: f64, %b: f64, %c: i1) {
  // expected-remark @below {{ps-vectorize: the loop over dimension 0 stays scalar: the body has control flow ('scf.if')}}
  ps.iterate (%x) in %u ghost 0 : !ps.field<?xf64> {
    scf.if %c {
      ps.store %a, %u[0] : !ps.field<?xf64>
    } else {
      ps.store %b, %u[0] : !ps.field<?xf64>
    }
  }
  ps.return
}
