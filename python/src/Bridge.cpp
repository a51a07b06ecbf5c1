//===- Bridge.cpp - The compiler, cache and GPU run-time for Python -------===//
//
// Compiled without RTTI, as LLVM and MLIR are (see Bridge.h).
//
//===----------------------------------------------------------------------===//

#include "Bridge.h"

#include "Stencil/Tuner/KernelTuner.h"

#include "Stencil/Cache/KernelCache.h"
#include "Stencil/Compiler/CHeader.h"
#include "Stencil/Compiler/NativeCode.h"
#include "Stencil/GPURuntime/GpuModule.h"
#include "Stencil/InitAll.h"
#include "Stencil/Pipelines/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

namespace psmlir {
namespace {

Status fromError(llvm::Error error) {
  if (!error)
    return {};
  return Status::error(llvm::toString(std::move(error)));
}

Status parseOptions(const std::string &text, CompileOptions &options) {
  std::string message;
  llvm::raw_string_ostream errors(message);
  if (failed(options.parseFromString(text, errors)))
    return Status::error("bad code generation options '" + text +
                         "': " + llvm::StringRef(message).trim().str());
  return fromError(checkCompileOptions(options));
}

/// A context with the CPU compiler's dialects, the module parsed in it and
/// the diagnostics it gives.
struct Parsed {
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<DiagnosticCollector> diagnostics;
  OwningOpRef<ModuleOp> module;
};

Status parse(const std::string &source, Parsed &parsed, bool gpu = false) {
  parsed.context = createCompilerContext();
  if (gpu) {
    DialectRegistry registry;
    registerPsGpuDialects(registry);
    parsed.context->appendDialectRegistry(registry);
    parsed.context->loadAllAvailableDialects();
  }
  parsed.diagnostics = std::make_unique<DiagnosticCollector>(*parsed.context);
  parsed.module = parseSourceString<ModuleOp>(source, parsed.context.get());
  if (!parsed.module)
    return fromError(parsed.diagnostics->error("parsing the kernel module"));
  return {};
}

std::string print(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  op->print(os);
  return text;
}

/// Keeps the module as it is right before the first pass named `argument`.
struct CaptureBefore : public PassInstrumentation {
  CaptureBefore(llvm::StringRef argument, std::string &text)
      : argument(argument), text(text) {}
  void runBeforePass(Pass *pass, Operation *op) override {
    if (text.empty() && pass->getArgument() == argument)
      text = print(op);
  }
  llvm::StringRef argument;
  std::string &text;
};

void initializeTargets() {
  // Every target: ahead of time, a module may be compiled for another
  // machine (triple=, cpu=).
  static bool done = [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
    return true;
  }();
  (void)done;
}

/// A module lowered to optimized LLVM IR, with what made it.
struct LoweredModule {
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule;
  std::unique_ptr<llvm::TargetMachine> machine;
  std::vector<KernelInfo> kernels;
};

Status lowerToLLVM(const std::string &source, const CompileOptions &options,
                   LoweredModule &result) {
  llvm::LLVMContext &llvmContext = result.llvmContext;
  std::unique_ptr<llvm::Module> &llvmModule = result.llvmModule;
  std::unique_ptr<llvm::TargetMachine> &machine = result.machine;
  std::vector<KernelInfo> &kernels = result.kernels;
  initializeTargets();
  Parsed parsed;
  if (Status status = parse(source, parsed); !status.ok)
    return status;
  auto lowered = prepareAndLower(*parsed.module, options);
  if (failed(lowered))
    return fromError(parsed.diagnostics->error("compiling the kernels"));
  kernels = *lowered;
  auto target = TargetDescription::of(options).resolved();
  auto created = createTargetMachine(target, options.optLevel);
  if (!created)
    return fromError(created.takeError());
  machine = std::move(*created);
  auto translated = translateAndOptimize(*parsed.module, kernels, llvmContext,
                                         *machine, options.optLevel);
  if (!translated)
    return fromError(translated.takeError());
  llvmModule = std::move(*translated);
  return {};
}

Status readFile(llvm::StringRef path, std::string &text) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return Status::error("cannot read " + path.str() + ": " +
                         buffer.getError().message());
  text = (*buffer)->getBuffer().str();
  return {};
}

} // namespace

std::string getDefaultOptionsText() { return CompileOptions().str(); }

Status checkOptions(const std::string &text, std::string &canonical) {
  CompileOptions options;
  if (Status status = parseOptions(text, options); !status.ok)
    return status;
  canonical = options.str();
  return {};
}

Status compileCached(const std::string &source, const std::string &options,
                     CachedModule &result) {
  CompileOptions parsed;
  if (Status status = parseOptions(options, parsed); !status.ok)
    return status;
  cache::Outcome outcome;
  auto module = cache::KernelCache::global().get(source, parsed, &outcome);
  if (!module)
    return fromError(module.takeError());
  result.module = std::move(*module);
  result.outcome = cache::toString(outcome);
  return {};
}

Status tuneCached(const std::string &source, const std::string &options,
                  const std::string &name, const ArgumentList &args,
                  TunedModule &result) {
  CompileOptions parsed;
  if (Status status = parseOptions(options, parsed); !status.ok)
    return status;
  auto tuned = mlir::ps::tuner::tune(cache::KernelCache::global(), source,
                                     name, parsed, args);
  if (!tuned)
    return fromError(tuned.takeError());
  result.module = tuned->module;
  result.choice = tuned->choice.name;
  result.options = tuned->choice.options;
  result.fromRecord = tuned->fromRecord;
  result.seconds = tuned->seconds;
  result.rounds = tuned->rounds;
  result.settled = tuned->settled;
  return {};
}

Status findRecordedCached(const std::string &source,
                          const std::string &options, const std::string &name,
                          const ArgumentList &args, TunedModule &result,
                          bool &found) {
  CompileOptions parsed;
  if (Status status = parseOptions(options, parsed); !status.ok)
    return status;
  auto recorded = mlir::ps::tuner::findRecorded(cache::KernelCache::global(),
                                                source, name, parsed, args);
  found = recorded.has_value();
  if (found) {
    result.module = recorded->module;
    result.choice = recorded->choice.name;
    result.options = recorded->choice.options;
    result.fromRecord = true;
  }
  return {};
}

std::string getCacheDirectory() {
  const cache::CacheConfig &config = cache::KernelCache::global().getConfig();
  return config.diskEnabled ? config.directory : std::string();
}

Status callKernel(const Kernel &kernel, const ArgumentList &args) {
  return fromError(kernel(args));
}

Status showCpuStage(const std::string &source, const std::string &options,
                    const std::string &stage, std::string &text) {
  CompileOptions parsed;
  if (Status status = parseOptions(options, parsed); !status.ok)
    return status;
  if (stage == "typed" || stage == "loops") {
    Parsed module;
    if (Status status = parse(source, module); !status.ok)
      return status;
    PassManager pm(module.context.get());
    buildPrepareKernelsPipeline(pm, parsed.optimize);
    if (stage == "loops") {
      // The loop transforms end where the conversion to LLVM begins.
      buildLowerPreparedKernelsToLLVMPipeline(pm, parsed);
      pm.addInstrumentation(
          std::make_unique<CaptureBefore>("expand-strided-metadata", text));
    }
    if (failed(pm.run(*module.module)))
      return fromError(module.diagnostics->error("compiling the kernels"));
    if (stage == "typed")
      text = print(*module.module);
    return {};
  }
  if (stage != "llvm" && stage != "asm")
    return Status::error("unknown CPU stage '" + stage + "'");
  LoweredModule lowered;
  if (Status status = lowerToLLVM(source, parsed, lowered); !status.ok)
    return status;
  llvm::Module &llvmModule = *lowered.llvmModule;
  llvm::TargetMachine &machine = *lowered.machine;
  if (stage == "llvm") {
    llvm::raw_string_ostream os(text);
    llvmModule.print(os, nullptr);
    return {};
  }
  llvm::SmallString<128> path;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("psmlir", "s", path))
    return Status::error("cannot create a temporary file: " + ec.message());
  llvm::FileRemover remover(path);
  if (Status status = fromError(
          emitMachineCode(llvmModule, machine, path, /*assembly=*/true));
      !status.ok)
    return status;
  return readFile(path, text);
}

Status compileAheadOfTime(const std::string &source, const std::string &options,
                          const std::string &kind, const std::string &path,
                          const std::string &header) {
  if (kind != "obj" && kind != "shared" && kind != "asm" && kind != "llvm")
    return Status::error("unknown output kind '" + kind +
                         "': expected obj, shared, asm or llvm");
  CompileOptions parsed;
  if (Status status = parseOptions(options, parsed); !status.ok)
    return status;
  LoweredModule lowered;
  if (Status status = lowerToLLVM(source, parsed, lowered); !status.ok)
    return status;
  llvm::Module &llvmModule = *lowered.llvmModule;
  llvm::TargetMachine &machine = *lowered.machine;
  const std::vector<KernelInfo> &kernels = lowered.kernels;
  Status written;
  if (kind == "llvm") {
    std::error_code ec;
    llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_Text);
    if (ec)
      return Status::error("cannot write " + path + ": " + ec.message());
    llvmModule.print(out, nullptr);
  } else if (kind == "shared") {
    llvm::SmallString<128> object;
    if (std::error_code ec =
            llvm::sys::fs::createTemporaryFile("psmlir", "o", object))
      return Status::error("cannot create a temporary file: " + ec.message());
    llvm::FileRemover remover(object);
    written = fromError(emitMachineCode(llvmModule, machine, object, false));
    if (written.ok)
      written =
          fromError(linkSharedLibrary(object, path, "", parsed.isParallel()));
  } else {
    written =
        fromError(emitMachineCode(llvmModule, machine, path, kind == "asm"));
  }
  if (!written.ok || header.empty())
    return written;
  std::error_code ec;
  llvm::raw_fd_ostream out(header, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return Status::error("cannot write " + header + ": " + ec.message());
  std::string guard = "PS_" + llvm::sys::path::stem(header).upper() + "_H";
  for (char &c : guard)
    if (!llvm::isAlnum(c))
      c = '_';
  emitCHeader(kernels, guard, out);
  return {};
}

//===----------------------------------------------------------------------===//
// GPUs
//===----------------------------------------------------------------------===//

class GpuProgram {
public:
  std::unique_ptr<GpuModule> module;
};

namespace {
Status toGpuOptions(const GpuSettings &settings, GpuOptions &options) {
  if (settings.backend == "cuda")
    options.target = GpuTarget::Nvptx;
  else if (settings.backend == "hip")
    options.target = GpuTarget::Amdgpu;
  else
    return Status::error("unknown GPU backend '" + settings.backend +
                         "': expected cuda or hip");
  options.chip = settings.chip;
  options.features = settings.features;
  options.format = settings.format;
  options.blockSize = settings.blockSize;
  if (settings.scheme == "blockwise")
    options.scheme = GpuIndexingScheme::Blockwise;
  else if (!settings.scheme.empty() && settings.scheme != "linear")
    return Status::error("unknown GPU indexing scheme '" + settings.scheme +
                         "': expected linear or blockwise");
  return {};
}
} // namespace

Status showGpuCode(const std::string &source, const GpuSettings &settings,
                   std::string &text) {
  GpuOptions gpu;
  if (Status status = toGpuOptions(settings, gpu); !status.ok)
    return status;
  Parsed parsed;
  if (Status status = parse(source, parsed, /*gpu=*/true); !status.ok)
    return status;
  PassManager pm(parsed.context.get());
  std::string optionError;
  auto onError = [&](const llvm::Twine &message) {
    optionError = message.str();
    return failure();
  };
  auto setCommon = [&](auto &pipeline) {
    if (!gpu.chip.empty())
      pipeline.chip = gpu.chip;
    pipeline.features = gpu.features;
    pipeline.scheme = gpu.scheme;
    pipeline.blockSize = gpu.blockSize;
    pipeline.format = "isa";
  };
  if (gpu.target == GpuTarget::Nvptx) {
    LowerToNVVMPipelineOptions pipeline;
    setCommon(pipeline);
    if (failed(verifyOptions(pipeline, onError)))
      return Status::error("GPU options: " + optionError);
    buildLowerToNVVMPipeline(pm, pipeline);
  } else {
    LowerToROCDLPipelineOptions pipeline;
    setCommon(pipeline);
    if (failed(verifyOptions(pipeline, onError)))
      return Status::error("GPU options: " + optionError);
    buildLowerToROCDLPipeline(pm, pipeline);
  }
  if (failed(pm.run(*parsed.module)))
    return fromError(
        parsed.diagnostics->error("lowering the kernels for the GPU"));
  llvm::raw_string_ostream os(text);
  parsed.module->walk([&](gpu::BinaryOp binary) {
    for (Attribute attr : binary.getObjects())
      if (auto object = dyn_cast<gpu::ObjectAttr>(attr))
        os << "// gpu.binary @" << binary.getSymName() << "\n"
           << object.getObject().getValue() << "\n";
  });
  return {};
}

Status compileGpu(const std::string &source, const GpuSettings &settings,
                  std::shared_ptr<GpuProgram> &result) {
  GpuOptions options;
  if (Status status = toGpuOptions(settings, options); !status.ok)
    return status;
  auto module = GpuModule::compile(source, options);
  if (!module)
    return fromError(module.takeError());
  result = std::make_shared<GpuProgram>();
  result->module = std::move(*module);
  return {};
}

const KernelInfo *getGpuKernelInfo(const GpuProgram &program,
                                   const std::string &name) {
  const GpuKernel *kernel = program.module->lookup(name);
  return kernel ? &kernel->getInfo() : nullptr;
}

Status launchGpu(const GpuProgram &program, const std::string &name,
                 const std::vector<HostArray> &arrays,
                 const ArgumentList &scalars) {
  const GpuKernel *kernel = program.module->lookup(name);
  if (!kernel)
    return Status::error("no kernel '" + name + "' in the GPU module");
  ArgumentList args = scalars;
  std::vector<DeviceBuffer> buffers;
  buffers.reserve(arrays.size());
  for (const HostArray &array : arrays) {
    auto buffer =
        DeviceBuffer::allocate(program.module->getBackend(), array.bytes);
    if (!buffer)
      return fromError(buffer.takeError());
    if (Status status =
            fromError(buffer->copyFromHost(array.view.data, array.bytes));
        !status.ok)
      return status;
    args.field(array.name, buffer->view(array.view.type, array.view.shape,
                                        array.view.strides));
    buffers.push_back(std::move(*buffer));
  }
  if (Status status = fromError(kernel->launch(args)); !status.ok)
    return status;
  for (auto [array, buffer] : llvm::zip(arrays, buffers))
    if (array.writeBack)
      if (Status status =
              fromError(buffer.copyToHost(array.view.data, array.bytes));
          !status.ok)
        return status;
  return {};
}

} // namespace psmlir
