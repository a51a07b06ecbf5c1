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
  using Base::Base;

  void runOnOperation() override {
    UnitAttr unit = UnitAttr::get(&getContext());
    getOperation().walk([&](LLVM::LLVMFuncOp func) {
      bool marked = func->hasAttr(ps::PsDialect::KernelAttrHelper::getNameStr()) ||
                    (gpuKernels && func->hasAttr("gpu.kernel"));
      if (func.isExternal() || !marked)
        return;
      for (auto [index, arg] : llvm::enumerate(func.getArguments()))
        if (isa<LLVM::LLVMPointerType>(arg.getType()))
          func.setArgAttr(index, LLVM::LLVMDialect::getNoAliasAttrName(), unit);
    });
  }
};
} // namespace
