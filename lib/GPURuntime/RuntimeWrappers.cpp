//===- RuntimeWrappers.cpp - The mgpu* functions of lowered host code -----===//
//
// gpu-to-llvm and the gpu.binary translation of MLIR 22 make the host code
// call these functions (the signatures are those the translation declares:
// mgpuModuleLoad(ptr, i64), mgpuModuleLoadJIT(ptr, i32),
// mgpuLaunchKernel(ptr, i64 x6, i32, ptr, ptr, ptr, i64), ...). Upstream
// implements them in libmlir_cuda_runtime / libmlir_rocm_runtime, which
// Debian does not ship and which would need the CUDA or HIP libraries at
// link time; here they forward to the GpuDriver of the calling thread,
// which records the first failure instead of printing it.
//
//===----------------------------------------------------------------------===//

#include "Stencil/GPURuntime/GpuDriver.h"

#include <cstdint>

using namespace mlir::ps::runtime;

extern "C" {

void *mgpuModuleLoad(void *data, uint64_t size) {
  GpuDriver *driver = getCurrentGpuDriver();
  return driver ? driver->loadModule(data, size, /*jitOptLevel=*/-1) : nullptr;
}

void *mgpuModuleLoadJIT(void *data, int32_t optLevel) {
  GpuDriver *driver = getCurrentGpuDriver();
  return driver ? driver->loadModule(data, 0, optLevel) : nullptr;
}

void mgpuModuleUnload(void *module) {
  if (GpuDriver *driver = getCurrentGpuDriver())
    driver->unloadModule(module);
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  GpuDriver *driver = getCurrentGpuDriver();
  return driver ? driver->getFunction(module, name) : nullptr;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedMemory, void *stream,
                      void **params, void ** /*extra*/,
                      size_t /*paramsCount*/) {
  GpuDriver *driver = getCurrentGpuDriver();
  if (!driver)
    return;
  int64_t grid[3] = {gridX, gridY, gridZ};
  int64_t block[3] = {blockX, blockY, blockZ};
  driver->launch(function, grid, block, sharedMemory, stream, params);
}

void *mgpuStreamCreate() {
  GpuDriver *driver = getCurrentGpuDriver();
  return driver ? driver->createStream() : nullptr;
}

void mgpuStreamSynchronize(void *stream) {
  if (GpuDriver *driver = getCurrentGpuDriver())
    driver->synchronizeStream(stream);
}

void mgpuStreamDestroy(void *stream) {
  if (GpuDriver *driver = getCurrentGpuDriver())
    driver->destroyStream(stream);
}

void *mgpuMemAlloc(uint64_t bytes, void *stream, bool /*isHostShared*/) {
  GpuDriver *driver = getCurrentGpuDriver();
  return driver ? driver->allocateAsync(bytes, stream) : nullptr;
}

void mgpuMemFree(void *pointer, void *stream) {
  if (GpuDriver *driver = getCurrentGpuDriver())
    driver->freeAsync(pointer, stream);
}

void mgpuMemcpy(void *to, void *from, size_t bytes, void *stream) {
  if (GpuDriver *driver = getCurrentGpuDriver())
    driver->copyAsync(to, from, bytes, stream);
}

void mgpuMemset32(void *to, uint32_t value, size_t count, void *stream) {
  if (GpuDriver *driver = getCurrentGpuDriver())
    driver->setAsync(to, value, count, 32, stream);
}

void mgpuMemset16(void *to, uint16_t value, size_t count, void *stream) {
  if (GpuDriver *driver = getCurrentGpuDriver())
    driver->setAsync(to, value, count, 16, stream);
}

void mgpuSetDefaultDevice(int32_t /*device*/) {}

} // extern "C"

llvm::ArrayRef<GpuRuntimeSymbol> mlir::ps::runtime::getGpuRuntimeSymbols() {
  static const GpuRuntimeSymbol symbols[] = {
      {"mgpuModuleLoad", reinterpret_cast<void *>(&mgpuModuleLoad)},
      {"mgpuModuleLoadJIT", reinterpret_cast<void *>(&mgpuModuleLoadJIT)},
      {"mgpuModuleUnload", reinterpret_cast<void *>(&mgpuModuleUnload)},
      {"mgpuModuleGetFunction",
       reinterpret_cast<void *>(&mgpuModuleGetFunction)},
      {"mgpuLaunchKernel", reinterpret_cast<void *>(&mgpuLaunchKernel)},
      {"mgpuStreamCreate", reinterpret_cast<void *>(&mgpuStreamCreate)},
      {"mgpuStreamSynchronize",
       reinterpret_cast<void *>(&mgpuStreamSynchronize)},
      {"mgpuStreamDestroy", reinterpret_cast<void *>(&mgpuStreamDestroy)},
      {"mgpuMemAlloc", reinterpret_cast<void *>(&mgpuMemAlloc)},
      {"mgpuMemFree", reinterpret_cast<void *>(&mgpuMemFree)},
      {"mgpuMemcpy", reinterpret_cast<void *>(&mgpuMemcpy)},
      {"mgpuMemset32", reinterpret_cast<void *>(&mgpuMemset32)},
      {"mgpuMemset16", reinterpret_cast<void *>(&mgpuMemset16)},
      {"mgpuSetDefaultDevice", reinterpret_cast<void *>(&mgpuSetDefaultDevice)},
  };
  return symbols;
}
