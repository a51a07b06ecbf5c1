//===- AttachTarget.cpp - Record the target in an LLVM dialect module -----===//

#include "Stencil/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Intrinsics.h"
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

/// The target prefix of `intrinsic` ("x86" for llvm.x86.sse.sfence), or ""
/// for an intrinsic of every target or an unknown name.
StringRef getTargetPrefix(StringRef intrinsic) {
  llvm::Intrinsic::ID id = llvm::Intrinsic::lookupIntrinsicID(intrinsic);
  if (id == llvm::Intrinsic::not_intrinsic ||
      !llvm::Intrinsic::isTargetIntrinsic(id))
    return "";
  return intrinsic.drop_front(StringRef("llvm.").size()).split('.').first;
}

/// Refuses calls of another target's intrinsics in the host code of `module`
/// (not in its GPU modules): LLVM's instruction selection would end the
/// process on them ("Cannot select: intrinsic %llvm.x86.sse.sfence").
LogicalResult checkIntrinsicTargets(ModuleOp module,
                                    const llvm::Triple &triple) {
  StringRef prefix = llvm::Triple::getArchTypePrefix(triple.getArch());
  WalkResult result = module.walk([&](LLVM::CallIntrinsicOp call) {
    if (call->getParentWithTrait<OpTrait::SymbolTable>() != module)
      return WalkResult::advance();
    StringRef target = getTargetPrefix(call.getIntrin());
    if (target.empty() || target == prefix)
      return WalkResult::advance();
    call.emitError() << "ps-attach-target: '" << call.getIntrin()
                     << "' is an intrinsic of " << target << ", not of the "
                     << "target " << triple.str();
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
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
    SmallVector<std::string> featureList;
    if (!features.empty()) {
      SmallVector<StringRef> parts;
      StringRef(features).split(parts, ',', -1, /*KeepEmpty=*/false);
      for (StringRef part : parts) {
        part = part.trim();
        if (!part.starts_with("+") && !part.starts_with("-")) {
          emitError(module.getLoc()) << "ps-attach-target: feature '" << part
                                     << "' must start with + or -";
          return signalPassFailure();
        }
        featureList.push_back(part.str());
      }
    } else if (hostCpu) {
      featureList = getHostFeatures();
    }
    if (failed(checkIntrinsicTargets(module, llvm::Triple(tripleName))))
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
