//===- DriverHooks.h - What a tool's command line adds to the driver -*- C++ -*-//
//
// A pass developer running ps-run or ps-compile reaches for MLIR's
// pass-manager flags (--mlir-print-ir-after-all, --mlir-timing), a lowering
// pipeline of their own (--pass-pipeline) and, when a diagnostic is not
// enough, the operation it is about. These are process-wide: the tool sets
// them once after parsing its command line, and prepareAndLower and
// createCompilerContext follow them. Library users leave the defaults.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_COMPILER_DRIVERHOOKS_H
#define STENCIL_COMPILER_DRIVERHOOKS_H

#include "mlir/Support/LLVM.h"
#include "llvm/Support/LogicalResult.h"

#include <functional>
#include <string>

namespace mlir {
class PassManager;
} // namespace mlir

namespace mlir::ps::runtime {

struct DriverHooks {
  /// Applied to every pass manager prepareAndLower runs (e.g.
  /// mlir::applyPassManagerCLOptions); a failure stops the compile.
  std::function<llvm::LogicalResult(PassManager &)> configurePassManager;
  /// A textual pipeline on builtin.module that replaces the lowering after
  /// the kernels are prepared and described; empty: the default.
  std::string loweringPipeline;
  /// Diagnostics carry a note with the operation they are about (MLIR's
  /// default); off, they are one located line plus their own notes.
  bool printOpOnDiagnostic = false;
};

void setDriverHooks(DriverHooks hooks);
const DriverHooks &getDriverHooks();

} // namespace mlir::ps::runtime

#endif // STENCIL_COMPILER_DRIVERHOOKS_H
