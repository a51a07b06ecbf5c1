// A full disk costs the cache its entries, never the process: on a 1 MiB
// tmpfs with nothing, 4, 12 and 24 KiB left (the object, the link, the
// metadata fail in turn) every module is compiled in memory with a warning
// and its results are those of the JIT. A linker's crash on the full disk
// (ld.lld-22's, with --linker) is reported in one line, without its stack
// dump.
// REQUIRES: private-tmpfs
// RUN: rm -rf %t && mkdir -p %t/disk
// RUN: %private_mounts sh %S/Inputs/full-disk.sh %t/disk %examples/jacobi2d.mlir %examples/heat3d.mlir > %t/log 2>&1
// RUN: FileCheck %s < %t/log
// RUN: FileCheck %s --check-prefix=QUIET < %t/log

// CHECK: == 0 KiB left
// CHECK: warning: cannot write to the kernel cache in {{.*}}No space left on device); compiling in memory
// CHECK: jacobi2d.mlir: compiled in memory, results identical
// CHECK: heat3d.mlir: compiled in memory, results identical
// CHECK: status 0
// CHECK: == 4 KiB left
// CHECK: jacobi2d.mlir: compiled in memory, results identical
// CHECK: heat3d.mlir: compiled in memory, results identical
// CHECK: status 0
// CHECK: == 12 KiB left
// CHECK: jacobi2d.mlir: {{compiled|compiled in memory}}, results identical
// CHECK: heat3d.mlir: {{compiled|compiled in memory}}, results identical
// CHECK: status 0
// CHECK: == 24 KiB left
// CHECK: jacobi2d.mlir: {{compiled|compiled in memory}}, results identical
// CHECK: heat3d.mlir: {{compiled|compiled in memory}}, results identical
// CHECK: status 0

// QUIET-NOT: LLVM ERROR
// QUIET-NOT: Stack dump
// QUIET-NOT: PLEASE submit
