//===- TargetMachines.cpp - Target machines and what they run on ----------===//
//
// The LLVM target machine of a compile, the names of its CPU and features
// checked first (LLVM warns about an unknown CPU, then may end the process:
// "64-bit code requested on a subtarget that doesn't support it"), and
// whether the code it makes runs on this machine.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Compiler/NativeCode.h"

#include "Stencil/Conversion/AttachTarget/TargetNames.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
mlir::ps::runtime::createTargetMachine(const TargetDescription &target,
                                       unsigned optLevel) {
  initializeAllTargets();
  TargetDescription resolved = target.resolved();
  std::string error;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(llvm::Triple(resolved.triple), error);
  if (!llvmTarget)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown target '%s': %s",
                                   resolved.triple.c_str(), error.c_str());
  if (llvm::Error names =
          checkTargetNames(resolved.triple, resolved.cpu, resolved.features))
    return std::move(names);
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      llvm::Triple(resolved.triple), resolved.cpu, resolved.features,
      llvm::TargetOptions(), llvm::Reloc::PIC_, std::nullopt,
      optLevel >= 3 ? llvm::CodeGenOptLevel::Aggressive
                    : llvm::CodeGenOptLevel::Default));
  if (!machine)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot create a target machine for '%s'",
                                   resolved.triple.c_str());
  return machine;
}

/// Whether code generation may use `feature` in code from plain LLVM IR.
/// System instructions (protection keys, monitor/wait, direct stores, ...)
/// come only from their intrinsics, and virtual machines often hide them:
/// a CPU named for its model would otherwise be refused on its own kind of
/// machine.
static bool isSystemFeature(llvm::StringRef feature) {
  static const char *const kSystem[] = {
      "cldemote", "clflushopt", "clwb",      "clzero",    "enqcmd",  "fsgsbase",
      "hreset",   "invpcid",    "lwp",       "movdir64b", "movdiri", "mwaitx",
      "pconfig",  "pku",        "prefetchi", "ptwrite",   "rdpid",   "rdpru",
      "rdrnd",    "rdseed",     "serialize", "sgx",       "shstk",   "tsxldtrk",
      "uintr",    "waitpkg",    "wbnoinvd",  "xsave",     "xsavec",  "xsaveopt",
      "xsaves"};
  return llvm::is_contained(kSystem, feature);
}

llvm::Error mlir::ps::runtime::checkRunsOnHost(const CompileOptions &options) {
  if (llvm::Error error = checkCompileOptions(options))
    return error;
  if (options.triple.empty() && options.cpu.empty() && options.features.empty())
    return llvm::Error::success(); // the host's CPU and features
  TargetDescription target = TargetDescription::of(options).resolved();
  llvm::Triple triple(target.triple), host(llvm::sys::getDefaultTargetTriple());
  if (triple.getArch() != host.getArch() || triple.getOS() != host.getOS())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "triple '%s' is not this machine's (%s): its kernels cannot be "
        "loaded here; use ps-compile to cross-compile",
        target.triple.c_str(), host.str().c_str());
  auto machine = createTargetMachine(target, /*optLevel=*/0);
  if (!machine)
    return machine.takeError();
  const llvm::MCSubtargetInfo *subtarget = (*machine)->getMCSubtargetInfo();
  llvm::SmallVector<std::string> missing;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    if (!feature.second && !isSystemFeature(feature.first()) &&
        subtarget->checkFeatures(("+" + feature.first()).str()))
      missing.push_back(feature.first().str());
  if (missing.empty())
    return llvm::Error::success();
  llvm::sort(missing);
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "this machine's CPU has no %s: code for cpu '%s'%s%s would not run "
      "here",
      llvm::join(missing, ", ").c_str(), target.cpu.c_str(),
      options.features.empty() ? "" : " with features ",
      options.features.getValue().c_str());
}
