//===- GhostExchange.cpp - Ghost layers from the neighbouring ranks -------===//

#include "Stencil/Distributed/GhostExchange.h"

#include "Stencil/Cache/KernelCache.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir::ps;
using namespace mlir::ps::distributed;

static const char *getElementTypeName(runtime::ScalarType type) {
  switch (type) {
  case runtime::ScalarType::f64:
    return "f64";
  case runtime::ScalarType::f32:
    return "f32";
  default:
    return "f64"; // DistributedField admits f64 only
  }
}

std::string
mlir::ps::distributed::getCopyKernelSource(const runtime::ParameterInfo &param) {
  unsigned rank = param.spatialRank;
  std::vector<int64_t> components(param.shape.begin() + rank,
                                  param.shape.end());
  std::string type = "!ps.field<";
  for (unsigned d = 0; d < rank; ++d)
    type += "?x";
  type += getElementTypeName(param.type);
  if (!components.empty())
    type += ", components [" +
            llvm::join(llvm::map_range(components,
                                       [](int64_t c) { return std::to_string(c); }),
                       ", ") +
            "]";
  std::vector<std::string> unknown(param.shape.size(), "?");
  type += ", strides [" + llvm::join(unknown, ", ") + "]>";
  std::vector<std::string> counters, zeros;
  for (unsigned d = 0; d < rank; ++d) {
    counters.push_back("%x" + std::to_string(d));
    zeros.push_back("0");
  }
  std::string offsets = "[" + llvm::join(zeros, ", ") + "]";
  std::string body;
  int value = 0;
  forEachIndex(components.empty() ? std::vector<int64_t>{1} : components,
               [&](llvm::ArrayRef<int64_t> component) {
                 std::string access = offsets;
                 if (!components.empty())
                   access += "(" +
                             llvm::join(llvm::map_range(component,
                                                        [](int64_t c) {
                                                          return std::to_string(c);
                                                        }),
                                        ", ") +
                             ")";
                 std::string v = "%v" + std::to_string(value++);
                 body += "    " + v + " = ps.load %src" + access + " : " +
                         type + "\n";
                 body += "    ps.store " + v + ", %dst" + access + " : " +
                         type + "\n";
               });
  return "ps.kernel @copy(%src: " + type + ", %dst: " + type + ") {\n" +
         "  ps.iterate (" + llvm::join(counters, ", ") +
         ") in %dst ghost 0 : " + type + " {\n" + body + "  }\n" +
         "  ps.return\n}\n";
}

llvm::Expected<GhostExchange> GhostExchange::create(DistributedField &field,
                                                    bool facesOnly) {
  return create(field, getNeighbourDirections(
                           field.getDecomposition().getRank(), facesOnly));
}

llvm::Expected<GhostExchange>
GhostExchange::create(DistributedField &field,
                      const std::vector<std::vector<int>> &received) {
  GhostExchange result;
  result.field = &field;
  auto module = cache::KernelCache::global().get(
      getCopyKernelSource(field.getParameter()));
  if (!module)
    return module.takeError();
  result.copyModule = *module;

  const Decomposition &decomposition = field.getDecomposition();
  unsigned rank = decomposition.getRank();
  int64_t g = field.getGhostLayers();
  const auto &local = decomposition.getLocalShape();
  int64_t perPoint = 1;
  for (size_t d = rank; d < field.getShape().size(); ++d)
    perPoint *= field.getShape()[d];
  // A transfer in direction d sends the layers next to side d and receives
  // the ghost layers there, which the neighbour sends in direction -d: so
  // the set of directions is made symmetric, on every rank alike.
  std::vector<std::vector<int>> directions;
  for (const std::vector<int> &direction : received) {
    std::vector<int> opposite(direction);
    for (int &v : opposite)
      v = -v;
    for (const std::vector<int> *d :
         {&direction, static_cast<const std::vector<int> *>(&opposite)})
      if (!llvm::is_contained(directions, *d))
        directions.push_back(*d);
  }
  // Tags name the direction a message travels in.
  auto tagOf = [&](const std::vector<int> &direction) {
    int tag = 0;
    for (int d = rank - 1; d >= 0; --d)
      tag = tag * 3 + direction[d] + 1;
    return tag;
  };
  for (const std::vector<int> &direction : directions) {
    int neighbour = decomposition.getNeighbour(direction);
    if (neighbour == MPI_PROC_NULL || g == 0)
      continue;
    Transfer transfer;
    transfer.neighbour = neighbour;
    transfer.sendTag = tagOf(direction);
    std::vector<int> opposite(direction);
    for (int &v : opposite)
      v = -v;
    transfer.receiveTag = tagOf(opposite);
    int64_t elements = perPoint;
    for (unsigned d = 0; d < rank; ++d) {
      int64_t n = local[d];
      switch (direction[d]) {
      case -1:
        transfer.sendStart.push_back(g);
        transfer.receiveStart.push_back(0);
        transfer.extent.push_back(g);
        break;
      case 0:
        transfer.sendStart.push_back(g);
        transfer.receiveStart.push_back(g);
        transfer.extent.push_back(n);
        break;
      default:
        transfer.sendStart.push_back(n);
        transfer.receiveStart.push_back(n + g);
        transfer.extent.push_back(g);
      }
      elements *= transfer.extent.back();
    }
    transfer.sendBuffer.resize(elements);
    transfer.receiveBuffer.resize(elements);
    result.transfers.push_back(std::move(transfer));
  }
  return std::move(result);
}

llvm::Error GhostExchange::copy(runtime::BufferView from,
                                runtime::BufferView to) {
  const runtime::Kernel *kernel = copyModule->lookup("copy");
  return (*kernel)(runtime::ArgumentList().field("src", std::move(from))
                       .field("dst", std::move(to)));
}

/// A dense view of `buffer` with the shape of `region` in `memoryOrder`.
static runtime::BufferView bufferView(std::vector<double> &buffer,
                                      const runtime::BufferView &region,
                                      llvm::ArrayRef<unsigned> memoryOrder) {
  return runtime::BufferView{buffer.data(), runtime::ScalarType::f64,
                             region.shape,
                             getDenseStrides(region.shape, memoryOrder)};
}

llvm::Error GhostExchange::exchange() {
  if (llvm::Error error = begin())
    return error;
  return finish();
}

llvm::Error GhostExchange::begin() {
  MPI_Comm comm = field->getDecomposition().getComm();
  const auto &order = field->getParameter().memoryOrder;
  requests.clear();
  for (Transfer &transfer : transfers) {
    requests.emplace_back();
    MPI_Irecv(transfer.receiveBuffer.data(), transfer.receiveBuffer.size(),
              MPI_DOUBLE, transfer.neighbour, transfer.receiveTag, comm,
              &requests.back());
  }
  for (Transfer &transfer : transfers) {
    runtime::BufferView region =
        field->region(transfer.sendStart, transfer.extent);
    if (llvm::Error error =
            copy(region, bufferView(transfer.sendBuffer, region, order)))
      return error;
    requests.emplace_back();
    MPI_Isend(transfer.sendBuffer.data(), transfer.sendBuffer.size(),
              MPI_DOUBLE, transfer.neighbour, transfer.sendTag, comm,
              &requests.back());
  }
  return llvm::Error::success();
}

llvm::Error GhostExchange::finish() {
  const auto &order = field->getParameter().memoryOrder;
  MPI_Waitall(requests.size(), requests.data(), MPI_STATUSES_IGNORE);
  requests.clear();
  for (Transfer &transfer : transfers) {
    runtime::BufferView region =
        field->region(transfer.receiveStart, transfer.extent);
    if (llvm::Error error =
            copy(bufferView(transfer.receiveBuffer, region, order), region))
      return error;
  }
  return llvm::Error::success();
}
