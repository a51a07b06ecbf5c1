// Kernels written for one block, run on 1, 2, 3, 4 and 6 ranks of a
// Cartesian decomposition with ghost-layer exchange (faces, edges and
// corners), periodic and with fixed boundaries: every field, gathered, is
// bit-identical to the same steps on one global block. Exchanging faces
// only is not enough for D3Q19 (its diagonal directions), and the test sees
// it. A process grid that does not fit, a block thinner than the ghost
// layers, fields with another ghost width and kernels that do not iterate
// an interior are errors on the ranks, never a hang (timeout).
// REQUIRES: mpi
// RUN: for n in 1 2 3 4 6; do for b in periodic fixed; do \
// RUN:   timeout 120 mpirun --allow-run-as-root --oversubscribe -np $n ps-distributed-worker %examples/jacobi2d.mlir jacobi2d 3 $b src dst || echo FAILED; \
// RUN:   timeout 120 mpirun --allow-run-as-root --oversubscribe -np $n ps-distributed-worker %examples/heat3d.mlir heat3d 2 $b u out --scalar alpha=0.125 || echo FAILED; \
// RUN:   timeout 120 mpirun --allow-run-as-root --oversubscribe -np $n ps-distributed-worker %examples/d3q19.mlir d3q19_stream 2 $b src dst || echo FAILED; \
// RUN: done; done > %t.log 2>&1
// RUN: FileCheck %s < %t.log
// RUN: not timeout 120 mpirun --allow-run-as-root --oversubscribe -np 4 ps-distributed-worker %examples/d3q19.mlir d3q19_stream 2 periodic src dst --faces-only 1 2>&1 | FileCheck %s --check-prefix=FACES
// RUN: timeout 120 mpirun --allow-run-as-root --oversubscribe -np 4 ps-distributed-worker %examples/jacobi2d.mlir jacobi2d 2 periodic src dst --faces-only 1 2>&1 | FileCheck %s --check-prefix=FACES-JACOBI
// RUN: not timeout 60 mpirun --allow-run-as-root --oversubscribe -np 4 ps-distributed-worker %examples/jacobi2d.mlir jacobi2d 2 periodic src dst --grid 3x3 2>&1 | FileCheck %s --check-prefix=GRID
// RUN: not timeout 60 mpirun --allow-run-as-root --oversubscribe -np 4 ps-distributed-worker %examples/jacobi2d.mlir jacobi2d 2 fixed src dst --shape 3x3 --grid 4x1 2>&1 | FileCheck %s --check-prefix=THIN
// RUN: not timeout 60 mpirun --allow-run-as-root --oversubscribe -np 2 ps-distributed-worker %examples/jacobi2d.mlir jacobi2d 2 periodic src dst --field-ghost 2 2>&1 | FileCheck %s --check-prefix=GHOST
// RUN: not timeout 60 mpirun --allow-run-as-root --oversubscribe -np 2 ps-distributed-worker %examples/redblack.mlir redblack_red 2 periodic u f 2>&1 | FileCheck %s --check-prefix=SLICE

// Overlapping the exchange with the inner points (heat 3D, D3Q19; Jacobi's
// aligned destination cannot be split into sub-views, so it exchanges first).
// RUN: for n in 1 2 4 6; do \
// RUN:   timeout 120 mpirun --allow-run-as-root --oversubscribe -np $n ps-distributed-worker %examples/heat3d.mlir heat3d 2 periodic u out --scalar alpha=0.125 --overlap 1 || echo FAILED; \
// RUN:   timeout 120 mpirun --allow-run-as-root --oversubscribe -np $n ps-distributed-worker %examples/d3q19.mlir d3q19_stream 2 fixed src dst --overlap 1 --shape 9x8x7 || echo FAILED; \
// RUN: done > %t.overlap 2>&1
// RUN: FileCheck %s --check-prefix=OVERLAP < %t.overlap
// RUN: timeout 120 mpirun --allow-run-as-root --oversubscribe -np 2 ps-distributed-worker %examples/jacobi2d.mlir jacobi2d 2 periodic src dst --overlap 1 | FileCheck %s --check-prefix=NOOVERLAP
// OVERLAP-NOT: FAILED
// OVERLAP: heat3d on 1 ranks (1x1x1), periodic, 2 steps, overlapped: identical to one block
// OVERLAP: d3q19_stream on 1 ranks (1x1x1), fixed, 2 steps, overlapped: identical to one block
// OVERLAP: heat3d on 6 ranks (3x2x1), periodic, 2 steps, overlapped: identical to one block
// OVERLAP: d3q19_stream on 6 ranks (3x2x1), fixed, 2 steps, overlapped: identical to one block
// OVERLAP-NOT: FAILED
// NOOVERLAP: jacobi2d on 2 ranks (2x1), periodic, 2 steps: identical to one block

// Fields of other element types, exchanged as they are: f32 (a Jacobi sweep,
// and D3Q19's 19 components overlapped) and f16.
// RUN: sed 's/f64/f32/g' %examples/jacobi2d.mlir > %t-jacobi-f32.mlir
// RUN: sed 's/f64/f32/g' %examples/d3q19.mlir > %t-d3q19-f32.mlir
// RUN: sed 's/f64/f16/g' %examples/jacobi2d.mlir > %t-jacobi-f16.mlir
// RUN: for n in 1 2 4; do \
// RUN:   timeout 120 mpirun --allow-run-as-root --oversubscribe -np $n ps-distributed-worker %t-jacobi-f32.mlir jacobi2d 3 periodic src dst || echo FAILED; \
// RUN:   timeout 120 mpirun --allow-run-as-root --oversubscribe -np $n ps-distributed-worker %t-d3q19-f32.mlir d3q19_stream 2 fixed src dst --overlap 1 --shape 9x8x7 || echo FAILED; \
// RUN:   timeout 120 mpirun --allow-run-as-root --oversubscribe -np $n ps-distributed-worker %t-jacobi-f16.mlir jacobi2d 2 fixed src dst || echo FAILED; \
// RUN: done > %t.types 2>&1
// RUN: FileCheck %s --check-prefix=TYPES < %t.types
// TYPES-NOT: FAILED
// TYPES: jacobi2d on 1 ranks (1x1), periodic, 3 steps: identical to one block
// TYPES: d3q19_stream on 1 ranks (1x1x1), fixed, 2 steps, overlapped: identical to one block
// TYPES: jacobi2d on 1 ranks (1x1), fixed, 2 steps: identical to one block
// TYPES: jacobi2d on 4 ranks (2x2), periodic, 3 steps: identical to one block
// TYPES: d3q19_stream on 4 ranks (2x2x1), fixed, 2 steps, overlapped: identical to one block
// TYPES: jacobi2d on 4 ranks (2x2), fixed, 2 steps: identical to one block
// TYPES-NOT: FAILED

// A field's exchange covers the ghost directions and components its accesses
// read: 4 faces
// for Jacobi, faces and edges for D3Q19 with 5 of the 19 populations across a
// face and 1 across an edge, all 26 for box27 (27 weights).
// RUN: timeout 120 mpirun --allow-run-as-root --oversubscribe -np 2 ps-distributed-worker %examples/jacobi2d.mlir jacobi2d 1 periodic src dst --print-directions 1 | FileCheck %s --check-prefix=DIR-JACOBI
// RUN: timeout 120 mpirun --allow-run-as-root --oversubscribe -np 2 ps-distributed-worker %examples/d3q19.mlir d3q19_stream 1 periodic src dst --print-directions 1 | FileCheck %s --check-prefix=DIR-D3Q19
// RUN: timeout 120 mpirun --allow-run-as-root --oversubscribe -np 4 ps-distributed-worker %examples/../../bench/kernels/box27.mlir box27 2 periodic src dst --print-directions 1 --scalar w0=0.5 --scalar w1=0.25 --scalar w2=0.125 --scalar w3=0.5 --scalar w4=0.25 --scalar w5=0.125 --scalar w6=0.5 --scalar w7=0.25 --scalar w8=0.125 --scalar w9=0.5 --scalar w10=0.25 --scalar w11=0.125 --scalar w12=0.5 --scalar w13=0.25 --scalar w14=0.125 --scalar w15=0.5 --scalar w16=0.25 --scalar w17=0.125 --scalar w18=0.5 --scalar w19=0.25 --scalar w20=0.125 --scalar w21=0.5 --scalar w22=0.25 --scalar w23=0.125 --scalar w24=0.5 --scalar w25=0.25 --scalar w26=0.125 | FileCheck %s --check-prefix=DIR-BOX
// DIR-JACOBI: src reads 4 ghost directions, 4 direction-components
// DIR-D3Q19: src reads 18 ghost directions, 42 direction-components
// DIR-BOX: src reads 26 ghost directions, 26 direction-components
// DIR-BOX: box27 on 4 ranks (2x2x1), periodic, 2 steps: identical to one block

// The program of docs/Distributed.md, on 1 and 3 ranks.
// RUN: timeout 300 mpirun --allow-run-as-root --oversubscribe -np 1 distributed-jacobi | FileCheck %s --check-prefix=DOC1
// RUN: timeout 300 mpirun --allow-run-as-root --oversubscribe -np 3 distributed-jacobi | FileCheck %s --check-prefix=DOC3
// DOC1: 1 ranks: sum 88483162.818
// DOC3: 3 ranks: sum 88483162.818

// CHECK-NOT: FAILED
// CHECK: jacobi2d on 1 ranks (1x1), periodic, 3 steps: identical to one block
// CHECK: heat3d on 1 ranks (1x1x1), periodic, 2 steps: identical to one block
// CHECK: d3q19_stream on 1 ranks (1x1x1), periodic, 2 steps: identical to one block
// CHECK: jacobi2d on 1 ranks (1x1), fixed, 3 steps: identical to one block
// CHECK: jacobi2d on 2 ranks (2x1), periodic, 3 steps: identical to one block
// CHECK: d3q19_stream on 2 ranks (2x1x1), fixed, 2 steps: identical to one block
// CHECK: jacobi2d on 3 ranks (3x1), periodic, 3 steps: identical to one block
// CHECK: heat3d on 3 ranks (3x1x1), fixed, 2 steps: identical to one block
// CHECK: jacobi2d on 4 ranks (2x2), periodic, 3 steps: identical to one block
// CHECK: d3q19_stream on 4 ranks (2x2x1), periodic, 2 steps: identical to one block
// CHECK: jacobi2d on 6 ranks (3x2), periodic, 3 steps: identical to one block
// CHECK: heat3d on 6 ranks (3x2x1), periodic, 2 steps: identical to one block
// CHECK: d3q19_stream on 6 ranks (3x2x1), fixed, 2 steps: identical to one block
// CHECK-NOT: FAILED
// FACES: d3q19_stream on 4 ranks (2x2x1), periodic, 2 steps: DIFFERENT in rho, src
// FACES-JACOBI: jacobi2d on 4 ranks (2x2), periodic, 2 steps: identical to one block
// GRID: a process grid of 3x3 does not fit 4 ranks
// THIN: dimension 0 has 3 points for 4 ranks
// GHOST: field 'src' has 2 ghost layers; kernel 'jacobi2d' iterates with 1
// SLICE: kernel 'redblack_red' does not iterate the interior of its fields with one ghost-layer width in every dimension
