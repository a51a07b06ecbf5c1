//===- FieldAccesses.cpp - Field accesses of iteration spaces -------------===//

#include "Stencil/Analysis/FieldAccesses.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::ps;

namespace {

SmallVector<AccessIndex> describeIndices(ArrayRef<OpFoldResult> indices) {
  return llvm::map_to_vector(indices, [](OpFoldResult index) -> AccessIndex {
    if (auto value = dyn_cast<Value>(index))
      return {value, boundIndexValue(value)};
    int64_t constant = cast<IntegerAttr>(cast<Attribute>(index)).getInt();
    return {Value(), IndexRange{constant, constant}};
  });
}

template <typename AccessOp>
FieldAccess describeAccess(AccessOp op, bool isWrite) {
  return {op, op.getField(), describeIndices(op.getMixedOffsets()),
          describeIndices(op.getMixedComponents()), isWrite};
}

} // namespace

bool FieldAccess::isStatic() const {
  auto constant = [](const AccessIndex &index) { return index.isConstant(); };
  return llvm::all_of(offsets, constant) && llvm::all_of(components, constant);
}

SmallVector<int64_t> FieldAccess::getConstantOffsets() const {
  return llvm::map_to_vector(
      offsets, [](const AccessIndex &index) { return index.getConstant(); });
}

SmallVector<FieldAccess>
mlir::ps::collectFieldAccesses(IterationSpaceOpInterface space) {
  SmallVector<FieldAccess> accesses;
  space->walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (auto load = dyn_cast<LoadOp>(op))
      accesses.push_back(describeAccess(load, /*isWrite=*/false));
    else if (auto store = dyn_cast<StoreOp>(op))
      accesses.push_back(describeAccess(store, /*isWrite=*/true));
  });
  return accesses;
}

bool mlir::ps::areMutuallyExclusive(Operation *a, Operation *b) {
  for (Operation *ancestor = a->getParentOp(); ancestor;
       ancestor = ancestor->getParentOp()) {
    auto ifOp = dyn_cast<scf::IfOp>(ancestor);
    if (!ifOp || !ifOp->isProperAncestor(b))
      continue;
    Region *regionOfA = ifOp.getThenRegion().isAncestor(a->getParentRegion())
                            ? &ifOp.getThenRegion()
                            : &ifOp.getElseRegion();
    return !regionOfA->isAncestor(b->getParentRegion());
  }
  return false;
}

std::string mlir::ps::formatAccessLocation(const FieldAccess &access,
                                           bool componentWord) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto print = [&](const AccessIndex &index) {
    if (index.isConstant())
      os << index.getConstant();
    else if (index.range)
      os << index.range->min << ".." << index.range->max;
    else
      os << '?';
  };
  os << '[';
  llvm::interleaveComma(access.offsets, os, print);
  os << ']';
  if (!access.components.empty()) {
    os << (componentWord ? " component (" : "(");
    llvm::interleaveComma(access.components, os, print);
    os << ')';
  }
  return text;
}

std::string mlir::ps::describeField(Value field) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto arg = dyn_cast<BlockArgument>(field);
  if (auto kernel =
          arg ? dyn_cast<KernelOp>(arg.getOwner()->getParentOp()) : nullptr)
    os << "parameter '" << kernel.getParameterName(arg.getArgNumber()) << "'";
  else if (arg)
    os << "parameter #" << arg.getArgNumber();
  else
    os << "field";
  return text;
}
