//===- IndexBounds.cpp - Ranges of data-dependent access indices ----------===//

#include "Stencil/Analysis/IndexBounds.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::ps;

namespace {

/// Interval arithmetic in 128 bits: a result that leaves int64_t is no
/// bound.
std::optional<IndexRange> fromWide(__int128 a, __int128 b, __int128 c,
                                   __int128 d) {
  __int128 lo = std::min({a, b, c, d}), hi = std::max({a, b, c, d});
  if (lo < INT64_MIN || hi > INT64_MAX)
    return std::nullopt;
  return IndexRange{static_cast<int64_t>(lo), static_cast<int64_t>(hi)};
}

std::optional<IndexRange> boundTable(LookupOp lookup) {
  if (!isa<IntegerType>(lookup.getType()))
    return std::nullopt;
  IndexRange range{INT64_MAX, INT64_MIN};
  for (APInt element : lookup.getTable().getValues<APInt>()) {
    int64_t v = element.getSExtValue();
    range.min = std::min(range.min, v);
    range.max = std::max(range.max, v);
  }
  return range;
}

/// True if every value of `range` fits in the integer type `type`.
bool fitsIn(const IndexRange &range, Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return false;
  unsigned width = integer.getWidth();
  if (width >= 64)
    return true;
  int64_t lo = -(int64_t(1) << (width - 1)),
          hi = (int64_t(1) << (width - 1)) - 1;
  return range.min >= lo && range.max <= hi;
}

} // namespace

std::optional<IndexRange> mlir::ps::boundIndexValue(Value value) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return std::nullopt;
  auto binary = [](Value lhs, Value rhs,
                   auto combine) -> std::optional<IndexRange> {
    std::optional<IndexRange> a = boundIndexValue(lhs);
    std::optional<IndexRange> b = a ? boundIndexValue(rhs) : std::nullopt;
    if (!b)
      return std::nullopt;
    return combine(*a, *b);
  };
  std::optional<IndexRange> range =
      llvm::TypeSwitch<Operation *, std::optional<IndexRange>>(def)
          .Case([](ConstantOp constant) -> std::optional<IndexRange> {
            auto integer = dyn_cast<IntegerAttr>(constant.getValue());
            if (!integer || constant.getType().isInteger(1))
              return std::nullopt;
            int64_t v = integer.getValue().getSExtValue();
            return IndexRange{v, v};
          })
          .Case([](LookupOp lookup) { return boundTable(lookup); })
          .Case([](CastOp cast) { return boundIndexValue(cast.getInput()); })
          .Case([](NegOp neg) -> std::optional<IndexRange> {
            std::optional<IndexRange> a = boundIndexValue(neg.getOperand());
            if (!a)
              return std::nullopt;
            return fromWide(-__int128(a->max), -__int128(a->min),
                            -__int128(a->max), -__int128(a->min));
          })
          .Case([&](AddOp add) {
            return binary(add.getLhs(), add.getRhs(),
                          [](IndexRange a, IndexRange b) {
                            return fromWide(__int128(a.min) + b.min,
                                            __int128(a.max) + b.max,
                                            __int128(a.min) + b.min,
                                            __int128(a.max) + b.max);
                          });
          })
          .Case([&](SubOp sub) {
            return binary(sub.getLhs(), sub.getRhs(),
                          [](IndexRange a, IndexRange b) {
                            return fromWide(__int128(a.min) - b.max,
                                            __int128(a.max) - b.min,
                                            __int128(a.min) - b.max,
                                            __int128(a.max) - b.min);
                          });
          })
          .Case([&](MulOp mul) {
            return binary(mul.getLhs(), mul.getRhs(),
                          [](IndexRange a, IndexRange b) {
                            return fromWide(__int128(a.min) * b.min,
                                            __int128(a.min) * b.max,
                                            __int128(a.max) * b.min,
                                            __int128(a.max) * b.max);
                          });
          })
          .Case([&](SelectOp select) {
            return binary(select.getTrueValue(), select.getFalseValue(),
                          [](IndexRange a, IndexRange b) {
                            return std::optional(
                                IndexRange{std::min(a.min, b.min),
                                           std::max(a.max, b.max)});
                          });
          })
          .Default([](Operation *) { return std::nullopt; });
  // A value whose type cannot hold its sources' range wraps: no bound.
  if (range && !fitsIn(*range, value.getType()))
    return std::nullopt;
  return range;
}

LoadRecordOp mlir::ps::getRecordSource(Value value) {
  while (auto cast = value.getDefiningOp<CastOp>()) {
    if (!isa<IntegerType>(cast.getInput().getType()) ||
        !isa<IntegerType>(cast.getType()))
      return {};
    value = cast.getInput();
  }
  auto record = value.getDefiningOp<LoadRecordOp>();
  if (record && isa<IntegerType>(record.getType()))
    return record;
  return {};
}

IndexGuard mlir::ps::guardIndex(Value value, IndexRange allowed,
                                Operation *user) {
  IndexGuard guard;
  if (LoadRecordOp record = getRecordSource(value)) {
    // Every cast on the way must hold the allowed range, or a member that
    // passes the check could still wrap.
    for (Value v = value; v != record.getResult();
         v = v.getDefiningOp<CastOp>().getInput())
      if (!fitsIn(allowed, v.getType()))
        return guard;
    if (fitsIn(allowed, record.getType()))
      guard.check = RecordIndexCheck{record, allowed, user};
    return guard;
  }
  guard.bound = boundIndexValue(value);
  return guard;
}

SmallVector<RecordIndexCheck>
mlir::ps::collectRecordIndexChecks(IterateSparseOp space) {
  SmallVector<RecordIndexCheck> checks;
  auto add = [&](Value value, IndexRange allowed, Operation *user) {
    if (std::optional<RecordIndexCheck> check =
            guardIndex(value, allowed, user).check)
      checks.push_back(*check);
  };
  space->walk([&](Operation *op) {
    if (auto lookup = dyn_cast<LookupOp>(op)) {
      add(lookup.getIndex(), {0, lookup.getTableSize() - 1}, op);
      return;
    }
    auto field = [&]() -> Value {
      if (auto load = dyn_cast<LoadOp>(op))
        return load.getField();
      if (auto store = dyn_cast<StoreOp>(op))
        return store.getField();
      return {};
    }();
    if (!field)
      return;
    auto type = cast<FieldType>(field.getType());
    auto load = dyn_cast<LoadOp>(op);
    auto store = dyn_cast<StoreOp>(op);
    SmallVector<OpFoldResult> components =
        load ? load.getMixedComponents() : store.getMixedComponents();
    for (auto [dim, component] : llvm::enumerate(components))
      if (auto value = dyn_cast<Value>(component))
        add(value, {0, type.getIndexShape()[dim] - 1}, op);
  });
  return checks;
}
