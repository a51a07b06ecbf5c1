// The tools' code generation flags are the options of
// ps-lower-to-llvm-pipeline (docs/Embedding.md shows these commands).
// RUN: ps-run %examples/heat3d.mlir --kernel heat3d --shape 8x7x6 \
// RUN:   --scalar alpha=0.125 --checksum --vectorize=host --threads=2 --contract | FileCheck %s
// RUN: ps-run %examples/heat3d.mlir --kernel heat3d --shape 8x7x6 \
// RUN:   --scalar alpha=0.125 --checksum | FileCheck %s
// RUN: ps-opt %examples/heat3d.mlir \
// RUN:   -ps-lower-to-llvm-pipeline="vectorize=host threads=2 contract=true" | FileCheck %s --check-prefix=LLVM
// ps-compile with threads (it once lacked the OpenMP translation).
// RUN: ps-compile %examples/jacobi2d.mlir --threads=2 --emit=llvm -o - | FileCheck %s --check-prefix=OMP
// CPU code generation turns LLVM's loop strength reduction off unless the
// command line sets it (docs/Rationale.md); either way the code runs.
// RUN: ps-compile %examples/jacobi2d.mlir --disable-lsr=false --emit=asm -o - | FileCheck %s --check-prefix=LSR
// RUN: ps-run %examples/heat3d.mlir --kernel heat3d --shape 8x7x6 --scalar alpha=0.125 --checksum --disable-lsr=false | FileCheck %s
// LSR: jacobi2d:
// Enumerated options refuse other values, bad numbers are refused by the
// pipeline's checks, both before anything is compiled.
// RUN: not ps-run %examples/heat3d.mlir --kernel heat3d --shape 8x7x6 --remainder=peel 2>&1 | FileCheck %s --check-prefix=ENUM
// RUN: not ps-run %examples/heat3d.mlir --kernel heat3d --shape 8x7x6 --scalar alpha=1 --opt-level=4 2>&1 | FileCheck %s --check-prefix=LEVEL
// RUN: not ps-run %examples/heat3d.mlir --kernel heat3d --shape 8x7x6 --scalar alpha=1 --threads=-5 2>&1 | FileCheck %s --check-prefix=THREADS

// CHECK: out: 336 values, sum 5.5625
// LLVM: llvm.func @heat3d
// LLVM: omp.parallel
// LLVM: llvm.intr.fma
// OMP: call void {{.*}}@__kmpc_fork_call
// ENUM: for the --remainder option: Cannot find option named 'peel'!
// LEVEL: ps-lower-to-llvm-pipeline: opt-level must be 0, 1, 2 or 3
// RUN: not ps-run %examples/heat3d.mlir --kernel heat3d --shape 8x7x6 --scalar alpha=1 --vectorize=none --nontemporal 2>&1 | FileCheck %s --check-prefix=NOSIMD
// RUN: not ps-opt %examples/heat3d.mlir -ps-lower-to-llvm-pipeline="vectorize=none jam=0" 2>&1 | FileCheck %s --check-prefix=JAM
// RUN: not ps-run %examples/heat3d.mlir --kernel heat3d --shape 8x7x6 --scalar alpha=1 --vectorize=none --align-rows=false 2>&1 | FileCheck %s --check-prefix=ALIGNROWS
// RUN: ps-run %examples/heat3d.mlir --kernel heat3d --shape 40x7x6 --scalar alpha=0.125 --checksum --align-rows=false --reuse --vectorize=host | FileCheck %s --check-prefix=SAME
// RUN: ps-run %examples/heat3d.mlir --kernel heat3d --shape 40x7x6 --scalar alpha=0.125 --checksum --reuse --vectorize=host | FileCheck %s --check-prefix=SAME
// RUN: ps-run %examples/heat3d.mlir --kernel heat3d --shape 40x7x6 --scalar alpha=0.125 --checksum --vectorize=none | FileCheck %s --check-prefix=SAME
// RUN: not ps-run %examples/heat3d.mlir --kernel heat3d --shape 8x7x6 --scalar alpha=1 --schedule=dynamic 2>&1 | FileCheck %s --check-prefix=NOTHREADS
// An instruction set of another architecture than the target's (LLVM
// dropped its features with a warning per function and compiled generic code).
// RUN: not ps-compile %examples/heat3d.mlir --vectorize=avx2 --triple=aarch64-unknown-linux-gnu --emit=obj -o %t.o 2>&1 | FileCheck %s --check-prefix=FOREIGN
// RUN: not ps-opt %examples/heat3d.mlir -ps-lower-to-llvm-pipeline="vectorize=sve triple=x86_64-unknown-linux-gnu" 2>&1 | FileCheck %s --check-prefix=FOREIGN-SVE
// FOREIGN: heat3d.mlir:0:0: error: ps-lower-to-llvm-pipeline: vectorize=avx2 is an instruction set of x86_64, not of the target aarch64-unknown-linux-gnu
// FOREIGN-SVE: error: ps-lower-to-llvm-pipeline: vectorize=sve is an instruction set of aarch64, not of the target x86_64-unknown-linux-gnu
// NOSIMD: ps-lower-to-llvm-pipeline: nontemporal is an option of ps-vectorize, which runs only with vectorize=<instruction set>
// JAM: ps-lower-to-llvm-pipeline: jam is an option of ps-vectorize, which runs only with vectorize=<instruction set>
// Rows of 40 points with reuse, with and without align-rows: the scalar
// kernel's sum.
// SAME: out: 1680 values, sum 7.125
// ALIGNROWS: ps-lower-to-llvm-pipeline: align-rows is an option of ps-vectorize, which runs only with vectorize=<instruction set>
// NOTHREADS: ps-lower-to-llvm-pipeline: schedule is an option of ps-parallelize, which runs only with threads=0 or more
// THREADS: ps-lower-to-llvm-pipeline: threads must be -1 (sequential), 0 (the OpenMP run-time's choice) or a positive number
