//===- TargetNames.h - Triples, CPUs and features LLVM knows ----*- C++ -*-===//
//
// LLVM warns about an unknown CPU or feature once per function and goes on
// with a generic subtarget, and may then end the process ("64-bit code
// requested on a subtarget that doesn't support it"); ps-attach-target and
// the compiler driver refuse such names first, naming them.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CONVERSION_ATTACHTARGET_TARGETNAMES_H
#define STENCIL_CONVERSION_ATTACHTARGET_TARGETNAMES_H

#include "mlir/Support/LLVM.h"
#include "llvm/Support/Error.h"

namespace mlir::ps {

/// Registers every target LLVM was built with (once per process).
void initializeAllTargets();

/// An error naming the first of `triple`, `cpu` (empty or "generic": none)
/// and the comma-separated `+name`/`-name` `features` that LLVM does not know,
/// with the llc command that lists the names it does.
llvm::Error checkTargetNames(StringRef triple, StringRef cpu,
                             StringRef features);

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_ATTACHTARGET_TARGETNAMES_H
