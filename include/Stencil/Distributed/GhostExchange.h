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

namespace mlir::ps::distributed {

/// The ps IR of a kernel `copy(src, dst)` between two strided views of
/// `param`'s type (any strides), every component.
std::string getCopyKernelSource(const runtime::ParameterInfo &param);

class GhostExchange {
public:
  /// Prepares the exchange of `field`'s ghost layers with the neighbours in
  /// every direction (`facesOnly`: only across faces).
  static llvm::Expected<GhostExchange> create(DistributedField &field,
                                              bool facesOnly = false);
  /// The same for the ghost layers in `directions` only (entries -1, 0, 1):
  /// a rank receives those and sends the opposite ones.
  static llvm::Expected<GhostExchange>
  create(DistributedField &field,
         const std::vector<std::vector<int>> &directions);

  /// Packs, sends, receives and unpacks. Collective over the neighbours.
  llvm::Error exchange();
  /// The two halves of exchange(), for work in between that reads no ghost
  /// layer: packs and posts the transfers ...
  llvm::Error begin();
  /// ... then waits for them and unpacks.
  llvm::Error finish();

private:
  struct Transfer {
    int neighbour, sendTag, receiveTag;
    std::vector<int64_t> sendStart, receiveStart, extent;
    std::vector<double> sendBuffer, receiveBuffer;
  };
  GhostExchange() = default;
  llvm::Error copy(runtime::BufferView from, runtime::BufferView to);

  DistributedField *field = nullptr;
  std::shared_ptr<runtime::KernelModule> copyModule;
  std::vector<Transfer> transfers;
  std::vector<MPI_Request> requests;
};

} // namespace mlir::ps::distributed

#endif // STENCIL_DISTRIBUTED_GHOSTEXCHANGE_H
