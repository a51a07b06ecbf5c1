// ps-vectorize{prefetch=N}: software prefetch ahead of the leading rows.
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f unroll=2 remainder=scalar prefetch=4096" --canonicalize --cse | FileCheck %s
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f unroll=1 jam=2 jam-planes=2 remainder=scalar prefetch=4096" --canonicalize --cse | FileCheck %s --check-prefix=JAM
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f unroll=2 reuse=true remainder=scalar prefetch=4096" --canonicalize --cse | FileCheck %s --check-prefix=REUSE
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f unroll=2 remainder=scalar" --canonicalize --cse | FileCheck %s --check-prefix=OFF
// The cost model's choice (prefetch=-1, the default) and none (0).
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f cost-model=true remarks=false" | FileCheck %s --check-prefix=AUTO
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f cost-model=true prefetch=0 remarks=false" | FileCheck %s --check-prefix=OFF
// RUN: not ps-opt %s --ps-vectorize="prefetch=65537" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=avx2 prefetch=70000" 2>&1 | FileCheck %s --check-prefix=BAD-PIPELINE
// RUN: not ps-opt %s --ps-lower-to-llvm-pipeline="vectorize=none prefetch=4096" 2>&1 | FileCheck %s --check-prefix=UNUSED
// BAD: error: ps-vectorize: prefetch 65537 is not between 0 and 65536 bytes (or -1, the cost model's choice)
// BAD-PIPELINE: error: ps-lower-to-llvm-pipeline: prefetch 70000 is not between 0 and 65536 bytes (or -1, the cost model's choice)
// UNUSED: error: ps-lower-to-llvm-pipeline: prefetch is an option of ps-vectorize, which runs only with vectorize=<instruction set>

// A 6-point star in 3D: of the rows the x-loop at (y, z) reads, row y of
// plane z+1 comes from memory first (rows y-1 and y+1 of plane z were the
// leading rows of earlier loops). The main loop, 16 points of f64 per
// iteration, prefetches the two cache lines of that row 4096 bytes (512
// elements) ahead in the flat view of src, clamped to its last element.
// The loop of single vectors after it and the scalar remainder do not.
// CHECK-LABEL: func.func @star
// CHECK: %[[FLAT:.*]] = memref.reinterpret_cast %arg0 to offset: [%{{.*}}], sizes: [%{{.*}}], strides: [1]
// CHECK: scf.for %[[Z:.*]] = %c1
// CHECK: scf.for %[[Y:.*]] = %c1
// CHECK: scf.for %[[X:.*]] = %c1 to %{{.*}} step %c16 {
// CHECK: %[[ROW:.*]] = arith.muli %[[Y]], %[[STRIDES:.*]]#1 : index
// CHECK-NEXT: %[[XY:.*]] = arith.addi %[[X]], %[[ROW]] : index
// CHECK-NEXT: %[[Z1:.*]] = arith.addi %[[Z]], %c1 : index
// CHECK-NEXT: %[[PLANE:.*]] = arith.muli %[[Z1]], %[[STRIDES]]#2 : index
// CHECK-NEXT: %[[AT:.*]] = arith.addi %[[XY]], %[[PLANE]] : index
// CHECK-NEXT: %[[SPAN:.*]] = memref.dim %[[FLAT]], %c0
// CHECK-NEXT: %[[LAST:.*]] = arith.subi %[[SPAN]], %c1 : index
// CHECK-NEXT: %[[A0:.*]] = arith.addi %[[AT]], %c512 : index
// CHECK-NEXT: %[[C0:.*]] = arith.minsi %[[A0]], %[[LAST]] : index
// CHECK-NEXT: memref.prefetch %[[FLAT]][%[[C0]]], read, locality<3>, data
// CHECK-NEXT: %[[A1:.*]] = arith.addi %[[AT]], %c520 : index
// CHECK-NEXT: %[[C1:.*]] = arith.minsi %[[A1]], %[[LAST]] : index
// CHECK-NEXT: memref.prefetch %[[FLAT]][%[[C1]]], read, locality<3>, data
// CHECK-NOT: memref.prefetch
// CHECK: } {ps.dim = 0 : i64}
// CHECK-NOT: memref.prefetch
// CHECK: } {ps.dim = 1 : i64}

// A jam of 2 planes and 2 rows reads 2 new planes (z+1, z+2) per z step and
// 2 new rows (y+1, y+2 in plane z+1; y, y+1 in plane z+2) of each per y
// step: 4 leading rows, one line each (8 points of f64), the one of a row
// at its largest x offset.
// JAM-LABEL: func.func @star
// JAM: scf.for %[[Z:.*]] = %c1 to %{{.*}} step %c2 {
// JAM: %[[Z1:.*]] = arith.addi %[[Z]], %c1 : index
// JAM: scf.for %[[Y:.*]] = %c1 to %{{.*}} step %c2 {
// JAM: %[[Y1:.*]] = arith.addi %[[Y]], %c1 : index
// JAM: scf.for %[[X:.*]] = %c1 to %{{.*}} step %c8 {
// JAM-NEXT: arith.muli %[[Y1]], %{{.*}}#1
// JAM: %[[Z2:.*]] = arith.addi %[[Z]], %c2 : index
// JAM-NEXT: arith.muli %[[Z2]], %{{.*}}#2
// JAM: memref.prefetch
// JAM-NEXT: arith.muli %[[Y]], %{{.*}}#1
// JAM: memref.prefetch
// JAM-NEXT: %[[Y2:.*]] = arith.addi %[[Y]], %c2 : index
// JAM-NEXT: arith.muli %[[Y2]], %{{.*}}#1
// JAM-NEXT: arith.addi %[[X]],
// JAM-NEXT: arith.muli %[[Z1]], %{{.*}}#2
// JAM: memref.prefetch
// JAM-NEXT: %[[X1:.*]] = arith.addi %[[X]], %c1 : index
// JAM: memref.prefetch
// JAM-NOT: memref.prefetch
// JAM: vector.load
// JAM-NOT: memref.prefetch
// JAM: } {ps.dim = 0 : i64}
// The loops left over lead with what they compute: the last row (2 planes
// of 1 row), then in the last plane the pairs of rows (1 plane of 2 rows)
// and the last row (1 of 1).
// JAM: } {ps.dim = 1 : i64}
// JAM: scf.for %{{.*}} step %c8 {
// JAM-COUNT-2: memref.prefetch
// JAM-NOT: memref.prefetch
// JAM: } {ps.dim = 2 : i64}
// JAM: scf.for %{{.*}} step %c8 {
// JAM-COUNT-2: memref.prefetch
// JAM-NOT: memref.prefetch
// JAM: } {ps.dim = 1 : i64}
// JAM: scf.for %{{.*}} step %c8 {
// JAM-COUNT-1: memref.prefetch
// JAM-NOT: memref.prefetch
// JAM: } {ps.dim = 2 : i64}

// With row reuse the main loop is the one that carries row vectors.
// REUSE-LABEL: func.func @star
// REUSE: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c16 iter_args(
// REUSE-COUNT-2: memref.prefetch
// REUSE-NOT: memref.prefetch
// REUSE: } {ps.dim = 0 : i64}

// OFF-NOT: memref.prefetch
// AUTO-LABEL: func.func @star
// AUTO: memref.prefetch
// AUTO-LABEL: func.func @jacobi
// AUTO: memref.prefetch
ps.kernel @star(%src: !ps.field<?x?x?xf64>, %dst: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y, %z) in %dst ghost 1 : !ps.field<?x?x?xf64> {
    %a = ps.load %src[0, 0, -1] : !ps.field<?x?x?xf64>
    %b = ps.load %src[0, -1, 0] : !ps.field<?x?x?xf64>
    %w = ps.load %src[-1, 0, 0] : !ps.field<?x?x?xf64>
    %c = ps.load %src[1, 0, 0] : !ps.field<?x?x?xf64>
    %d = ps.load %src[0, 1, 0] : !ps.field<?x?x?xf64>
    %e = ps.load %src[0, 0, 1] : !ps.field<?x?x?xf64>
    %ab = ps.add %a, %b : f64
    %abw = ps.add %ab, %w : f64
    %s1 = ps.add %abw, %c : f64
    %s2 = ps.add %s1, %d : f64
    %s3 = ps.add %s2, %e : f64
    ps.store %s3, %dst[0, 0, 0] : !ps.field<?x?x?xf64>
  }
  ps.return
}

// -----

// 2D, f32: row y+1 leads. 4096 bytes are 1024 elements; 32 points of f32
// are 2 lines of 16.
// CHECK-LABEL: func.func @jacobi
// CHECK: scf.for %[[Y:.*]] = %c1
// CHECK: scf.for %[[X:.*]] = %c1 to %{{.*}} step %c32 {
// CHECK: %[[Y1:.*]] = arith.addi %[[Y]], %c1 : index
// CHECK-NEXT: %[[ROW:.*]] = arith.muli %[[Y1]], %{{.*}}#1 : index
// CHECK-NEXT: %[[AT:.*]] = arith.addi %[[X]], %[[ROW]] : index
// CHECK: arith.addi %[[AT]], %c1024 : index
// CHECK: memref.prefetch
// CHECK: arith.addi %[[AT]], %c1040 : index
// CHECK: memref.prefetch
// CHECK-NOT: memref.prefetch
// CHECK: } {ps.dim = 0 : i64}
ps.kernel @jacobi(%src: !ps.field<?x?xf32>, %dst: !ps.field<?x?xf32>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf32> {
    %a = ps.load %src[0, -1] : !ps.field<?x?xf32>
    %b = ps.load %src[-1, 0] : !ps.field<?x?xf32>
    %c = ps.load %src[1, 0] : !ps.field<?x?xf32>
    %d = ps.load %src[0, 1] : !ps.field<?x?xf32>
    %ab = ps.add %a, %b : f32
    %s1 = ps.add %ab, %c : f32
    %s2 = ps.add %s1, %d : f32
    ps.store %s2, %dst[0, 0] : !ps.field<?x?xf32>
  }
  ps.return
}
