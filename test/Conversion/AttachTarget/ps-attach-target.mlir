// RUN: ps-opt %s -ps-attach-target="triple=aarch64-unknown-linux-gnu cpu=neoverse-v1 features=+sve,+neon" | FileCheck %s
// RUN: ps-opt %s -ps-attach-target | FileCheck %s --check-prefix=HOST
// RUN: not ps-opt %s -ps-attach-target="features=avx2" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: ps-opt %s -ps-attach-target="triple=aarch64-unknown-linux-gnu" | FileCheck %s --check-prefix=CROSS
// A cross compile with no CPU is tuned for a generic one, not the host's.
// CROSS: llvm.func @k() attributes {target_cpu = "generic"}

// CHECK: module attributes {llvm.target_triple = "aarch64-unknown-linux-gnu"}
// CHECK: llvm.func @k() attributes {target_cpu = "neoverse-v1", target_features = #llvm.target_features<["+sve", "+neon"]>}
// HOST: module attributes {llvm.target_triple = "{{.+}}"}
// HOST: llvm.func @k() attributes {target_cpu = "{{.+}}", target_features = #llvm.target_features<[{{.+}}]>}
// BAD: ps-attach-target: feature 'avx2' must start with + or -
llvm.func @k() {
  llvm.return
}
