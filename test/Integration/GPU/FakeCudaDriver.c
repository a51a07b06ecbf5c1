/*===- FakeCudaDriver.c - A CUDA driver without a GPU, for tests ----------===
 *
 * Implements the CUDA driver functions the GPU run-time resolves, on host
 * memory: allocations are malloc, copies memcpy, modules and functions are
 * recorded, and a launch records its kernel name and sizes instead of
 * running anything. PsGpuFakeDriverTests loads it as libcuda.so.1
 * (PS_CUDA_LIBRARY) to test the host side end to end on any machine: the
 * lowered host code, the mgpu* functions and their signatures, the launch
 * sizes, and the error paths.
 *
 *===----------------------------------------------------------------------===*/

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef uintptr_t CUdeviceptr;

static int moduleLoads, jitLoads, launches, failLaunch;
static char lastKernel[256], lastImage[64];
static long long lastGrid[3], lastBlock[3];

int fakeCudaModuleLoads(void) { return moduleLoads; }
int fakeCudaJitLoads(void) { return jitLoads; }
int fakeCudaLaunches(void) { return launches; }
void fakeCudaFailLaunch(int code) { failLaunch = code; }
const char *fakeCudaLastImage(void) { return lastImage; }
const char *fakeCudaLastLaunch(long long grid[3], long long block[3]) {
  memcpy(grid, lastGrid, sizeof(lastGrid));
  memcpy(block, lastBlock, sizeof(lastBlock));
  return lastKernel;
}

int cuInit(unsigned flags) { return 0; }
int cuDeviceGetCount(int *count) {
  *count = 1;
  return 0;
}
int cuDeviceGet(int *device, int ordinal) {
  *device = ordinal;
  return 0;
}
int cuDeviceGetName(char *name, int length, int device) {
  strncpy(name, "Fake GPU", length);
  return 0;
}
int cuDeviceGetAttribute(int *value, int attribute, int device) {
  *value = attribute == 75 ? 9 : 0; /* compute capability 9.0 */
  return 0;
}
int cuDevicePrimaryCtxRetain(void **context, int device) {
  *context = (void *)0x1;
  return 0;
}
int cuCtxSetCurrent(void *context) { return 0; }
int cuCtxSynchronize(void) { return 0; }
int cuGetErrorName(int error, const char **name) {
  *name = "CUDA_ERROR_FAKE";
  return 0;
}
int cuGetErrorString(int error, const char **text) {
  *text = "a failure the test asked for";
  return 0;
}

static int loadModule(void **module, const void *image) {
  strncpy(lastImage, (const char *)image, sizeof(lastImage) - 1);
  *module = (void *)0x1000;
  ++moduleLoads;
  return 0;
}
int cuModuleLoadData(void **module, const void *image) {
  return loadModule(module, image);
}
int cuModuleLoadDataEx(void **module, const void *image, unsigned count,
                       int *options, void **values) {
  ++jitLoads;
  return loadModule(module, image);
}
int cuModuleUnload(void *module) { return 0; }
int cuModuleGetFunction(void **function, void *module, const char *name) {
  *function = strdup(name);
  return 0;
}
int cuLaunchKernel(void *function, unsigned gx, unsigned gy, unsigned gz,
                   unsigned bx, unsigned by, unsigned bz, unsigned shared,
                   void *stream, void **params, void **extra) {
  if (failLaunch)
    return failLaunch;
  strncpy(lastKernel, (const char *)function, sizeof(lastKernel) - 1);
  lastGrid[0] = gx, lastGrid[1] = gy, lastGrid[2] = gz;
  lastBlock[0] = bx, lastBlock[1] = by, lastBlock[2] = bz;
  ++launches;
  return 0;
}
int cuStreamCreate(void **stream, unsigned flags) {
  *stream = (void *)0x2000;
  return 0;
}
int cuStreamSynchronize(void *stream) { return 0; }
int cuStreamDestroy_v2(void *stream) { return 0; }
int cuMemAlloc_v2(CUdeviceptr *pointer, size_t bytes) {
  *pointer = (CUdeviceptr)aligned_alloc(256, (bytes + 255) / 256 * 256);
  return *pointer ? 0 : 2;
}
int cuMemFree_v2(CUdeviceptr pointer) {
  free((void *)pointer);
  return 0;
}
int cuMemcpyHtoD_v2(CUdeviceptr to, const void *from, size_t bytes) {
  memcpy((void *)to, from, bytes);
  return 0;
}
int cuMemcpyDtoH_v2(void *to, CUdeviceptr from, size_t bytes) {
  memcpy(to, (const void *)from, bytes);
  return 0;
}
int cuMemcpyDtoD_v2(CUdeviceptr to, CUdeviceptr from, size_t bytes) {
  memcpy((void *)to, (const void *)from, bytes);
  return 0;
}
int cuMemcpyAsync(CUdeviceptr to, CUdeviceptr from, size_t bytes,
                  void *stream) {
  memcpy((void *)to, (const void *)from, bytes);
  return 0;
}
int cuMemsetD32Async(CUdeviceptr to, unsigned value, size_t count,
                     void *stream) {
  for (size_t i = 0; i < count; ++i)
    ((uint32_t *)to)[i] = value;
  return 0;
}
int cuMemsetD16Async(CUdeviceptr to, unsigned short value, size_t count,
                     void *stream) {
  for (size_t i = 0; i < count; ++i)
    ((uint16_t *)to)[i] = value;
  return 0;
}
