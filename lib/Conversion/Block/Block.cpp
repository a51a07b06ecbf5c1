//===- Block.cpp - Spatial blocking of 3D loop nests ----------------------===//

#include "Stencil/Conversion/Block/BlockNest.h"
#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/Vectorize/CostModel.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSBLOCK
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {

std::optional<int64_t> getSpaceDim(Operation *op) {
  if (auto dim = op->getAttrOfType<IntegerAttr>(
          PsDialect::DimAttrHelper::getNameStr()))
    return dim.getInt();
  return std::nullopt;
}

struct PsBlockPass : ps::impl::PsBlockBase<PsBlockPass> {
  using PsBlockBase::PsBlockBase;

  /// True if an innermost loop of the nest is compute-bound vectorized in
  /// registers of memoryBoundOnly bits, 2 vectors in flight: blocks keep
  /// planes in the caches, which such a nest does not wait for.
  bool isComputeBoundNest(scf::ForOp outer) {
    bool compute = false;
    outer.walk([&](scf::ForOp loop) {
      bool innermost = true;
      loop.getBody()->walk([&](scf::ForOp) { innermost = false; });
      if (innermost &&
          isComputeBound(loop, getLanesOfWidestElement(loop, memoryBoundOnly),
                         2))
        compute = true;
    });
    return compute;
  }

  void runOnOperation() override {
    if (rows == 0)
      return;
    SmallVector<std::pair<scf::ForOp, scf::ForOp>> nests;
    getOperation().walk([&](scf::ForOp outer) {
      if (!getSpaceDim(outer) || outer.getNumRegionIterArgs() ||
          outer->getParentOfType<scf::ForOp>())
        return;
      if (minReach != 0 && getPlaneReach(outer) < int64_t(minReach))
        return;
      if (memoryBoundOnly != 0 && isComputeBoundNest(outer))
        return;
      if (scf::ForOp inner = getBlockableRows(outer))
        nests.push_back({outer, inner});
    });
    for (auto [outer, inner] : nests)
      blockNest(outer, inner, rows);
  }
};

} // namespace
