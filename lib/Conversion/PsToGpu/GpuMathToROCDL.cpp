//===- GpuMathToROCDL.cpp - Math of GPU modules as ROCm library calls -----===//

#include "Stencil/Conversion/Passes.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/MathToROCDL/MathToROCDL.h"
#include "mlir/Dialect/AMDGPU/Utils/Chipset.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/ROCDLDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSGPUMATHTOROCDL
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;

namespace {

struct PsGpuMathToROCDLPass
    : ps::impl::PsGpuMathToROCDLBase<PsGpuMathToROCDLPass> {
  using Base::Base;

  void runOnOperation() override {
    gpu::GPUModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    std::optional<amdgpu::Chipset> chip;
    if (!chipset.empty()) {
      FailureOr<amdgpu::Chipset> parsed = amdgpu::Chipset::parse(chipset);
      if (failed(parsed)) {
        module.emitError() << "ps-gpu-math-to-rocdl: '" << chipset
                           << "' is not an AMDGPU chip such as gfx90a";
        return signalPassFailure();
      }
      chip = *parsed;
    }
    LowerToLLVMOptions options(context, DataLayout(module));
    LLVMTypeConverter converter(context, options);
    RewritePatternSet patterns(context);
    populateMathToROCDLConversionPatterns(converter, patterns, chip);
    // As upstream's convert-math-to-rocdl: math operations without a
    // library function stay for convert-gpu-to-rocdl.
    ConversionTarget target(*context);
    target.addLegalDialect<BuiltinDialect, func::FuncDialect,
                           vector::VectorDialect, LLVM::LLVMDialect,
                           ROCDL::ROCDLDialect>();
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
