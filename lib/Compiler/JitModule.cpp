//===- JitModule.cpp - Compile ps kernels in-process and call them --------===//

#include "Stencil/Compiler/JitModule.h"
#include "Stencil/Compiler/CodeGenSettings.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <chrono>
#include <mutex>

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace

JitModule::JitModule() = default;
JitModule::~JitModule() {
  // The kernels point into the engine's code: they go first.
  clearKernels();
  engine.reset();
}

#ifdef PS_COMPILER_RT_BUILTINS
// The compiler run-time's conversions, linked into this library (hidden
// there, so the JIT finds them only through registerSymbols). Declared for
// their addresses only.
extern "C" {
void __truncsfbf2();
void __truncdfbf2();
void __truncsfhf2();
void __truncdfhf2();
void __extendhfsf2();
void __extendbfsf2();
}
#endif

/// Resolves calls of kernels to the compiler run-time's f16 and bf16
/// conversions, as a shared library of the same kernels resolves them from
/// the builtins linked into it.
static void registerCompilerRuntimeSymbols(ExecutionEngine &engine) {
#ifdef PS_COMPILER_RT_BUILTINS
  engine.registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    auto add = [&](const char *name, void (*address)()) {
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                 llvm::JITSymbolFlags::Exported};
    };
    add("__truncsfbf2", __truncsfbf2);
    add("__truncdfbf2", __truncdfbf2);
    add("__truncsfhf2", __truncsfhf2);
    add("__truncdfhf2", __truncdfhf2);
    add("__extendhfsf2", __extendhfsf2);
    add("__extendbfsf2", __extendbfsf2);
    return symbols;
  });
#else
  (void)engine;
#endif
}

llvm::Expected<std::unique_ptr<JitModule>>
JitModule::compile(llvm::StringRef source, const CompileOptions &options,
                   llvm::StringRef sourceName) {
  static std::once_flag initTarget;
  std::call_once(initTarget, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });

  std::unique_ptr<JitModule> jit(new JitModule());
  jit->context = createCompilerContext();
  MLIRContext &context = *jit->context;
  DiagnosticCollector diagnostics(context);

  auto start = std::chrono::steady_clock::now();
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(source, ParserConfig(&context), sourceName);
  if (!module)
    return diagnostics.error("parsing the kernel module");
  jit->times.parse = secondsSince(start);

  // Typify, analyse and simplify, describe the kernels for the argument
  // checks, and lower to LLVM for the host.
  start = std::chrono::steady_clock::now();
  if (llvm::Error error = checkRunsOnHost(options))
    return std::move(error);
  FailureOr<std::vector<KernelInfo>> lowered =
      prepareAndLower(*module, options);
  if (failed(lowered))
    return diagnostics.error("preparing and lowering the kernels");
  std::vector<KernelInfo> infos = std::move(*lowered);
  jit->times.passes = secondsSince(start);

  start = std::chrono::steady_clock::now();
  auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    return machineBuilder.takeError();
  llvm::CodeGenOptLevel codeGenLevel = options.optLevel >= 3
                                           ? llvm::CodeGenOptLevel::Aggressive
                                           : llvm::CodeGenOptLevel::Default;
  machineBuilder->setCodeGenOptLevel(codeGenLevel);
  // An explicit CPU or features the host has (checkRunsOnHost).
  if (!options.cpu.empty() || !options.features.empty()) {
    TargetDescription target = TargetDescription::of(options).resolved();
    machineBuilder->setCPU(target.cpu);
    llvm::SubtargetFeatures features;
    features.addFeaturesVector(
        llvm::SmallVector<std::string>(llvm::split(target.features, ',')));
    machineBuilder->getFeatures() = features;
  }
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return machine.takeError();
  // A function_ref in the options: the std::function must outlive create().
  std::function<llvm::Error(llvm::Module *)> transformer =
      makeOptimizingTransformer(options.optLevel, /*sizeLevel=*/0,
                                machine->get());
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = codeGenLevel;
  engineOptions.enableGDBNotificationListener = false;
  // Parallel kernels call the OpenMP run-time.
  llvm::SmallVector<llvm::StringRef> libraries;
  if (options.isParallel())
    libraries.push_back(getOpenMPLibraryPath());
#ifdef PS_LIBMVEC_LIBRARY
  if (options.vectorMath == VectorMath::Libmvec)
    libraries.push_back(PS_LIBMVEC_LIBRARY);
#endif
  engineOptions.sharedLibPaths = libraries;
  engineOptions.enablePerfNotificationListener = false;
  // The engine makes the host's machine itself; an explicit CPU or features
  // take this one.
  bool explicitTarget = !options.cpu.empty() || !options.features.empty();
  // The engine generates code in create() and in the lookups below.
  CpuCodeGenScope settings;
  auto engine = ExecutionEngine::create(
      *module, engineOptions, explicitTarget ? std::move(*machine) : nullptr);
  if (!engine)
    return engine.takeError();
  jit->engine = std::move(*engine);
  registerCompilerRuntimeSymbols(*jit->engine);
  // Compile everything now, so that the first call does not pay for it.
  for (KernelInfo &info : infos) {
    auto entry = jit->engine->lookupPacked(info.name);
    if (!entry)
      return entry.takeError();
    jit->addKernel(std::move(info), *entry);
  }
  jit->times.codegen = secondsSince(start);
  return jit;
}
