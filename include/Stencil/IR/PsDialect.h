//===- PsDialect.h - The ps stencil dialect ---------------------*- C++ -*-===//

#ifndef STENCIL_IR_PSDIALECT_H
#define STENCIL_IR_PSDIALECT_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/Operation.h"

#include "Stencil/IR/PsOpsDialect.h.inc"

#endif // STENCIL_IR_PSDIALECT_H
