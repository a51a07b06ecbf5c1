/*===- FakeHipDriver.c - A HIP run-time without a GPU, for tests ----------===
 *
 * The HIP counterpart of FakeCudaDriver.c: host memory, recorded module
 * loads and launches. PsGpuFakeDriverTests loads it as libamdhip64.so
 * (PS_HIP_LIBRARY).
 *
 *===----------------------------------------------------------------------===*/

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int moduleLoads, launches;
static char lastKernel[256], lastImage[64];
static long long lastGrid[3], lastBlock[3];

int fakeHipModuleLoads(void) { return moduleLoads; }
int fakeHipLaunches(void) { return launches; }
const char *fakeHipLastImage(void) { return lastImage; }
const char *fakeHipLastLaunch(long long grid[3], long long block[3]) {
  memcpy(grid, lastGrid, sizeof(lastGrid));
  memcpy(block, lastBlock, sizeof(lastBlock));
  return lastKernel;
}

int hipInit(unsigned flags) { return 0; }
int hipGetDeviceCount(int *count) {
  *count = 1;
  return 0;
}
int hipSetDevice(int device) { return 0; }
int hipDeviceGetName(char *name, int length, int device) {
  strncpy(name, "Fake AMD GPU", length);
  return 0;
}
int hipDeviceSynchronize(void) { return 0; }
const char *hipGetErrorString(int error) { return "a fake HIP error"; }
int hipModuleLoadData(void **module, const void *image) {
  memcpy(lastImage, image, 4);
  *module = (void *)0x1000;
  ++moduleLoads;
  return 0;
}
int hipModuleUnload(void *module) { return 0; }
int hipModuleGetFunction(void **function, void *module, const char *name) {
  *function = strdup(name);
  return 0;
}
int hipModuleLaunchKernel(void *function, unsigned gx, unsigned gy, unsigned gz,
                          unsigned bx, unsigned by, unsigned bz,
                          unsigned shared, void *stream, void **params,
                          void **extra) {
  strncpy(lastKernel, (const char *)function, sizeof(lastKernel) - 1);
  lastGrid[0] = gx, lastGrid[1] = gy, lastGrid[2] = gz;
  lastBlock[0] = bx, lastBlock[1] = by, lastBlock[2] = bz;
  ++launches;
  return 0;
}
int hipStreamCreateWithFlags(void **stream, unsigned flags) {
  *stream = (void *)0x2000;
  return 0;
}
int hipStreamSynchronize(void *stream) { return 0; }
int hipStreamDestroy(void *stream) { return 0; }
int hipMalloc(void **pointer, size_t bytes) {
  *pointer = aligned_alloc(256, (bytes + 255) / 256 * 256);
  return *pointer ? 0 : 2;
}
int hipFree(void *pointer) {
  free(pointer);
  return 0;
}
int hipMemcpy(void *to, const void *from, size_t bytes, int kind) {
  memcpy(to, from, bytes);
  return 0;
}
int hipMemcpyAsync(void *to, const void *from, size_t bytes, int kind,
                   void *stream) {
  memcpy(to, from, bytes);
  return 0;
}
int hipMemsetD32Async(void *to, int value, size_t count, void *stream) {
  for (size_t i = 0; i < count; ++i)
    ((int32_t *)to)[i] = value;
  return 0;
}
int hipMemsetD16Async(void *to, unsigned short value, size_t count,
                      void *stream) {
  for (size_t i = 0; i < count; ++i)
    ((uint16_t *)to)[i] = value;
  return 0;
}
