//===- Contract.h - Fused multiply-add patterns -----------------*- C++ -*-===//

#ifndef STENCIL_TRANSFORMS_CONTRACT_H
#define STENCIL_TRANSFORMS_CONTRACT_H

namespace mlir {
class RewritePatternSet;
namespace ps {

/// The rewrites of ps-contract: float `a * b + c` and `a * b - c` (either
/// order) to ps.fma where the product has no other use. For compilers that
/// contract in their own pattern sets.
void populatePsContractPatterns(RewritePatternSet &patterns);

} // namespace ps
} // namespace mlir

#endif // STENCIL_TRANSFORMS_CONTRACT_H
