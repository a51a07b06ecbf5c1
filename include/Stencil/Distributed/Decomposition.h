//===- Decomposition.h - A global domain split over MPI ranks ---*- C++ -*-===//
//
// The Cartesian decomposition of a global grid of points over the ranks of a
// communicator (MPI_Dims_create, MPI_Cart_create), periodic or not per
// dimension: each rank owns a block of the interior, extents differing by at
// most one point, and knows its neighbours in every direction of {-1,0,1}^d
// (faces, edges, corners), MPI_PROC_NULL past a non-periodic boundary.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_DISTRIBUTED_DECOMPOSITION_H
#define STENCIL_DISTRIBUTED_DECOMPOSITION_H

#include "llvm/Support/Error.h"

#include <mpi.h>

#include <vector>

namespace mlir::ps::distributed {

class Decomposition {
public:
  /// Splits `globalShape` (the interior points, x first) over the ranks of
  /// `comm`. `processGrid` (empty or of the same rank, 0 for "choose")
  /// fixes the ranks per dimension. Collective. An error (a process grid
  /// that does not multiply to the number of ranks, a dimension with fewer
  /// points than ranks) is the same on every rank.
  static llvm::Expected<Decomposition>
  create(MPI_Comm comm, std::vector<int64_t> globalShape,
         std::vector<bool> periodic, std::vector<int> processGrid = {});

  Decomposition(Decomposition &&other);
  Decomposition &operator=(Decomposition &&other);
  Decomposition(const Decomposition &) = delete;
  ~Decomposition();

  unsigned getRank() const { return globalShape.size(); }
  MPI_Comm getComm() const { return cart; }
  int getProcessRank() const { return processRank; }
  int getProcessCount() const { return processCount; }
  const std::vector<int64_t> &getGlobalShape() const { return globalShape; }
  const std::vector<int> &getProcessGrid() const { return processGrid; }
  const std::vector<int> &getCoords() const { return coords; }
  const std::vector<bool> &getPeriodic() const { return periodic; }
  /// This rank's block: its first global interior point and its extents.
  const std::vector<int64_t> &getLocalOffset() const { return localOffset; }
  const std::vector<int64_t> &getLocalShape() const { return localShape; }
  /// The block of the rank at `coords` (for gathering).
  void getBlock(const std::vector<int> &coords, std::vector<int64_t> &offset,
                std::vector<int64_t> &shape) const;
  /// The neighbour in `direction` (each entry -1, 0 or 1), or MPI_PROC_NULL.
  int getNeighbour(const std::vector<int> &direction) const;

private:
  Decomposition() = default;
  MPI_Comm cart = MPI_COMM_NULL;
  int processRank = 0, processCount = 1;
  std::vector<int64_t> globalShape, localOffset, localShape;
  std::vector<int> processGrid, coords;
  std::vector<bool> periodic;
};

/// Every direction of {-1,0,1}^rank but 0, faces first (one non-zero
/// entry), then edges, then corners.
std::vector<std::vector<int>> getNeighbourDirections(unsigned rank,
                                                     bool facesOnly);

} // namespace mlir::ps::distributed

#endif // STENCIL_DISTRIBUTED_DECOMPOSITION_H
