//===- JitModule.cpp - Compile ps kernels in-process and call them --------===//

#include "Stencil/Runtime/JitModule.h"
#include "Stencil/InitAll.h"
#include "Stencil/Runtime/NativeCode.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"

#include <chrono>
#include <dlfcn.h>
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
  // The kernels point into the library: they go first.
  kernels.clear();
  engine.reset();
  if (library)
    dlclose(library);
}

llvm::Expected<std::unique_ptr<JitModule>>
JitModule::compile(llvm::StringRef source, const CompileOptions &options) {
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
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  if (!module)
    return diagnostics.error("parsing the kernel module");
  jit->times.parse = secondsSince(start);

  // Typify, analyse and simplify, describe the kernels for the argument
  // checks, and lower to LLVM for the host.
  start = std::chrono::steady_clock::now();
  FailureOr<std::vector<KernelInfo>> lowered =
      prepareAndLower(*module, TargetDescription(), options.parallel,
                      options.vectorize);
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
  if (options.parallel.enabled())
    libraries.push_back(getOpenMPLibraryPath());
  engineOptions.sharedLibPaths = libraries;
  engineOptions.enablePerfNotificationListener = false;
  auto engine = ExecutionEngine::create(*module, engineOptions);
  if (!engine)
    return engine.takeError();
  jit->engine = std::move(*engine);
  // Compile everything now, so that the first call does not pay for it.
  for (KernelInfo &info : infos) {
    auto entry = jit->engine->lookupPacked(info.name);
    if (!entry)
      return entry.takeError();
    jit->kernels.push_back(
        std::unique_ptr<Kernel>(new Kernel(std::move(info), *entry)));
  }
  jit->times.codegen = secondsSince(start);
  return jit;
}

llvm::Expected<std::unique_ptr<JitModule>>
JitModule::loadSharedLibrary(llvm::StringRef path,
                             std::vector<KernelInfo> kernels) {
  std::unique_ptr<JitModule> jit(new JitModule());
  std::string pathString = path.str();
  jit->library = dlopen(pathString.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!jit->library)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot load %s: %s", pathString.c_str(),
                                   dlerror());
  for (KernelInfo &info : kernels) {
    std::string symbol = getPackedEntryName(info.name);
    void *entry = dlsym(jit->library, symbol.c_str());
    if (!entry)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "%s has no entry point %s",
                                     pathString.c_str(), symbol.c_str());
    jit->kernels.push_back(std::unique_ptr<Kernel>(new Kernel(
        std::move(info), reinterpret_cast<Kernel::PackedEntry>(entry))));
  }
  return jit;
}

const Kernel *JitModule::lookup(llvm::StringRef name) const {
  for (const auto &kernel : kernels)
    if (kernel->getInfo().name == name)
      return kernel.get();
  return nullptr;
}

std::vector<std::string> JitModule::getKernelNames() const {
  std::vector<std::string> names;
  for (const auto &kernel : kernels)
    names.push_back(kernel->getInfo().name);
  return names;
}

llvm::Error Kernel::operator()(const ArgumentList &args) const {
  if (llvm::Error error = checkArguments(info, args))
    return error;
  PackedArguments packed = packArguments(info, args);
  entry(packed.pointers.data());
  return llvm::Error::success();
}
