//===- DistributedField.cpp - A field split over MPI ranks ----------------===//

#include "Stencil/Distributed/DistributedField.h"

#include "Stencil/Runtime/Elements.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir::ps;
using namespace mlir::ps::distributed;

void mlir::ps::distributed::forEachIndex(
    llvm::ArrayRef<int64_t> extents,
    const std::function<void(llvm::ArrayRef<int64_t>)> &body) {
  if (llvm::any_of(extents, [](int64_t e) { return e <= 0; }))
    return;
  std::vector<int64_t> index(extents.size(), 0);
  while (true) {
    body(index);
    size_t d = 0;
    for (; d < extents.size(); ++d) {
      if (++index[d] < extents[d])
        break;
      index[d] = 0;
    }
    if (d == extents.size())
      return;
  }
}

std::vector<int64_t>
mlir::ps::distributed::getDenseStrides(llvm::ArrayRef<int64_t> shape,
                                       llvm::ArrayRef<unsigned> memoryOrder) {
  std::vector<int64_t> strides(shape.size(), 0);
  std::vector<unsigned> order(memoryOrder.begin(), memoryOrder.end());
  if (order.empty())
    for (unsigned d = 0; d < shape.size(); ++d)
      order.push_back(d);
  int64_t running = 1;
  for (unsigned dim : llvm::reverse(order)) {
    strides[dim] = running;
    running *= std::max<int64_t>(shape[dim], 1);
  }
  return strides;
}

llvm::Expected<DistributedField>
DistributedField::create(const Decomposition &decomposition,
                         const runtime::ParameterInfo &param,
                         int64_t ghostLayers) {
  auto error = [&](const llvm::Twine &message) {
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        ("field '" + param.name + "': " + message).str().c_str());
  };
  if (!param.isField || param.isIndexList)
    return error("not a dense field");
  if (param.spatialRank != decomposition.getRank())
    return error("a " + llvm::Twine(param.spatialRank) + "D field on a " +
                 llvm::Twine(decomposition.getRank()) + "D decomposition");
  const auto &local = decomposition.getLocalShape();
  for (unsigned d = 0; d < param.spatialRank; ++d) {
    if (param.shape[d] != runtime::kDynamic)
      return error("its extents are fixed by its type; a distributed field "
                   "needs dynamic ones");
    if (local[d] < ghostLayers)
      return error("rank " + llvm::Twine(decomposition.getProcessRank()) +
                   " owns " + llvm::Twine(local[d]) + " points in dimension " +
                   llvm::Twine(d) + ", fewer than the " +
                   llvm::Twine(ghostLayers) + " ghost layers");
  }
  DistributedField field;
  field.decomposition = &decomposition;
  field.param = param;
  field.ghostLayers = ghostLayers;
  for (unsigned d = 0; d < param.spatialRank; ++d)
    field.shape.push_back(local[d] + 2 * ghostLayers);
  for (size_t d = param.spatialRank; d < param.shape.size(); ++d)
    field.shape.push_back(param.shape[d]);
  field.strides = getDenseStrides(field.shape, param.memoryOrder);
  int64_t elements = 1;
  for (int64_t extent : field.shape)
    elements *= extent;
  // Aligned as the parameter asks (64 bytes at least, for vector loads).
  int64_t alignment = std::max<int64_t>(param.alignment, 64);
  field.storage.assign(elements * runtime::getByteSize(param.type) + alignment,
                       0);
  uintptr_t address = reinterpret_cast<uintptr_t>(field.storage.data());
  field.base =
      field.storage.data() + (alignment - address % alignment) % alignment;
  return std::move(field);
}

runtime::BufferView DistributedField::view() {
  return runtime::BufferView{base, param.type, shape, strides};
}

runtime::BufferView DistributedField::region(llvm::ArrayRef<int64_t> start,
                                             llvm::ArrayRef<int64_t> extent) {
  std::vector<int64_t> index(shape.size(), 0), regionShape = shape;
  for (size_t d = 0; d < start.size(); ++d) {
    index[d] = start[d];
    regionShape[d] = extent[d];
  }
  return runtime::BufferView{elementAt(index), param.type, regionShape,
                             strides};
}

uint8_t *DistributedField::elementAt(llvm::ArrayRef<int64_t> index) {
  int64_t offset = 0;
  for (size_t d = 0; d < index.size(); ++d)
    offset += index[d] * strides[d];
  return base + offset * runtime::getByteSize(param.type);
}

double DistributedField::read(int64_t offset) const {
  return runtime::readElement(base, offset, param.type);
}

void DistributedField::fill(const FieldFunction &function) {
  unsigned rank = param.spatialRank;
  const auto &offset = decomposition->getLocalOffset();
  const auto &global = decomposition->getGlobalShape();
  std::vector<int64_t> point(rank);
  forEachIndex(shape, [&](llvm::ArrayRef<int64_t> index) {
    for (unsigned d = 0; d < rank; ++d) {
      point[d] = offset[d] + index[d] - ghostLayers;
      if (decomposition->getPeriodic()[d])
        point[d] = ((point[d] % global[d]) + global[d]) % global[d];
    }
    runtime::writeElement(elementAt(index), 0, param.type,
                          function(point, index.drop_front(rank)));
  });
}

std::vector<double> DistributedField::packInterior() const {
  unsigned rank = param.spatialRank;
  std::vector<int64_t> interior = shape;
  for (unsigned d = 0; d < rank; ++d)
    interior[d] -= 2 * ghostLayers;
  std::vector<int64_t> dense = getDenseStrides(interior, param.memoryOrder);
  int64_t count = 1;
  for (int64_t extent : interior)
    count *= extent;
  std::vector<double> packed(count);
  forEachIndex(interior, [&](llvm::ArrayRef<int64_t> index) {
    int64_t from = 0, to = 0;
    for (size_t d = 0; d < index.size(); ++d) {
      from += (index[d] + (d < rank ? ghostLayers : 0)) * strides[d];
      to += index[d] * dense[d];
    }
    packed[to] = read(from);
  });
  return packed;
}

std::vector<double> DistributedField::gather(int root) const {
  MPI_Comm comm = decomposition->getComm();
  unsigned rank = param.spatialRank;
  std::vector<double> local = packInterior();
  int count = decomposition->getProcessCount(), me;
  MPI_Comm_rank(comm, &me);
  int localSize = local.size();
  std::vector<int> sizes(count), displacements(count);
  MPI_Gather(&localSize, 1, MPI_INT, sizes.data(), 1, MPI_INT, root, comm);
  std::vector<double> blocks;
  if (me == root) {
    int total = 0;
    for (int r = 0; r < count; ++r) {
      displacements[r] = total;
      total += sizes[r];
    }
    blocks.resize(total);
  }
  MPI_Gatherv(local.data(), localSize, MPI_DOUBLE, blocks.data(), sizes.data(),
              displacements.data(), MPI_DOUBLE, root, comm);
  if (me != root)
    return {};
  // Each rank's block into its place in the global interior.
  std::vector<int64_t> globalShape = decomposition->getGlobalShape();
  for (size_t d = rank; d < shape.size(); ++d)
    globalShape.push_back(shape[d]);
  std::vector<int64_t> globalStrides =
      getDenseStrides(globalShape, param.memoryOrder);
  int64_t total = 1;
  for (int64_t extent : globalShape)
    total *= extent;
  std::vector<double> result(total);
  for (int r = 0; r < count; ++r) {
    std::vector<int> coords(rank);
    MPI_Cart_coords(comm, r, rank, coords.data());
    std::vector<int64_t> offset, blockShape;
    decomposition->getBlock(coords, offset, blockShape);
    for (size_t d = rank; d < shape.size(); ++d)
      blockShape.push_back(shape[d]);
    std::vector<int64_t> dense = getDenseStrides(blockShape, param.memoryOrder);
    forEachIndex(blockShape, [&](llvm::ArrayRef<int64_t> index) {
      int64_t from = 0, to = 0;
      for (size_t d = 0; d < index.size(); ++d) {
        from += index[d] * dense[d];
        to += (index[d] + (d < rank ? offset[d] : 0)) * globalStrides[d];
      }
      result[to] = blocks[displacements[r] + from];
    });
  }
  return result;
}
