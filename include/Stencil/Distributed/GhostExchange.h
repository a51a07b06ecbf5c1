//===- GhostExchange.h - Ghost layers from the neighbouring ranks -*- C++ -*-=//
//
// Before a step, each rank sends the outer layers of its block to its
// neighbours and receives theirs into its ghost layers: faces, and with
// diagonal neighbours edges and corners (D3Q19 and box27 read them, Jacobi
// does not). The layers are packed into contiguous buffers and unpacked by a
// ps kernel generated for the field's type (a copy between strided views,
// compiled once through the kernel cache), and travel with nonblocking MPI
// point-to-point calls.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_DISTRIBUTED_GHOSTEXCHANGE_H
#define STENCIL_DISTRIBUTED_GHOSTEXCHANGE_H

#include "Stencil/Distributed/DistributedField.h"
#include "Stencil/Runtime/KernelModule.h"

#include <memory>
#include <optional>

namespace mlir::ps::distributed {

/// The ghost layers a kernel reads in one direction (entries -1, 0, 1) and
/// the components its loads take there (index tuples; empty for a field
/// without index dimensions, which has one).
struct GhostRead {
  std::vector<int> direction;
  std::vector<std::vector<int64_t>> components;
};

/// The ps IR of `pack(field, buffer)` and `unpack(buffer, field)`: copies
/// between a strided view of `param`'s type and a buffer of the listed
/// `components` (a field without index dimensions: `components` is empty).
std::string
getPackKernelSource(const runtime::ParameterInfo &param,
                    llvm::ArrayRef<std::vector<int64_t>> components);

class GhostExchange {
public:
  /// Prepares the exchange of every component of `field`'s ghost layers
  /// with the neighbours in every direction (`facesOnly`: across faces).
  static llvm::Expected<GhostExchange> create(DistributedField &field,
                                              bool facesOnly = false);
  /// The same for what a kernel reads: a rank receives the components of
  /// `reads` from each of their directions, and sends each neighbour what
  /// that neighbour reads (the reads in the opposite direction).
  static llvm::Expected<GhostExchange>
  create(DistributedField &field, const std::vector<GhostRead> &reads);

  /// Packs, sends, receives and unpacks. Collective over the neighbours.
  llvm::Error exchange();
  /// The two halves of exchange(), for work in between that reads no ghost
  /// layer: packs and posts the transfers ...
  llvm::Error begin();
  /// ... then waits for them and unpacks.
  llvm::Error finish();

  /// Elements sent per exchange, over all directions (for benchmarks).
  int64_t getSentElements() const;

private:
  /// One direction of one transfer: the box of the local array, its
  /// components and their buffer.
  struct Side {
    std::vector<int64_t> start;
    std::vector<std::vector<int64_t>> components;
    /// The bytes of the layers' elements, packed.
    std::vector<uint8_t> buffer;
    std::shared_ptr<runtime::KernelModule> kernels;
  };
  struct Transfer {
    int neighbour, sendTag, receiveTag;
    std::vector<int64_t> extent;
    std::optional<Side> send, receive;
  };
  GhostExchange() = default;
  llvm::Expected<Side> makeSide(std::vector<int64_t> start,
                                const std::vector<int64_t> &extent,
                                std::vector<std::vector<int64_t>> components);
  runtime::BufferView bufferView(Side &side,
                                 const std::vector<int64_t> &extent);

  DistributedField *field = nullptr;
  std::vector<Transfer> transfers;
  std::vector<MPI_Request> requests;
};

} // namespace mlir::ps::distributed

#endif // STENCIL_DISTRIBUTED_GHOSTEXCHANGE_H
