//===- GhostExchange.cpp - Ghost layers from the neighbouring ranks -------===//

#include "Stencil/Distributed/GhostExchange.h"

#include "Stencil/Cache/KernelCache.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir::ps;
using namespace mlir::ps::distributed;

static std::string joinNumbers(llvm::ArrayRef<int64_t> numbers) {
  return llvm::join(
      llvm::map_range(numbers, [](int64_t n) { return std::to_string(n); }),
      ", ");
}

/// `!ps.field<?x...xT[, components [..]], strides [?, ...]>`.
static std::string getStridedType(unsigned rank,
                                  llvm::ArrayRef<int64_t> indexShape,
                                  runtime::ScalarType element) {
  std::string type = "!ps.field<";
  for (unsigned d = 0; d < rank; ++d)
    type += "?x";
  type += runtime::toString(element);
  if (!indexShape.empty())
    type += ", components [" + joinNumbers(indexShape) + "]";
  std::vector<std::string> unknown(rank + indexShape.size(), "?");
  return type + ", strides [" + llvm::join(unknown, ", ") + "]>";
}

/// An MPI type of `type`'s size: the layers move as they are, between ranks
/// of one kind of machine, counted in elements (an int counts up to 2^31 of
/// them, where bytes would overflow at 2 GiB).
static MPI_Datatype getTransferType(runtime::ScalarType type) {
  switch (runtime::getByteSize(type)) {
  case 1:
    return MPI_UINT8_T;
  case 2:
    return MPI_UINT16_T;
  case 4:
    return MPI_UINT32_T;
  default:
    return MPI_UINT64_T;
  }
}

std::string mlir::ps::distributed::getPackKernelSource(
    const runtime::ParameterInfo &param,
    llvm::ArrayRef<std::vector<int64_t>> components) {
  unsigned rank = param.spatialRank;
  std::vector<int64_t> indexShape(param.shape.begin() + rank,
                                  param.shape.end());
  std::string fieldType = getStridedType(rank, indexShape, param.type);
  std::string bufferType =
      indexShape.empty()
          ? fieldType
          : getStridedType(rank, {int64_t(components.size())}, param.type);
  std::vector<std::string> counters, zeros;
  for (unsigned d = 0; d < rank; ++d) {
    counters.push_back("%x" + std::to_string(d));
    zeros.push_back("0");
  }
  std::string at = "[" + llvm::join(zeros, ", ") + "]";
  auto copies = [&](bool pack) {
    std::string body;
    size_t count = indexShape.empty() ? 1 : components.size();
    for (size_t j = 0; j < count; ++j) {
      std::string fieldAt = at, bufferAt = at;
      if (!indexShape.empty()) {
        fieldAt += "(" + joinNumbers(components[j]) + ")";
        bufferAt += "(" + std::to_string(j) + ")";
      }
      std::string v = "%v" + std::to_string(j);
      if (pack)
        body += "    " + v + " = ps.load %field" + fieldAt + " : " + fieldType +
                "\n    ps.store " + v + ", %buffer" + bufferAt + " : " +
                bufferType + "\n";
      else
        body += "    " + v + " = ps.load %buffer" + bufferAt + " : " +
                bufferType + "\n    ps.store " + v + ", %field" + fieldAt +
                " : " + fieldType + "\n";
    }
    return body;
  };
  std::string iterate = "  ps.iterate (" + llvm::join(counters, ", ") + ") in ";
  return "ps.kernel @pack(%field: " + fieldType + ", %buffer: " + bufferType +
         ") {\n" + iterate + "%buffer ghost 0 : " + bufferType + " {\n" +
         copies(true) + "  }\n  ps.return\n}\n" +
         "ps.kernel @unpack(%buffer: " + bufferType + ", %field: " + fieldType +
         ") {\n" + iterate + "%field ghost 0 : " + fieldType + " {\n" +
         copies(false) + "  }\n  ps.return\n}\n";
}

/// Every component of a field (none for one without index dimensions).
static std::vector<std::vector<int64_t>>
getAllComponents(const DistributedField &field) {
  unsigned rank = field.getParameter().spatialRank;
  std::vector<int64_t> indexShape(field.getShape().begin() + rank,
                                  field.getShape().end());
  std::vector<std::vector<int64_t>> components;
  if (!indexShape.empty())
    forEachIndex(indexShape, [&](llvm::ArrayRef<int64_t> component) {
      components.emplace_back(component.begin(), component.end());
    });
  return components;
}

llvm::Expected<GhostExchange> GhostExchange::create(DistributedField &field,
                                                    bool facesOnly) {
  std::vector<GhostRead> reads;
  for (std::vector<int> &direction :
       getNeighbourDirections(field.getDecomposition().getRank(), facesOnly))
    reads.push_back({std::move(direction), getAllComponents(field)});
  return create(field, reads);
}

llvm::Expected<GhostExchange::Side>
GhostExchange::makeSide(std::vector<int64_t> start,
                        const std::vector<int64_t> &extent,
                        std::vector<std::vector<int64_t>> components) {
  Side side;
  side.start = std::move(start);
  side.components = std::move(components);
  int64_t elements = std::max<size_t>(side.components.size(), 1);
  for (int64_t e : extent)
    elements *= e;
  side.buffer.resize(elements *
                     runtime::getByteSize(field->getParameter().type));
  auto module = cache::KernelCache::global().get(
      getPackKernelSource(field->getParameter(), side.components));
  if (!module)
    return module.takeError();
  side.kernels = *module;
  return std::move(side);
}

runtime::BufferView
GhostExchange::bufferView(Side &side, const std::vector<int64_t> &extent) {
  std::vector<int64_t> shape = extent;
  if (field->getShape().size() > extent.size())
    shape.push_back(side.components.size());
  return runtime::BufferView{side.buffer.data(), field->getParameter().type,
                             shape, getDenseStrides(shape, {})};
}

llvm::Expected<GhostExchange>
GhostExchange::create(DistributedField &field,
                      const std::vector<GhostRead> &reads) {
  GhostExchange result;
  result.field = &field;
  const Decomposition &decomposition = field.getDecomposition();
  unsigned rank = decomposition.getRank();
  int64_t g = field.getGhostLayers();
  const auto &local = decomposition.getLocalShape();
  auto readIn = [&](const std::vector<int> &direction)
      -> const std::vector<std::vector<int64_t>> * {
    for (const GhostRead &read : reads)
      if (read.direction == direction)
        return &read.components;
    return nullptr;
  };
  // Tags name the direction a message travels in.
  auto tagOf = [&](const std::vector<int> &direction) {
    int tag = 0;
    for (int d = rank - 1; d >= 0; --d)
      tag = tag * 3 + direction[d] + 1;
    return tag;
  };
  for (const std::vector<int> &direction :
       getNeighbourDirections(rank, /*facesOnly=*/false)) {
    std::vector<int> opposite(direction);
    for (int &v : opposite)
      v = -v;
    // This rank receives into its ghost layers on side `direction` what it
    // reads there; the neighbour on that side reads, in direction
    // `opposite`, what this rank sends it.
    const auto *received = readIn(direction), *sent = readIn(opposite);
    int neighbour = decomposition.getNeighbour(direction);
    if (neighbour == MPI_PROC_NULL || g == 0 || (!received && !sent))
      continue;
    Transfer transfer;
    transfer.neighbour = neighbour;
    transfer.sendTag = tagOf(direction);
    transfer.receiveTag = tagOf(opposite);
    std::vector<int64_t> sendStart, receiveStart;
    for (unsigned d = 0; d < rank; ++d) {
      int64_t n = local[d];
      switch (direction[d]) {
      case -1:
        sendStart.push_back(g);
        receiveStart.push_back(0);
        transfer.extent.push_back(g);
        break;
      case 0:
        sendStart.push_back(g);
        receiveStart.push_back(g);
        transfer.extent.push_back(n);
        break;
      default:
        sendStart.push_back(n);
        receiveStart.push_back(n + g);
        transfer.extent.push_back(g);
      }
    }
    if (sent) {
      auto side = result.makeSide(sendStart, transfer.extent, *sent);
      if (!side)
        return side.takeError();
      transfer.send = std::move(*side);
    }
    if (received) {
      auto side = result.makeSide(receiveStart, transfer.extent, *received);
      if (!side)
        return side.takeError();
      transfer.receive = std::move(*side);
    }
    result.transfers.push_back(std::move(transfer));
  }
  return std::move(result);
}

int64_t GhostExchange::getSentElements() const {
  int64_t total = 0;
  for (const Transfer &transfer : transfers)
    if (transfer.send)
      total += transfer.send->buffer.size();
  return total / runtime::getByteSize(field->getParameter().type);
}

llvm::Error GhostExchange::exchange() {
  if (llvm::Error error = begin())
    return error;
  return finish();
}

llvm::Error GhostExchange::begin() {
  MPI_Comm comm = field->getDecomposition().getComm();
  runtime::ScalarType type = field->getParameter().type;
  MPI_Datatype element = getTransferType(type);
  auto count = [&](const Side &side) {
    return int(side.buffer.size() / runtime::getByteSize(type));
  };
  requests.clear();
  for (Transfer &transfer : transfers)
    if (Side *side = transfer.receive ? &*transfer.receive : nullptr) {
      requests.emplace_back();
      MPI_Irecv(side->buffer.data(), count(*side), element, transfer.neighbour,
                transfer.receiveTag, comm, &requests.back());
    }
  for (Transfer &transfer : transfers) {
    if (!transfer.send)
      continue;
    Side &side = *transfer.send;
    const runtime::Kernel *pack = side.kernels->lookup("pack");
    if (llvm::Error error = (*pack)(
            runtime::ArgumentList()
                .field("field", field->region(side.start, transfer.extent))
                .field("buffer", bufferView(side, transfer.extent))))
      return error;
    requests.emplace_back();
    MPI_Isend(side.buffer.data(), count(side), element, transfer.neighbour,
              transfer.sendTag, comm, &requests.back());
  }
  return llvm::Error::success();
}

llvm::Error GhostExchange::finish() {
  MPI_Waitall(requests.size(), requests.data(), MPI_STATUSES_IGNORE);
  requests.clear();
  for (Transfer &transfer : transfers) {
    if (!transfer.receive)
      continue;
    Side &side = *transfer.receive;
    const runtime::Kernel *unpack = side.kernels->lookup("unpack");
    if (llvm::Error error = (*unpack)(
            runtime::ArgumentList()
                .field("buffer", bufferView(side, transfer.extent))
                .field("field", field->region(side.start, transfer.extent))))
      return error;
  }
  return llvm::Error::success();
}
