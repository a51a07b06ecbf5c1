//===- HoistInvariants.cpp - Move invariant code out of iteration spaces --===//

#include "Stencil/Transforms/Passes.h"

#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSHOISTINVARIANTS
#include "Stencil/Transforms/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {
/// Iteration spaces are loop-like ops, so upstream's loop-invariant code
/// motion does the work: it moves side-effect free, speculatable operations
/// whose operands are defined outside the space. Field reads have a read
/// effect and integer divisions are not speculatable, so both stay.
struct PsHoistInvariantsPass
    : ps::impl::PsHoistInvariantsBase<PsHoistInvariantsPass> {
  void runOnOperation() override {
    getOperation().walk([](LoopLikeOpInterface loop) {
      if (isa<IterationSpaceOpInterface>(loop.getOperation()))
        moveLoopInvariantCode(loop);
    });
  }
};
} // namespace
