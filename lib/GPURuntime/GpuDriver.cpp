//===- GpuDriver.cpp - CUDA or HIP, loaded at run time --------------------===//
//
// The few driver types and functions used here are declared by hand (all
// handles are pointers, results are ints), so that neither cuda.h nor the
// HIP headers are needed to build. The exported names are those the headers
// map the API to (cuMemAlloc is cuMemAlloc_v2, and so on).
//
//===----------------------------------------------------------------------===//

#include "Stencil/GPURuntime/GpuDriver.h"

#include "llvm/Support/FormatVariadic.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>

using namespace mlir::ps::runtime;

const char *mlir::ps::runtime::toString(GpuBackend backend) {
  return backend == GpuBackend::Cuda ? "CUDA" : "HIP";
}

namespace {
using Handle = void *;
using DevicePtr = uintptr_t;

// CUDA driver API constants.
constexpr int kCuDeviceAttributeComputeCapabilityMajor = 75;
constexpr int kCuDeviceAttributeComputeCapabilityMinor = 76;
constexpr int kCuStreamNonBlocking = 1;
constexpr int kCuJitOptimizationLevel = 7;
// HIP constants.
constexpr int kHipMemcpyHostToDevice = 1;
constexpr int kHipMemcpyDeviceToHost = 2;
constexpr int kHipMemcpyDeviceToDevice = 3;
constexpr int kHipMemcpyDefault = 4;
constexpr unsigned kHipStreamNonBlocking = 1;
} // namespace

/// The functions of one backend; those of the other stay null.
struct GpuDriver::Api {
  // CUDA.
  int (*cuInit)(unsigned);
  int (*cuDeviceGetCount)(int *);
  int (*cuDeviceGet)(int *, int);
  int (*cuDeviceGetName)(char *, int, int);
  int (*cuDeviceGetAttribute)(int *, int, int);
  int (*cuDevicePrimaryCtxRetain)(Handle *, int);
  int (*cuCtxSetCurrent)(Handle);
  int (*cuCtxSynchronize)();
  int (*cuGetErrorName)(int, const char **);
  int (*cuGetErrorString)(int, const char **);
  int (*cuModuleLoadData)(Handle *, const void *);
  int (*cuModuleLoadDataEx)(Handle *, const void *, unsigned, int *, void **);
  int (*cuModuleUnload)(Handle);
  int (*cuModuleGetFunction)(Handle *, Handle, const char *);
  int (*cuLaunchKernel)(Handle, unsigned, unsigned, unsigned, unsigned,
                        unsigned, unsigned, unsigned, Handle, void **, void **);
  int (*cuStreamCreate)(Handle *, unsigned);
  int (*cuStreamSynchronize)(Handle);
  int (*cuStreamDestroy)(Handle);
  int (*cuMemAlloc)(DevicePtr *, size_t);
  int (*cuMemFree)(DevicePtr);
  int (*cuMemcpyHtoD)(DevicePtr, const void *, size_t);
  int (*cuMemcpyDtoH)(void *, DevicePtr, size_t);
  int (*cuMemcpyDtoD)(DevicePtr, DevicePtr, size_t);
  int (*cuMemcpyAsync)(DevicePtr, DevicePtr, size_t, Handle);
  int (*cuMemsetD32Async)(DevicePtr, unsigned, size_t, Handle);
  int (*cuMemsetD16Async)(DevicePtr, unsigned short, size_t, Handle);
  // HIP.
  int (*hipInit)(unsigned);
  int (*hipGetDeviceCount)(int *);
  int (*hipSetDevice)(int);
  int (*hipDeviceGetName)(char *, int, int);
  int (*hipDeviceSynchronize)();
  const char *(*hipGetErrorString)(int);
  int (*hipModuleLoadData)(Handle *, const void *);
  int (*hipModuleUnload)(Handle);
  int (*hipModuleGetFunction)(Handle *, Handle, const char *);
  int (*hipModuleLaunchKernel)(Handle, unsigned, unsigned, unsigned, unsigned,
                               unsigned, unsigned, unsigned, Handle, void **,
                               void **);
  int (*hipStreamCreateWithFlags)(Handle *, unsigned);
  int (*hipStreamSynchronize)(Handle);
  int (*hipStreamDestroy)(Handle);
  int (*hipMalloc)(void **, size_t);
  int (*hipFree)(void *);
  int (*hipMemcpy)(void *, const void *, size_t, int);
  int (*hipMemcpyAsync)(void *, const void *, size_t, int, Handle);
  int (*hipMemsetD32Async)(void *, int, size_t, Handle);
  int (*hipMemsetD16Async)(void *, unsigned short, size_t, Handle);
};

GpuDriver::GpuDriver(GpuBackend backend) : backend(backend) {}
GpuDriver::~GpuDriver() = default;

static llvm::Error noGpu(const llvm::Twine &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "no GPU: " + why);
}

llvm::Expected<GpuDriver &> GpuDriver::get(GpuBackend backend) {
  // One driver per backend for the whole process; a failed load is kept, so
  // that every caller gets the same message.
  static std::mutex mutex;
  static std::unique_ptr<GpuDriver> drivers[2];
  static std::string failures[2];
  std::lock_guard<std::mutex> lock(mutex);
  unsigned index = backend == GpuBackend::Cuda ? 0 : 1;
  if (!drivers[index] && failures[index].empty()) {
    std::unique_ptr<GpuDriver> driver(new GpuDriver(backend));
    if (llvm::Error error = driver->load())
      failures[index] = llvm::toString(std::move(error));
    else
      drivers[index] = std::move(driver);
  }
  if (!drivers[index])
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   failures[index]);
  return *drivers[index];
}

llvm::Error GpuDriver::probe(GpuBackend backend, llvm::StringRef library) {
  GpuDriver driver(backend);
  return driver.load(library);
}

llvm::Error GpuDriver::load(llvm::StringRef libraryOverride) {
  bool cuda = backend == GpuBackend::Cuda;
  const char *variable = cuda ? "PS_CUDA_LIBRARY" : "PS_HIP_LIBRARY";
  std::vector<std::string> names;
  if (!libraryOverride.empty())
    names.push_back(libraryOverride.str());
  else if (const char *value = std::getenv(variable); value && *value)
    names.push_back(value);
  else if (cuda)
    names.push_back("libcuda.so.1");
  else
    names = {"libamdhip64.so", "libamdhip64.so.6", "libamdhip64.so.5"};
  std::string reasons;
  for (const std::string &name : names) {
    library = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library)
      break;
    const char *reason = dlerror();
    reasons +=
        (reasons.empty() ? "" : "; ") + std::string(reason ? reason : name);
  }
  if (!library)
    return noGpu(llvm::Twine("cannot load the ") +
                 (cuda ? "CUDA driver (libcuda.so.1, from the NVIDIA driver)"
                       : "HIP run-time (libamdhip64.so, from ROCm)") +
                 ": " + reasons);

  api = std::make_unique<Api>();
  std::string missing;
  auto resolve = [&](auto &function, const char *name) {
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(
        dlsym(library, name));
    if (!function && missing.empty())
      missing = name;
  };
  if (cuda) {
    resolve(api->cuInit, "cuInit");
    resolve(api->cuDeviceGetCount, "cuDeviceGetCount");
    resolve(api->cuDeviceGet, "cuDeviceGet");
    resolve(api->cuDeviceGetName, "cuDeviceGetName");
    resolve(api->cuDeviceGetAttribute, "cuDeviceGetAttribute");
    resolve(api->cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
    resolve(api->cuCtxSetCurrent, "cuCtxSetCurrent");
    resolve(api->cuCtxSynchronize, "cuCtxSynchronize");
    resolve(api->cuGetErrorName, "cuGetErrorName");
    resolve(api->cuGetErrorString, "cuGetErrorString");
    resolve(api->cuModuleLoadData, "cuModuleLoadData");
    resolve(api->cuModuleLoadDataEx, "cuModuleLoadDataEx");
    resolve(api->cuModuleUnload, "cuModuleUnload");
    resolve(api->cuModuleGetFunction, "cuModuleGetFunction");
    resolve(api->cuLaunchKernel, "cuLaunchKernel");
    resolve(api->cuStreamCreate, "cuStreamCreate");
    resolve(api->cuStreamSynchronize, "cuStreamSynchronize");
    resolve(api->cuStreamDestroy, "cuStreamDestroy_v2");
    resolve(api->cuMemAlloc, "cuMemAlloc_v2");
    resolve(api->cuMemFree, "cuMemFree_v2");
    resolve(api->cuMemcpyHtoD, "cuMemcpyHtoD_v2");
    resolve(api->cuMemcpyDtoH, "cuMemcpyDtoH_v2");
    resolve(api->cuMemcpyDtoD, "cuMemcpyDtoD_v2");
    resolve(api->cuMemcpyAsync, "cuMemcpyAsync");
    resolve(api->cuMemsetD32Async, "cuMemsetD32Async");
    resolve(api->cuMemsetD16Async, "cuMemsetD16Async");
  } else {
    resolve(api->hipInit, "hipInit");
    resolve(api->hipGetDeviceCount, "hipGetDeviceCount");
    resolve(api->hipSetDevice, "hipSetDevice");
    resolve(api->hipDeviceGetName, "hipDeviceGetName");
    resolve(api->hipDeviceSynchronize, "hipDeviceSynchronize");
    resolve(api->hipGetErrorString, "hipGetErrorString");
    resolve(api->hipModuleLoadData, "hipModuleLoadData");
    resolve(api->hipModuleUnload, "hipModuleUnload");
    resolve(api->hipModuleGetFunction, "hipModuleGetFunction");
    resolve(api->hipModuleLaunchKernel, "hipModuleLaunchKernel");
    resolve(api->hipStreamCreateWithFlags, "hipStreamCreateWithFlags");
    resolve(api->hipStreamSynchronize, "hipStreamSynchronize");
    resolve(api->hipStreamDestroy, "hipStreamDestroy");
    resolve(api->hipMalloc, "hipMalloc");
    resolve(api->hipFree, "hipFree");
    resolve(api->hipMemcpy, "hipMemcpy");
    resolve(api->hipMemcpyAsync, "hipMemcpyAsync");
    resolve(api->hipMemsetD32Async, "hipMemsetD32Async");
    resolve(api->hipMemsetD16Async, "hipMemsetD16Async");
  }
  if (!missing.empty())
    return noGpu(llvm::Twine("the ") + toString(backend) + " library lacks " +
                 missing + " (too old a driver?)");

  int count = 0;
  if (cuda) {
    if (int result = api->cuInit(0))
      return noGpu(llvm::Twine("cuInit failed: ") +
                   llvm::toString(toError(result, "cuInit")));
    if (api->cuDeviceGetCount(&count) || count == 0)
      return noGpu("the CUDA driver reports no device");
    int device = 0;
    if (llvm::Error error =
            toError(api->cuDeviceGet(&device, 0), "cuDeviceGet"))
      return noGpu(llvm::toString(std::move(error)));
    if (llvm::Error error =
            toError(api->cuDevicePrimaryCtxRetain(&context, device),
                    "cuDevicePrimaryCtxRetain"))
      return noGpu(llvm::toString(std::move(error)));
    char name[256] = {0};
    api->cuDeviceGetName(name, sizeof(name) - 1, device);
    deviceName = name;
    int major = 0, minor = 0;
    api->cuDeviceGetAttribute(&major, kCuDeviceAttributeComputeCapabilityMajor,
                              device);
    api->cuDeviceGetAttribute(&minor, kCuDeviceAttributeComputeCapabilityMinor,
                              device);
    architecture = llvm::formatv("sm_{0}{1}", major, minor).str();
    return llvm::Error::success();
  }
  if (int result = api->hipInit(0))
    return noGpu(llvm::Twine("hipInit failed: ") +
                 llvm::toString(toError(result, "hipInit")));
  if (api->hipGetDeviceCount(&count) || count == 0)
    return noGpu("HIP reports no device");
  if (llvm::Error error = toError(api->hipSetDevice(0), "hipSetDevice"))
    return noGpu(llvm::toString(std::move(error)));
  char name[256] = {0};
  api->hipDeviceGetName(name, sizeof(name) - 1, 0);
  deviceName = name;
  const char *arch = std::getenv("PS_HIP_ARCH");
  architecture = arch && *arch ? arch : "gfx90a";
  return llvm::Error::success();
}

llvm::Error GpuDriver::toError(int result, const char *call) {
  if (result == 0)
    return llvm::Error::success();
  std::string text;
  if (backend == GpuBackend::Cuda) {
    const char *name = nullptr, *description = nullptr;
    if (api->cuGetErrorName)
      api->cuGetErrorName(result, &name);
    if (api->cuGetErrorString)
      api->cuGetErrorString(result, &description);
    text = llvm::formatv("{0} failed with {1} ({2}): {3}", call,
                         name ? name : "an unknown error", result,
                         description ? description : "")
               .str();
  } else {
    const char *description =
        api->hipGetErrorString ? api->hipGetErrorString(result) : nullptr;
    text = llvm::formatv("{0} failed with error {1}: {2}", call, result,
                         description ? description : "")
               .str();
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(), text);
}

bool GpuDriver::check(int result, const char *call) {
  if (result == 0)
    return true;
  llvm::Error error = toError(result, call);
  std::string text = llvm::toString(std::move(error));
  if (pendingError.empty())
    pendingError = text;
  return false;
}

llvm::Error GpuDriver::takeError() {
  if (pendingError.empty())
    return llvm::Error::success();
  std::string text = std::move(pendingError);
  pendingError.clear();
  return llvm::createStringError(llvm::inconvertibleErrorCode(), text);
}

void GpuDriver::makeCurrent() {
  if (backend == GpuBackend::Cuda)
    check(api->cuCtxSetCurrent(context), "cuCtxSetCurrent");
  else
    check(api->hipSetDevice(0), "hipSetDevice");
}

llvm::Expected<void *> GpuDriver::allocate(size_t bytes) {
  makeCurrent();
  if (llvm::Error error = takeError())
    return std::move(error);
  if (backend == GpuBackend::Cuda) {
    DevicePtr pointer = 0;
    if (llvm::Error error =
            toError(api->cuMemAlloc(&pointer, bytes ? bytes : 1), "cuMemAlloc"))
      return std::move(error);
    return reinterpret_cast<void *>(pointer);
  }
  void *pointer = nullptr;
  if (llvm::Error error =
          toError(api->hipMalloc(&pointer, bytes ? bytes : 1), "hipMalloc"))
    return std::move(error);
  return pointer;
}

void GpuDriver::free(void *pointer) {
  if (!pointer)
    return;
  makeCurrent();
  if (backend == GpuBackend::Cuda)
    check(api->cuMemFree(reinterpret_cast<DevicePtr>(pointer)), "cuMemFree");
  else
    check(api->hipFree(pointer), "hipFree");
  // A failed free has nobody to report to; do not let it fail a later call.
  llvm::consumeError(takeError());
}

llvm::Error GpuDriver::copyToDevice(void *device, const void *host,
                                    size_t bytes) {
  makeCurrent();
  if (backend == GpuBackend::Cuda)
    return toError(
        api->cuMemcpyHtoD(reinterpret_cast<DevicePtr>(device), host, bytes),
        "cuMemcpyHtoD");
  return toError(api->hipMemcpy(device, host, bytes, kHipMemcpyHostToDevice),
                 "hipMemcpy");
}

llvm::Error GpuDriver::copyToHost(void *host, const void *device,
                                  size_t bytes) {
  makeCurrent();
  if (backend == GpuBackend::Cuda)
    return toError(
        api->cuMemcpyDtoH(host, reinterpret_cast<DevicePtr>(device), bytes),
        "cuMemcpyDtoH");
  return toError(api->hipMemcpy(host, device, bytes, kHipMemcpyDeviceToHost),
                 "hipMemcpy");
}

llvm::Error GpuDriver::copyOnDevice(void *to, const void *from, size_t bytes) {
  makeCurrent();
  if (backend == GpuBackend::Cuda)
    return toError(api->cuMemcpyDtoD(reinterpret_cast<DevicePtr>(to),
                                     reinterpret_cast<DevicePtr>(from), bytes),
                   "cuMemcpyDtoD");
  return toError(api->hipMemcpy(to, from, bytes, kHipMemcpyDeviceToDevice),
                 "hipMemcpy");
}

llvm::Error GpuDriver::synchronize() {
  makeCurrent();
  if (backend == GpuBackend::Cuda)
    return toError(api->cuCtxSynchronize(), "cuCtxSynchronize");
  return toError(api->hipDeviceSynchronize(), "hipDeviceSynchronize");
}

void *GpuDriver::loadModule(const void *data, size_t size, int jitOptLevel) {
  makeCurrent();
  Handle module = nullptr;
  if (backend == GpuBackend::Cuda) {
    if (jitOptLevel < 0) {
      check(api->cuModuleLoadData(&module, data), "cuModuleLoadData");
    } else {
      int options[] = {kCuJitOptimizationLevel};
      void *values[] = {reinterpret_cast<void *>(intptr_t(jitOptLevel))};
      check(api->cuModuleLoadDataEx(&module, data, 1, options, values),
            "cuModuleLoadDataEx");
    }
    return module;
  }
  check(api->hipModuleLoadData(&module, data), "hipModuleLoadData");
  return module;
}

void GpuDriver::unloadModule(void *module) {
  if (!module)
    return;
  if (backend == GpuBackend::Cuda)
    check(api->cuModuleUnload(module), "cuModuleUnload");
  else
    check(api->hipModuleUnload(module), "hipModuleUnload");
}

void *GpuDriver::getFunction(void *module, const char *name) {
  if (!module) {
    if (pendingError.empty())
      pendingError = std::string("no GPU module loaded for kernel ") + name;
    return nullptr;
  }
  Handle function = nullptr;
  if (backend == GpuBackend::Cuda)
    check(api->cuModuleGetFunction(&function, module, name),
          "cuModuleGetFunction");
  else
    check(api->hipModuleGetFunction(&function, module, name),
          "hipModuleGetFunction");
  return function;
}

void GpuDriver::launch(void *function, const int64_t grid[3],
                       const int64_t block[3], int32_t sharedMemory,
                       void *stream, void **params) {
  if (!function)
    return;
  for (int d = 0; d < 3; ++d)
    if (grid[d] <= 0 || grid[d] > UINT32_MAX || block[d] <= 0 ||
        block[d] > 1024) {
      if (pendingError.empty())
        pendingError = llvm::formatv("launch sizes out of range: grid "
                                     "{0}x{1}x{2}, block {3}x{4}x{5}",
                                     grid[0], grid[1], grid[2], block[0],
                                     block[1], block[2])
                           .str();
      return;
    }
  makeCurrent();
  if (backend == GpuBackend::Cuda)
    check(api->cuLaunchKernel(function, grid[0], grid[1], grid[2], block[0],
                              block[1], block[2], sharedMemory, stream, params,
                              nullptr),
          "cuLaunchKernel");
  else
    check(api->hipModuleLaunchKernel(function, grid[0], grid[1], grid[2],
                                     block[0], block[1], block[2], sharedMemory,
                                     stream, params, nullptr),
          "hipModuleLaunchKernel");
}

void *GpuDriver::createStream() {
  makeCurrent();
  Handle stream = nullptr;
  if (backend == GpuBackend::Cuda)
    check(api->cuStreamCreate(&stream, kCuStreamNonBlocking), "cuStreamCreate");
  else
    check(api->hipStreamCreateWithFlags(&stream, kHipStreamNonBlocking),
          "hipStreamCreateWithFlags");
  return stream;
}

void GpuDriver::synchronizeStream(void *stream) {
  if (backend == GpuBackend::Cuda)
    check(api->cuStreamSynchronize(stream), "cuStreamSynchronize");
  else
    check(api->hipStreamSynchronize(stream), "hipStreamSynchronize");
}

void GpuDriver::destroyStream(void *stream) {
  if (!stream)
    return;
  if (backend == GpuBackend::Cuda)
    check(api->cuStreamDestroy(stream), "cuStreamDestroy");
  else
    check(api->hipStreamDestroy(stream), "hipStreamDestroy");
}

void *GpuDriver::allocateAsync(size_t bytes, void * /*stream*/) {
  llvm::Expected<void *> pointer = allocate(bytes);
  if (!pointer) {
    std::string text = llvm::toString(pointer.takeError());
    if (pendingError.empty())
      pendingError = text;
    return nullptr;
  }
  return *pointer;
}

void GpuDriver::freeAsync(void *pointer, void * /*stream*/) { free(pointer); }

void GpuDriver::copyAsync(void *to, const void *from, size_t bytes,
                          void *stream) {
  makeCurrent();
  if (backend == GpuBackend::Cuda)
    check(api->cuMemcpyAsync(reinterpret_cast<DevicePtr>(to),
                             reinterpret_cast<DevicePtr>(from), bytes, stream),
          "cuMemcpyAsync");
  else
    check(api->hipMemcpyAsync(to, from, bytes, kHipMemcpyDefault, stream),
          "hipMemcpyAsync");
}

void GpuDriver::setAsync(void *to, uint32_t value, size_t count, unsigned width,
                         void *stream) {
  makeCurrent();
  auto pointer = reinterpret_cast<DevicePtr>(to);
  if (backend == GpuBackend::Cuda) {
    if (width == 32)
      check(api->cuMemsetD32Async(pointer, value, count, stream),
            "cuMemsetD32Async");
    else
      check(api->cuMemsetD16Async(pointer, value, count, stream),
            "cuMemsetD16Async");
    return;
  }
  if (width == 32)
    check(api->hipMemsetD32Async(to, int(value), count, stream),
          "hipMemsetD32Async");
  else
    check(api->hipMemsetD16Async(to, value, count, stream),
          "hipMemsetD16Async");
}

static thread_local GpuDriver *currentDriver = nullptr;

void mlir::ps::runtime::setCurrentGpuDriver(GpuDriver *driver) {
  currentDriver = driver;
}

GpuDriver *mlir::ps::runtime::getCurrentGpuDriver() { return currentDriver; }
