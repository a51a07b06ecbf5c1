//===- Bridge.h - The C++ side of the Python extension ----------*- C++ -*-===//
//
// What the extension needs from the compiler, the cache and the GPU
// run-time, behind plain types. LLVM and MLIR are built without RTTI and
// pybind11 needs it: the code that touches MLIR's polymorphic classes
// (options, passes, instrumentations) is compiled without RTTI in
// Bridge.cpp, and the pybind11 code in PsMlirModule.cpp sees only what is
// declared here. Errors come back as Status, never as exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef PSMLIR_BRIDGE_H
#define PSMLIR_BRIDGE_H

#include "Stencil/Runtime/KernelModule.h"

#include <memory>
#include <string>
#include <vector>

namespace psmlir {

/// The outcome of a call into the compiler: ok, or the error's text.
struct Status {
  bool ok = true;
  std::string message;
  static Status error(std::string message) {
    return {false, std::move(message)};
  }
};

/// The code generation options (CompileOptions) as `{name=value ...}`, with
/// their defaults.
std::string getDefaultOptionsText();
/// Parses `text` ("vectorize=avx2 lanes=4") as CompileOptions and checks
/// them (checkCompileOptions); `canonical` receives them printed in full.
Status checkOptions(const std::string &text, std::string &canonical);

/// A compiled module of the kernel cache, and how the cache served it.
struct CachedModule {
  std::shared_ptr<mlir::ps::runtime::KernelModule> module;
  std::string outcome;
};
/// KernelCache::global().get(source, options).
Status compileCached(const std::string &source, const std::string &options,
                     CachedModule &result);
/// What the tuner chose (Stencil/Tuner/KernelTuner.h).
struct TunedModule {
  std::shared_ptr<mlir::ps::runtime::KernelModule> module;
  std::string choice, options;
  bool fromRecord = false;
  std::vector<std::pair<std::string, double>> seconds;
  unsigned rounds = 0;
  bool settled = false;
};
/// tuner::tune with the global cache: the candidates of kernel `name`
/// timed on copies of `args`, the fastest kept and recorded.
Status tuneCached(const std::string &source, const std::string &options,
                  const std::string &name,
                  const mlir::ps::runtime::ArgumentList &args,
                  TunedModule &result);
/// tuner::findRecorded with the global cache: an earlier tuning's choice
/// for kernel `name` and these shapes (result.fromRecord), or `found`
/// false. Times nothing; a record that cannot be used is no record.
Status findRecordedCached(const std::string &source,
                          const std::string &options, const std::string &name,
                          const mlir::ps::runtime::ArgumentList &args,
                          TunedModule &result, bool &found);
/// The folder of the global cache ("" when the disk cache is off).
std::string getCacheDirectory();

/// Checks and calls: Kernel::operator(), its error as a Status.
Status callKernel(const mlir::ps::runtime::Kernel &kernel,
                  const mlir::ps::runtime::ArgumentList &args);

/// The module at a stage of the CPU compiler: "typed" (after the
/// preparation: ps-typify, ps-analyze, simplifications), "loops" (the loop
/// nests after the loop transforms, before the conversion to LLVM), "llvm"
/// (optimized LLVM IR), "asm" (assembly).
Status showCpuStage(const std::string &source, const std::string &options,
                    const std::string &stage, std::string &text);

/// Ahead of time: "obj" or "shared" (or "asm", "llvm") written to `path`,
/// and a C header to `header` unless it is empty.
Status compileAheadOfTime(const std::string &source, const std::string &options,
                          const std::string &kind, const std::string &path,
                          const std::string &header);

//===----------------------------------------------------------------------===//
// GPUs
//===----------------------------------------------------------------------===//

struct GpuSettings {
  /// "cuda" or "hip".
  std::string backend = "cuda";
  std::string chip, features, format, scheme;
  std::vector<int64_t> blockSize;
};

/// The device code of `source` as text: PTX for CUDA, AMDGPU assembly for
/// HIP (format=isa of the GPU pipelines; needs no GPU).
Status showGpuCode(const std::string &source, const GpuSettings &settings,
                   std::string &text);

class GpuProgram;
/// Compiles `source` for a GPU (needs no GPU, only the toolkit parts the
/// kernels use).
Status compileGpu(const std::string &source, const GpuSettings &settings,
                  std::shared_ptr<GpuProgram> &result);
/// The description of kernel `name` of `program`, or nullptr.
const mlir::ps::runtime::KernelInfo *getGpuKernelInfo(const GpuProgram &program,
                                                      const std::string &name);

/// A host array of a GPU call: copied to the device before the launch, and
/// back afterwards if `writeBack`.
struct HostArray {
  std::string name;
  mlir::ps::runtime::BufferView view;
  size_t bytes = 0;
  bool writeBack = true;
};
/// Copies the arrays to device memory, launches kernel `name` with them and
/// the scalars of `scalars`, waits, and copies the arrays back. Without a
/// GPU the error starts with "no GPU".
Status launchGpu(const GpuProgram &program, const std::string &name,
                 const std::vector<HostArray> &arrays,
                 const mlir::ps::runtime::ArgumentList &scalars);

} // namespace psmlir

#endif // PSMLIR_BRIDGE_H
