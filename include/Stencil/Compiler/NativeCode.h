//===- NativeCode.h - Machine code from ps modules --------------*- C++ -*-===//
//
// The compiler driver: from a module of ps kernels to LLVM IR, an object file
// or a shared library whose kernels a caller reaches through packed entry
// points (Runtime/KernelModule.h), the convention the JIT uses as well.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_COMPILER_NATIVECODE_H
#define STENCIL_COMPILER_NATIVECODE_H

#include "Stencil/Pipelines/Passes.h"
#include "Stencil/Runtime/KernelInfo.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir::ps::runtime {

/// Code generation options for CPUs: the options of
/// ps-lower-to-llvm-pipeline (and `opt-level`), declared once there. The
/// tools expose them as flags, the cache signs the pipeline they build.
using CompileOptions = LowerToLLVMPipelineOptions;

/// The machine a module is compiled for; empty fields mean the host's.
struct TargetDescription {
  std::string triple, cpu, features;
  /// The target that `options` names.
  static TargetDescription of(const CompileOptions &options);
  /// Fills the empty fields with the host's triple, CPU and features (the
  /// detected features also for the host's CPU named explicitly).
  TargetDescription resolved() const;
  /// One line, for signatures and logs.
  std::string str() const;
};

/// Collects the diagnostics of a context while alive, to return them in an
/// error or keep them in a build log.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(MLIRContext &context);
  ~DiagnosticCollector();
  const std::string &getText() const { return text; }
  /// "<stage> failed:" and the diagnostics.
  llvm::Error error(llvm::StringRef stage) const;

private:
  std::string text;
  uint64_t handlerId;
  MLIRContext &context;
};

/// A context with the ps dialect, the dialects it lowers to and their
/// translations to LLVM IR.
std::unique_ptr<MLIRContext> createCompilerContext();

/// The OpenMP run-time library that parallel kernels call.
const char *getOpenMPLibraryPath();

/// Checks `options` (verifyOptions of the pipeline, and an instruction set
/// the host lacks when the target is the host); the error says which
/// option is wrong.
llvm::Error checkCompileOptions(const CompileOptions &options);

/// Checks that code for the target `options` name runs in this process: the
/// host's architecture, and no CPU feature (of an explicit `cpu` or
/// `features`) the host lacks. For callers that load what they build.
llvm::Error checkRunsOnHost(const CompileOptions &options);

/// Prepares `module` (typify, analyse, and simplify unless `optimize` is
/// off), describes its kernels, and lowers it to the LLVM dialect with the
/// pipeline `options` build. Checks the options first.
FailureOr<std::vector<KernelInfo>>
prepareAndLower(ModuleOp module, const CompileOptions &options);

/// The passes prepareAndLower runs, as text (printAsTextualPipeline), with
/// the options no pass takes (opt-level): what a cache signs.
std::string getPipelineText(const CompileOptions &options);

/// Translates a lowered module to optimized LLVM IR for `machine`, with a
/// packed entry point per kernel and the kernels' descriptions
/// (getKernelDescriptionsSymbol).
llvm::Expected<std::unique_ptr<llvm::Module>>
translateAndOptimize(ModuleOp module, llvm::ArrayRef<KernelInfo> kernels,
                     llvm::LLVMContext &context, llvm::TargetMachine &machine,
                     unsigned optLevel);

/// Adds the NUL-terminated string `tag` as the library's build tag
/// (getBuildTagSymbol), which KernelModule::getBuildTag reads back.
void addBuildTag(llvm::Module &module, llvm::StringRef tag);

/// A target machine for `target` (resolved), position independent.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetDescription &target, unsigned optLevel);

/// Emits an object file or assembly.
llvm::Error emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine,
                            llvm::StringRef path, bool assembly);

/// Links an object file into a shared library with `linker`, by default
/// GNU ld (ld.bfd) or else ld.lld-22, against the OpenMP run-time if
/// `openMP`.
llvm::Error linkSharedLibrary(llvm::StringRef object, llvm::StringRef output,
                              llvm::StringRef linker = "", bool openMP = false);

} // namespace mlir::ps::runtime

#endif // STENCIL_COMPILER_NATIVECODE_H
