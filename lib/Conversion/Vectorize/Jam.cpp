//===- Jam.cpp - Unroll-and-jam of the loop around an innermost loop ------===//

#include "Stencil/Conversion/Vectorize/Jam.h"
#include "Stencil/Conversion/PsToScf/PsToScf.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;
using namespace mlir::ps;

namespace {

/// An index as a value plus a constant, so that `(y + 1) - 1` in one copy
/// and `y` in another compare equal. `copy` tells apart the copies of a
/// value computed in the loop body that no mapping names (when loads are
/// only counted, nothing is cloned).
struct OffsetIndex {
  Value root;
  int64_t offset;
  unsigned copy = 0;
  bool operator==(const OffsetIndex &other) const {
    return root == other.root && offset == other.offset && copy == other.copy;
  }
};

/// The loads made so far in the jammed body, by memref and indices.
struct LoadKey {
  Value memref;
  SmallVector<OffsetIndex> indices;
};

class Jammer {
public:
  Jammer(scf::ForOp outer, scf::ForOp inner) : outer(outer), inner(inner) {}

  /// Builds the jammed loop nest in front of `outer`.
  void build(OpBuilder &builder, Value lower, Value upper, unsigned factor,
             scf::ForOp &jammedInner);
  /// What build would load, without building anything.
  JamLoads count(unsigned factor);

private:
  /// `value` of the original body as a root and offset in copy `copy`.
  OffsetIndex decompose(Value value, unsigned copy, const IRMapping &mapping);
  /// The entry of the load that `load` of copy `copy` repeats (none: a
  /// new load, whose key is `key`).
  std::pair<LoadKey, Value> *findLoad(memref::LoadOp load, unsigned copy,
                                      const IRMapping &mapping, LoadKey &key);
  /// Later loads of `memref` may read what a store wrote.
  void forgetLoadsOf(Value memref);
  void cloneOp(OpBuilder &builder, Operation &op, unsigned copy,
               IRMapping &mapping);

  scf::ForOp outer, inner;
  Value row; // The jammed loop's counter: copy k works on row + k.
  SmallVector<std::pair<LoadKey, Value>> loads;
};

OffsetIndex Jammer::decompose(Value value, unsigned copy,
                              const IRMapping &mapping) {
  if (value == outer.getInductionVar())
    return {row, int64_t(copy)};
  Operation *def = value.getDefiningOp();
  bool local = def && outer.getBody()->findAncestorOpInBlock(*def);
  if (local && isa<arith::AddIOp, arith::SubIOp>(def)) {
    std::optional<int64_t> rhs = getConstantIntValue(def->getOperand(1));
    std::optional<int64_t> lhs = getConstantIntValue(def->getOperand(0));
    if (rhs) {
      OffsetIndex base = decompose(def->getOperand(0), copy, mapping);
      base.offset += isa<arith::AddIOp>(def) ? *rhs : -*rhs;
      return base;
    }
    if (lhs && isa<arith::AddIOp>(def)) {
      OffsetIndex base = decompose(def->getOperand(1), copy, mapping);
      base.offset += *lhs;
      return base;
    }
  }
  if (local && !mapping.contains(value))
    return {value, 0, copy + 1};
  return {mapping.lookupOrDefault(value), 0};
}

std::pair<LoadKey, Value> *Jammer::findLoad(memref::LoadOp load, unsigned copy,
                                            const IRMapping &mapping,
                                            LoadKey &key) {
  key = LoadKey{mapping.lookupOrDefault(load.getMemRef()), {}};
  for (Value index : load.getIndices())
    key.indices.push_back(decompose(index, copy, mapping));
  auto *known = llvm::find_if(loads, [&](const auto &entry) {
    return entry.first.memref == key.memref &&
           entry.first.indices == key.indices;
  });
  return known == loads.end() ? nullptr : known;
}

void Jammer::forgetLoadsOf(Value memref) {
  llvm::erase_if(
      loads, [&](const auto &entry) { return entry.first.memref == memref; });
}

void Jammer::cloneOp(OpBuilder &builder, Operation &op, unsigned copy,
                     IRMapping &mapping) {
  if (auto load = dyn_cast<memref::LoadOp>(op)) {
    LoadKey key;
    if (auto *known = findLoad(load, copy, mapping, key)) {
      mapping.map(load.getResult(), known->second);
      return;
    }
    Operation *clone = builder.clone(op, mapping);
    loads.push_back({std::move(key), clone->getResult(0)});
    return;
  }
  if (auto store = dyn_cast<memref::StoreOp>(op))
    forgetLoadsOf(mapping.lookupOrDefault(store.getMemRef()));
  builder.clone(op, mapping);
}

JamLoads Jammer::count(unsigned factor) {
  // The outer loop's counter stands for the jammed one's: copy k is at
  // row + k. Nothing is cloned, so no mapping names a value.
  row = outer.getInductionVar();
  IRMapping none;
  JamLoads result;
  for (Operation &op : inner.getBody()->without_terminator())
    for (unsigned copy = 0; copy < factor; ++copy) {
      if (auto load = dyn_cast<memref::LoadOp>(op)) {
        ++result.unjammed;
        LoadKey key;
        if (!findLoad(load, copy, none, key)) {
          ++result.jammed;
          loads.push_back({std::move(key), Value()});
        }
      } else if (auto store = dyn_cast<memref::StoreOp>(op)) {
        forgetLoadsOf(store.getMemRef());
      }
    }
  loads.clear();
  return result;
}

void Jammer::build(OpBuilder &builder, Value lower, Value upper,
                   unsigned factor, scf::ForOp &jammedInner) {
  Location loc = outer.getLoc();
  Value step = arith::ConstantIndexOp::create(builder, loc, factor);
  auto jammed = scf::ForOp::create(builder, loc, lower, upper, step);
  jammed->setAttrs(outer->getDiscardableAttrDictionary());
  row = jammed.getInductionVar();
  OpBuilder body = OpBuilder::atBlockBegin(jammed.getBody());
  // The code beside the inner loop, once per row.
  SmallVector<IRMapping> mappings(factor);
  for (unsigned copy = 0; copy < factor; ++copy) {
    Value at = row;
    if (copy != 0)
      at = arith::AddIOp::create(
          body, loc, row, arith::ConstantIndexOp::create(body, loc, copy));
    mappings[copy].map(outer.getInductionVar(), at);
    for (Operation &op : outer.getBody()->without_terminator())
      if (&op != inner.getOperation())
        body.clone(op, mappings[copy]);
  }
  // Inner bounds are invariant in the outer loop (checked by the caller).
  jammedInner = scf::ForOp::create(body, loc, inner.getLowerBound(),
                                   inner.getUpperBound(), inner.getStep());
  jammedInner->setAttrs(inner->getDiscardableAttrDictionary());
  OpBuilder innerBody = OpBuilder::atBlockBegin(jammedInner.getBody());
  for (IRMapping &mapping : mappings)
    mapping.map(inner.getInductionVar(), jammedInner.getInductionVar());
  // Operation by operation, the copies in turn, as the vectorizer unrolls:
  // a load that copies share is then used soon after it is made, instead
  // of staying live from the first copy's use to the last's, which spilled
  // the 27 weights and rows of box27 to the stack. The copies compute
  // distinct points, so their order does not matter (ps-analyze); within a
  // copy, the body's order is kept.
  for (Operation &op : inner.getBody()->without_terminator())
    for (unsigned copy = 0; copy < factor; ++copy)
      cloneOp(innerBody, op, copy, mappings[copy]);
}

} // namespace

JamLoads mlir::ps::countJamLoads(scf::ForOp inner, unsigned factor) {
  auto outer = dyn_cast<scf::ForOp>(inner->getParentOp());
  if (!outer)
    return {};
  return Jammer(outer, inner).count(factor);
}

FailureOr<JammedLoops> mlir::ps::jamEnclosingLoop(scf::ForOp inner,
                                                  unsigned factor,
                                                  std::string &reason) {
  auto outer = dyn_cast<scf::ForOp>(inner->getParentOp());
  if (!outer || !outer->hasAttr(PsDialect::DimAttrHelper::getNameStr())) {
    reason = "no loop of the iteration space encloses it";
    return failure();
  }
  auto outermost = dyn_cast<scf::ForOp>(outer->getParentOp());
  if (!outermost ||
      !outermost->hasAttr(PsDialect::DimAttrHelper::getNameStr())) {
    reason = "the enclosing loop is the outermost of its nest, which threads "
             "split (jam works on the middle loop of 3D nests)";
    return failure();
  }
  std::optional<int64_t> step = getConstantIntValue(outer.getStep());
  if (!step || *step != 1 || outer.getNumRegionIterArgs() != 0 ||
      inner.getNumRegionIterArgs() != 0) {
    reason = "the enclosing loop steps by other than 1 or carries values";
    return failure();
  }
  for (Operation &op : outer.getBody()->without_terminator()) {
    if (&op == inner.getOperation())
      continue;
    if (!isMemoryEffectFree(&op) || op.getNumRegions() != 0 ||
        !op.isBeforeInBlock(inner)) {
      reason = "the enclosing loop does more than the inner loop and the "
               "side-effect free code before it";
      return failure();
    }
  }
  for (Value bound :
       {inner.getLowerBound(), inner.getUpperBound(), inner.getStep()}) {
    if (Operation *def = bound.getDefiningOp(); def && outer->isAncestor(def)) {
      reason = "the bounds of the inner loop change with the enclosing one";
      return failure();
    }
  }
  for (Operation &op : inner.getBody()->without_terminator())
    if (op.getNumRegions() != 0) {
      reason = "the inner loop has control flow";
      return failure();
    }

  // Whole groups of `factor` rows, then the rows left over.
  OpBuilder builder(outer);
  Location loc = outer.getLoc();
  Value lower = outer.getLowerBound(), upper = outer.getUpperBound();
  Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
  Value size = arith::ConstantIndexOp::create(builder, loc, factor);
  Value rows = arith::MaxSIOp::create(
      builder, loc, arith::SubIOp::create(builder, loc, upper, lower), zero);
  Value groupsEnd = arith::AddIOp::create(
      builder, loc, lower,
      arith::MulIOp::create(builder, loc,
                            arith::DivSIOp::create(builder, loc, rows, size),
                            size));
  JammedLoops result;
  Jammer(outer, inner).build(builder, lower, groupsEnd, factor, result.jammed);
  auto rest = cast<scf::ForOp>(builder.clone(*outer));
  rest.getLowerBoundMutable().assign(groupsEnd);
  rest.getBody()->walk([&](scf::ForOp loop) {
    if (loop->hasAttr(PsDialect::DimAttrHelper::getNameStr()))
      result.remainder = loop;
  });
  outer.erase();
  return result;
}
