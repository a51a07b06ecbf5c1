//===- FieldAccesses.cpp - Field accesses of iteration spaces -------------===//

#include "Stencil/Analysis/FieldAccesses.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::ps;

SmallVector<FieldAccess>
mlir::ps::collectFieldAccesses(IterationSpaceOpInterface space) {
  SmallVector<FieldAccess> accesses;
  space->walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (auto load = dyn_cast<LoadOp>(op))
      accesses.push_back({op, load.getField(),
                          SmallVector<int64_t>(load.getOffsets()),
                          SmallVector<int64_t>(load.getComponents()),
                          /*isWrite=*/false});
    else if (auto store = dyn_cast<StoreOp>(op))
      accesses.push_back({op, store.getField(),
                          SmallVector<int64_t>(store.getOffsets()),
                          SmallVector<int64_t>(store.getComponents()),
                          /*isWrite=*/true});
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
