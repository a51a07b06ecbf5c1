//===- BackendOptions.h - LLVM's own flags that change code -----*- C++ -*-===//
//
// LLVM's command-line options (`-force-vector-width=1`,
// `-enable-misched=false`, ...) are process-wide and change the machine
// code the compiler makes, but are no part of CompileOptions. A tool records
// the ones its user gave, and getPipelineText includes them, so that the
// kernel cache never serves code built under other flags.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_COMPILER_BACKENDOPTIONS_H
#define STENCIL_COMPILER_BACKENDOPTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/CommandLine.h"

#include <string>

namespace mlir::ps::runtime {

/// Records, from a command line already parsed by
/// llvm::cl::ParseCommandLineOptions, the arguments that set options outside
/// `ownCategories` (the tool's own flags): LLVM's and MLIR's. Values given
/// as the next argument are kept with their option.
void recordBackendOptions(
    int argc, const char *const *argv,
    llvm::ArrayRef<const llvm::cl::OptionCategory *> ownCategories);

/// The recorded arguments, space-separated, each as -name=value; empty if none.
const std::string &getBackendOptions();

} // namespace mlir::ps::runtime

#endif // STENCIL_COMPILER_BACKENDOPTIONS_H
