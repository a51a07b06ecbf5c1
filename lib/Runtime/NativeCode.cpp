//===- NativeCode.cpp - Machine code from lowered ps modules --------------===//

#include "Stencil/Runtime/NativeCode.h"
#include "Stencil/Conversion/Vectorize/InstructionSets.h"
#include "Stencil/InitAll.h"
#include "Stencil/Pipelines/Passes.h"

#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <mutex>

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

DiagnosticCollector::DiagnosticCollector(MLIRContext &context)
    : context(context) {
  handlerId = context.getDiagEngine().registerHandler([this](Diagnostic &diag) {
    llvm::raw_string_ostream os(text);
    os << diag.getLocation() << ": " << diag << "\n";
    for (Diagnostic &note : diag.getNotes())
      os << note.getLocation() << ": note: " << note << "\n";
    return success();
  });
}

DiagnosticCollector::~DiagnosticCollector() {
  context.getDiagEngine().eraseHandler(handlerId);
}

llvm::Error DiagnosticCollector::error(llvm::StringRef stage) const {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "%s failed:\n%s", stage.str().c_str(),
                                 text.c_str());
}

std::unique_ptr<MLIRContext> mlir::ps::runtime::createCompilerContext() {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  auto context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

TargetDescription TargetDescription::resolved() const {
  TargetDescription result = *this;
  bool host = triple.empty() && cpu.empty();
  if (result.triple.empty())
    result.triple = llvm::sys::getDefaultTargetTriple();
  if (result.cpu.empty())
    result.cpu = host ? llvm::sys::getHostCPUName().str() : "generic";
  if (result.features.empty() && host) {
    llvm::SmallVector<std::string> features;
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      features.push_back((feature.second ? "+" : "-") + feature.first().str());
    llvm::sort(features);
    result.features = llvm::join(features, ",");
  }
  return result;
}

std::string TargetDescription::str() const {
  return triple + " cpu=" + cpu + " features=" + features;
}

std::string ParallelOptions::str() const {
  std::string blocking =
      blockRows ? " block-rows=" + std::to_string(blockRows) : "";
  if (!enabled())
    return "sequential" + blocking;
  return "threads=" + std::to_string(threads) + " schedule=" + schedule +
         " chunk=" + std::to_string(chunk) + " dim=" + std::to_string(dim) +
         blocking;
}

std::string VectorizeOptions::str() const {
  std::string result = !enabled()
                           ? "auto-vectorized"
                           : "isa=" + isa + " lanes=" + std::to_string(lanes) +
                                 " remainder=" + remainder +
                                 " aligned=" + std::to_string(aligned) +
                                 " nontemporal=" + std::to_string(nontemporal) +
                                 " unroll=" + std::to_string(unroll) +
                                 " reuse=" + std::to_string(reuse) +
                                 (jam > 1 ? " jam=" + std::to_string(jam) : "");
  return contract ? result + " contract" : result;
}

/// Fails, with a diagnostic on `module`, if code for `isa` would not run on
/// the host.
static LogicalResult checkHostInstructionSet(ModuleOp module,
                                             llvm::StringRef isa) {
  if (isa.empty() || isa == "host")
    return success();
  for (const InstructionSet &set : getHostInstructionSets())
    if (set.name == isa)
      return success();
  if (!lookupInstructionSet(isa))
    return success(); // ps-vectorize reports unknown names.
  return emitError(module.getLoc())
         << "this machine's CPU has no " << isa
         << ": its kernels would not run here (it has: "
         << llvm::join(llvm::map_range(
                           getHostInstructionSets(),
                           [](const InstructionSet &set) { return set.name; }),
                       ", ")
         << ")";
}

#ifndef PS_OPENMP_LIBRARY
#define PS_OPENMP_LIBRARY "/usr/lib/llvm-22/lib/libomp.so"
#endif

const char *mlir::ps::runtime::getOpenMPLibraryPath() {
  return PS_OPENMP_LIBRARY;
}

std::string mlir::ps::runtime::getPackedEntryName(llvm::StringRef kernel) {
  return ("_ps_packed_" + kernel).str();
}

FailureOr<std::vector<KernelInfo>> mlir::ps::runtime::prepareAndLower(
    ModuleOp module, const TargetDescription &target,
    const ParallelOptions &parallel, const VectorizeOptions &vectorize) {
  if (target.triple.empty() &&
      failed(checkHostInstructionSet(module, vectorize.isa)))
    return failure();
  PassManager prepare(module.getContext());
  buildPrepareKernelsPipeline(prepare, /*optimize=*/true);
  if (failed(prepare.run(module)))
    return failure();
  std::vector<KernelInfo> kernels;
  for (KernelOp kernel : module.getOps<KernelOp>()) {
    FailureOr<KernelInfo> info = describeKernel(kernel);
    if (failed(info))
      return failure();
    kernels.push_back(std::move(*info));
  }
  PassManager lower(module.getContext());
  LowerToLLVMPipelineOptions options;
  options.optimize = false;
  options.triple = target.triple;
  options.cpu = target.cpu;
  options.features = target.features;
  options.threads = parallel.threads;
  options.schedule = parallel.schedule;
  options.chunk = parallel.chunk;
  options.parallelDim = parallel.dim;
  options.blockRows = parallel.blockRows;
  options.vectorize = vectorize.isa;
  options.lanes = vectorize.lanes;
  options.remainder = vectorize.remainder;
  options.aligned = vectorize.aligned;
  options.nontemporal = vectorize.nontemporal;
  options.unroll = vectorize.unroll;
  options.reuse = vectorize.reuse;
  options.jam = vectorize.jam;
  options.contract = vectorize.contract;
  buildLowerToLLVMPipeline(lower, options);
  if (failed(lower.run(module)))
    return failure();
  return kernels;
}

/// Adds `_ps_packed_<kernel>(void **args)`, which loads each argument from
/// the pointer array and calls the kernel.
static void addPackedEntry(llvm::Module &module, llvm::Function &kernel) {
  llvm::LLVMContext &ctx = module.getContext();
  auto *ptrType = llvm::PointerType::get(ctx, 0);
  auto *type =
      llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptrType}, false);
  auto *entry =
      llvm::Function::Create(type, llvm::Function::ExternalLinkage,
                             getPackedEntryName(kernel.getName()), module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(ctx, "entry", entry));
  llvm::SmallVector<llvm::Value *> args;
  for (llvm::Argument &arg : kernel.args()) {
    llvm::Value *slot =
        builder.CreateConstGEP1_64(ptrType, entry->getArg(0), arg.getArgNo());
    llvm::Value *pointer = builder.CreateLoad(ptrType, slot);
    args.push_back(builder.CreateLoad(arg.getType(), pointer));
  }
  builder.CreateCall(&kernel, args);
  builder.CreateRetVoid();
}

llvm::Expected<std::unique_ptr<llvm::Module>>
mlir::ps::runtime::translateAndOptimize(ModuleOp module,
                                        llvm::ArrayRef<KernelInfo> kernels,
                                        llvm::LLVMContext &context,
                                        llvm::TargetMachine &machine,
                                        unsigned optLevel) {
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context);
  if (!llvmModule)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "translation to LLVM IR failed");
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());
  for (const KernelInfo &kernel : kernels)
    if (llvm::Function *function = llvmModule->getFunction(kernel.name))
      addPackedEntry(*llvmModule, *function);
  if (llvm::Error error =
          makeOptimizingTransformer(optLevel, 0, &machine)(llvmModule.get()))
    return std::move(error);
  return llvmModule;
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
mlir::ps::runtime::createTargetMachine(const TargetDescription &target,
                                       unsigned optLevel) {
  static std::once_flag initTargets;
  std::call_once(initTargets, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
  });
  TargetDescription resolved = target.resolved();
  std::string error;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(llvm::Triple(resolved.triple), error);
  if (!llvmTarget)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown target '%s': %s",
                                   resolved.triple.c_str(), error.c_str());
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

llvm::Error mlir::ps::runtime::emitMachineCode(llvm::Module &module,
                                               llvm::TargetMachine &machine,
                                               llvm::StringRef path,
                                               bool assembly) {
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError(ec, "cannot write %s", path.str().c_str());
  llvm::legacy::PassManager pm;
  if (machine.addPassesToEmitFile(pm, out, nullptr,
                                  assembly ? llvm::CodeGenFileType::AssemblyFile
                                           : llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the target cannot emit this file type");
  pm.run(module);
  out.flush();
  if (out.has_error())
    return llvm::createStringError(out.error(), "cannot write %s",
                                   path.str().c_str());
  return llvm::Error::success();
}

llvm::Error mlir::ps::runtime::linkSharedLibrary(llvm::StringRef object,
                                                 llvm::StringRef output,
                                                 llvm::StringRef linker,
                                                 bool openMP) {
  std::string name = linker.empty() ? "ld.lld-22" : linker.str();
  llvm::ErrorOr<std::string> program = llvm::sys::findProgramByName(name);
  if (!program)
    return llvm::createStringError(
        program.getError(), "cannot find the linker '%s' (install lld-22)",
        name.c_str());
  llvm::SmallVector<llvm::StringRef> args = {*program, "-shared", "-o", output,
                                             object};
  std::string ompDir =
      llvm::sys::path::parent_path(getOpenMPLibraryPath()).str();
  std::string rpath = "-rpath=" + ompDir, libDir = "-L" + ompDir;
  if (openMP) {
    args.push_back(libDir);
    args.push_back("-lomp");
    args.push_back(rpath);
  }
  std::string message;
  if (llvm::sys::ExecuteAndWait(*program, args, std::nullopt, {}, 0, 0,
                                &message))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "linking %s failed: %s",
                                   output.str().c_str(), message.c_str());
  return llvm::Error::success();
}
