//===- KernelModule.cpp - Compiled kernels and how to call them -----------===//

#include "Stencil/Runtime/KernelModule.h"
#include "Stencil/Runtime/KernelInfoJSON.h"

#include <dlfcn.h>

using namespace mlir::ps::runtime;

std::string mlir::ps::runtime::getPackedEntryName(llvm::StringRef kernel) {
  return ("_ps_packed_" + kernel).str();
}

llvm::StringRef mlir::ps::runtime::getKernelDescriptionsSymbol() {
  return "_ps_kernel_descriptions";
}

llvm::StringRef mlir::ps::runtime::getBuildTagSymbol() {
  return "_ps_build_tag";
}

llvm::Error Kernel::operator()(const ArgumentList &args) const {
  if (llvm::Error error = checkArguments(info, args))
    return error;
  PackedArguments packed = packArguments(info, args);
  entry(packed.pointers.data());
  return llvm::Error::success();
}

KernelModule::~KernelModule() = default;

void KernelModule::addKernel(KernelInfo info, Kernel::PackedEntry entry) {
  kernels.push_back(std::make_unique<Kernel>(std::move(info), entry));
}

const Kernel *KernelModule::lookup(llvm::StringRef name) const {
  for (const auto &kernel : kernels)
    if (kernel->getInfo().name == name)
      return kernel.get();
  return nullptr;
}

std::vector<std::string> KernelModule::getKernelNames() const {
  std::vector<std::string> names;
  for (const auto &kernel : kernels)
    names.push_back(kernel->getInfo().name);
  return names;
}

namespace {

/// Kernels in a library opened with dlopen, closed when the module goes.
class SharedLibraryModule : public KernelModule {
public:
  static llvm::Expected<std::unique_ptr<SharedLibraryModule>>
  open(llvm::StringRef path) {
    std::unique_ptr<SharedLibraryModule> module(new SharedLibraryModule());
    module->path = path.str();
    module->handle = dlopen(module->path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!module->handle)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "cannot load %s: %s", module->path.c_str(),
                                     dlerror());
    std::string symbol = getBuildTagSymbol().str();
    if (const char *tag = static_cast<const char *>(
            dlsym(module->handle, symbol.c_str())))
      module->buildTag = tag;
    return module;
  }

  ~SharedLibraryModule() override {
    // The kernels point into the library: they go first.
    clearKernels();
    if (handle)
      dlclose(handle);
  }

  /// The descriptions the library carries.
  llvm::Expected<std::vector<KernelInfo>> readDescriptions() const {
    std::string symbol = getKernelDescriptionsSymbol().str();
    const char *text = static_cast<const char *>(dlsym(handle, symbol.c_str()));
    if (!text)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "%s has no kernel descriptions (%s): it was not made by "
          "ps-compile --emit=shared or the kernel cache",
          path.c_str(), symbol.c_str());
    auto kernels = readKernelsJSON(text);
    if (!kernels)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "%s: %s", path.c_str(),
                                     llvm::toString(kernels.takeError()).c_str());
    return kernels;
  }

  llvm::Error bind(std::vector<KernelInfo> infos) {
    for (KernelInfo &info : infos) {
      std::string symbol = getPackedEntryName(info.name);
      void *entry = dlsym(handle, symbol.c_str());
      if (!entry)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "%s has no entry point %s",
                                       path.c_str(), symbol.c_str());
      addKernel(std::move(info), reinterpret_cast<Kernel::PackedEntry>(entry));
    }
    return llvm::Error::success();
  }

private:
  SharedLibraryModule() = default;
  std::string path;
  void *handle = nullptr;
};

} // namespace

llvm::Expected<std::unique_ptr<KernelModule>>
KernelModule::loadSharedLibrary(llvm::StringRef path,
                                std::vector<KernelInfo> kernels) {
  auto module = SharedLibraryModule::open(path);
  if (!module)
    return module.takeError();
  if (llvm::Error error = (*module)->bind(std::move(kernels)))
    return std::move(error);
  return std::unique_ptr<KernelModule>(std::move(*module));
}

llvm::Expected<std::unique_ptr<KernelModule>>
KernelModule::loadSharedLibrary(llvm::StringRef path) {
  auto module = SharedLibraryModule::open(path);
  if (!module)
    return module.takeError();
  auto kernels = (*module)->readDescriptions();
  if (!kernels)
    return kernels.takeError();
  if (llvm::Error error = (*module)->bind(std::move(*kernels)))
    return std::move(error);
  return std::unique_ptr<KernelModule>(std::move(*module));
}
