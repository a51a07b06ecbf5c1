//===- BlockNest.cpp - Spatial blocking of one 3D loop nest ---------------===//

#include "Stencil/Conversion/Block/BlockNest.h"
#include "Stencil/IR/PsDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::ps;

static std::optional<int64_t> getSpaceDim(Operation *op) {
  if (auto dim = op->getAttrOfType<IntegerAttr>(
          PsDialect::DimAttrHelper::getNameStr()))
    return dim.getInt();
  return std::nullopt;
}

scf::ForOp mlir::ps::getBlockableRows(scf::ForOp outer) {
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

int64_t mlir::ps::getPlaneReach(scf::ForOp outer) {
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

scf::ForOp mlir::ps::blockNest(scf::ForOp outer, scf::ForOp rows,
                               unsigned blockRows) {
  Location loc = outer.getLoc();
  OpBuilder builder(outer);
  // A block is `blockRows` iterations of the rows' loop.
  Value step = rows.getStep();
  Value width = arith::MulIOp::create(
      builder, loc, step,
      arith::ConstantIndexOp::create(builder, loc, blockRows));
  auto blocks = scf::ForOp::create(builder, loc, rows.getLowerBound(),
                                   rows.getUpperBound(), width);
  blocks->setAttr(PsDialect::DimAttrHelper::getNameStr(),
                  builder.getI64IntegerAttr(*getSpaceDim(rows)));
  outer->moveBefore(blocks.getBody()->getTerminator());
  builder.setInsertionPoint(rows);
  Value start = blocks.getInductionVar();
  Value end = arith::MinSIOp::create(
      builder, loc, arith::AddIOp::create(builder, loc, start, width),
      rows.getUpperBound());
  rows.getLowerBoundMutable().assign(start);
  rows.getUpperBoundMutable().assign(end);
  return blocks;
}
