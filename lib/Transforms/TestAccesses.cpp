//===- TestAccesses.cpp - Print the field accesses of iteration spaces ----===//

#include "Stencil/Analysis/FieldAccesses.h"
#include "Stencil/Transforms/Passes.h"

namespace mlir::ps {
#define GEN_PASS_DEF_TESTPSACCESSES
#include "Stencil/Transforms/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {
struct TestPsAccessesPass : ps::impl::TestPsAccessesBase<TestPsAccessesPass> {
  void runOnOperation() override {
    getOperation().walk([](IterationSpaceOpInterface space) {
      for (const FieldAccess &access : collectFieldAccesses(space)) {
        access.op->emitRemark()
            << (access.isWrite ? "write " : "read ")
            << describeField(access.field) << " at "
            << formatAccessLocation(access, /*componentWord=*/true);
      }
    });
    markAllAnalysesPreserved();
  }
};
} // namespace
