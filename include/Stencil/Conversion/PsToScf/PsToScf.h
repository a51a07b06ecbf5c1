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

/// The memref a reduction result lowers to: a 0-d memref of its element type
/// (one element behind a pointer).
MemRefType getLoweredMemRefType(ReductionType result);

/// The identity of a reduction operator on `type` (a scalar or a vector of
/// it): -0.0 or 0 for add (x + -0.0 is x also for x = -0.0), 1 for mul, +inf
/// or the largest integer for min, -inf or the smallest for max.
Value buildReductionIdentity(OpBuilder &builder, Location loc,
                             ReductionKind kind, Type type);

/// `lhs op rhs` for a reduction operator, as arith operations with the
/// semantics of ps.add, ps.mul, ps.min (fmin) and ps.max (fmax); scalars or
/// vectors.
Value buildReductionCombine(OpBuilder &builder, Location loc,
                            ReductionKind kind, Value lhs, Value rhs);

/// Patterns that turn the scalar ps operations (constants, casts,
/// arithmetic, comparisons, selects and math functions) into arith and math
/// operations with C semantics.
void populatePsScalarToArithPatterns(RewritePatternSet &patterns);

/// Replaces `kernel` by a func.func with memref parameters and lowers its
/// iteration spaces to scf.for loops with memref loads and stores. A space
/// that reduces becomes a nest whose loops carry the partial reductions
/// (tagged `ps.reductions`), which after the nest are combined into the
/// results' memrefs; the
/// scalar operations are left for populatePsScalarToArithPatterns.
LogicalResult lowerKernelToLoops(KernelOp kernel, RewriterBase &rewriter);

/// What convert-ps-to-scf does: every kernel of `module` to loops, and the
/// scalar operations to arith and math.
LogicalResult lowerKernelsToLoops(ModuleOp module);

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_PSTOSCF_PSTOSCF_H
