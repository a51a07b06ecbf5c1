//===- PsCanonicalize.cpp - Canonicalization patterns of ps ---------------===//

#include "Stencil/IR/PsOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::ps;

namespace {
#include "PsCanonicalization.inc"
} // namespace

void NegOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<NegNeg>(context);
}

void AddOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<AddNeg>(context);
}

void SubOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<SubNeg>(context);
}

void MulOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<MulNegNeg>(context);
}
