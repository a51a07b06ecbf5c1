//===- JitModule.h - Compile ps kernels in-process and call them -*- C++ -*-===//

#ifndef STENCIL_COMPILER_JITMODULE_H
#define STENCIL_COMPILER_JITMODULE_H

#include "Stencil/Compiler/NativeCode.h"
#include "Stencil/Runtime/KernelModule.h"

#include <memory>

namespace mlir {
class ExecutionEngine;
class MLIRContext;
} // namespace mlir

namespace mlir::ps::runtime {

/// Time spent in each stage of a compile, in seconds.
struct CompileTimes {
  double parse = 0, passes = 0, codegen = 0;
};

/// A module of ps kernels compiled in-process with LLVM for the host CPU.
class JitModule : public KernelModule {
public:
  /// Parses `source` (ps IR, typed or untyped), typifies, analyses, lowers
  /// and compiles it. Diagnostics are returned in the error, located in
  /// `sourceName` (a file name, as `file:line:col: error: ...`). The JIT runs
  /// what it compiles: the target of `options` is the host (an explicit CPU
  /// or features only if the host has them; checkRunsOnHost).
  static llvm::Expected<std::unique_ptr<JitModule>>
  compile(llvm::StringRef source, const CompileOptions &options = {},
          llvm::StringRef sourceName = "<ps source>");
  ~JitModule() override;

  const CompileTimes &getCompileTimes() const { return times; }

private:
  JitModule();
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<ExecutionEngine> engine;
  CompileTimes times;
};

} // namespace mlir::ps::runtime

#endif // STENCIL_COMPILER_JITMODULE_H
