//===- MarkNoAlias.cpp - Fields of lowered kernels do not alias -----------===//

#include "Stencil/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSMARKNOALIAS
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;

namespace {
struct PsMarkNoAliasPass : ps::impl::PsMarkNoAliasBase<PsMarkNoAliasPass> {
  void runOnOperation() override {
    UnitAttr unit = UnitAttr::get(&getContext());
    getOperation().walk([&](LLVM::LLVMFuncOp func) {
      if (func.isExternal() || !func->hasAttr(ps::getLoweredKernelAttrName()))
        return;
      for (auto [index, arg] : llvm::enumerate(func.getArguments()))
        if (isa<LLVM::LLVMPointerType>(arg.getType()))
          func.setArgAttr(index, LLVM::LLVMDialect::getNoAliasAttrName(), unit);
    });
  }
};
} // namespace
