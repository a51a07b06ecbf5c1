//===- PsToScf.h - Lower ps kernels to scf, memref, arith, math -*- C++ -*-===//

#ifndef STENCIL_CONVERSION_PSTOSCF_PSTOSCF_H
#define STENCIL_CONVERSION_PSTOSCF_PSTOSCF_H

#include "Stencil/IR/PsOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::ps {

/// The memref a field lowers to: spatial then index dimensions, the static
/// strides the type guarantees (a unit stride for named layouts), the others
/// dynamic, and a dynamic offset.
MemRefType getLoweredMemRefType(FieldType field);

/// Patterns that turn the scalar ps operations (constants, casts,
/// arithmetic, comparisons, selects and math functions) into arith and math
/// operations with C semantics.
void populatePsScalarToArithPatterns(RewritePatternSet &patterns);

/// Replaces `kernel` by a func.func with memref parameters and lowers its
/// iteration spaces to scf.for loops with memref loads and stores; the
/// scalar operations are left for populatePsScalarToArithPatterns.
LogicalResult lowerKernelToLoops(KernelOp kernel, RewriterBase &rewriter);

/// What convert-ps-to-scf does: every kernel of `module` to loops, and the
/// scalar operations to arith and math.
LogicalResult lowerKernelsToLoops(ModuleOp module);

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_PSTOSCF_PSTOSCF_H
