// RUN: ps-opt %s -split-input-file -convert-ps-to-gpu -cse | FileCheck %s
// RUN: ps-opt %s -split-input-file -convert-ps-to-gpu="scheme=blockwise block-size=64" -cse | FileCheck %s --check-prefix=BLOCK
// RUN: ps-opt %s -split-input-file -convert-ps-to-gpu="block-size=32,4,2" -cse | FileCheck %s --check-prefix=SIZES

// Linear scheme on a slice with a step: the contiguous dimension (y, layout
// c) goes to x of the grid, x to y. Per dimension: count = ceildiv(stop -
// start, step), blocks = max(ceildiv(count, blockDim), 1); in the kernel
// point = start + (blockIdx * blockDim + threadIdx) * step, and the guard
// point < stop stops the threads of partial blocks.
// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[F:.*]]: memref<?x?xf64, strided<[?, 1], offset: ?>>, %[[W:.*]]: f64)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[C7:.*]] = arith.constant 7 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG: %[[NX:.*]] = memref.dim %[[F]], %[[C0]]
// CHECK-DAG: %[[STOPX:.*]] = arith.addi %[[NX]], %{{.*}} : index
// CHECK: %[[EY:.*]] = arith.subi %[[C7]], %[[C3]] : index
// CHECK-NEXT: %[[NY:.*]] = arith.ceildivsi %[[EY]], %[[C1]] : index
// CHECK-NEXT: %[[BY:.*]] = arith.ceildivsi %[[NY]], %[[C128]] : index
// CHECK-NEXT: %[[GX:.*]] = arith.maxsi %[[BY]], %[[C1]] : index
// CHECK-NEXT: %[[EX:.*]] = arith.subi %[[STOPX]], %[[C1]] : index
// CHECK-NEXT: %[[NXP:.*]] = arith.ceildivsi %[[EX]], %[[C2]] : index
// CHECK-NEXT: %[[BX:.*]] = arith.ceildivsi %[[NXP]], %[[C2]] : index
// CHECK-NEXT: %[[GY:.*]] = arith.maxsi %[[BX]], %[[C1]] : index
// CHECK-NEXT: gpu.launch blocks(%[[BIX:.*]], %[[BIY:.*]], %{{.*}}) in (%{{.*}} = %[[GX]], %{{.*}} = %[[GY]], %{{.*}} = %[[C1]]) threads(%[[TIX:.*]], %[[TIY:.*]], %{{.*}}) in (%[[BDX:.*]] = %[[C128]], %[[BDY:.*]] = %[[C2]], %{{.*}} = %[[C1]])
// CHECK-NEXT: %[[T0:.*]] = arith.muli %[[BIX]], %[[BDX]] : index
// CHECK-NEXT: %[[IDY:.*]] = arith.addi %[[T0]], %[[TIX]] : index
// CHECK-NEXT: %[[T1:.*]] = arith.muli %[[IDY]], %[[C1]] : index
// CHECK-NEXT: %[[Y:.*]] = arith.addi %[[C3]], %[[T1]] : index
// CHECK-NEXT: %[[INY:.*]] = arith.cmpi slt, %[[Y]], %[[C7]] : index
// CHECK-NEXT: %[[T2:.*]] = arith.muli %[[BIY]], %[[BDY]] : index
// CHECK-NEXT: %[[IDX:.*]] = arith.addi %[[T2]], %[[TIY]] : index
// CHECK-NEXT: %[[T3:.*]] = arith.muli %[[IDX]], %[[C2]] : index
// CHECK-NEXT: %[[X:.*]] = arith.addi %[[C1]], %[[T3]] : index
// CHECK-NEXT: %[[INX:.*]] = arith.cmpi slt, %[[X]], %[[STOPX]] : index
// CHECK-NEXT: %[[IN:.*]] = arith.andi %[[INY]], %[[INX]] : i1
// CHECK-NEXT: scf.if %[[IN]] {
// CHECK: %[[V:.*]] = memref.load %[[F]][%{{.*}}, %[[Y]]]
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[V]], %[[W]] : f64
// CHECK-NEXT: memref.store %[[R]], %[[F]][%[[X]], %[[Y]]]
// CHECK-NEXT: }
// CHECK-NEXT: gpu.terminator
// CHECK-NOT: scf.for

// Blockwise: threadIdx.x walks the contiguous dimension with a block-stride
// loop, blockIdx.x is x (one block per point), no block-level guard but the
// one for empty spaces.
// BLOCK-LABEL: func.func @slice
// BLOCK-DAG: %[[C1:.*]] = arith.constant 1 : index
// BLOCK-DAG: %[[C2:.*]] = arith.constant 2 : index
// BLOCK-DAG: %[[C3:.*]] = arith.constant 3 : index
// BLOCK-DAG: %[[C7:.*]] = arith.constant 7 : index
// BLOCK-DAG: %[[C64:.*]] = arith.constant 64 : index
// BLOCK-DAG: %[[STOPX:.*]] = arith.addi %{{.*}}, %{{.*}} : index
// BLOCK: %[[EX:.*]] = arith.subi %[[STOPX]], %[[C1]] : index
// BLOCK-NEXT: %[[NX:.*]] = arith.ceildivsi %[[EX]], %[[C2]] : index
// BLOCK-NEXT: %[[GX:.*]] = arith.maxsi %[[NX]], %[[C1]] : index
// BLOCK-NEXT: gpu.launch blocks(%[[BIX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[GX]], %{{.*}} = %[[C1]], %{{.*}} = %[[C1]]) threads(%[[TIX:.*]], %{{.*}}, %{{.*}}) in (%[[BDX:.*]] = %[[C64]], %{{.*}} = %[[C1]], %{{.*}} = %[[C1]])
// BLOCK-NEXT: %[[T0:.*]] = arith.muli %[[BIX]], %[[C2]] : index
// BLOCK-NEXT: %[[X:.*]] = arith.addi %[[C1]], %[[T0]] : index
// BLOCK-NEXT: %[[INX:.*]] = arith.cmpi slt, %[[X]], %[[STOPX]] : index
// BLOCK-NEXT: %[[T1:.*]] = arith.muli %[[TIX]], %[[C1]] : index
// BLOCK-NEXT: %[[Y0:.*]] = arith.addi %[[C3]], %[[T1]] : index
// BLOCK-NEXT: %[[STEP:.*]] = arith.muli %[[C1]], %[[BDX]] : index
// BLOCK-NEXT: scf.if %[[INX]] {
// BLOCK-NEXT: scf.for %[[Y:.*]] = %[[Y0]] to %[[C7]] step %[[STEP]] {
// BLOCK: memref.store %{{.*}}, %{{.*}}[%[[X]], %[[Y]]]
ps.kernel @slice(%f: !ps.field<?x?xf64, layout c>, %w: f64) {
  ps.iterate (%x, %y : i64) in %f slice [1:-1:2, 3:7] : !ps.field<?x?xf64, layout c> {
    %v = ps.load %f[-1, 0] : !ps.field<?x?xf64, layout c>
    %r = ps.mul %v, %w : f64
    ps.store %r, %f[0, 0] : !ps.field<?x?xf64, layout c>
  }
  ps.return
}

// -----

// Three dimensions, layout zyxf (x contiguous): x, y, z of the grid are x,
// y, z of the field. block-size sets all three block extents.
// SIZES-LABEL: func.func @heat
// SIZES-DAG: %[[C32:.*]] = arith.constant 32 : index
// SIZES-DAG: %[[C4:.*]] = arith.constant 4 : index
// SIZES-DAG: %[[C2:.*]] = arith.constant 2 : index
// SIZES: gpu.launch blocks(%{{.*}}, %{{.*}}, %[[BIZ:.*]]) in ({{.*}}) threads(%{{.*}}, %{{.*}}, %[[TIZ:.*]]) in (%{{.*}} = %[[C32]], %{{.*}} = %[[C4]], %[[BDZ:.*]] = %[[C2]])
// SIZES: %[[T:.*]] = arith.muli %[[BIZ]], %[[BDZ]] : index
// SIZES-NEXT: arith.addi %[[T]], %[[TIZ]] : index
// SIZES: %[[IN:.*]] = arith.andi %{{.*}}, %{{.*}} : i1
// SIZES-NEXT: scf.if %[[IN]] {
// SIZES-NOT: scf.for

// Blockwise in 3D: a block per (y, z) line, threads along x.
// BLOCK-LABEL: func.func @heat
// BLOCK: %[[GY:.*]] = arith.maxsi %{{.*}}, %{{.*}} : index
// BLOCK: %[[GZ:.*]] = arith.maxsi %{{.*}}, %{{.*}} : index
// BLOCK-NEXT: gpu.launch blocks(%{{.*}}, %{{.*}}, %{{.*}}) in (%{{.*}} = %[[GY]], %{{.*}} = %[[GZ]], %{{.*}} = %{{.*}})
// BLOCK: scf.if
// BLOCK-NEXT: scf.for
ps.kernel @heat(%u: !ps.field<?x?x?xf64, layout zyxf>, %v: !ps.field<?x?x?xf64, layout zyxf>) {
  ps.iterate (%x, %y, %z : i64) in %v ghost 1 : !ps.field<?x?x?xf64, layout zyxf> {
    %a = ps.load %u[0, 0, -1] : !ps.field<?x?x?xf64, layout zyxf>
    ps.store %a, %v[0, 0, 0] : !ps.field<?x?x?xf64, layout zyxf>
  }
  ps.return
}

// -----

// A sparse space is a 1D launch over the entries of the index list, with
// the block sizes folded into x (128 * 2 * 1 threads) and the guard
// entry < entries; the coordinates are loaded per thread. The blockwise
// scheme uses the same launch.
// CHECK-LABEL: func.func @sparse
// CHECK-SAME: (%[[U:.*]]: memref<?x?xf64, strided<[1, ?], offset: ?>>, %[[L:.*]]: memref<?x2xi32, strided<[2, 1], offset: ?>>)
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C256:.*]] = arith.constant 256 : index
// CHECK-DAG: %[[N:.*]] = memref.dim %[[L]], %{{.*}}
// CHECK: %[[B:.*]] = arith.ceildivsi %{{.*}}, %[[C256]] : index
// CHECK-NEXT: %[[G:.*]] = arith.maxsi %[[B]], %[[C1]] : index
// CHECK-NEXT: gpu.launch blocks(%[[BIX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[G]], %{{.*}} = %[[C1]], %{{.*}} = %[[C1]]) threads(%[[TIX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[C256]], %{{.*}} = %[[C1]], %{{.*}} = %[[C1]])
// CHECK-NEXT: %[[T0:.*]] = arith.muli %[[BIX]], %{{.*}} : index
// CHECK-NEXT: %[[ID:.*]] = arith.addi %[[T0]], %[[TIX]] : index
// CHECK-NEXT: %[[T1:.*]] = arith.muli %[[ID]], %[[C1]] : index
// CHECK-NEXT: %[[E:.*]] = arith.addi %{{.*}}, %[[T1]] : index
// CHECK-NEXT: %[[IN:.*]] = arith.cmpi slt, %[[E]], %[[N]] : index
// CHECK-NEXT: scf.if %[[IN]] {
// CHECK-NEXT: %[[CX:.*]] = memref.load %[[L]][%[[E]], %{{.*}}] : memref<?x2xi32
// BLOCK-LABEL: func.func @sparse
// BLOCK: gpu.launch
// BLOCK: arith.cmpi slt
// BLOCK-NEXT: scf.if
// BLOCK-NOT: scf.for
ps.kernel @sparse(%u: !ps.field<?x?xf64>, %l: !ps.field<?xi32, components [2], layout c>) {
  ps.iterate_sparse (%x, %y : i32) in %l : !ps.field<?xi32, components [2], layout c> {
    %v = ps.load %u[0, 1] : !ps.field<?x?xf64>
    ps.store %v, %u[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}

// -----

// Two spaces in one kernel: two launches, one after the other.
// CHECK-LABEL: func.func @two
// CHECK: gpu.launch
// CHECK: gpu.launch
// CHECK-NOT: gpu.launch
ps.kernel @two(%f: !ps.field<?xf32>) {
  ps.iterate (%x : i64) in %f ghost 1 : !ps.field<?xf32> {
    %c = ps.constant 1.0 : f32
    ps.store %c, %f[0] : !ps.field<?xf32>
  }
  ps.iterate (%x : i64) in %f slice [0:1] : !ps.field<?xf32> {
    %c = ps.constant 0.0 : f32
    ps.store %c, %f[0] : !ps.field<?xf32>
  }
  ps.return
}

// -----

// A reduction: each thread's partial (the identity where the guard stops
// it), gpu.all_reduce over the block, and one atomic per block by its first
// thread; the host no longer touches the result.
// CHECK-LABEL: func.func @reduce
// CHECK-SAME: %[[U:[a-z0-9]+]]: memref<?x?xf64, {{.*}}>, %[[R:[a-z0-9]+]]: memref<f64>, %[[M:[a-z0-9]+]]: memref<f32>
// CHECK: gpu.launch
// CHECK: %[[P:.*]]:2 = scf.if %{{.*}} -> (f64, f32) {
// CHECK: %[[V:.*]] = memref.load %[[U]]
// CHECK: scf.yield %{{.*}}, %{{.*}} : f64, f32
// CHECK: } else {
// CHECK: scf.yield %{{.*}}, %{{.*}} : f64, f32
// CHECK: %[[SUM:.*]] = gpu.all_reduce add %[[P]]#0 uniform
// CHECK: %[[PROD:.*]] = gpu.all_reduce mul %[[P]]#1 uniform
// CHECK: scf.if %{{.*}} {
// CHECK: memref.atomic_rmw addf %[[SUM]], %[[R]][] : (f64, memref<f64>) -> f64
// Products have no atomic: a compare-and-swap loop on the bits.
// CHECK: scf.while
// CHECK: arith.mulf %{{.*}}, %[[PROD]] : f32
// CHECK: llvm.cmpxchg
// CHECK: gpu.terminator
// CHECK-NOT: memref.load %[[R]]
// CHECK: return
// BLOCK-LABEL: func.func @reduce
// BLOCK: gpu.launch
// BLOCK: scf.if %{{.*}} -> (f64, f32) {
// BLOCK: scf.for {{.*}} iter_args
// BLOCK: gpu.all_reduce add
ps.kernel @reduce(%u: !ps.field<?x?xf64>, %r: !ps.reduction<add, f64>,
                  %m: !ps.reduction<mul, f32>) {
  ps.iterate (%x, %y : i64) in %u ghost 1 : !ps.field<?x?xf64> {
    %v = ps.load %u[0, 0] : !ps.field<?x?xf64>
    ps.reduce %v, %r : !ps.reduction<add, f64>
    %f = ps.cast %v : f64 to f32
    ps.reduce %f, %m : !ps.reduction<mul, f32>
  }
  ps.return
}

// -----

// A sparse space over records: one thread per entry reads its record, looks
// its direction up in constant tables (a constant vector and an extract,
// inside the launch) and accesses the lattice there.
// CHECK-LABEL: func.func @records
// CHECK: gpu.launch
// CHECK: %[[D:.*]] = memref.load %{{.*}}[%{{.*}}, %c2{{.*}}] : memref<?x3xi32
// CHECK: %[[TABLE:.*]] = arith.constant dense<[0, 1, -1]> : vector<3xi32>
// CHECK: %[[DI:.*]] = arith.index_cast %[[D]] : i32 to index
// CHECK: vector.extract %[[TABLE]][%[[DI]]] : i32 from vector<3xi32>
// CHECK: memref.load %{{.*}} : memref<?x?x3xf64
// CHECK: memref.store %{{.*}} : memref<?x?x3xf64
ps.kernel @records(%f: !ps.field<?x?xf64, components [3]>,
                   %l: !ps.field<?xi32, components [3], layout c>) {
  ps.iterate_sparse (%x, %y : i64) in %l disjoint : !ps.field<?xi32, components [3], layout c> {
    %d = ps.load_record %l(2) : !ps.field<?xi32, components [3], layout c>
    %dx = ps.lookup %d : i32 in dense<[0, 1, -1]> : tensor<3xi32>
    %inv = ps.lookup %d : i32 in dense<[0, 2, 1]> : tensor<3xi32>
    %v = ps.load %f[%dx : i32, 0](%d : i32) : !ps.field<?x?xf64, components [3]>
    ps.store %v, %f[0, 0](%inv : i32) : !ps.field<?x?xf64, components [3]>
  }
  ps.return
}
