//===- FieldAccesses.h - Field accesses of iteration spaces ----*- C++ -*-===//
//
// The accesses an iteration space makes to fields, relative to its current
// point: what ps-analyze checks for independence of points and bounds, and
// what later passes (vectorization, GPU mapping) need to know.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_ANALYSIS_FIELDACCESSES_H
#define STENCIL_ANALYSIS_FIELDACCESSES_H

#include "Stencil/Analysis/IndexBounds.h"
#include "Stencil/IR/PsOps.h"

#include "llvm/ADT/SmallVector.h"

namespace mlir::ps {

/// One offset or component index of an access: a constant, or a value of
/// the kernel with the range its sources bound it to (none if they do not).
struct AccessIndex {
  /// Null for a constant.
  Value value;
  std::optional<IndexRange> range;

  bool isConstant() const { return !value; }
  /// The constant; only for constants.
  int64_t getConstant() const { return range->min; }
  /// True if both are the same constant or the same value.
  bool isSameAs(const AccessIndex &other) const {
    return value ? value == other.value
                 : other.isConstant() && range == other.range;
  }
  /// True if both may take one value at some point.
  bool mayEqual(const AccessIndex &other) const {
    return !range || !other.range || range->intersects(*other.range);
  }
};

/// One read or write of a field at an offset from the current point.
struct FieldAccess {
  Operation *op;
  Value field;
  SmallVector<AccessIndex> offsets;
  SmallVector<AccessIndex> components;
  bool isWrite;

  /// True if every offset and component is a constant.
  bool isStatic() const;
  /// The constant offsets; only for static accesses.
  SmallVector<int64_t> getConstantOffsets() const;
  /// The range of the offset in dimension `dim`, if it is bounded.
  std::optional<IndexRange> getOffsetRange(unsigned dim) const {
    return offsets[dim].range;
  }
};

/// The accesses of `space` (including those in nested regions) in program
/// order.
SmallVector<FieldAccess> collectFieldAccesses(IterationSpaceOpInterface space);

/// True if `a` and `b` lie in different regions of one `scf.if`, so that no
/// execution runs both.
bool areMutuallyExclusive(Operation *a, Operation *b);

/// Prints the location of `access` for diagnostics: offsets as `[a, b]`
/// and components as `(k)` (` component (k)` with `componentWord`), a
/// bounded value as its range (`-1..1`), an unbounded one as `?`.
std::string formatAccessLocation(const FieldAccess &access,
                                 bool componentWord = false);

/// Describes a field for diagnostics: the kernel parameter it is.
std::string describeField(Value field);

} // namespace mlir::ps

#endif // STENCIL_ANALYSIS_FIELDACCESSES_H
