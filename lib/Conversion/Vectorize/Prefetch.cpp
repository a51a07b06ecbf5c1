//===- Prefetch.cpp - ps-vectorize{prefetch=N}: the leading rows ----------===//
//
// A 3D stencil's innermost loop reads a few rows from memory and the rest
// from cache: heat3d's x-loop at (y, z) reads row y+1 of plane z+1 for the
// first time, rows y-1 and y of that plane were read by the two loops
// before it, and planes z-1 and z in the sweep before. The hardware
// prefetcher follows that one stream late: it starts at every row anew and
// stops at the row's end, a few hundred bytes later. A software prefetch a
// few KiB ahead of the leading row, one per cache line, keeps the stream in
// flight across rows (bench/README.md, "Software prefetch").
//
//===----------------------------------------------------------------------===//

#include "LoopVectorizer.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"

#include <map>

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::vectorize;

namespace {

/// An index as a root value plus a constant: `(z + 1) + 1` is z plus 2.
/// A constant index has no root.
struct SplitIndex {
  Value root;
  int64_t offset = 0;
};

SplitIndex splitIndex(Value index) {
  SplitIndex split{index, 0};
  while (Operation *def = split.root.getDefiningOp()) {
    if (std::optional<int64_t> constant = getConstantIntValue(split.root)) {
      split.root = Value();
      split.offset += *constant;
      break;
    }
    if (!isa<arith::AddIOp, arith::SubIOp>(def))
      break;
    std::optional<int64_t> rhs = getConstantIntValue(def->getOperand(1));
    std::optional<int64_t> lhs = getConstantIntValue(def->getOperand(0));
    if (rhs) {
      split.offset += isa<arith::AddIOp>(def) ? *rhs : -*rhs;
      split.root = def->getOperand(0);
    } else if (lhs && isa<arith::AddIOp>(def)) {
      split.offset += *lhs;
      split.root = def->getOperand(1);
    } else {
      break;
    }
  }
  return split;
}

/// The loads of one memref in the loop body, split by dimension, all with
/// the counter in the same dimension and the same roots elsewhere (else
/// the memref has no leading row this analysis can tell).
struct MemrefLoads {
  unsigned counterDim;
  SmallVector<Value> roots;
  /// Each load's offsets in the dimensions other than the counter's, in
  /// the order of `roots`, and its offset from the counter.
  SmallVector<std::tuple<memref::LoadOp, SmallVector<int64_t>, int64_t>> loads;
  bool valid = true;
};

/// The order of the dimensions other than the counter's from the plane's
/// to the row's: by the depth of the loop whose counter each indexes with,
/// outermost first (the lowering nests loops by stride, the contiguous one
/// innermost); a fixed index comes first. None if an index has another
/// root.
std::optional<SmallVector<unsigned>> orderByLoopDepth(scf::ForOp loop,
                                                      ArrayRef<Value> roots) {
  SmallVector<Value> counters;
  for (Operation *op = loop->getParentOp(); op; op = op->getParentOp())
    if (auto outer = dyn_cast<scf::ForOp>(op))
      counters.insert(counters.begin(), outer.getInductionVar());
  SmallVector<std::pair<int64_t, unsigned>> depths;
  for (auto [position, root] : llvm::enumerate(roots)) {
    if (!root) {
      depths.push_back({-1, position});
      continue;
    }
    const Value *counter = llvm::find(counters, root);
    if (counter == counters.end())
      return std::nullopt;
    depths.push_back({counter - counters.begin(), position});
  }
  llvm::stable_sort(depths);
  SmallVector<unsigned> order;
  for (auto [depth, position] : depths)
    order.push_back(position);
  return order;
}

/// Appends to `leading` the loads of `loads` that lead: the `rows` last
/// rows of each of the `planes` last planes (the offsets in the dimensions
/// in `order` but the last are the plane, the last the row), and of a row
/// the load at the largest offset from the counter.
void selectLeadingLoads(const MemrefLoads &loads, ArrayRef<unsigned> order,
                        unsigned planes, unsigned rows,
                        SmallVectorImpl<memref::LoadOp> &leading) {
  using Plane = SmallVector<int64_t>;
  std::map<Plane, std::map<int64_t, std::pair<memref::LoadOp, int64_t>>>
      byPlane;
  for (auto &[load, offsets, counterOffset] : loads.loads) {
    Plane plane;
    for (unsigned position : order)
      plane.push_back(offsets[position]);
    int64_t row = 0;
    if (!plane.empty()) {
      row = plane.back();
      plane.pop_back();
    }
    auto [slot, inserted] =
        byPlane[plane].try_emplace(row, load, counterOffset);
    if (!inserted && counterOffset > slot->second.second)
      slot->second = {load, counterOffset};
  }
  unsigned planeCount = 0;
  for (auto plane = byPlane.rbegin();
       plane != byPlane.rend() && planeCount < planes; ++plane, ++planeCount) {
    unsigned rowCount = 0;
    for (auto row = plane->second.rbegin();
         row != plane->second.rend() && rowCount < rows; ++row, ++rowCount)
      leading.push_back(row->second.first);
  }
}

} // namespace

void LoopVectorizer::findLeadingLoads() {
  llvm::MapVector<Value, MemrefLoads> byMemref;
  for (Operation &op : loop.getBody()->without_terminator()) {
    auto load = dyn_cast<memref::LoadOp>(op);
    if (!load || !accessDims.count(&op) || stridedAccesses.contains(&op))
      continue;
    unsigned dim = accessDims.lookup(&op);
    SmallVector<Value> roots;
    SmallVector<int64_t> offsets;
    int64_t counterOffset = 0;
    for (auto [d, index] : llvm::enumerate(load.getIndices())) {
      if (d == dim) {
        auto found = counterOffsets.find(index);
        counterOffset = found == counterOffsets.end() ? 0 : found->second;
        continue;
      }
      SplitIndex split = splitIndex(index);
      roots.push_back(split.root);
      offsets.push_back(split.offset);
    }
    auto [entry, inserted] = byMemref.try_emplace(load.getMemRef());
    MemrefLoads &loads = entry->second;
    if (inserted) {
      loads.counterDim = dim;
      loads.roots = roots;
    } else if (loads.counterDim != dim || loads.roots != roots) {
      loads.valid = false;
    }
    loads.loads.emplace_back(load, std::move(offsets), counterOffset);
  }

  for (auto &[memref, loads] : byMemref) {
    if (!loads.valid)
      continue;
    if (std::optional<SmallVector<unsigned>> order =
            orderByLoopDepth(loop, loads.roots))
      selectLeadingLoads(loads, *order, config.jammedPlanes, config.jammedRows,
                         leadingLoads);
  }
}

void LoopVectorizer::emitPrefetches(OpBuilder &builder, ContiguousViews &views,
                                    Value base, unsigned count) {
  if (config.prefetchBytes == 0)
    return;
  Location loc = loop.getLoc();
  IRMapping mapping;
  mapping.map(loop.getInductionVar(), base);
  for (memref::LoadOp load : leadingLoads) {
    auto [flat, strides] = views.getFlat(load.getMemRef());
    int64_t bytes = load.getType().getIntOrFloatBitWidth() / 8;
    // The point's element, relative to the flat view's start.
    Value element = createIndex(builder, 0);
    for (auto [index, stride] : llvm::zip(load.getIndices(), strides))
      element = arith::AddIOp::create(
          builder, loc, element,
          arith::MulIOp::create(builder, loc,
                                materialize(builder, index, mapping), stride));
    // A prefetch cannot fault, but its address is computed as an inbounds
    // element of the view: it stays on the view's last element.
    Value last = arith::SubIOp::create(
        builder, loc, memref::DimOp::create(builder, loc, flat, 0),
        createIndex(builder, 1));
    int64_t lineElements = std::max<int64_t>(1, kCacheLineBytes / bytes);
    int64_t lines = std::max<int64_t>(
        1, llvm::divideCeil(int64_t(count) * lanes, lineElements));
    for (int64_t line = 0; line < lines; ++line) {
      Value ahead = arith::AddIOp::create(
          builder, loc, element,
          createIndex(builder,
                      config.prefetchBytes / bytes + line * lineElements));
      Value clamped = arith::MinSIOp::create(builder, loc, ahead, last);
      memref::PrefetchOp::create(builder, loc, flat, ValueRange{clamped},
                                 /*isWrite=*/false, /*localityHint=*/3,
                                 /*isDataCache=*/true);
    }
  }
}
