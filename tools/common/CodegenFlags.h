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
#include "Stencil/Compiler/NativeCode.h"

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
/// LLVM's own options are accepted but only --help-hidden lists them.
inline void parse(int argc, char **argv, const char *overview) {
  get();
  llvm::cl::HideUnrelatedOptions({&category(), &toolCategory()});
  llvm::cl::ParseCommandLineOptions(argc, argv, overview);
  mlir::ps::runtime::recordBackendOptions(argc, argv,
                                          {&category(), &toolCategory()});
}

} // namespace codegen_flags

#endif // STENCIL_TOOLS_COMMON_CODEGENFLAGS_H
