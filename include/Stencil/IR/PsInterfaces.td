//===- PsInterfaces.td - Interfaces of the ps dialect ------*- tablegen -*-===//

#ifndef STENCIL_IR_PSINTERFACES_TD
#define STENCIL_IR_PSINTERFACES_TD

include "mlir/IR/OpBase.td"

def Ps_IterationSpaceOpInterface : OpInterface<"IterationSpaceOpInterface"> {
  let description = [{
    An iteration space: a region executed once per point, with the point's
    spatial coordinates as block arguments (the counters). Field accesses in
    the region are relative to the point. Points are independent: there is no
    order among them, which is what `ps-analyze` checks.
  }];
  let cppNamespace = "::mlir::ps";
  let methods = [
    InterfaceMethod<"The number of spatial dimensions iterated over.",
      "unsigned", "getSpatialRank", (ins), [{}], [{
        return $_op.getBody()->getNumArguments();
      }]>,
    InterfaceMethod<"The counters: one block argument per spatial dimension.",
      "::mlir::Block::BlockArgListType", "getCounters", (ins), [{}], [{
        return $_op.getBody()->getArguments();
      }]>,
    InterfaceMethod<[{
        Per-dimension steps of the point lattice if the points form one
        (dense spaces), std::nullopt for points from an index list.
      }],
      "std::optional<::llvm::SmallVector<int64_t>>", "getLatticeSteps">,
  ];
}

#endif // STENCIL_IR_PSINTERFACES_TD
