//===- GpuModule.h - Compile and launch ps kernels on a GPU -----*- C++ -*-===//
//
// The GPU counterpart of JitModule: ps kernels go through
// ps-lower-to-nvvm-pipeline or ps-lower-to-rocdl-pipeline; the host code
// (launch sizes, module load, launch) is compiled in-process with the
// mgpu* functions of this run-time, and the device code is embedded in it.
// Compiling needs no GPU; allocating, copying and launching do, and fail
// with "no GPU: ..." without one.
//
//   auto gpu = GpuModule::compile(source, GpuOptions{});
//   auto src = DeviceBuffer::allocate(GpuBackend::Cuda, bytes);
//   src->copyFromHost(host, bytes);
//   (*gpu)->lookup("jacobi2d")->launch(ArgumentList()
//       .field("src", src->view(ScalarType::f64, {nx, ny}, {1, nx}))...);
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_GPURUNTIME_GPUMODULE_H
#define STENCIL_GPURUNTIME_GPUMODULE_H

#include "Stencil/Conversion/CodegenEnums.h"
#include "Stencil/GPURuntime/GpuDriver.h"
#include "Stencil/Runtime/Arguments.h"

#include <memory>
#include <mutex>

namespace mlir {
class ExecutionEngine;
class MLIRContext;
} // namespace mlir

namespace mlir::ps::runtime {

enum class GpuTarget { Nvptx, Amdgpu };

/// The backend that runs code for `target`: CUDA for NVPTX, HIP for AMDGPU.
inline GpuBackend getBackend(GpuTarget target) {
  return target == GpuTarget::Nvptx ? GpuBackend::Cuda : GpuBackend::Hip;
}

struct GpuOptions {
  GpuTarget target = GpuTarget::Nvptx;
  /// Architecture (sm_90, gfx90a). Empty: the device's when there is one,
  /// else sm_80 or gfx90a.
  std::string chip;
  /// PTX or AMDGPU features (empty: a PTX version that suits the chip,
  /// see getDefaultPtxFeatures; none for AMDGPU).
  std::string features;
  /// Binary format (empty: for NVPTX a fatbin where ptxas and fatbinary
  /// are found, else PTX for the driver to compile; bin for AMDGPU).
  std::string format;
  /// Index translation of convert-ps-to-gpu: linear or blockwise.
  GpuIndexingScheme scheme = GpuIndexingScheme::Linear;
  /// Threads per block (empty: the scheme's default).
  std::vector<int64_t> blockSize;
  unsigned optLevel = 3;
  /// CUDA or ROCm folder (empty: the pipelines' defaults).
  std::string toolkitPath;
};

/// Device memory of one backend, freed when the buffer goes.
class DeviceBuffer {
public:
  static llvm::Expected<DeviceBuffer> allocate(GpuBackend backend,
                                               size_t bytes);
  DeviceBuffer(DeviceBuffer &&other);
  DeviceBuffer &operator=(DeviceBuffer &&other);
  ~DeviceBuffer();

  void *data() const { return pointer; }
  size_t size() const { return bytes; }
  GpuBackend getBackend() const { return driver->getBackend(); }

  /// Copies `count` bytes (at most size()) from or to host memory.
  llvm::Error copyFromHost(const void *host, size_t count);
  llvm::Error copyToHost(void *host, size_t count) const;
  /// Copies `count` bytes from another buffer of the same backend.
  llvm::Error copyFrom(const DeviceBuffer &other, size_t count);

  /// A view of the buffer as a kernel argument, starting `offset` elements
  /// into it.
  BufferView view(ScalarType type, std::vector<int64_t> shape,
                  std::vector<int64_t> strides, int64_t offset = 0) const;

private:
  DeviceBuffer(GpuDriver &driver, void *pointer, size_t bytes)
      : driver(&driver), pointer(pointer), bytes(bytes) {}
  GpuDriver *driver;
  void *pointer;
  size_t bytes;
};

class GpuModule;

/// A kernel of a GpuModule.
class GpuKernel {
public:
  const KernelInfo &getInfo() const { return info; }
  /// Checks every argument as the CPU run-time does (the fields are views
  /// of device memory; index lists are copied back to check their
  /// coordinates), then launches the kernel and waits for it. On a failed
  /// check nothing is launched.
  llvm::Error launch(const ArgumentList &args) const;

  using PackedEntry = void (*)(void **);

private:
  friend class GpuModule;
  GpuKernel(GpuModule &module, KernelInfo info, PackedEntry entry)
      : module(module), info(std::move(info)), entry(entry) {}
  GpuModule &module;
  KernelInfo info;
  PackedEntry entry;
};

/// A module of ps kernels compiled for one GPU target.
class GpuModule {
public:
  /// Parses `source` (ps IR), typifies, analyses and lowers it for
  /// `options.target`, and compiles the host code. Needs the toolkit parts
  /// of the target (ptxas for cubins, device libraries for math), not a
  /// GPU. Diagnostics are returned in the error.
  static llvm::Expected<std::unique_ptr<GpuModule>>
  compile(llvm::StringRef source, const GpuOptions &options = {});
  ~GpuModule();

  const GpuKernel *lookup(llvm::StringRef name) const;
  std::vector<std::string> getKernelNames() const;
  const GpuOptions &getOptions() const { return options; }
  GpuBackend getBackend() const { return runtime::getBackend(options.target); }

private:
  friend class GpuKernel;
  GpuModule();
  /// Loads the device code on the first launch: the driver, then the
  /// global constructors of the host code, which load the GPU modules.
  llvm::Expected<GpuDriver &> load();

  GpuOptions options;
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<ExecutionEngine> engine;
  std::vector<std::unique_ptr<GpuKernel>> kernels;
  std::once_flag loadOnce;
  std::string loadError;
  GpuDriver *driver = nullptr;
};

} // namespace mlir::ps::runtime

#endif // STENCIL_GPURUNTIME_GPUMODULE_H
