//===- Passes.h - Conversions out of the ps dialect -------------*- C++ -*-===//

#ifndef STENCIL_CONVERSION_PASSES_H
#define STENCIL_CONVERSION_PASSES_H

#include "Stencil/Conversion/CodegenEnums.h"
#include "Stencil/Conversion/PsToGpu/PsToGpu.h"
#include "Stencil/Conversion/PsToScf/PsToScf.h"

#include "mlir/Pass/Pass.h"

namespace mlir::ps {

#define GEN_PASS_DECL
#include "Stencil/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Stencil/Conversion/Passes.h.inc"

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_PASSES_H
