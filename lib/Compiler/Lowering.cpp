//===- Lowering.cpp - ps modules to the LLVM dialect for a CPU ------------===//

#include "Stencil/Compiler/BackendOptions.h"
#include "Stencil/Compiler/DescribeKernel.h"
#include "Stencil/Compiler/DriverHooks.h"
#include "Stencil/Compiler/NativeCode.h"
#include "Stencil/Conversion/Vectorize/InstructionSets.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

TargetDescription TargetDescription::of(const CompileOptions &options) {
  return {options.triple, options.cpu, options.features};
}

TargetDescription TargetDescription::resolved() const {
  TargetDescription result = *this;
  // The host's CPU by name is the host: its features are the ones detected
  // (a virtual machine may lack some that the name implies).
  bool host =
      triple.empty() && (cpu.empty() || cpu == llvm::sys::getHostCPUName());
  if (result.triple.empty())
    result.triple = llvm::sys::getDefaultTargetTriple();
  if (result.cpu.empty())
    result.cpu = host ? llvm::sys::getHostCPUName().str() : "generic";
  // For the host's CPU, features given add to (or take from) those
  // detected: "+avx2" alone on top of the model the name implies would
  // claim what a virtual machine hides.
  if (host) {
    llvm::SmallVector<std::string> features;
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      features.push_back((feature.second ? "+" : "-") + feature.first().str());
    llvm::sort(features);
    if (!result.features.empty())
      features.push_back(result.features);
    result.features = llvm::join(features, ",");
  }
  return result;
}

std::string TargetDescription::str() const {
  return triple + " cpu=" + cpu + " features=" + features;
}

/// An error if code for `isa` would not run on the host.
static llvm::Error checkHostInstructionSet(llvm::StringRef isa) {
  if (isa.empty() || isa == "host" || isa == "auto" || isa == "none")
    return llvm::Error::success();
  for (const InstructionSet &set : getHostInstructionSets())
    if (set.name == isa)
      return llvm::Error::success();
  if (!lookupInstructionSet(isa))
    return llvm::Error::success(); // ps-vectorize reports unknown names.
  std::string available = llvm::join(
      llvm::map_range(getHostInstructionSets(),
                      [](const InstructionSet &set) { return set.name; }),
      ", ");
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "this machine's CPU has no %s: its kernels would not run here (it has: "
      "%s)",
      isa.str().c_str(), available.c_str());
}

#ifndef PS_OPENMP_LIBRARY
#define PS_OPENMP_LIBRARY "/usr/lib/llvm-22/lib/libomp.so"
#endif

const char *mlir::ps::runtime::getOpenMPLibraryPath() {
  return PS_OPENMP_LIBRARY;
}

llvm::Error
mlir::ps::runtime::checkCompileOptions(const CompileOptions &options) {
  std::string message;
  auto error = [&](const llvm::Twine &text) {
    message = text.str();
    return failure();
  };
  if (failed(verifyOptions(options, error)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "ps-lower-to-llvm-pipeline: %s",
                                   message.c_str());
  if (options.triple.empty())
    return checkHostInstructionSet(options.vectorize);
  llvm::Triple triple(options.triple);
  if (triple.isNVPTX() || triple.isAMDGPU())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "triple '%s' is a GPU: this pipeline compiles for CPUs; use "
        "ps-lower-to-nvvm-pipeline or ps-lower-to-rocdl-pipeline (or "
        "GpuModule) for GPUs",
        options.triple.getValue().c_str());
  return llvm::Error::success();
}

/// The lowering after the kernels are described: the pipeline without its
/// preparation, or the one the tool's --pass-pipeline gives.
static LogicalResult buildLowering(OpPassManager &pm,
                                   const CompileOptions &options,
                                   llvm::raw_ostream &errors = llvm::nulls()) {
  llvm::StringRef replacement = getDriverHooks().loweringPipeline;
  if (replacement.empty()) {
    buildLowerPreparedKernelsToLLVMPipeline(pm, options);
    return success();
  }
  // `builtin.module(a,b)` or just `a,b`: the passes nest in the module.
  llvm::StringRef inner = replacement.trim();
  if (inner.starts_with("builtin.module(") && inner.ends_with(")"))
    inner =
        inner.drop_front(llvm::StringRef("builtin.module(").size()).drop_back();
  return parsePassPipeline(inner, pm, errors);
}

/// The tool's pass-manager flags, if any.
static LogicalResult configure(PassManager &pm) {
  const auto &hook = getDriverHooks().configurePassManager;
  return hook ? hook(pm) : success();
}

FailureOr<std::vector<KernelInfo>>
mlir::ps::runtime::prepareAndLower(ModuleOp module,
                                   const CompileOptions &options) {
  if (llvm::Error error = checkCompileOptions(options)) {
    emitError(module.getLoc()) << llvm::toString(std::move(error));
    return failure();
  }
  PassManager prepare(module.getContext());
  buildPrepareKernelsPipeline(prepare, options.optimize);
  if (failed(configure(prepare)) || failed(prepare.run(module)))
    return failure();
  std::vector<KernelInfo> kernels;
  for (KernelOp kernel : module.getOps<KernelOp>()) {
    FailureOr<KernelInfo> info = describeKernel(kernel);
    if (failed(info))
      return failure();
    kernels.push_back(std::move(*info));
  }
  PassManager lower(module.getContext());
  std::string pipelineErrors;
  llvm::raw_string_ostream errors(pipelineErrors);
  if (failed(buildLowering(lower, options, errors))) {
    emitError(module.getLoc())
        << "--pass-pipeline '" << getDriverHooks().loweringPipeline
        << "' does not parse: " << llvm::StringRef(pipelineErrors).trim();
    return failure();
  }
  if (failed(configure(lower)) || failed(lower.run(module)))
    return failure();
  return kernels;
}

std::string mlir::ps::runtime::getPipelineText(const CompileOptions &options) {
  OpPassManager prepare(ModuleOp::getOperationName());
  buildPrepareKernelsPipeline(prepare, options.optimize);
  OpPassManager lower(ModuleOp::getOperationName());
  (void)buildLowering(lower, options);
  std::string text;
  llvm::raw_string_ostream os(text);
  prepare.printAsTextualPipeline(os);
  os << " then ";
  lower.printAsTextualPipeline(os);
  os << " then llvm{opt-level=" << options.optLevel.getValue() << "}";
  if (!getBackendOptions().empty())
    os << " with llvm options " << getBackendOptions();
  return text;
}
