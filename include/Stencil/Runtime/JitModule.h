//===- JitModule.h - Compile ps kernels in-process and call them -*- C++
//-*-===//

#ifndef STENCIL_RUNTIME_JITMODULE_H
#define STENCIL_RUNTIME_JITMODULE_H

#include "Stencil/Runtime/Arguments.h"
#include "Stencil/Runtime/NativeCode.h"

#include <memory>

namespace mlir {
class ExecutionEngine;
class MLIRContext;
} // namespace mlir

namespace mlir::ps::runtime {

struct CompileOptions {
  /// LLVM optimization level of the generated code.
  unsigned optLevel = 3;
  /// Run ps-eliminate-constants, ps-hoist-invariants and canonicalize first.
  bool optimizeIR = true;
  /// OpenMP threads (sequential by default).
  ParallelOptions parallel;
  /// Explicit SIMD code (none by default: LLVM's auto-vectorizer).
  VectorizeOptions vectorize;
};

/// Time spent in each stage of a compile, in seconds.
struct CompileTimes {
  double parse = 0, passes = 0, codegen = 0;
};

class JitModule;

/// A compiled kernel of a JitModule.
class Kernel {
public:
  const KernelInfo &getInfo() const { return info; }
  /// Checks every argument, then runs the kernel. On an error nothing is
  /// called and nothing is written.
  llvm::Error operator()(const ArgumentList &args) const;

  /// The packed entry point: `void(void **args)`.
  using PackedEntry = void (*)(void **);

private:
  friend class JitModule;
  Kernel(KernelInfo info, PackedEntry entry)
      : info(std::move(info)), entry(entry) {}
  KernelInfo info;
  PackedEntry entry;
};

/// A module of ps kernels compiled in-process with LLVM for the host CPU.
class JitModule {
public:
  /// Parses `source` (ps IR, typed or untyped), typifies, analyses, lowers
  /// and compiles it. Diagnostics are returned in the error.
  static llvm::Expected<std::unique_ptr<JitModule>>
  compile(llvm::StringRef source, const CompileOptions &options = {});
  /// Loads kernels compiled ahead of time into a shared library with packed
  /// entry points (see NativeCode.h), described by `kernels`.
  static llvm::Expected<std::unique_ptr<JitModule>>
  loadSharedLibrary(llvm::StringRef path, std::vector<KernelInfo> kernels);
  ~JitModule();

  /// The kernel called `name`, or nullptr.
  const Kernel *lookup(llvm::StringRef name) const;
  std::vector<std::string> getKernelNames() const;
  const CompileTimes &getCompileTimes() const { return times; }

private:
  friend class Kernel;
  JitModule();
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<ExecutionEngine> engine;
  /// The dlopen handle of a loaded shared library, or null.
  void *library = nullptr;
  std::vector<std::unique_ptr<Kernel>> kernels;
  CompileTimes times;
};

} // namespace mlir::ps::runtime

#endif // STENCIL_RUNTIME_JITMODULE_H
