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

/// A loop counter of the original nest and what stands for it in the jam:
/// copy c works on `row` + (c / stride) % factor.
struct JamCounter {
  Value original, row;
  unsigned factor, stride;
};

class Jammer {
public:
  /// Jams `outer`, which encloses `inner` through loops that the jam
  /// keeps (one for a jam of planes: the rows' loop).
  Jammer(scf::ForOp outer, scf::ForOp inner) : outer(outer), inner(inner) {}

  /// Builds the jammed loop nest in front of `outer`.
  void build(OpBuilder &builder, Value lower, Value upper, unsigned factor,
             scf::ForOp &jammedInner);
  /// What a jam of each of `loops` (enclosing `inner`, inside `outer` or
  /// `outer` itself) by its factor would load, without building anything.
  JamLoads count(ArrayRef<std::pair<scf::ForOp, unsigned>> loops);

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
  SmallVector<JamCounter> counters;
  SmallVector<std::pair<LoadKey, Value>> loads;
};

OffsetIndex Jammer::decompose(Value value, unsigned copy,
                              const IRMapping &mapping) {
  for (const JamCounter &counter : counters)
    if (value == counter.original)
      return {counter.row, int64_t(copy / counter.stride % counter.factor)};
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

JamLoads Jammer::count(ArrayRef<std::pair<scf::ForOp, unsigned>> loops) {
  // Each loop's counter stands for its jammed one's. Nothing is cloned, so
  // no mapping names a value.
  unsigned copies = 1;
  for (auto [loop, factor] : llvm::reverse(loops)) {
    counters.push_back(
        {loop.getInductionVar(), loop.getInductionVar(), factor, copies});
    copies *= factor;
  }
  IRMapping none;
  JamLoads result;
  for (Operation &op : inner.getBody()->without_terminator())
    for (unsigned copy = 0; copy < copies; ++copy) {
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
  counters.clear();
  return result;
}

/// The loop of `loop`'s body that is or encloses `inner`.
static scf::ForOp getLoopToward(scf::ForOp loop, scf::ForOp inner) {
  return cast<scf::ForOp>(loop.getBody()->findAncestorOpInBlock(*inner));
}

void Jammer::build(OpBuilder &builder, Value lower, Value upper,
                   unsigned factor, scf::ForOp &jammedInner) {
  Location loc = outer.getLoc();
  Value step = arith::ConstantIndexOp::create(builder, loc, factor);
  auto jammed = scf::ForOp::create(builder, loc, lower, upper, step);
  jammed->setAttrs(outer->getDiscardableAttrDictionary());
  Value row = jammed.getInductionVar();
  counters = {{outer.getInductionVar(), row, factor, 1}};
  OpBuilder body = OpBuilder::atBlockBegin(jammed.getBody());
  SmallVector<IRMapping> mappings(factor);
  for (unsigned copy = 0; copy < factor; ++copy) {
    Value at = row;
    if (copy != 0)
      at = arith::AddIOp::create(
          body, loc, row, arith::ConstantIndexOp::create(body, loc, copy));
    mappings[copy].map(outer.getInductionVar(), at);
  }
  // Down the loops to `inner`: the code beside each loop once per copy,
  // then one loop for all copies (bounds invariant in `outer`, checked by
  // the caller).
  for (scf::ForOp level = outer; level != inner;) {
    scf::ForOp next = getLoopToward(level, inner);
    for (unsigned copy = 0; copy < factor; ++copy)
      for (Operation &op : level.getBody()->without_terminator())
        if (&op != next.getOperation())
          body.clone(op, mappings[copy]);
    // Copy 0's bounds: the copies' are the same values.
    IRMapping &first = mappings.front();
    auto loop = scf::ForOp::create(body, loc,
                                   first.lookupOrDefault(next.getLowerBound()),
                                   first.lookupOrDefault(next.getUpperBound()),
                                   first.lookupOrDefault(next.getStep()));
    loop->setAttrs(next->getDiscardableAttrDictionary());
    for (IRMapping &mapping : mappings)
      mapping.map(next.getInductionVar(), loop.getInductionVar());
    body = OpBuilder::atBlockBegin(loop.getBody());
    jammedInner = loop;
    level = next;
  }
  // Operation by operation, the copies in turn, as the vectorizer unrolls:
  // a load that copies share is then used soon after it is made, instead
  // of staying live from the first copy's use to the last's, which spilled
  // the 27 weights and rows of box27 to the stack. The copies compute
  // distinct points, so their order does not matter (ps-analyze); within a
  // copy, the body's order is kept. (Delaying each copy until the loads it
  // shares are made spilled less for a jam of planes and rows, but ran
  // 0.93-0.97x as fast on the Zen 5 machine: the copies overlap less.)
  for (Operation &op : inner.getBody()->without_terminator())
    for (unsigned copy = 0; copy < factor; ++copy)
      cloneOp(body, op, copy, mappings[copy]);
  counters.clear();
}

} // namespace

JamLoads mlir::ps::countJamLoads(scf::ForOp inner, unsigned rows,
                                 unsigned planes) {
  auto middle = dyn_cast<scf::ForOp>(inner->getParentOp());
  if (!middle)
    return {};
  if (planes == 1)
    return Jammer(middle, inner).count({{middle, rows}});
  auto outer = dyn_cast<scf::ForOp>(middle->getParentOp());
  if (!outer)
    return {};
  return Jammer(outer, inner).count({{outer, planes}, {middle, rows}});
}

/// True if `value` is computed from `counter` (the bounds of a block's
/// rows are computed from the block's counter, not from an outer loop's).
static bool dependsOn(Value value, Value counter) {
  if (value == counter)
    return true;
  Operation *def = value.getDefiningOp();
  if (!def || def->getNumRegions() != 0)
    return false;
  return llvm::any_of(def->getOperands(), [&](Value operand) {
    return dependsOn(operand, counter);
  });
}

/// Why `outer`, with `inner` in its body or below, cannot be jammed (empty
/// if it can): every loop from `outer` to `inner` must carry no values and
/// hold only side-effect free code before the next loop down, and the loops
/// below `outer` must have bounds that `outer` does not change.
static std::string checkJammable(scf::ForOp outer, scf::ForOp inner) {
  std::optional<int64_t> step = getConstantIntValue(outer.getStep());
  if (!step || *step != 1)
    return "the enclosing loop steps by other than 1 or carries values";
  for (scf::ForOp level = outer; level != inner;) {
    scf::ForOp next = getLoopToward(level, inner);
    if (level.getNumRegionIterArgs() != 0 || next.getNumRegionIterArgs() != 0)
      return "the enclosing loop steps by other than 1 or carries values";
    for (Operation &op : level.getBody()->without_terminator()) {
      if (&op == next.getOperation())
        continue;
      if (!isMemoryEffectFree(&op) || op.getNumRegions() != 0 ||
          !op.isBeforeInBlock(next))
        return "the enclosing loop does more than the inner loop and the "
               "side-effect free code before it";
    }
    for (Value bound :
         {next.getLowerBound(), next.getUpperBound(), next.getStep()})
      if (dependsOn(bound, outer.getInductionVar()))
        return "the bounds of the inner loop change with the enclosing one";
    level = next;
  }
  for (Operation &op : inner.getBody()->without_terminator())
    if (op.getNumRegions() != 0)
      return "the inner loop has control flow";
  return "";
}

/// Jams `factor` iterations of `outer` into one, down to `inner`, with a
/// copy of the original nest for the iterations left over.
static FailureOr<JammedLoops> jamLoop(scf::ForOp outer, scf::ForOp inner,
                                      unsigned factor, std::string &reason) {
  reason = checkJammable(outer, inner);
  if (!reason.empty())
    return failure();
  // Whole groups of `factor` iterations, then the ones left over.
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
    bool nested = false;
    loop.getBody()->walk([&](scf::ForOp) { nested = true; });
    if (!nested)
      result.remainder = loop;
  });
  outer.erase();
  return result;
}

/// The loop of the iteration space that directly encloses `loop`, if any.
static scf::ForOp getEnclosingSpaceLoop(scf::ForOp loop) {
  auto parent = dyn_cast<scf::ForOp>(loop->getParentOp());
  if (!parent || !parent->hasAttr(PsDialect::DimAttrHelper::getNameStr()))
    return nullptr;
  return parent;
}

FailureOr<JammedLoops> mlir::ps::jamEnclosingLoop(scf::ForOp inner,
                                                  unsigned factor,
                                                  std::string &reason) {
  scf::ForOp outer = getEnclosingSpaceLoop(inner);
  if (!outer) {
    reason = "no loop of the iteration space encloses it";
    return failure();
  }
  if (!getEnclosingSpaceLoop(outer)) {
    reason = "the enclosing loop is the outermost of its nest, which threads "
             "split (jam works on the middle loop of 3D nests)";
    return failure();
  }
  return jamLoop(outer, inner, factor, reason);
}

/// The dimension of the iteration space that `loop` runs over.
static int64_t getSpaceDim(scf::ForOp loop) {
  return loop
      ->getAttrOfType<IntegerAttr>(PsDialect::DimAttrHelper::getNameStr())
      .getInt();
}

FailureOr<JammedLoops> mlir::ps::jamPlanes(scf::ForOp inner, unsigned factor,
                                           std::string &reason) {
  // The planes' loop is the first around the rows' loop over a third
  // dimension: the outermost, or in a blocked nest (ps-block) the one
  // inside the blocks of rows.
  scf::ForOp rows = getEnclosingSpaceLoop(inner);
  scf::ForOp planes = rows ? getEnclosingSpaceLoop(rows) : nullptr;
  while (planes && (getSpaceDim(planes) == getSpaceDim(inner) ||
                    getSpaceDim(planes) == getSpaceDim(rows)))
    planes = getEnclosingSpaceLoop(planes);
  if (!planes) {
    reason = "its nest has fewer than 3 loops";
    return failure();
  }
  return jamLoop(planes, inner, factor, reason);
}
