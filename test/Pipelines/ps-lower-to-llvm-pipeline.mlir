// RUN: ps-opt %examples/jacobi2d.mlir -ps-lower-to-llvm-pipeline="triple=x86_64-unknown-linux-gnu cpu=skylake-avx512 features=+avx512f" | FileCheck %s
// RUN: ps-opt %examples/jacobi2d.mlir -ps-lower-to-llvm-pipeline | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR

// From an untyped kernel to the LLVM dialect, with the target recorded.
// CHECK: module attributes {llvm.target_triple = "x86_64-unknown-linux-gnu"}
// CHECK: llvm.func @jacobi2d(%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: i64
// CHECK-SAME: target_cpu = "skylake-avx512"
// CHECK-SAME: target_features = #llvm.target_features<["+avx512f"]>
// CHECK-COUNT-4: llvm.load
// CHECK: llvm.fmul
// CHECK: llvm.store
// CHECK-NOT: {{ ps\.[a-z_]+ }}
// CHECK-NOT: scf.
// CHECK-NOT: memref.

// LLVMIR: define void @jacobi2d(ptr noalias
// LLVMIR: fmul double

// vectorize=auto (the default) blocks memory-bound 3D nests that read two
// or more planes away (docs/Rationale.md).
// RUN: ps-opt %examples/heat3d.mlir -ps-lower-to-llvm-pipeline --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=AUTO
// AUTO: ps-block{memory-bound-only={{[0-9]+}} min-reach=2 rows=32}

// With threads, the kernel forks through the OpenMP run-time.
// RUN: ps-opt %examples/heat3d.mlir -ps-lower-to-llvm-pipeline="threads=2" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=OMP
// OMP: call void {{.*}}@__kmpc_fork_call
// OMP: call void @__kmpc_for_static_init

// vectorize=ISA runs ps-vectorize, and a cross compile for a named set gets
// its target features and a generic CPU.
// RUN: ps-opt %examples/jacobi2d.mlir -ps-lower-to-llvm-pipeline="triple=aarch64-unknown-linux-gnu vectorize=neon" | FileCheck %s --check-prefix=NEON
// NEON: module attributes {llvm.target_triple = "aarch64-unknown-linux-gnu"}
// NEON: llvm.func @jacobi2d(
// NEON-SAME: target_cpu = "generic"
// NEON-SAME: target_features = #llvm.target_features<["+neon"]>
// NEON: llvm.load {{.*}} -> vector<2xf64>
// NEON: llvm.intr.masked.store
