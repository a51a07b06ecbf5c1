//===- PsInterfaces.h - Interfaces of the ps dialect ------------*- C++ -*-===//

#ifndef STENCIL_IR_PSINTERFACES_H
#define STENCIL_IR_PSINTERFACES_H

#include "mlir/IR/OpDefinition.h"

#include "Stencil/IR/PsInterfaces.h.inc"

#endif // STENCIL_IR_PSINTERFACES_H
