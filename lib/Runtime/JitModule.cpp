//===- JitModule.cpp - Compile ps kernels in-process and call them --------===//

#include "Stencil/Runtime/JitModule.h"
#include "Stencil/InitAll.h"
#include "Stencil/Pipelines/Passes.h"

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
#include <mutex>

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

/// Collects the diagnostics of a compile, to return them in an error.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(MLIRContext &context)
      : handler(&context, [this](Diagnostic &diag) {
          llvm::raw_string_ostream os(text);
          os << diag.getLocation() << ": " << diag << "\n";
          for (Diagnostic &note : diag.getNotes())
            os << note.getLocation() << ": note: " << note << "\n";
          return success();
        }) {}
  llvm::Error error(llvm::StringRef stage) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s failed:\n%s", stage.str().c_str(),
                                   text.c_str());
  }

private:
  std::string text;
  ScopedDiagnosticHandler handler;
};

} // namespace

JitModule::JitModule() = default;
JitModule::~JitModule() = default;

llvm::Expected<std::unique_ptr<JitModule>>
JitModule::compile(llvm::StringRef source, const CompileOptions &options) {
  static std::once_flag initTarget;
  std::call_once(initTarget, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });

  std::unique_ptr<JitModule> jit(new JitModule());
  DialectRegistry registry;
  registerAllDialects(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  jit->context = std::make_unique<MLIRContext>(registry);
  MLIRContext &context = *jit->context;
  context.loadAllAvailableDialects();
  DiagnosticCollector diagnostics(context);

  auto start = std::chrono::steady_clock::now();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  if (!module)
    return diagnostics.error("parsing the kernel module");
  jit->times.parse = secondsSince(start);

  // Typify, analyse and simplify, then describe the kernels for the
  // argument checks, then lower to LLVM.
  start = std::chrono::steady_clock::now();
  PassManager prepare(&context);
  buildPrepareKernelsPipeline(prepare, options.optimizeIR);
  if (failed(prepare.run(*module)))
    return diagnostics.error("preparing the kernels");
  std::vector<KernelInfo> infos;
  for (KernelOp kernel : module->getOps<KernelOp>()) {
    FailureOr<KernelInfo> info = describeKernel(kernel);
    if (failed(info))
      return diagnostics.error("describing the kernels");
    infos.push_back(std::move(*info));
  }
  PassManager lower(&context);
  LowerToLLVMPipelineOptions lowerOptions;
  lowerOptions.optimize = false;
  // Typification and analysis already ran; running them again is harmless
  // and keeps one pipeline definition.
  buildLowerToLLVMPipeline(lower, lowerOptions);
  if (failed(lower.run(*module)))
    return diagnostics.error("lowering to LLVM");
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
  engineOptions.enablePerfNotificationListener = false;
  auto engine = ExecutionEngine::create(*module, engineOptions);
  if (!engine)
    return engine.takeError();
  jit->engine = std::move(*engine);
  // Compile everything now, so that the first call does not pay for it.
  for (const KernelInfo &info : infos)
    if (auto symbol = jit->engine->lookupPacked(info.name); !symbol)
      return symbol.takeError();
  jit->times.codegen = secondsSince(start);

  for (KernelInfo &info : infos)
    jit->kernels.push_back(
        std::unique_ptr<Kernel>(new Kernel(*jit, std::move(info))));
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
  return module.engine->invokePacked(info.name, packed.pointers);
}
