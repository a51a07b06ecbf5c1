//===- FieldAccesses.h - Field accesses of iteration spaces ----*- C++ -*-===//
//
// The accesses an iteration space makes to fields, relative to its current
// point: what ps-analyze checks for independence of points and bounds, and
// what later passes (vectorization, GPU mapping) need to know.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_ANALYSIS_FIELDACCESSES_H
#define STENCIL_ANALYSIS_FIELDACCESSES_H

#include "Stencil/IR/PsOps.h"

#include "llvm/ADT/SmallVector.h"

namespace mlir::ps {

/// One read or write of a field at a constant offset from the current point.
struct FieldAccess {
  Operation *op;
  Value field;
  SmallVector<int64_t> offsets;
  SmallVector<int64_t> components;
  bool isWrite;
};

/// The accesses of `space` (including those in nested regions) in program
/// order.
SmallVector<FieldAccess> collectFieldAccesses(IterationSpaceOpInterface space);

/// True if `a` and `b` lie in different regions of one `scf.if`, so that no
/// execution runs both.
bool areMutuallyExclusive(Operation *a, Operation *b);

/// Describes a field for diagnostics: the kernel parameter it is.
std::string describeField(Value field);

} // namespace mlir::ps

#endif // STENCIL_ANALYSIS_FIELDACCESSES_H
