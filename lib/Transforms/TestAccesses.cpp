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
        InFlightDiagnostic remark = access.op->emitRemark();
        remark << (access.isWrite ? "write " : "read ")
               << describeField(access.field) << " at [";
        llvm::interleaveComma(access.offsets, remark,
                              [&](int64_t o) { remark << o; });
        remark << "]";
        if (!access.components.empty()) {
          remark << " component (";
          llvm::interleaveComma(access.components, remark,
                                [&](int64_t c) { remark << c; });
          remark << ")";
        }
      }
    });
    markAllAnalysesPreserved();
  }
};
} // namespace
