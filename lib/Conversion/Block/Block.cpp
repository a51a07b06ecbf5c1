//===- Block.cpp - Spatial blocking of 3D loop nests ----------------------===//

#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/Vectorize/CostModel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

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

/// The loop over rows directly inside the loop over planes `outer` (y in z
/// for the default layout, the second index in the first for NumPy's C
/// layout), if it is the only loop there, runs over the iteration space
/// around a third loop of it, steps by a constant and has bounds defined
/// outside `outer`.
scf::ForOp getBlockableInner(scf::ForOp outer) {
  scf::ForOp inner;
  for (Operation &op : outer.getBody()->without_terminator()) {
    auto loop = dyn_cast<scf::ForOp>(op);
    if (!loop)
      continue;
    if (inner)
      return nullptr;
    inner = loop;
  }
  if (!inner || !getSpaceDim(inner) || inner.getNumRegionIterArgs() ||
      !inner.getStep().getDefiningOp<arith::ConstantOp>())
    return nullptr;
  bool rows = false;
  inner.getBody()->walk(
      [&](scf::ForOp loop) { rows |= bool(getSpaceDim(loop)); });
  if (!rows)
    return nullptr;
  for (Value bound : {inner.getLowerBound(), inner.getUpperBound()})
    if (outer->isAncestor(bound.getParentBlock()->getParentOp()))
      return nullptr;
  return inner;
}

/// How many planes away from the current one the loads of the z loop
/// `outer` read: the largest constant added to its counter in an index.
int64_t getPlaneReach(scf::ForOp outer) {
  Value z = outer.getInductionVar();
  int64_t reach = 0;
  outer.walk([&](memref::LoadOp load) {
    for (Value index : load.getIndices()) {
      auto add = index.getDefiningOp<arith::AddIOp>();
      if (!add)
        continue;
      Value other = add.getLhs() == z   ? add.getRhs()
                    : add.getRhs() == z ? add.getLhs()
                                        : Value();
      if (std::optional<int64_t> offset =
              other ? getConstantIntValue(other) : std::nullopt)
        reach = std::max(reach, std::abs(*offset));
    }
  });
  return reach;
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
      if (scf::ForOp inner = getBlockableInner(outer))
        nests.push_back({outer, inner});
    });
    for (auto [outer, inner] : nests) {
      Location loc = outer.getLoc();
      OpBuilder builder(outer);
      // A block is `rows` iterations of the y loop.
      Value step = inner.getStep();
      Value width = arith::MulIOp::create(
          builder, loc, step,
          arith::ConstantIndexOp::create(builder, loc, rows));
      auto blocks = scf::ForOp::create(builder, loc, inner.getLowerBound(),
                                       inner.getUpperBound(), width);
      blocks->setAttr(PsDialect::DimAttrHelper::getNameStr(),
                      builder.getI64IntegerAttr(*getSpaceDim(inner)));
      outer->moveBefore(blocks.getBody()->getTerminator());
      builder.setInsertionPoint(inner);
      Value start = blocks.getInductionVar();
      Value end = arith::MinSIOp::create(
          builder, loc, arith::AddIOp::create(builder, loc, start, width),
          inner.getUpperBound());
      inner.getLowerBoundMutable().assign(start);
      inner.getUpperBoundMutable().assign(end);
    }
  }
};

} // namespace
