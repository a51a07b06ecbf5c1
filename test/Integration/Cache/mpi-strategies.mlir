// The three MPI build strategies with 4 ranks on 2 cache folders (ranks 0
// and 2 share folder0, 1 and 3 folder1, as on two nodes).
// REQUIRES: mpi
// RUN: rm -rf %t
// RUN: mpirun --allow-run-as-root --oversubscribe -np 4 ps-cache-mpi-worker %t/process process 2 %examples/jacobi2d.mlir %examples/heat3d.mlir | sort | FileCheck %s --check-prefix=PROCESS
// RUN: mpirun --allow-run-as-root --oversubscribe -np 4 ps-cache-mpi-worker %t/folder folder 2 %examples/jacobi2d.mlir %examples/heat3d.mlir | sort | FileCheck %s --check-prefix=FOLDER
// RUN: mpirun --allow-run-as-root --oversubscribe -np 4 ps-cache-mpi-worker %t/root root 2 %examples/jacobi2d.mlir %examples/heat3d.mlir | sort | FileCheck %s --check-prefix=ROOT
// RUN: ps-cache --dir %t/root/folder1 verify | FileCheck %s --check-prefix=SENT

// Every rank builds (ranks sharing a folder may race; one copy wins).
// PROCESS-COUNT-8: rank {{[0-3]}}: {{.*}}.mlir: {{compiled|disk hit}}, results identical

// One builder per folder: ranks 0 and 1 build, 2 and 3 load.
// FOLDER: rank 0: heat3d.mlir: compiled, results identical
// FOLDER-NEXT: rank 0: jacobi2d.mlir: compiled, results identical
// FOLDER-NEXT: rank 1: heat3d.mlir: compiled, results identical
// FOLDER-NEXT: rank 1: jacobi2d.mlir: compiled, results identical
// FOLDER-NEXT: rank 2: heat3d.mlir: disk hit, results identical
// FOLDER-NEXT: rank 2: jacobi2d.mlir: disk hit, results identical
// FOLDER-NEXT: rank 3: heat3d.mlir: disk hit, results identical
// FOLDER-NEXT: rank 3: jacobi2d.mlir: disk hit, results identical

// Only the root builds; rank 1 receives the entries for folder1.
// ROOT: rank 0: heat3d.mlir: compiled, results identical
// ROOT-NEXT: rank 0: jacobi2d.mlir: compiled, results identical
// ROOT-NEXT: rank 1: heat3d.mlir: disk hit, results identical
// ROOT-NEXT: rank 1: jacobi2d.mlir: disk hit, results identical
// ROOT-NEXT: rank 2: heat3d.mlir: disk hit, results identical
// ROOT-NEXT: rank 2: jacobi2d.mlir: disk hit, results identical
// ROOT-NEXT: rank 3: heat3d.mlir: disk hit, results identical
// ROOT-NEXT: rank 3: jacobi2d.mlir: disk hit, results identical
// SENT: 2 entries, 0 corrupt
