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

#include "Stencil/Compiler/NativeCode.h"

#include "llvm/Support/CommandLine.h"

namespace codegen_flags {

/// The tool's code generation options; the first call makes them flags.
/// Call it before llvm::cl::ParseCommandLineOptions.
inline mlir::ps::runtime::CompileOptions &get() {
  static llvm::cl::OptionCategory category(
      "Code generation (the options of ps-lower-to-llvm-pipeline)");
  static mlir::ps::runtime::CompileOptions options;
  static bool registered = (options.addToCommandLine(category), true);
  (void)registered;
  return options;
}

} // namespace codegen_flags

#endif // STENCIL_TOOLS_COMMON_CODEGENFLAGS_H
