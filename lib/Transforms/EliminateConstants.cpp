//===- EliminateConstants.cpp - Fold and share constant expressions -------===//

#include "Stencil/Transforms/Passes.h"

#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <unordered_map>

namespace mlir::ps {
#define GEN_PASS_DEF_PSELIMINATECONSTANTS
#include "Stencil/Transforms/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {

/// True for a side-effect free, speculatable op without regions whose
/// operands are all in `constantValues`: its value is the same at every
/// point and on every call.
bool isConstantExpression(Operation *op,
                          const DenseSet<Value> &constantValues) {
  if (op->getNumRegions() != 0 || op->getNumResults() != 1 || !isPure(op) ||
      op->hasTrait<OpTrait::IsTerminator>())
    return false;
  return llvm::all_of(op->getOperands(), [&](Value operand) {
    return constantValues.contains(operand);
  });
}

/// Finds an op equal to `op` among those seen before, by name, attributes,
/// operands and result types.
struct ExpressionTable {
  Operation *lookupOrInsert(Operation *op) {
    llvm::hash_code hash = OperationEquivalence::computeHash(
        op, OperationEquivalence::directHashValue,
        OperationEquivalence::ignoreHashValue,
        OperationEquivalence::IgnoreLocations);
    SmallVector<Operation *> &bucket = buckets[static_cast<size_t>(hash)];
    for (Operation *seen : bucket)
      if (OperationEquivalence::isEquivalentTo(
              seen, op, OperationEquivalence::IgnoreLocations))
        return seen;
    bucket.push_back(op);
    return nullptr;
  }
  std::unordered_map<size_t, SmallVector<Operation *>> buckets;
};

struct PsEliminateConstantsPass
    : ps::impl::PsEliminateConstantsBase<PsEliminateConstantsPass> {
  void runOnOperation() override {
    KernelOp kernel = getOperation();
    // Folding alone (no patterns): the folder uniques constants and puts them
    // at the top of the kernel, which is isolated from above.
    RewritePatternSet noPatterns(&getContext());
    GreedyRewriteConfig config;
    config.enableFolding(true);
    (void)applyPatternsGreedily(kernel, std::move(noPatterns), config);

    // Move every constant expression to the top of the kernel, after the
    // values it uses, and share equal ones.
    Block &entry = kernel.getBody().front();
    DenseSet<Value> constantValues;
    ExpressionTable table;
    IRRewriter rewriter(&getContext());
    Operation *insertionPoint = nullptr;
    SmallVector<Operation *> worklist;
    kernel.walk<WalkOrder::PreOrder>(
        [&](Operation *op) { worklist.push_back(op); });
    for (Operation *op : worklist) {
      if (op == kernel || !isConstantExpression(op, constantValues))
        continue;
      if (Operation *equal = table.lookupOrInsert(op)) {
        rewriter.replaceOp(op, equal->getResults());
        continue;
      }
      if (insertionPoint)
        op->moveAfter(insertionPoint);
      else
        op->moveBefore(&entry, entry.begin());
      insertionPoint = op;
      constantValues.insert(op->getResult(0));
    }
  }
};

} // namespace
