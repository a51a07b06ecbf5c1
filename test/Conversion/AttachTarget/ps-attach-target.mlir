// RUN: ps-opt %s -ps-attach-target="triple=aarch64-unknown-linux-gnu cpu=neoverse-v1 features=+sve,+neon" | FileCheck %s
// RUN: ps-opt %s -ps-attach-target | FileCheck %s --check-prefix=HOST
// RUN: not ps-opt %s -ps-attach-target="features=avx2" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: ps-opt %s -ps-attach-target="triple=aarch64-unknown-linux-gnu" | FileCheck %s --check-prefix=CROSS
// Names LLVM does not know are refused by name (LLVM warned once per
// function, compiled for a generic CPU or ended the process).
// RUN: not ps-opt %s -ps-attach-target="cpu=znver99" 2>&1 | FileCheck %s --check-prefix=BAD-CPU
// RUN: not ps-opt %s -ps-attach-target="triple=aarch64-unknown-linux-gnu features=+sve,+nope" 2>&1 | FileCheck %s --check-prefix=BAD-FEATURE
// RUN: not ps-opt %s -ps-attach-target="triple=foo-bar-baz" 2>&1 | FileCheck %s --check-prefix=BAD-TRIPLE
// BAD-CPU: ps-attach-target.mlir:0:0: error: ps-attach-target: cpu 'znver99' is not a CPU of {{.+}} (llc -mtriple={{.+}} -mcpu=help lists them)
// BAD-FEATURE: error: ps-attach-target: feature '+nope' is not +name or -name of a feature of aarch64-unknown-linux-gnu (llc -mtriple=aarch64-unknown-linux-gnu -mattr=help lists them)
// BAD-TRIPLE: error: ps-attach-target: unknown target 'foo-bar-baz'
// A cross compile with no CPU is tuned for a generic one, not the host's.
// CROSS: llvm.func @k() attributes {target_cpu = "generic"}

// CHECK: module attributes {llvm.target_triple = "aarch64-unknown-linux-gnu"}
// CHECK: llvm.func @k() attributes {target_cpu = "neoverse-v1", target_features = #llvm.target_features<["+sve", "+neon"]>}
// HOST: module attributes {llvm.target_triple = "{{.+}}"}
// HOST: llvm.func @k() attributes {target_cpu = "{{.+}}", target_features = #llvm.target_features<[{{.+}}]>}
// BAD: ps-attach-target: feature 'avx2' is not +name or -name of a feature of
llvm.func @k() {
  llvm.return
}
