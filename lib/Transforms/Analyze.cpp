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

/// Prints offsets as `[a, b, c]` and components as `(k)`.
std::string formatLocation(const FieldAccess &access) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(access.offsets, os);
  os << ']';
  if (!access.components.empty()) {
    os << '(';
    llvm::interleaveComma(access.components, os);
    os << ')';
  }
  return text;
}

/// True if some point of the space reaches through `a` the location another
/// point reaches through `b`: the offsets differ by a multiple of the lattice
/// step in every dimension. Without a lattice (index lists) any difference
/// may meet.
bool mayMeetAcrossPoints(const FieldAccess &a, const FieldAccess &b,
                         const std::optional<SmallVector<int64_t>> &steps) {
  if (a.components != b.components || a.offsets == b.offsets)
    return false;
  if (!steps)
    return true;
  for (auto [offsetA, offsetB, step] : llvm::zip(a.offsets, b.offsets, *steps))
    if ((offsetA - offsetB) % step != 0)
      return false;
  return true;
}

/// Checks that no point depends on another: a written location is neither
/// read nor written through another offset that another point reaches, and
/// no point writes one location twice.
LogicalResult checkIndependence(IterationSpaceOpInterface space) {
  std::optional<SmallVector<int64_t>> steps = space.getLatticeSteps();
  SmallVector<FieldAccess> accesses = collectFieldAccesses(space);
  bool ok = true;
  // Accesses are in program order; each pair is looked at once.
  for (auto [i, first] : llvm::enumerate(accesses)) {
    for (const FieldAccess &second : llvm::drop_begin(accesses, i + 1)) {
      if (first.field != second.field || (!first.isWrite && !second.isWrite))
        continue;
      bool sameLocation = first.offsets == second.offsets &&
                          first.components == second.components;
      if (sameLocation) {
        // A point may read what it writes; it may not write a location twice
        // unless the writes exclude each other.
        if (!first.isWrite || !second.isWrite ||
            areMutuallyExclusive(first.op, second.op))
          continue;
        second.op->emitError("location ")
                .append(formatLocation(second), " of ",
                        describeField(second.field),
                        " is written twice by the same point")
                .attachNote(first.op->getLoc())
            << "first written here";
        ok = false;
        continue;
      }
      if (!mayMeetAcrossPoints(first, second, steps))
        continue;
      ok = false;
      if (first.isWrite && second.isWrite) {
        second.op->emitError("points write the same location of ")
                .append(describeField(second.field),
                        ": it is written at offsets ", formatLocation(first),
                        " and ", formatLocation(second))
                .attachNote(first.op->getLoc())
            << "also written here";
        continue;
      }
      const FieldAccess &write = first.isWrite ? first : second;
      const FieldAccess &read = first.isWrite ? second : first;
      read.op->emitError("loop-carried dependence: ")
              .append(describeField(read.field), " is written at offsets ",
                      formatLocation(write), " and read at ",
                      formatLocation(read),
                      ", which another point writes; the result would depend "
                      "on the order of points")
              .attachNote(write.op->getLoc())
          << "written here";
    }
  }
  return success(ok);
}

/// Checks that accesses of a dense space stay within the fields: an offset
/// reaches at most as far below the point as the slice starts above 0, and
/// at most as far above it as the slice ends below the extent.
LogicalResult checkBounds(IterateOp space) {
  ArrayRef<int64_t> starts = space.getStarts(), stops = space.getStops();
  ArrayRef<int64_t> shape = space.getFieldType().getShape();
  bool ok = true;
  for (const FieldAccess &access : collectFieldAccesses(space)) {
    for (auto [dim, offset] : llvm::enumerate(access.offsets)) {
      if (offset < -starts[dim]) {
        access.op->emitError("offset ")
            << offset << " in dimension " << dim << " reaches below "
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
      if (upperMargin && offset > *upperMargin) {
        access.op->emitError("offset ")
            << offset << " in dimension " << dim << " reaches past "
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
      if (auto dense = dyn_cast<IterateOp>(space.getOperation()))
        ok &= succeeded(checkBounds(dense));
    });
    if (!ok)
      signalPassFailure();
    markAllAnalysesPreserved();
  }
};

} // namespace
