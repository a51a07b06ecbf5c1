//===- Decomposition.cpp - A global domain split over MPI ranks -----------===//

#include "Stencil/Distributed/Decomposition.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir::ps::distributed;

static llvm::Error error(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 message.str().c_str());
}

/// The first point and the extent of part `index` of `count` parts of
/// `extent` points: the first `extent % count` parts have one more.
static std::pair<int64_t, int64_t> splitExtent(int64_t extent, int count,
                                               int index) {
  int64_t base = extent / count, rest = extent % count;
  int64_t start = index * base + std::min<int64_t>(index, rest);
  return {start, base + (index < rest ? 1 : 0)};
}

llvm::Expected<Decomposition>
Decomposition::create(MPI_Comm comm, std::vector<int64_t> globalShape,
                      std::vector<bool> periodic,
                      std::vector<int> processGrid) {
  unsigned rank = globalShape.size();
  // Checked alike on every rank (the arguments are the same), so that all
  // fail together instead of some waiting in a collective.
  if (rank == 0 || rank > 3)
    return error("a decomposition has 1 to 3 dimensions, got " +
                 llvm::Twine(rank));
  if (periodic.size() != rank)
    return error("periodic has " + llvm::Twine(periodic.size()) +
                 " entries for a " + llvm::Twine(rank) + "D domain");
  if (processGrid.empty())
    processGrid.assign(rank, 0);
  if (processGrid.size() != rank)
    return error("the process grid has " + llvm::Twine(processGrid.size()) +
                 " entries for a " + llvm::Twine(rank) + "D domain");
  int count;
  MPI_Comm_size(comm, &count);
  int fixed = 1;
  for (int ranks : processGrid)
    if (ranks > 0)
      fixed *= ranks;
  if (llvm::any_of(processGrid, [](int r) { return r < 0; }) ||
      count % fixed != 0 ||
      (llvm::all_of(processGrid, [](int r) { return r > 0; }) &&
       fixed != count))
    return error(
        "a process grid of " +
        llvm::join(llvm::map_range(processGrid,
                                   [](int r) { return std::to_string(r); }),
                   "x") +
        " does not fit " + llvm::Twine(count) + " ranks");
  MPI_Dims_create(count, rank, processGrid.data());
  for (unsigned d = 0; d < rank; ++d)
    if (globalShape[d] < processGrid[d])
      return error("dimension " + llvm::Twine(d) + " has " +
                   llvm::Twine(globalShape[d]) + " points for " +
                   llvm::Twine(processGrid[d]) + " ranks");

  Decomposition result;
  std::vector<int> wrap(periodic.begin(), periodic.end());
  MPI_Cart_create(comm, rank, processGrid.data(), wrap.data(), /*reorder=*/0,
                  &result.cart);
  MPI_Comm_rank(result.cart, &result.processRank);
  result.processCount = count;
  result.coords.assign(rank, 0);
  MPI_Cart_coords(result.cart, result.processRank, rank, result.coords.data());
  result.globalShape = std::move(globalShape);
  result.periodic = std::move(periodic);
  result.processGrid = std::move(processGrid);
  result.getBlock(result.coords, result.localOffset, result.localShape);
  return std::move(result);
}

Decomposition::Decomposition(Decomposition &&other) {
  *this = std::move(other);
}

Decomposition &Decomposition::operator=(Decomposition &&other) {
  std::swap(cart, other.cart);
  processRank = other.processRank;
  processCount = other.processCount;
  globalShape = std::move(other.globalShape);
  localOffset = std::move(other.localOffset);
  localShape = std::move(other.localShape);
  processGrid = std::move(other.processGrid);
  coords = std::move(other.coords);
  periodic = std::move(other.periodic);
  return *this;
}

Decomposition::~Decomposition() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (cart != MPI_COMM_NULL && !finalized)
    MPI_Comm_free(&cart);
}

void Decomposition::getBlock(const std::vector<int> &at,
                             std::vector<int64_t> &offset,
                             std::vector<int64_t> &shape) const {
  offset.assign(getRank(), 0);
  shape.assign(getRank(), 0);
  for (unsigned d = 0; d < getRank(); ++d)
    std::tie(offset[d], shape[d]) =
        splitExtent(globalShape[d], processGrid[d], at[d]);
}

int Decomposition::getNeighbour(const std::vector<int> &direction) const {
  std::vector<int> at = coords;
  for (unsigned d = 0; d < getRank(); ++d) {
    at[d] += direction[d];
    if (at[d] < 0 || at[d] >= processGrid[d]) {
      if (!periodic[d])
        return MPI_PROC_NULL;
      at[d] = (at[d] + processGrid[d]) % processGrid[d];
    }
  }
  int neighbour;
  MPI_Cart_rank(cart, at.data(), &neighbour);
  return neighbour;
}

std::vector<std::vector<int>>
mlir::ps::distributed::getNeighbourDirections(unsigned rank, bool facesOnly) {
  std::vector<std::vector<int>> directions;
  int total = 1;
  for (unsigned d = 0; d < rank; ++d)
    total *= 3;
  for (int code = 0; code < total; ++code) {
    std::vector<int> direction(rank);
    int rest = code, nonZero = 0;
    for (unsigned d = 0; d < rank; ++d) {
      direction[d] = rest % 3 - 1;
      rest /= 3;
      nonZero += direction[d] != 0;
    }
    if (nonZero == 0 || (facesOnly && nonZero > 1))
      continue;
    directions.push_back(direction);
  }
  llvm::stable_sort(directions, [](const auto &a, const auto &b) {
    return llvm::count_if(a, [](int v) { return v; }) <
           llvm::count_if(
               b, [](int v) { return v; });
  });
  return directions;
}
