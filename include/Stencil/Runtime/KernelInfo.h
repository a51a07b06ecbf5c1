//===- KernelInfo.h - What a run-time knows about a kernel ------*- C++ -*-===//
//
// The description of a kernel's parameters and of the conditions its
// arguments must meet, taken from the typed ps IR before it is lowered (see
// Compiler/DescribeKernel.h). The run-time checks arguments against it before
// every call, and the ahead-of-time path writes it into the C header and the
// shared library. Plain data: nothing here needs MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_RUNTIME_KERNELINFO_H
#define STENCIL_RUNTIME_KERNELINFO_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir::ps::runtime {

/// The scalar types a kernel exchanges with its caller.
enum class ScalarType { i1, i8, i16, i32, i64, f16, bf16, f32, f64 };

const char *toString(ScalarType type);
unsigned getByteSize(ScalarType type);
bool isFloat(ScalarType type);

/// The operator of a reduction result (ps's `!ps.reduction<kind, T>`);
/// `none` for every other parameter.
enum class ReductionOp { none, add, mul, min, max };

const char *toString(ReductionOp op);

/// Marks an extent or a stride known only at run time.
constexpr int64_t kDynamic = -1;

struct ParameterInfo {
  std::string name;
  bool isField = false;
  /// The scalar's type, or the field's element type.
  ScalarType type = ScalarType::f64;

  // Fields only.
  unsigned spatialRank = 0;
  /// Extents, spatial then index dimensions; kDynamic where not fixed.
  std::vector<int64_t> shape;
  /// Strides in elements the layout fixes; kDynamic where it does not.
  std::vector<int64_t> strides;
  /// The layout's memory order, slowest dimension first (empty for explicit
  /// strides): with `contiguous`, the strides must be the dense ones.
  std::vector<unsigned> memoryOrder;
  int64_t alignment = 0;
  bool contiguous = false;
  /// Read per entry of a sparse iteration space: its index list, or a field
  /// of its records. Only read, and exempt from the shared spatial shape.
  bool isIndexList = false;

  /// A reduction result (not a field, not a scalar): an output of one
  /// element of `type` that the caller passes by pointer and initializes,
  /// and that the kernel combines the values of its points into with this
  /// operator, as pystencils 2 passes the pointer of a reduction.
  ReductionOp reduction = ReductionOp::none;
  bool isReduction() const { return reduction != ReductionOp::none; }
};

/// Accesses of a sparse space to one field: the offsets' range per
/// dimension, which every coordinate of the index list must leave in bounds.
struct SparseAccessRange {
  unsigned field;
  std::vector<int64_t> minOffsets, maxOffsets;
};

/// A record member that a sparse space uses as a component or table index:
/// for every entry, element `components` of entry e of `field` (the index
/// list or a record field) must lie in [min, max].
struct RecordCheck {
  unsigned field;
  std::vector<int64_t> components;
  int64_t min, max;
};

struct SparseSpaceInfo {
  unsigned indexList;
  unsigned rank;
  std::vector<SparseAccessRange> accesses;
  /// One-dimensional fields read per entry besides the list (the members of
  /// other types of a record): each must have an element for every entry.
  std::vector<unsigned> records = {};
  std::vector<RecordCheck> recordChecks = {};
};

/// A dense space whose slice ends at an absolute position: the fields must
/// reach past it by the largest offset of its accesses.
struct MinimumExtent {
  unsigned dim;
  int64_t extent;
  int64_t stop;
};

struct KernelInfo {
  std::string name;
  std::vector<ParameterInfo> parameters;
  std::vector<SparseSpaceInfo> sparseSpaces;
  std::vector<MinimumExtent> minimumExtents;

  /// The parameter called `name`, or nullptr.
  const ParameterInfo *findParameter(llvm::StringRef name) const;
};

} // namespace mlir::ps::runtime

#endif // STENCIL_RUNTIME_KERNELINFO_H
