//===- CodeGenSettings.h - LLVM's settings for CPU kernels ------*- C++ -*-===//
//
// LLVM's loop strength reduction (LSR) took half of the machine-code
// generation of a cold compile of jacobi2d (180 M of 430 M instructions
// under callgrind, bench/README.md) and made no kernel of stencil-bench
// faster: the loops ps-vectorize emits address each access as a row pointer
// plus the induction variable, which the x86 and AArch64 addressing modes
// take as they are. LLVM has no per-module switch for it, only the
// process-wide option -disable-lsr, so CPU code generation runs inside a
// CpuCodeGenScope, which sets that option for its span and restores it
// after, one scope at a time. A process that gave -disable-lsr itself (on
// its command line, as ps-compile --disable-lsr=false) keeps its choice.
// Code generation that other threads run during a scope (a GPU module, a
// host compiler's own) sees the option too: GPU kernels, one point per
// thread, have no loops for LSR to work on.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_COMPILER_CODEGENSETTINGS_H
#define STENCIL_COMPILER_CODEGENSETTINGS_H

#include "llvm/Support/CommandLine.h"

#include <mutex>

namespace mlir::ps::runtime {

/// LLVM's code generation settings for CPU kernels while alive; scopes in
/// several threads wait for each other.
class CpuCodeGenScope {
public:
  CpuCodeGenScope();
  ~CpuCodeGenScope();
  CpuCodeGenScope(const CpuCodeGenScope &) = delete;
  CpuCodeGenScope &operator=(const CpuCodeGenScope &) = delete;

  /// Whether loop strength reduction stays off in this scope (false where
  /// the process set -disable-lsr itself, or LLVM lacks the option).
  bool disablesLoopStrengthReduction() const { return option != nullptr; }

private:
  std::lock_guard<std::mutex> lock;
  llvm::cl::opt<bool> *option = nullptr;
  bool previous = false;
};

} // namespace mlir::ps::runtime

#endif // STENCIL_COMPILER_CODEGENSETTINGS_H
