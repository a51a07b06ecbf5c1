//===- TargetNames.cpp - Triples, CPUs and features LLVM knows ------------===//

#include "Stencil/Conversion/AttachTarget/TargetNames.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <mutex>

using namespace mlir;

void mlir::ps::initializeAllTargets() {
  static std::once_flag initTargets;
  std::call_once(initTargets, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
  });
}

llvm::Error mlir::ps::checkTargetNames(StringRef triple, StringRef cpu,
                                       StringRef features) {
  initializeAllTargets();
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(llvm::Triple(triple), error);
  if (!target)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown target '%s': %s",
                                   triple.str().c_str(), error.c_str());
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      target->createMCSubtargetInfo(llvm::Triple(triple), "", ""));
  if (!info)
    return llvm::Error::success();
  if (!cpu.empty() && cpu != "generic" && !info->isCPUStringValid(cpu))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cpu '%s' is not a CPU of %s (llc -mtriple=%s -mcpu=help lists them)",
        cpu.str().c_str(), triple.str().c_str(), triple.str().c_str());
  llvm::StringSet<> known;
  for (const llvm::SubtargetFeatureKV &feature :
       info->getAllProcessorFeatures())
    known.insert(feature.Key);
  for (StringRef feature : llvm::split(features, ',')) {
    feature = feature.trim();
    if (feature.empty())
      continue;
    if ((!feature.starts_with("+") && !feature.starts_with("-")) ||
        !known.contains(feature.drop_front()))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "feature '%s' is not +name or -name of a feature of %s (llc "
          "-mtriple=%s -mattr=help lists them)",
          feature.str().c_str(), triple.str().c_str(), triple.str().c_str());
  }
  return llvm::Error::success();
}
