//===- GpuModule.cpp - Compile ps kernels for a GPU and launch them -------===//

#include "Stencil/GPURuntime/GpuModule.h"
#include "Stencil/Conversion/PsToGpu/PsToGpu.h"
#include "Stencil/InitAll.h"
#include "Stencil/Pipelines/Passes.h"
#include "Stencil/Compiler/DescribeKernel.h"
#include "Stencil/Compiler/NativeCode.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

//===----------------------------------------------------------------------===//
// DeviceBuffer
//===----------------------------------------------------------------------===//

llvm::Expected<DeviceBuffer> DeviceBuffer::allocate(GpuBackend backend,
                                                    size_t bytes) {
  llvm::Expected<GpuDriver &> driver = GpuDriver::get(backend);
  if (!driver)
    return driver.takeError();
  llvm::Expected<void *> pointer = driver->allocate(bytes);
  if (!pointer)
    return pointer.takeError();
  return DeviceBuffer(*driver, *pointer, bytes);
}

DeviceBuffer::DeviceBuffer(DeviceBuffer &&other)
    : driver(other.driver), pointer(other.pointer), bytes(other.bytes) {
  other.pointer = nullptr;
  other.bytes = 0;
}

DeviceBuffer &DeviceBuffer::operator=(DeviceBuffer &&other) {
  if (this != &other) {
    if (pointer)
      driver->free(pointer);
    driver = other.driver;
    pointer = other.pointer;
    bytes = other.bytes;
    other.pointer = nullptr;
    other.bytes = 0;
  }
  return *this;
}

DeviceBuffer::~DeviceBuffer() {
  if (pointer)
    driver->free(pointer);
}

llvm::Error DeviceBuffer::copyFromHost(const void *host, size_t count) {
  if (count > bytes)
    return makeError(llvm::formatv("copying {0} bytes into a device buffer of "
                                   "{1}",
                                   count, bytes));
  return driver->copyToDevice(pointer, host, count);
}

llvm::Error DeviceBuffer::copyToHost(void *host, size_t count) const {
  if (count > bytes)
    return makeError(llvm::formatv("copying {0} bytes out of a device buffer "
                                   "of {1}",
                                   count, bytes));
  return driver->copyToHost(host, pointer, count);
}

llvm::Error DeviceBuffer::copyFrom(const DeviceBuffer &other, size_t count) {
  if (count > bytes || count > other.bytes)
    return makeError("device-to-device copy larger than a buffer");
  if (driver != other.driver)
    return makeError("device-to-device copy between two backends");
  return driver->copyOnDevice(pointer, other.pointer, count);
}

BufferView DeviceBuffer::view(ScalarType type, std::vector<int64_t> shape,
                              std::vector<int64_t> strides,
                              int64_t offset) const {
  return BufferView{static_cast<char *>(pointer) + offset * getByteSize(type),
                    type, std::move(shape), std::move(strides)};
}

//===----------------------------------------------------------------------===//
// GpuModule
//===----------------------------------------------------------------------===//

/// A fatbin (cubins and PTX) where the CUDA toolkit's ptxas and fatbinary
/// are there, else PTX, which the driver compiles when it loads it.
static std::string getDefaultNvptxFormat(llvm::StringRef toolkitPath) {
  std::string bin = (toolkitPath.empty() ? mlir::ps::getDefaultCudaPath()
                                         : toolkitPath.str()) +
                    "/bin/";
  for (const char *tool : {"ptxas", "fatbinary"})
    if (!llvm::sys::fs::can_execute(bin + tool) &&
        !llvm::sys::findProgramByName(tool))
      return "isa";
  return "fatbin";
}

GpuModule::GpuModule() = default;

GpuModule::~GpuModule() {
  // The global destructors of the host code unload the GPU modules.
  setCurrentGpuDriver(driver);
  kernels.clear();
  engine.reset();
  setCurrentGpuDriver(nullptr);
}

llvm::Expected<std::unique_ptr<GpuModule>>
GpuModule::compile(llvm::StringRef source, const GpuOptions &options) {
  static std::once_flag initTarget;
  std::call_once(initTarget, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });

  std::unique_ptr<GpuModule> gpu(new GpuModule());
  gpu->options = options;
  bool nvptx = options.target == GpuTarget::Nvptx;
  if (gpu->options.chip.empty()) {
    // The device's architecture if there is one; no GPU is no error here.
    llvm::Expected<GpuDriver &> driver = GpuDriver::get(gpu->getBackend());
    if (driver)
      gpu->options.chip = driver->getArchitecture();
    else
      llvm::consumeError(driver.takeError());
    if (gpu->options.chip.empty())
      gpu->options.chip = nvptx ? "sm_80" : "gfx90a";
  }

  gpu->context = createCompilerContext();
  DialectRegistry registry;
  registerPsGpuDialects(registry);
  gpu->context->appendDialectRegistry(registry);
  gpu->context->loadAllAvailableDialects();
  MLIRContext &context = *gpu->context;
  DiagnosticCollector diagnostics(context);

  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  if (!module)
    return diagnostics.error("parsing the kernel module");

  // Typify, analyse and simplify; describe the kernels for the argument
  // checks; then lower for the GPU.
  PassManager prepare(&context);
  buildPrepareKernelsPipeline(prepare, /*optimize=*/true);
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
  std::string optionError;
  auto onError = [&](const llvm::Twine &message) {
    optionError = message.str();
    return failure();
  };
  const GpuOptions &o = gpu->options;
  // The options both pipelines share.
  auto setCommon = [&](auto &pipeline) {
    pipeline.chip = o.chip;
    pipeline.features = o.features;
    pipeline.scheme = o.scheme;
    pipeline.blockSize = o.blockSize;
    pipeline.optLevel = o.optLevel;
    pipeline.optimize = false;
  };
  if (nvptx) {
    LowerToNVVMPipelineOptions pipeline;
    setCommon(pipeline);
    pipeline.format =
        o.format.empty() ? getDefaultNvptxFormat(o.toolkitPath) : o.format;
    pipeline.cudaPath = o.toolkitPath;
    if (failed(verifyOptions(pipeline, onError)))
      return makeError("GPU options: " + optionError);
    buildLowerToNVVMPipeline(lower, pipeline);
  } else {
    LowerToROCDLPipelineOptions pipeline;
    setCommon(pipeline);
    pipeline.format = o.format.empty() ? "bin" : o.format;
    pipeline.rocmPath = o.toolkitPath;
    if (failed(verifyOptions(pipeline, onError)))
      return makeError("GPU options: " + optionError);
    buildLowerToROCDLPipeline(lower, pipeline);
  }
  if (failed(lower.run(*module)))
    return diagnostics.error("lowering the kernels for the GPU");

  auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    return machineBuilder.takeError();
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return machine.takeError();
  std::function<llvm::Error(llvm::Module *)> transformer =
      makeOptimizingTransformer(2, /*sizeLevel=*/0, machine->get());
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.enableGDBNotificationListener = false;
  engineOptions.enablePerfNotificationListener = false;
  auto engine = ExecutionEngine::create(*module, engineOptions);
  if (!engine)
    return engine.takeError();
  gpu->engine = std::move(*engine);
  gpu->engine->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    for (const GpuRuntimeSymbol &symbol : getGpuRuntimeSymbols())
      symbols[interner(symbol.name)] = {
          llvm::orc::ExecutorAddr::fromPtr(symbol.address),
          llvm::JITSymbolFlags::Exported};
    return symbols;
  });
  for (KernelInfo &info : infos) {
    auto entry = gpu->engine->lookupPacked(info.name);
    if (!entry)
      return entry.takeError();
    gpu->kernels.push_back(std::unique_ptr<GpuKernel>(
        new GpuKernel(*gpu, std::move(info), *entry)));
  }
  return gpu;
}

llvm::Expected<GpuDriver &> GpuModule::load() {
  std::call_once(loadOnce, [&] {
    llvm::Expected<GpuDriver &> found = GpuDriver::get(getBackend());
    if (!found) {
      loadError = llvm::toString(found.takeError());
      return;
    }
    driver = &*found;
    setCurrentGpuDriver(driver);
    engine->initialize();
    setCurrentGpuDriver(nullptr);
    if (llvm::Error error = driver->takeError())
      loadError = "loading the GPU code: " + llvm::toString(std::move(error));
  });
  if (!loadError.empty())
    return makeError(loadError);
  return *driver;
}

const GpuKernel *GpuModule::lookup(llvm::StringRef name) const {
  for (const auto &kernel : kernels)
    if (kernel->getInfo().name == name)
      return kernel.get();
  return nullptr;
}

std::vector<std::string> GpuModule::getKernelNames() const {
  std::vector<std::string> names;
  for (const auto &kernel : kernels)
    names.push_back(kernel->getInfo().name);
  return names;
}

//===----------------------------------------------------------------------===//
// GpuKernel
//===----------------------------------------------------------------------===//

llvm::Error GpuKernel::launch(const ArgumentList &args) const {
  llvm::Expected<GpuDriver &> driver = module.load();
  if (!driver)
    return driver.takeError();

  // The checks read the coordinates of index lists and the members their
  // records check: those get host copies.
  ArgumentList checked = args;
  std::vector<std::vector<char>> hostLists;
  std::vector<unsigned> readByChecks;
  for (const SparseSpaceInfo &space : info.sparseSpaces) {
    readByChecks.push_back(space.indexList);
    for (const RecordCheck &check : space.recordChecks)
      readByChecks.push_back(check.field);
  }
  llvm::sort(readByChecks);
  readByChecks.erase(llvm::unique(readByChecks), readByChecks.end());
  for (unsigned index : readByChecks) {
    const ParameterInfo &param = info.parameters[index];
    auto found = args.values().find(param.name);
    if (found == args.values().end())
      continue; // checkArguments reports it.
    const auto *view = std::get_if<BufferView>(&found->second);
    if (!view || !view->data || view->shape.empty() ||
        view->strides.size() != view->shape.size() ||
        llvm::any_of(view->shape, [](int64_t e) { return e <= 0; }) ||
        llvm::any_of(view->strides, [](int64_t s) { return s < 0; }))
      continue;
    size_t elements = 1;
    for (auto [extent, stride] : llvm::zip(view->shape, view->strides))
      elements += (extent - 1) * stride;
    std::vector<char> &host =
        hostLists.emplace_back(elements * getByteSize(view->type));
    if (llvm::Error error =
            driver->copyToHost(host.data(), view->data, host.size()))
      return makeError("argument '" + param.name +
                       "': reading the index list from the device: " +
                       llvm::toString(std::move(error)));
    BufferView copy = *view;
    copy.data = host.data();
    checked.field(param.name, copy);
  }
  if (llvm::Error error = checkArguments(info, checked))
    return error;

  PackedArguments packed = packArguments(info, args);
  setCurrentGpuDriver(&*driver);
  entry(packed.pointers.data());
  setCurrentGpuDriver(nullptr);
  if (llvm::Error error = driver->takeError())
    return makeError("launching " + info.name + ": " +
                     llvm::toString(std::move(error)));
  return llvm::Error::success();
}
