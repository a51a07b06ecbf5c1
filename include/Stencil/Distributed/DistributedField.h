//===- DistributedField.h - A field split over MPI ranks --------*- C++ -*-===//
//
// The block of a field one rank owns, with ghost layers around it, in the
// memory layout a kernel parameter asks for; filled from a function of the
// global coordinates, gathered into a global array on one rank. Elements have
// the parameter's type (any field type: f16 to f64, i8 to i64); fill and
// gather convert through double.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_DISTRIBUTED_DISTRIBUTEDFIELD_H
#define STENCIL_DISTRIBUTED_DISTRIBUTEDFIELD_H

#include "Stencil/Distributed/Decomposition.h"
#include "Stencil/Runtime/Arguments.h"

#include "llvm/ADT/ArrayRef.h"

#include <functional>

namespace mlir::ps::distributed {

/// The value of a field at global point `point` (spatial coordinates, which
/// may lie in the ghost layers outside the domain) and `component`.
using FieldFunction = std::function<double(llvm::ArrayRef<int64_t> point,
                                           llvm::ArrayRef<int64_t> component)>;

class DistributedField {
public:
  /// The block of this rank for a field laid out as `param` (a kernel
  /// parameter: its index dimensions and memory order), with `ghostLayers`
  /// on every side.
  static llvm::Expected<DistributedField>
  create(const Decomposition &decomposition,
         const runtime::ParameterInfo &param, int64_t ghostLayers);

  const Decomposition &getDecomposition() const { return *decomposition; }
  int64_t getGhostLayers() const { return ghostLayers; }
  const runtime::ParameterInfo &getParameter() const { return param; }
  /// Extents of the local array, ghost layers included: spatial, then the
  /// index dimensions.
  const std::vector<int64_t> &getShape() const { return shape; }
  const std::vector<int64_t> &getStrides() const { return strides; }

  /// The whole local array, for a kernel call.
  runtime::BufferView view();
  /// The box [start, start + extent) of the local array (spatial
  /// coordinates with the ghost layers counted; all index elements).
  runtime::BufferView region(llvm::ArrayRef<int64_t> start,
                             llvm::ArrayRef<int64_t> extent);

  /// Fills the local array, ghost layers included. In a periodic dimension
  /// the coordinates are wrapped into the domain, so that ghost layers hold
  /// what the neighbour across the boundary has.
  void fill(const FieldFunction &function);

  /// The global interior, dense in the field's memory order (x fastest for
  /// fzyx), on `root` (empty elsewhere), as doubles (exact for every element
  /// type but integers beyond 2^53). Collective.
  std::vector<double> gather(int root = 0) const;

private:
  DistributedField() = default;
  /// The local interior, dense in memory order.
  std::vector<double> packInterior() const;
  /// The address of the element at `index` of the local array.
  uint8_t *elementAt(llvm::ArrayRef<int64_t> index);
  /// The element `offset` elements after `base`, as a double.
  double read(int64_t offset) const;

  const Decomposition *decomposition = nullptr;
  runtime::ParameterInfo param;
  int64_t ghostLayers = 0;
  std::vector<int64_t> shape, strides;
  /// The elements' bytes, from `base` (aligned) on; moving the field keeps
  /// them.
  std::vector<uint8_t> storage;
  uint8_t *base = nullptr;
};

/// Calls `body` for every multi-index of `extents` (the first dimension
/// fastest).
void forEachIndex(llvm::ArrayRef<int64_t> extents,
                  const std::function<void(llvm::ArrayRef<int64_t>)> &body);

/// Dense strides of `shape` in `memoryOrder` (slowest dimension first).
std::vector<int64_t> getDenseStrides(llvm::ArrayRef<int64_t> shape,
                                     llvm::ArrayRef<unsigned> memoryOrder);

} // namespace mlir::ps::distributed

#endif // STENCIL_DISTRIBUTED_DISTRIBUTEDFIELD_H
