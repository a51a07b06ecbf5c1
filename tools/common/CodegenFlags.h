//===- CodegenFlags.h - Code generation options as tool flags ---*- C++ -*-===//
//
// ps-run and ps-compile take the options of ps-lower-to-llvm-pipeline as
// flags of the same names (`--vectorize=avx2 --threads=2 --opt-level=2`):
// the options are declared once, in the pipeline, and the flags write into
// the CompileOptions the tool compiles with.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_TOOLS_COMMON_CODEGENFLAGS_H
#define STENCIL_TOOLS_COMMON_CODEGENFLAGS_H

#include "Stencil/Compiler/BackendOptions.h"
#include "Stencil/Compiler/DriverHooks.h"
#include "Stencil/Compiler/NativeCode.h"

#include "Stencil/InitAll.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"

namespace codegen_flags {

/// The tool's code generation options; the first call makes them flags.
/// Call it before llvm::cl::ParseCommandLineOptions.
inline llvm::cl::OptionCategory &category() {
  static llvm::cl::OptionCategory category(
      "Code generation (the options of ps-lower-to-llvm-pipeline)");
  return category;
}

inline mlir::ps::runtime::CompileOptions &get() {
  static mlir::ps::runtime::CompileOptions options;
  static bool registered = (options.addToCommandLine(category()), true);
  (void)registered;
  return options;
}

/// The category of the tool's own flags (input, output, what to run).
inline llvm::cl::OptionCategory &toolCategory() {
  static llvm::cl::OptionCategory category("Tool options");
  return category;
}

/// Parses the command line and records the LLVM options it sets (those in
/// neither category), which change code and so the cache signature.
/// The category of the flags for pass developers.
inline llvm::cl::OptionCategory &debugCategory() {
  static llvm::cl::OptionCategory category(
      "Pass development (and MLIR's --mlir-print-ir-after-all, "
      "--mlir-timing, ... under --help-hidden)");
  return category;
}

/// Parses the command line: the code generation flags, the tool's own, and
/// MLIR's pass-manager flags (applied to the compiler's pass managers with
/// --pass-pipeline and --print-op-on-diagnostic through DriverHooks).
/// Records the LLVM options it sets, which change code and so the cache
/// signature. LLVM's own options are accepted but only --help-hidden lists
/// them.
inline void parse(int argc, char **argv, const char *overview) {
  get();
  static llvm::cl::opt<std::string> passPipeline(
      "pass-pipeline",
      llvm::cl::desc("Lower the prepared kernels with this pipeline instead "
                     "of the default (ps-typify, ps-analyze and the kernel "
                     "descriptions run first), e.g. "
                     "'builtin.module(convert-ps-to-scf,...)'"),
      llvm::cl::cat(debugCategory()));
  static llvm::cl::opt<bool> printOpOnDiagnostic(
      "print-op-on-diagnostic",
      llvm::cl::desc("Attach the operation to each diagnostic as a note"),
      llvm::cl::cat(debugCategory()));
  // Passes by name, for --pass-pipeline and --mlir-print-ir-after=PASS.
  mlir::ps::registerAllPsPasses();
  mlir::registerTransformsPasses();
  mlir::registerConversionPasses();
  mlir::memref::registerMemRefPasses();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  llvm::cl::HideUnrelatedOptions(
      {&category(), &toolCategory(), &debugCategory()});
  llvm::cl::ParseCommandLineOptions(argc, argv, overview);
  mlir::ps::runtime::recordBackendOptions(
      argc, argv, {&category(), &toolCategory(), &debugCategory()});
  mlir::ps::runtime::DriverHooks hooks;
  hooks.loweringPipeline = passPipeline;
  hooks.printOpOnDiagnostic = printOpOnDiagnostic;
  hooks.configurePassManager = [](mlir::PassManager &pm) {
    if (mlir::failed(mlir::applyPassManagerCLOptions(pm)))
      return mlir::failure();
    mlir::applyDefaultTimingPassManagerCLOptions(pm);
    return mlir::success();
  };
  mlir::ps::runtime::setDriverHooks(std::move(hooks));
}

} // namespace codegen_flags

#endif // STENCIL_TOOLS_COMMON_CODEGENFLAGS_H
