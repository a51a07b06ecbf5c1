//===- Contract.cpp - Fuse products into the sums that use them -----------===//
//
// ps-contract turns `a * b + c`, `c + a * b`, `a * b - c` and `c - a * b` on
// typed floats into ps.fma, as C compilers do under -ffp-contract=fast.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Transforms/Contract.h"
#include "Stencil/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSCONTRACT
#include "Stencil/Transforms/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {

/// The product that defines `value`, if fusing it loses no work: a typed
/// float multiplication whose only use is the addition being fused.
MulOp getFusableProduct(Value value) {
  auto mul = value.getDefiningOp<MulOp>();
  if (!mul || !isa<FloatType>(mul.getType()) || !mul->hasOneUse())
    return {};
  return mul;
}

/// `a * b + c` and `c + a * b` to `fma(a, b, c)`. When both operands are
/// products the right one is fused: in a left-to-right sum of weighted terms,
/// `acc + w * u`, that is the new term, so the sum becomes one chain of fused
/// multiply-adds through the accumulator, as C compilers contract it.
struct FuseAdd : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    if (!isa<FloatType>(op.getType()))
      return rewriter.notifyMatchFailure(op, "not a typed float addition");
    MulOp mul = getFusableProduct(op.getRhs());
    Value addend = op.getLhs();
    if (!mul) {
      mul = getFusableProduct(op.getLhs());
      addend = op.getRhs();
    }
    if (!mul)
      return rewriter.notifyMatchFailure(op, "no product to fuse");
    rewriter.replaceOpWithNewOp<FmaOp>(op, op.getType(), mul.getLhs(),
                                       mul.getRhs(), addend);
    rewriter.eraseOp(mul);
    return success();
  }
};

/// `a * b - c` to `fma(a, b, -c)` and `c - a * b` to `fma(-a, b, c)`: the
/// negations are exact, so the only change is the single rounding.
struct FuseSub : OpRewritePattern<SubOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SubOp op,
                                PatternRewriter &rewriter) const override {
    if (!isa<FloatType>(op.getType()))
      return rewriter.notifyMatchFailure(op, "not a typed float subtraction");
    Location loc = op.getLoc();
    Type type = op.getType();
    if (MulOp mul = getFusableProduct(op.getRhs())) {
      Value negated = NegOp::create(rewriter, loc, type, mul.getLhs());
      rewriter.replaceOpWithNewOp<FmaOp>(op, type, negated, mul.getRhs(),
                                         op.getLhs());
      rewriter.eraseOp(mul);
      return success();
    }
    if (MulOp mul = getFusableProduct(op.getLhs())) {
      Value negated = NegOp::create(rewriter, loc, type, op.getRhs());
      rewriter.replaceOpWithNewOp<FmaOp>(op, type, mul.getLhs(), mul.getRhs(),
                                         negated);
      rewriter.eraseOp(mul);
      return success();
    }
    return rewriter.notifyMatchFailure(op, "no product to fuse");
  }
};

struct PsContractPass : ps::impl::PsContractBase<PsContractPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populatePsContractPatterns(patterns);
    // Only the fusions: folding and canonicalization are other passes'.
    GreedyRewriteConfig config;
    config.enableFolding(false);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
  }
};

} // namespace

void mlir::ps::populatePsContractPatterns(RewritePatternSet &patterns) {
  patterns.add<FuseAdd, FuseSub>(patterns.getContext());
}
