//===- PsOps.h - Operations of the ps dialect -------------------*- C++ -*-===//

#ifndef STENCIL_IR_PSOPS_H
#define STENCIL_IR_PSOPS_H

#include "Stencil/IR/PsDialect.h"
#include "Stencil/IR/PsInterfaces.h"
#include "Stencil/IR/PsTypes.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::ps::detail {
/// Shared assembly and verifier of the elementwise ops (see
/// Ps_ElementwiseOp in PsOps.td): the first `numBoolOperands` operands are
/// i1, the others and the result (unless `boolResult`) share one type, any of
/// them possibly untyped.
ParseResult parseElementwiseOp(OpAsmParser &parser, OperationState &result,
                               unsigned numBoolOperands, bool boolResult);
void printElementwiseOp(OpAsmPrinter &p, Operation *op,
                        unsigned numBoolOperands, bool boolResult);
LogicalResult verifyElementwiseOp(Operation *op, unsigned numBoolOperands,
                                  bool boolResult);
} // namespace mlir::ps::detail

#define GET_OP_CLASSES
#include "Stencil/IR/PsOps.h.inc"

#endif // STENCIL_IR_PSOPS_H
