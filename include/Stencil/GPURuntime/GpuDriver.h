//===- GpuDriver.h - CUDA or HIP, loaded at run time ------------*- C++ -*-===//
//
// The GPU run-time talks to the CUDA driver API (libcuda.so.1) or to HIP
// (libamdhip64.so) through function pointers it resolves with dlopen when
// first asked, so that it builds and links on a machine without a GPU, its
// driver or its headers, and says "no GPU: ..." there when used.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_GPURUNTIME_GPUDRIVER_H
#define STENCIL_GPURUNTIME_GPUDRIVER_H

#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace mlir::ps::runtime {

enum class GpuBackend { Cuda, Hip };

const char *toString(GpuBackend backend);

/// One backend's driver library and device 0 (CUDA: its primary context).
class GpuDriver {
public:
  /// The driver of `backend`, loaded and initialized on the first call. The
  /// error message starts with "no GPU: " when the library cannot be loaded
  /// (PS_CUDA_LIBRARY or PS_HIP_LIBRARY name another file than the default
  /// libcuda.so.1 or libamdhip64.so), lacks a function, finds no device or
  /// cannot initialize it.
  static llvm::Expected<GpuDriver &> get(GpuBackend backend);

  /// Loads and initializes the driver from `library` without keeping it:
  /// success, or the error get() would give with that library.
  static llvm::Error probe(GpuBackend backend, llvm::StringRef library);

  GpuBackend getBackend() const { return backend; }
  const std::string &getDeviceName() const { return deviceName; }
  /// The device's architecture as the pipelines name it: sm_90, gfx90a (for
  /// HIP, PS_HIP_ARCH or gfx90a: the name is not queried).
  const std::string &getArchitecture() const { return architecture; }

  // Memory of device 0.
  llvm::Expected<void *> allocate(size_t bytes);
  void free(void *pointer);
  llvm::Error copyToDevice(void *device, const void *host, size_t bytes);
  llvm::Error copyToHost(void *host, const void *device, size_t bytes);
  llvm::Error copyOnDevice(void *to, const void *from, size_t bytes);
  llvm::Error synchronize();

  // What the mgpu* functions of the lowered host code call. They cannot
  // return an error: the first failure is recorded, and takeError returns
  // it (and clears it).
  void *loadModule(const void *data, size_t size, int jitOptLevel);
  void unloadModule(void *module);
  void *getFunction(void *module, const char *name);
  void launch(void *function, const int64_t grid[3], const int64_t block[3],
              int32_t sharedMemory, void *stream, void **params);
  void *createStream();
  void synchronizeStream(void *stream);
  void destroyStream(void *stream);
  void *allocateAsync(size_t bytes, void *stream);
  void freeAsync(void *pointer, void *stream);
  void copyAsync(void *to, const void *from, size_t bytes, void *stream);
  void setAsync(void *to, uint32_t value, size_t count, unsigned width,
                void *stream);
  llvm::Error takeError();

  struct Api;
  ~GpuDriver();

private:
  explicit GpuDriver(GpuBackend backend);
  llvm::Error load(llvm::StringRef libraryOverride = "");
  /// Records a failed call (the first one since the last takeError).
  bool check(int result, const char *call);
  llvm::Error toError(int result, const char *call);
  void makeCurrent();

  GpuBackend backend;
  void *library = nullptr;
  std::unique_ptr<Api> api;
  void *context = nullptr;
  std::string deviceName, architecture;
  std::string pendingError;
};

/// The driver the mgpu* functions use on this thread; the C++ API sets it
/// around each call into lowered host code.
void setCurrentGpuDriver(GpuDriver *driver);
GpuDriver *getCurrentGpuDriver();

/// The mgpu* functions of the lowered host code, by name, for
/// ExecutionEngine::registerSymbols.
struct GpuRuntimeSymbol {
  const char *name;
  void *address;
};
llvm::ArrayRef<GpuRuntimeSymbol> getGpuRuntimeSymbols();

} // namespace mlir::ps::runtime

#endif // STENCIL_GPURUNTIME_GPUDRIVER_H
