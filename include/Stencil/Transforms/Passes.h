//===- Passes.h - Passes of the ps dialect ----------------------*- C++ -*-===//

#ifndef STENCIL_TRANSFORMS_PASSES_H
#define STENCIL_TRANSFORMS_PASSES_H

#include "Stencil/IR/PsOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::ps {

#define GEN_PASS_DECL
#include "Stencil/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Stencil/Transforms/Passes.h.inc"

} // namespace mlir::ps

#endif // STENCIL_TRANSFORMS_PASSES_H
