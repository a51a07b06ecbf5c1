//===- Analyze.cpp - Independence and bounds of iteration points ----------===//

#include "Stencil/Analysis/FieldAccesses.h"
#include "Stencil/Transforms/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSANALYZE
#include "Stencil/Transforms/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {

bool isSameLocation(const FieldAccess &a, const FieldAccess &b) {
  auto same = [](const AccessIndex &x, const AccessIndex &y) {
    return x.isSameAs(y);
  };
  return llvm::all_of(llvm::zip(a.offsets, b.offsets),
                      [&](auto pair) { return std::apply(same, pair); }) &&
         llvm::all_of(llvm::zip(a.components, b.components),
                      [&](auto pair) { return std::apply(same, pair); });
}

/// True if some point of the space reaches through `a` the location another
/// point reaches through `b`: the components may be equal and the offsets
/// differ by a multiple of the lattice step in every dimension. Without a
/// lattice (index lists) any difference may meet; offsets that are values
/// may always differ.
bool mayMeetAcrossPoints(const FieldAccess &a, const FieldAccess &b,
                         const std::optional<SmallVector<int64_t>> &steps) {
  for (auto [x, y] : llvm::zip(a.components, b.components))
    if (!x.mayEqual(y))
      return false;
  auto constant = [](const AccessIndex &index) { return index.isConstant(); };
  if (!llvm::all_of(a.offsets, constant) || !llvm::all_of(b.offsets, constant))
    return true;
  SmallVector<int64_t> offsetsA = a.getConstantOffsets();
  SmallVector<int64_t> offsetsB = b.getConstantOffsets();
  if (offsetsA == offsetsB)
    return false;
  if (!steps)
    return true;
  for (auto [offsetA, offsetB, step] : llvm::zip(offsetsA, offsetsB, *steps))
    if ((offsetA - offsetB) % step != 0)
      return false;
  return true;
}

/// True if the space states that its entries touch disjoint locations.
bool isDeclaredDisjoint(IterationSpaceOpInterface space) {
  auto sparse = dyn_cast<IterateSparseOp>(space.getOperation());
  return sparse && sparse.getDisjoint();
}

/// Checks that no point depends on another: a written location is neither
/// read nor written through another offset that another point reaches, and
/// no point writes one location twice.
LogicalResult checkIndependence(IterationSpaceOpInterface space) {
  std::optional<SmallVector<int64_t>> steps = space.getLatticeSteps();
  bool disjoint = isDeclaredDisjoint(space);
  SmallVector<FieldAccess> accesses = collectFieldAccesses(space);
  bool ok = true;
  // Accesses are in program order; each pair is looked at once.
  for (auto [i, first] : llvm::enumerate(accesses)) {
    for (const FieldAccess &second : llvm::drop_begin(accesses, i + 1)) {
      if (first.field != second.field || (!first.isWrite && !second.isWrite))
        continue;
      if (isSameLocation(first, second)) {
        // A point may read what it writes; it may not write a location twice
        // unless the writes exclude each other.
        if (!first.isWrite || !second.isWrite ||
            areMutuallyExclusive(first.op, second.op))
          continue;
        second.op->emitError("location ")
                .append(formatAccessLocation(second), " of ",
                        describeField(second.field),
                        " is written twice by the same point")
                .attachNote(first.op->getLoc())
            << "first written here";
        ok = false;
        continue;
      }
      if (disjoint || !mayMeetAcrossPoints(first, second, steps))
        continue;
      ok = false;
      const char *hint =
          isa<IterateSparseOp>(space.getOperation())
              ? "; if the index list guarantees that no entry touches what "
                "another writes, say so with `disjoint`"
              : "";
      if (first.isWrite && second.isWrite) {
        second.op->emitError("points write the same location of ")
                .append(describeField(second.field),
                        ": it is written at offsets ", formatAccessLocation(first),
                        " and ", formatAccessLocation(second), hint)
                .attachNote(first.op->getLoc())
            << "also written here";
        continue;
      }
      const FieldAccess &write = first.isWrite ? first : second;
      const FieldAccess &read = first.isWrite ? second : first;
      read.op->emitError("loop-carried dependence: ")
              .append(describeField(read.field), " is written at offsets ",
                      formatAccessLocation(write), " and read at ",
                      formatAccessLocation(read),
                      ", which another point writes; the result would depend "
                      "on the order of points",
                      hint)
              .attachNote(write.op->getLoc())
          << "written here";
    }
  }
  return success(ok);
}

/// Checks that accesses of a dense space stay within the fields: an offset
/// reaches at most as far below the point as the slice starts above 0, and
/// at most as far above it as the slice ends below the extent. Offsets that
/// are values count with their whole range.
LogicalResult checkBounds(IterateOp space) {
  ArrayRef<int64_t> starts = space.getStarts(), stops = space.getStops();
  ArrayRef<int64_t> shape = space.getFieldType().getShape();
  bool ok = true;
  for (const FieldAccess &access : collectFieldAccesses(space)) {
    for (unsigned dim = 0; dim < access.offsets.size(); ++dim) {
      std::optional<IndexRange> range = access.getOffsetRange(dim);
      if (!range)
        continue; // checkIndexBounds reports it.
      if (range->min < -starts[dim]) {
        access.op->emitError("offset ")
            << range->min << " in dimension " << dim << " reaches below "
            << describeField(access.field) << ": the iteration space starts "
            << starts[dim] << " layers above the lower end (ghost layers or "
            << "slice start)";
        ok = false;
        break;
      }
      std::optional<int64_t> upperMargin;
      if (stops[dim] <= 0)
        upperMargin = -stops[dim];
      else if (!ShapedType::isDynamic(shape[dim]))
        upperMargin = shape[dim] - stops[dim];
      if (upperMargin && range->max > *upperMargin) {
        access.op->emitError("offset ")
            << range->max << " in dimension " << dim << " reaches past "
            << describeField(access.field) << ": the iteration space ends "
            << *upperMargin << " layers below the upper end (ghost layers "
            << "or slice stop)";
        ok = false;
        break;
      }
    }
  }
  return success(ok);
}

/// Checks that an index that must lie in `allowed` does: by the bound of
/// its sources, or by a run-time check of the record member it is.
LogicalResult checkGuardedIndex(Value index, IndexRange allowed, Operation *op,
                                const Twine &what) {
  IndexGuard guard = guardIndex(index, allowed, op);
  if (guard.check)
    return success();
  if (!guard.bound)
    return op->emitError(what)
           << " depends on a value that ps-analyze cannot bound: take it from "
              "a ps.lookup into an integer table, a constant, or integer "
              "arithmetic on them, or use a record member (ps.load_record) "
              "directly, which the run-time checks";
  if (!allowed.contains(*guard.bound))
    return op->emitError(what)
           << " takes values in [" << guard.bound->min << ", "
           << guard.bound->max << "], outside [" << allowed.min << ", "
           << allowed.max << "]";
  return success();
}

/// Checks that every offset, component index and table index that is a
/// value is bounded, and within its range where it has one.
LogicalResult checkIndexBounds(IterationSpaceOpInterface space) {
  bool ok = true;
  for (const FieldAccess &access : collectFieldAccesses(space)) {
    for (auto [dim, offset] : llvm::enumerate(access.offsets))
      if (!offset.isConstant() && !offset.range) {
        access.op->emitError("the offset in dimension ")
            << dim << " of this access to " << describeField(access.field)
            << " depends on a value that ps-analyze cannot bound: take it "
               "from a ps.lookup into an integer table, a constant, or "
               "integer arithmetic on them";
        ok = false;
      }
    auto type = cast<FieldType>(access.field.getType());
    for (auto [dim, component] : llvm::enumerate(access.components))
      if (!component.isConstant())
        ok &= succeeded(checkGuardedIndex(
            component.value, {0, type.getIndexShape()[dim] - 1}, access.op,
            "the component index " + Twine(dim) + " of this access to " +
                describeField(access.field)));
  }
  space->walk([&](LookupOp lookup) {
    ok &= succeeded(checkGuardedIndex(lookup.getIndex(),
                                      {0, lookup.getTableSize() - 1}, lookup,
                                      "the table index"));
  });
  return success(ok);
}

/// Checks that a sparse space's index list and record fields are only read:
/// the run-time checks them before the call, and views of one structured
/// array may overlap.
LogicalResult checkRecordsAreRead(IterateSparseOp space) {
  SmallVector<Value> records{space.getIndexList()};
  space->walk([&](LoadRecordOp record) { records.push_back(record.getField()); });
  bool ok = true;
  space->getParentOfType<KernelOp>()->walk([&](StoreOp store) {
    if (!llvm::is_contained(records, store.getField()))
      return;
    store.emitError("writes ")
            .append(describeField(store.getField()),
                    ", which a sparse space reads as its index list or "
                    "records; index lists are only read")
            .attachNote(space.getLoc())
        << "read as records here";
    ok = false;
  });
  return success(ok);
}

/// Checks the reductions of a space. Combining into a result is no
/// dependence between points (the operator is associative and commutative,
/// so any order of points gives the result up to rounding), but a point
/// contributes once: a second ps.reduce into the same result is almost
/// certainly a mistake (pystencils allows one reduction assignment per
/// symbol), and would count the point twice.
LogicalResult checkReductions(IterationSpaceOpInterface space) {
  DenseMap<Value, ReduceOp> first;
  bool ok = true;
  space->walk([&](ReduceOp reduce) {
    auto [it, inserted] = first.try_emplace(reduce.getTarget(), reduce);
    if (inserted)
      return;
    auto kernel = reduce->getParentOfType<KernelOp>();
    auto arg = cast<BlockArgument>(reduce.getTarget());
    reduce.emitError("the reduction result '")
            .append(kernel.getParameterName(arg.getArgNumber()),
                    "' is reduced twice by the same point; combine the values "
                    "first and reduce once")
            .attachNote(it->second.getLoc())
        << "first reduced here";
    ok = false;
  });
  return success(ok);
}

struct PsAnalyzePass : ps::impl::PsAnalyzeBase<PsAnalyzePass> {
  void runOnOperation() override {
    bool ok = true;
    getOperation().walk([&](IterationSpaceOpInterface space) {
      ok &= succeeded(checkIndependence(space));
      ok &= succeeded(checkReductions(space));
      ok &= succeeded(checkIndexBounds(space));
      if (auto dense = dyn_cast<IterateOp>(space.getOperation()))
        ok &= succeeded(checkBounds(dense));
      if (auto sparse = dyn_cast<IterateSparseOp>(space.getOperation()))
        ok &= succeeded(checkRecordsAreRead(sparse));
    });
    if (!ok)
      signalPassFailure();
    markAllAnalysesPreserved();
  }
};

} // namespace
