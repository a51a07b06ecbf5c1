//===- KernelModule.h - Compiled kernels and how to call them ---*- C++ -*-===//
//
// The part of the run-time that calls compiled kernels: a kernel is a packed
// entry point with its description, and a call checks every argument first.
// A module is a set of such kernels, loaded from a shared library that
// ps-compile or the kernel cache linked, or compiled in-process by the JIT
// (Compiler/JitModule.h). Nothing here needs MLIR: a program that only runs
// kernels compiled ahead of time links MLIRPsRuntime and LLVM's Support
// library alone.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_RUNTIME_KERNELMODULE_H
#define STENCIL_RUNTIME_KERNELMODULE_H

#include "Stencil/Runtime/Arguments.h"

#include <memory>

namespace mlir::ps::runtime {

/// The symbol of a kernel's packed entry point in compiled libraries: a
/// `void(void **)` that takes pointers to the lowered arguments, as
/// ExecutionEngine::invokePacked does.
std::string getPackedEntryName(llvm::StringRef kernel);

/// The symbol of the NUL-terminated JSON description of every kernel of a
/// compiled library (see KernelInfoJSON.h).
llvm::StringRef getKernelDescriptionsSymbol();

/// The symbol of the NUL-terminated build tag a library may carry: a string
/// its builder chose (the kernel cache stores its signature there, so that a
/// library copied into another entry is recognised).
llvm::StringRef getBuildTagSymbol();

/// A compiled kernel of a KernelModule.
class Kernel {
public:
  /// The packed entry point: `void(void **args)`.
  using PackedEntry = void (*)(void **);

  Kernel(KernelInfo info, PackedEntry entry)
      : info(std::move(info)), entry(entry) {}

  const KernelInfo &getInfo() const { return info; }
  /// Checks every argument, then runs the kernel. On an error nothing is
  /// called and nothing is written.
  llvm::Error operator()(const ArgumentList &args) const;

private:
  KernelInfo info;
  PackedEntry entry;
};

/// Compiled kernels, by name. Subclasses own what the entry points live in.
class KernelModule {
public:
  /// Loads kernels compiled ahead of time into a shared library with packed
  /// entry points; their descriptions come from the library itself.
  static llvm::Expected<std::unique_ptr<KernelModule>>
  loadSharedLibrary(llvm::StringRef path);
  /// The same, with descriptions the caller has (the cache keeps them in
  /// its metadata).
  static llvm::Expected<std::unique_ptr<KernelModule>>
  loadSharedLibrary(llvm::StringRef path, std::vector<KernelInfo> kernels);

  virtual ~KernelModule();

  /// The kernel called `name`, or nullptr.
  const Kernel *lookup(llvm::StringRef name) const;
  std::vector<std::string> getKernelNames() const;
  /// The build tag of a loaded library (getBuildTagSymbol); empty if it has
  /// none or the kernels were not loaded from a library.
  llvm::StringRef getBuildTag() const { return buildTag; }

protected:
  KernelModule() = default;
  void addKernel(KernelInfo info, Kernel::PackedEntry entry);
  /// Forgets the kernels (before what they point into goes).
  void clearKernels() { kernels.clear(); }
  std::string buildTag;

private:
  std::vector<std::unique_ptr<Kernel>> kernels;
};

} // namespace mlir::ps::runtime

#endif // STENCIL_RUNTIME_KERNELMODULE_H
