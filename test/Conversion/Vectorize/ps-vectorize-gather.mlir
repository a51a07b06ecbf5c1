// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f unroll=1 gather=always" --canonicalize --cse | FileCheck %s --check-prefix=AVX512
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx2 unroll=1 gather=always" --canonicalize --cse 2>&1 | FileCheck %s --check-prefix=AVX2
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --canonicalize --cse --ps-vectorize="isa=avx512f unroll=1" --canonicalize --cse 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --ps-vectorize="isa=sse4.2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SSE
// RUN: ps-opt %s --split-input-file --ps-typify --convert-ps-to-scf --ps-vectorize="isa=avx512f gather=never" -o /dev/null 2>&1 | FileCheck %s --check-prefix=OFF

// Fields with a stride in x known only at run time (NumPy's a[:, ::2]):
// loads become gathers from a flat view of the buffer, at the point's
// element plus lane k times the x stride. With gather=always stores become
// scatters where the instruction set has them (avx512f, sve), and the whole
// loop stays scalar where it has not (avx2); by default (gather=runtime) a
// strided store leaves the loop to LLVM, whose code measured as fast.

// AVX512-LABEL: func.func @strided_copy
// AVX512-SAME: (%[[SRC:.*]]: memref<?x?xf64, strided<[?, ?], offset: ?>>, %[[DST:.*]]: memref<?x?xf64, strided<[?, ?], offset: ?>>)
// AVX512-DAG: %[[TRUE:.*]] = arith.constant dense<true> : vector<8xi1>
// AVX512-DAG: %{{.*}}, %{{.*}}, %{{.*}}:2, %[[DSTRIDES:.*]]:2 = memref.extract_strided_metadata %[[DST]]
// AVX512-DAG: %[[DSTFLAT:.*]] = memref.reinterpret_cast %[[DST]] to offset: [%{{.*}}], sizes: [%{{.*}}], strides: [1]
// AVX512-DAG: %{{.*}}, %{{.*}}, %{{.*}}:2, %[[SSTRIDES:.*]]:2 = memref.extract_strided_metadata %[[SRC]]
// AVX512-DAG: %[[SRCFLAT:.*]] = memref.reinterpret_cast %[[SRC]] to offset: [%{{.*}}], sizes: [%{{.*}}], strides: [1]
// AVX512: scf.for %[[X:.*]] = %{{.*}} to %{{.*}} step %c8
// AVX512: %[[XS:.*]] = arith.addi %[[X]], %c1 : index
// AVX512: %[[EX:.*]] = arith.muli %[[XS]], %[[SSTRIDES]]#0 : index
// AVX512: %[[STEP:.*]] = vector.step : vector<8xindex>
// AVX512: %[[SPLAT:.*]] = vector.broadcast %[[SSTRIDES]]#0 : index to vector<8xindex>
// AVX512: %[[OFFSETS:.*]] = arith.muli %[[STEP]], %[[SPLAT]] : vector<8xindex>
// AVX512: %[[V:.*]] = vector.gather %[[SRCFLAT]][%{{.*}}] [%[[OFFSETS]]], %[[TRUE]], %{{.*}} : memref<?xf64, strided<[1], offset: ?>>, vector<8xindex>, vector<8xi1>, vector<8xf64> into vector<8xf64>
// AVX512: vector.scatter %[[DSTFLAT]][%{{.*}}] [%{{.*}}], %[[TRUE]], %[[V]]
// The partial vector: the same under its mask.
// AVX512: %[[MASK:.*]] = vector.create_mask %{{.*}} : vector<8xi1>
// AVX512: vector.gather %[[SRCFLAT]][%{{.*}}] [%{{.*}}], %[[MASK]]
// AVX512: vector.scatter %[[DSTFLAT]][%{{.*}}] [%{{.*}}], %[[MASK]]

// AVX2: remark: ps-vectorize: the loop over dimension 0 stays scalar: the counter indexes dimension 0 of a memref that is not contiguous in it (a layout with the components or another dimension innermost, or a strided view), and avx2 has no scatters to vectorize it with
// SSE: remark: ps-vectorize: the loop over dimension 0 stays scalar: the counter indexes dimension 0 of a memref that is not contiguous in it (a layout with the components or another dimension innermost, or a strided view), and sse4.2 has no gathers to vectorize it with
// DEFAULT: remark: ps-vectorize: the loop over dimension 0 stays scalar: a store writes with a stride in x, and scatters are no faster than the scalar loop (gather=always scatters it)
// OFF: remark: ps-vectorize: the loop over dimension 0 stays scalar: the counter indexes dimension 0 of a memref that is not contiguous in it (a layout with the components or another dimension innermost, or a strided view), and gather=never to vectorize it with
ps.kernel @strided_copy(%src: !ps.field<?x?xf64, strides [?, ?]>,
                        %dst: !ps.field<?x?xf64, strides [?, ?]>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64, strides [?, ?]> {
    %a = ps.load %src[1, 0] : !ps.field<?x?xf64, strides [?, ?]>
    ps.store %a, %dst[0, 0] : !ps.field<?x?xf64, strides [?, ?]>
  }
  ps.return
}

// -----

// A strided source into a contiguous destination: avx2 gathers the loads
// and stores whole vectors, by default too.
// DEFAULT-LABEL: func.func @gather_into_contiguous
// DEFAULT: vector.gather %{{.*}} : memref<?xf64, strided<[1], offset: ?>>, vector<8xindex>, vector<8xi1>, vector<8xf64> into vector<8xf64>
// AVX2-LABEL: func.func @gather_into_contiguous
// AVX2: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c4
// AVX2: vector.gather %{{.*}}[%{{.*}}] [%{{.*}}], %{{.*}}, %{{.*}} : memref<?xf64, strided<[1], offset: ?>>, vector<4xindex>, vector<4xi1>, vector<4xf64> into vector<4xf64>
// AVX2: vector.store %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}] : memref<?x?xf64, strided<[?, 1], offset: ?>>, vector<4xf64>
ps.kernel @gather_into_contiguous(%src: !ps.field<?x?xf64, strides [?, ?]>,
                                  %dst: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> {
    %a = ps.load %src[1, 0] : !ps.field<?x?xf64, strides [?, ?]>
    %b = ps.load %src[-1, 0] : !ps.field<?x?xf64, strides [?, ?]>
    %s = ps.add %a, %b : f64
    ps.store %s, %dst[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}
