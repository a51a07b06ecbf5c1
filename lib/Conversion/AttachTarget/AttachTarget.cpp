//===- AttachTarget.cpp - Record the target in an LLVM dialect module -----===//

#include "Stencil/Conversion/Passes.h"

#include "Stencil/Conversion/AttachTarget/IntrinsicTargets.h"
#include "Stencil/Conversion/AttachTarget/TargetNames.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSATTACHTARGET
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;

namespace {

/// The features of the host CPU in LLVM's `+name`/`-name` form.
SmallVector<std::string> getHostFeatures() {
  SmallVector<std::string> features;
  llvm::StringMap<bool> hostFeatures = llvm::sys::getHostCPUFeatures();
  for (const auto &feature : hostFeatures)
    features.push_back((feature.second ? "+" : "-") + feature.first().str());
  llvm::sort(features);
  return features;
}

struct PsAttachTargetPass : ps::impl::PsAttachTargetBase<PsAttachTargetPass> {
  using PsAttachTargetBase::PsAttachTargetBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    std::string tripleName = triple.empty()
                                 ? llvm::sys::getDefaultTargetTriple()
                                 : triple.getValue();
    // An empty CPU is the host's only when compiling for the host; a cross
    // compile does not tune for the machine it runs on.
    bool crossCompile = tripleName != llvm::sys::getDefaultTargetTriple();
    bool hostCpu = cpu.empty() && !crossCompile;
    std::string cpuName = !cpu.empty()   ? cpu.getValue()
                          : crossCompile ? std::string("generic")
                                         : llvm::sys::getHostCPUName().str();
    if (llvm::Error names = ps::checkTargetNames(tripleName, cpu, features)) {
      emitError(module.getLoc())
          << "ps-attach-target: " << llvm::toString(std::move(names));
      return signalPassFailure();
    }
    SmallVector<std::string> featureList;
    if (!features.empty()) {
      SmallVector<StringRef> parts;
      StringRef(features).split(parts, ',', -1, /*KeepEmpty=*/false);
      for (StringRef part : parts)
        featureList.push_back(part.trim().str());
    } else if (hostCpu) {
      featureList = getHostFeatures();
    }
    if (failed(ps::checkIntrinsicTargets(module, llvm::Triple(tripleName),
                                         "ps-attach-target")))
      return signalPassFailure();
    module->setAttr(LLVM::LLVMDialect::getTargetTripleAttrName(),
                    StringAttr::get(ctx, tripleName));
    SmallVector<StringRef> featureRefs(featureList.begin(), featureList.end());
    auto featuresAttr = LLVM::TargetFeaturesAttr::get(ctx, featureRefs);
    module.walk([&](LLVM::LLVMFuncOp func) {
      if (func.isExternal())
        return;
      func.setTargetCpuAttr(StringAttr::get(ctx, cpuName));
      if (!featureList.empty())
        func.setTargetFeaturesAttr(featuresAttr);
    });
  }
};

} // namespace
