//===- CostModel.cpp - What bounds a vectorized stencil loop --------------===//

#include "Stencil/Conversion/Vectorize/CostModel.h"
#include "Stencil/Conversion/Vectorize/Jam.h"
#include "Stencil/IR/PsDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::ps;

bool mlir::ps::isComputeBound(scf::ForOp loop, unsigned lanes,
                              unsigned unroll) {
  constexpr double kLatencyCycles = 4, kBytesPerCycle = 4;
  DenseMap<Value, int64_t> depth;
  int64_t chain = 0, storedBytes = 0;
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto store = dyn_cast<memref::StoreOp>(op)) {
      chain = std::max(chain, depth.lookup(store.getValueToStore()));
      storedBytes += store.getMemRefType().getElementTypeBitWidth() / 8;
      continue;
    }
    int64_t operands = 0;
    for (Value operand : op.getOperands())
      operands = std::max(operands, depth.lookup(operand));
    bool floating = op.getNumResults() == 1 &&
                    isa<FloatType>(op.getResult(0).getType()) &&
                    !isa<memref::LoadOp, arith::ConstantOp>(op);
    for (Value result : op.getResults())
      depth[result] = operands + (floating ? 1 : 0);
  }
  if (storedBytes == 0 || lanes == 0 || unroll == 0)
    return false;
  double inCore = double(chain) * kLatencyCycles / double(lanes * unroll);
  double memory = 3.0 * double(storedBytes) / kBytesPerCycle;
  return inCore >= memory;
}

bool mlir::ps::hasFewStoreStreams(scf::ForOp loop) {
  unsigned stores = 0;
  loop.walk([&](memref::StoreOp) { ++stores; });
  return stores <= kMaxStreamingStores;
}

unsigned mlir::ps::chooseJam(scf::ForOp loop, unsigned lanes, unsigned unroll) {
  if (!isComputeBound(loop, lanes, unroll))
    return 1;
  JamLoads loads = countJamLoads(loop, kJamRows);
  if (loads.unjammed == 0)
    return 1;
  double saved = 1.0 - double(loads.jammed) / double(loads.unjammed);
  return saved >= kMinJamSavedLoads ? kJamRows : 1;
}

unsigned mlir::ps::choosePlaneJam(scf::ForOp loop, unsigned rows) {
  if (rows == 1)
    return 1;
  JamLoads alone = countJamLoads(loop, rows);
  JamLoads both = countJamLoads(loop, rows, kJamPlanes);
  if (alone.jammed == 0 || both.jammed == 0)
    return 1;
  double perPoint = double(both.jammed) / double(kJamPlanes);
  double saved = 1.0 - perPoint / double(alone.jammed);
  return saved >= kMinJamSavedLoads ? kJamPlanes : 1;
}

bool mlir::ps::isInBlockedNest(scf::ForOp loop) {
  auto rows = dyn_cast<scf::ForOp>(loop->getParentOp());
  auto dimOf = [](Operation *op) {
    auto dim =
        op->getAttrOfType<IntegerAttr>(PsDialect::DimAttrHelper::getNameStr());
    return dim ? dim.getInt() : -1;
  };
  if (!rows || dimOf(rows) < 0)
    return false;
  for (Operation *parent = rows->getParentOp(); parent && dimOf(parent) >= 0;
       parent = parent->getParentOp())
    if (dimOf(parent) == dimOf(rows))
      return true;
  return false;
}

unsigned mlir::ps::getLanesOfWidestElement(scf::ForOp loop,
                                           unsigned registerBits) {
  unsigned bits = 8;
  loop.walk([&](Operation *op) {
    if (auto load = dyn_cast<memref::LoadOp>(op))
      bits = std::max(bits, load.getMemRefType().getElementTypeBitWidth());
    else if (auto store = dyn_cast<memref::StoreOp>(op))
      bits = std::max(bits, store.getMemRefType().getElementTypeBitWidth());
  });
  return std::max(registerBits / bits, 1u);
}
