//===- IndexBounds.h - Ranges of data-dependent access indices -*- C++ -*-===//
//
// Offsets, component indices and table indices may be values of the kernel
// (a direction read from an index list's record, a direction vector looked
// up in a table). What ps-analyze needs of such a value is the range it
// takes: from the tables it is looked up in and the integer arithmetic on
// them, or, where it is a record member itself, a range the run-time checks
// on every entry before the call.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_ANALYSIS_INDEXBOUNDS_H
#define STENCIL_ANALYSIS_INDEXBOUNDS_H

#include "Stencil/IR/PsOps.h"

#include <optional>

namespace mlir::ps {

/// The closed range [min, max] of an integer value.
struct IndexRange {
  int64_t min, max;

  bool contains(const IndexRange &other) const {
    return min <= other.min && other.max <= max;
  }
  bool intersects(const IndexRange &other) const {
    return min <= other.max && other.min <= max;
  }
  bool operator==(const IndexRange &other) const {
    return min == other.min && max == other.max;
  }
};

/// The range `value` takes, derived from constants, lookups into integer
/// tables (their smallest to largest element), integer casts, negation,
/// addition, subtraction, multiplication, and selection between bounded
/// values; nullopt if a source is not one of those.
std::optional<IndexRange> boundIndexValue(Value value);

/// The record read that `value` is directly (through integer casts only),
/// or null.
LoadRecordOp getRecordSource(Value value);

/// A range that every entry's record member must lie in, because the member
/// indexes a component or a table directly: the run-time checks it for
/// every entry of the list.
struct RecordIndexCheck {
  LoadRecordOp record;
  IndexRange allowed;
  /// The access or lookup that needs it, for diagnostics.
  Operation *user;
};

/// How an index that must lie in `allowed` is made safe: by a bound
/// (`bound` set and within `allowed`), or by a run-time check of the record
/// member it is (`check` set); neither if it can be neither.
struct IndexGuard {
  std::optional<IndexRange> bound;
  std::optional<RecordIndexCheck> check;
};

/// Guards the index `value` of `user`, which must lie in `allowed`.
IndexGuard guardIndex(Value value, IndexRange allowed, Operation *user);

/// The run-time checks of record members that the component indices and
/// table lookups of the sparse space `space` need.
SmallVector<RecordIndexCheck> collectRecordIndexChecks(IterateSparseOp space);

} // namespace mlir::ps

#endif // STENCIL_ANALYSIS_INDEXBOUNDS_H
