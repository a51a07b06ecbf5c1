//===- GpuKernelsTest.cpp - Run the kernels on a GPU, compare with the CPU ===//
//
// Every example kernel is compiled for the GPU found (CUDA, else HIP) and
// for the CPU with the JIT, both run on the same inputs, and every value of
// every field afterwards is compared. Without a GPU these tests are skipped
// with the reason ("no GPU: ..."); the tests of compilation and of the "no
// GPU" error run everywhere.
//
//===----------------------------------------------------------------------===//

#include "../BoundaryLists.h"
#include "../CPU/TestArrays.h"

#include "Stencil/Conversion/PsToGpu/PsToGpu.h"
#include "Stencil/GPURuntime/GpuModule.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"

#include <cmath>
#include <cstring>

using namespace ps_test;
using namespace mlir::ps::runtime;

namespace {

const char *const kExamples[][2] = {
    {"jacobi2d.mlir", "jacobi2d"},     {"heat3d.mlir", "heat3d"},
    {"d3q19.mlir", "d3q19_stream"},    {"sparse.mlir", "boundary"},
    {"redblack.mlir", "redblack_red"}, {"coordinate.mlir", "init"},
    {"d2q9-bounce-back.mlir", "d2q9_bounce_back"},
    {"d3q19-bounce-back.mlir", "d3q19_bounce_back"},
    {"d2q9-moving-wall.mlir", "d2q9_moving_wall"},
};

/// The GPU to run on: CUDA, else HIP; nullopt with the reasons otherwise.
std::optional<GpuTarget> findGpu(std::string &why) {
  for (GpuTarget target : {GpuTarget::Nvptx, GpuTarget::Amdgpu}) {
    llvm::Expected<GpuDriver &> driver = GpuDriver::get(getBackend(target));
    if (driver)
      return target;
    why += (why.empty() ? "" : "; ") + llvm::toString(driver.takeError());
  }
  return std::nullopt;
}

#define REQUIRE_GPU(target)                                                    \
  std::string whyNoGpu;                                                        \
  std::optional<GpuTarget> target = findGpu(whyNoGpu);                         \
  if (!target)                                                                 \
  GTEST_SKIP() << whyNoGpu

bool haveLibdevice() {
  return llvm::sys::fs::exists(mlir::ps::getDefaultCudaPath() + "/" +
                               mlir::ps::getLibdeviceRelativePath().str());
}

bool haveRocmLibs() {
  return llvm::sys::fs::exists(mlir::ps::getDefaultRocmPath() +
                               "/amdgcn/bitcode/ocml.bc");
}

/// Host arrays for every field of a kernel, filled deterministically; index
/// lists get valid coordinates (in [0, extent - 2], so that neighbours at +1
/// stay inside).
struct HostArguments {
  std::vector<std::vector<uint8_t>> fields;
  std::vector<BufferView> views;
  std::vector<const ParameterInfo *> params;
  ArgumentList scalars;
};

HostArguments makeArguments(const KernelInfo &info,
                            const std::vector<int64_t> &extents) {
  HostArguments host;
  for (const ParameterInfo &param : info.parameters) {
    if (!param.isField) {
      if (isFloat(param.type))
        host.scalars.scalar(param.name, 0.375);
      else
        host.scalars.scalar(param.name, int64_t(extents.back()));
      continue;
    }
    std::vector<int64_t> shape, strides(param.shape.size());
    for (size_t d = 0; d < param.shape.size(); ++d)
      shape.push_back(param.shape[d] != kDynamic ? param.shape[d]
                      : param.isIndexList        ? 23
                      : d < param.spatialRank    ? extents[d]
                                                 : 1);
    int64_t running = 1;
    for (unsigned dim : llvm::reverse(param.memoryOrder)) {
      strides[dim] = running;
      running *= shape[dim];
    }
    size_t bytes = running * getByteSize(param.type);
    std::vector<uint8_t> data(bytes);
    unsigned size = getByteSize(param.type);
    for (int64_t i = 0; i < running; ++i) {
      uint8_t *element = data.data() + i * size;
      int64_t seed = (i * 7919 + int64_t(host.fields.size()) * 104729) % 2003;
      if (param.isIndexList) {
        // Entry i, component c (layout c: i * components + c).
        int64_t c = i % shape[1], e = i / shape[1];
        int64_t value =
            (e * (c + 3) + c) %
            std::max<int64_t>(
                extents[std::min<int64_t>(c, extents.size() - 1)] - 1, 1);
        std::memcpy(element, &value, size);
      } else if (param.type == ScalarType::f64) {
        double value = double(seed) / 1001.0 - 1.0;
        std::memcpy(element, &value, size);
      } else if (param.type == ScalarType::f32) {
        float value = float(seed) / 1001.0f - 1.0f;
        std::memcpy(element, &value, size);
      } else {
        int64_t value = seed % 100 - 50;
        std::memcpy(element, &value, size);
      }
    }
    host.fields.push_back(std::move(data));
    host.views.push_back(BufferView{nullptr, param.type, shape, strides});
    host.params.push_back(&param);
  }
  return host;
}

/// Compares two runs value by value: integers exactly, floats to a few ulps
/// (the GPU contracts to FMA and has its own math functions).
void expectClose(const ParameterInfo &param, const std::vector<uint8_t> &cpu,
                 const std::vector<uint8_t> &gpu, const std::string &where) {
  ASSERT_EQ(cpu.size(), gpu.size());
  unsigned size = getByteSize(param.type);
  size_t mismatches = 0;
  for (size_t i = 0; i < cpu.size() / size && mismatches < 5; ++i) {
    const uint8_t *a = cpu.data() + i * size, *b = gpu.data() + i * size;
    if (param.type == ScalarType::f64 || param.type == ScalarType::f32) {
      double x, y;
      if (param.type == ScalarType::f64) {
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
      } else {
        float fx, fy;
        std::memcpy(&fx, a, 4);
        std::memcpy(&fy, b, 4);
        x = fx;
        y = fy;
      }
      double tolerance = (param.type == ScalarType::f64 ? 1e-13 : 1e-5) *
                         std::max({1.0, std::fabs(x), std::fabs(y)});
      if (!(std::fabs(x - y) <= tolerance)) {
        ADD_FAILURE() << where << ": " << param.name << "[" << i << "]: CPU "
                      << x << ", GPU " << y;
        ++mismatches;
      }
    } else if (std::memcmp(a, b, size) != 0) {
      ADD_FAILURE() << where << ": " << param.name << "[" << i << "] differs";
      ++mismatches;
    }
  }
}

void compareCall(const Kernel &cpuKernel, const GpuKernel &gpuKernel,
                 const HostArguments &host, GpuTarget target,
                 const std::string &where);

/// Runs `name` from `source` on the CPU and on the GPU for each shape and
/// compares all fields.
/// Kernel `name` of one source compiled by the JIT and for the GPU.
struct CompiledPair {
  std::unique_ptr<JitModule> cpu;
  std::unique_ptr<GpuModule> gpu;
  const Kernel *cpuKernel = nullptr;
  const GpuKernel *gpuKernel = nullptr;
};

/// Compiles `name` of `source` both ways (a failure is a test failure).
void compileBoth(const std::string &source, const std::string &name,
                 GpuOptions options, CompiledPair &pair) {
  auto cpu = JitModule::compile(source);
  ASSERT_TRUE(bool(cpu)) << llvm::toString(cpu.takeError());
  auto gpu = GpuModule::compile(source, options);
  ASSERT_TRUE(bool(gpu)) << llvm::toString(gpu.takeError());
  pair.cpu = std::move(*cpu);
  pair.gpu = std::move(*gpu);
  pair.cpuKernel = pair.cpu->lookup(name);
  pair.gpuKernel = pair.gpu->lookup(name);
  ASSERT_TRUE(pair.cpuKernel && pair.gpuKernel);
}

void compareWithCpu(const std::string &source, const std::string &name,
                    GpuTarget target,
                    const std::vector<std::vector<int64_t>> &shapes,
                    GpuOptions options = {}) {
  options.target = target;
  CompiledPair pair;
  ASSERT_NO_FATAL_FAILURE(compileBoth(source, name, options, pair));
  const Kernel *cpuKernel = pair.cpuKernel;
  const GpuKernel *gpuKernel = pair.gpuKernel;
  for (const std::vector<int64_t> &extents : shapes) {
    std::string where = name + " on " + std::to_string(extents[0]);
    for (size_t d = 1; d < extents.size(); ++d)
      where += "x" + std::to_string(extents[d]);
    HostArguments host = makeArguments(cpuKernel->getInfo(), extents);
    compareCall(*cpuKernel, *gpuKernel, host, target, where);
  }
}

/// Calls the CPU kernel on `host`'s arrays and the GPU kernel on device
/// copies of them, and compares every field afterwards.
void compareCall(const Kernel &cpuKernel, const GpuKernel &gpuKernel,
                 const HostArguments &host, GpuTarget target,
                 const std::string &where) {
  {
    std::vector<std::vector<uint8_t>> cpuData = host.fields;
    ArgumentList cpuArgs = host.scalars, gpuArgs = host.scalars;
    std::vector<DeviceBuffer> buffers;
    for (size_t i = 0; i < host.fields.size(); ++i) {
      BufferView view = host.views[i];
      view.data = cpuData[i].data();
      cpuArgs.field(host.params[i]->name, view);
      auto buffer =
          DeviceBuffer::allocate(getBackend(target), host.fields[i].size());
      ASSERT_TRUE(bool(buffer)) << llvm::toString(buffer.takeError());
      llvm::Error copied =
          buffer->copyFromHost(host.fields[i].data(), host.fields[i].size());
      ASSERT_FALSE(bool(copied)) << llvm::toString(std::move(copied));
      gpuArgs.field(host.params[i]->name,
                    buffer->view(view.type, view.shape, view.strides));
      buffers.push_back(std::move(*buffer));
    }
    llvm::Error cpuError = cpuKernel(cpuArgs);
    ASSERT_FALSE(bool(cpuError)) << llvm::toString(std::move(cpuError));
    llvm::Error gpuError = gpuKernel.launch(gpuArgs);
    ASSERT_FALSE(bool(gpuError)) << llvm::toString(std::move(gpuError));
    for (size_t i = 0; i < buffers.size(); ++i) {
      std::vector<uint8_t> result(host.fields[i].size());
      llvm::Error copied = buffers[i].copyToHost(result.data(), result.size());
      ASSERT_FALSE(bool(copied)) << llvm::toString(std::move(copied));
      expectClose(*host.params[i], cpuData[i], result, where);
    }
  }
}

const std::vector<std::vector<int64_t>> k2DShapes = {
    {1, 1}, {2, 3}, {9, 9}, {300, 7}, {5, 260}, {129, 3}};
const std::vector<std::vector<int64_t>> k3DShapes = {
    {1, 1, 1}, {3, 4, 5}, {9, 9, 9}, {150, 5, 4}, {4, 3, 70}};

//===----------------------------------------------------------------------===//
// Without a GPU
//===----------------------------------------------------------------------===//

TEST(GpuRuntime, NoGpuErrorIsClean) {
  for (GpuBackend backend : {GpuBackend::Cuda, GpuBackend::Hip}) {
    llvm::Error error =
        GpuDriver::probe(backend, "/nonexistent/libgpudriver.so");
    ASSERT_TRUE(bool(error));
    std::string message = llvm::toString(std::move(error));
    EXPECT_EQ(message.rfind("no GPU: cannot load the ", 0), 0u) << message;
    EXPECT_NE(message.find("/nonexistent/libgpudriver.so"), std::string::npos)
        << message;
  }
}

TEST(GpuRuntime, LaunchWithoutGpuFailsCleanly) {
  std::string why;
  if (findGpu(why))
    GTEST_SKIP() << "a GPU is present: the no-GPU path is not taken";
  EXPECT_EQ(why.rfind("no GPU: ", 0), 0u) << why;
  GpuOptions options;
  options.format = "isa";
  auto gpu =
      GpuModule::compile(readFile(examplePath("jacobi2d.mlir")), options);
  ASSERT_TRUE(bool(gpu)) << llvm::toString(gpu.takeError());
  const GpuKernel *kernel = (*gpu)->lookup("jacobi2d");
  ASSERT_TRUE(kernel);
  llvm::Error error = kernel->launch(ArgumentList());
  ASSERT_TRUE(bool(error));
  std::string message = llvm::toString(std::move(error));
  EXPECT_EQ(message.rfind("no GPU: ", 0), 0u) << message;
  auto buffer = DeviceBuffer::allocate(GpuBackend::Cuda, 64);
  ASSERT_FALSE(bool(buffer));
  message = llvm::toString(buffer.takeError());
  EXPECT_EQ(message.rfind("no GPU: ", 0), 0u) << message;
}

TEST(GpuRuntime, CompilesEveryExampleForBothTargets) {
  for (auto [file, name] : kExamples) {
    bool math = std::string(file) == "coordinate.mlir";
    for (GpuTarget target : {GpuTarget::Nvptx, GpuTarget::Amdgpu}) {
      if (math &&
          !(target == GpuTarget::Nvptx ? haveLibdevice() : haveRocmLibs()))
        continue;
      GpuOptions options;
      options.target = target;
      options.format = "isa";
      options.chip = target == GpuTarget::Nvptx ? "sm_80" : "gfx90a";
      auto gpu = GpuModule::compile(readFile(examplePath(file)), options);
      ASSERT_TRUE(bool(gpu)) << file << ": " << llvm::toString(gpu.takeError());
      EXPECT_TRUE((*gpu)->lookup(name)) << file;
    }
  }
}

TEST(GpuRuntime, BadOptionsAreErrors) {
  GpuOptions options;
  options.chip = "sm_50";
  auto gpu =
      GpuModule::compile(readFile(examplePath("jacobi2d.mlir")), options);
  ASSERT_FALSE(bool(gpu));
  EXPECT_EQ(llvm::toString(gpu.takeError()),
            "GPU options: chip 'sm_50' is older than sm_75, which CUDA 13's "
            "ptxas no longer accepts");
}

//===----------------------------------------------------------------------===//
// On a GPU: every example against the CPU
//===----------------------------------------------------------------------===//

TEST(GpuKernels, Jacobi2D) {
  REQUIRE_GPU(target);
  compareWithCpu(readFile(examplePath("jacobi2d.mlir")), "jacobi2d", *target,
                 k2DShapes);
}

TEST(GpuKernels, Jacobi2DBlockwise) {
  REQUIRE_GPU(target);
  GpuOptions options;
  options.scheme = mlir::ps::GpuIndexingScheme::Blockwise;
  options.blockSize = {64};
  compareWithCpu(readFile(examplePath("jacobi2d.mlir")), "jacobi2d", *target,
                 k2DShapes, options);
}

TEST(GpuKernels, Heat3D) {
  REQUIRE_GPU(target);
  compareWithCpu(readFile(examplePath("heat3d.mlir")), "heat3d", *target,
                 k3DShapes);
}

TEST(GpuKernels, Heat3DBlockwise) {
  REQUIRE_GPU(target);
  GpuOptions options;
  options.scheme = mlir::ps::GpuIndexingScheme::Blockwise;
  compareWithCpu(readFile(examplePath("heat3d.mlir")), "heat3d", *target,
                 k3DShapes, options);
}

TEST(GpuKernels, D3Q19Streaming) {
  REQUIRE_GPU(target);
  compareWithCpu(readFile(examplePath("d3q19.mlir")), "d3q19_stream", *target,
                 {{1, 1, 1}, {3, 4, 5}, {40, 6, 5}});
}

TEST(GpuKernels, SparseBoundary) {
  REQUIRE_GPU(target);
  compareWithCpu(readFile(examplePath("sparse.mlir")), "boundary", *target,
                 {{9, 9}, {300, 7}});
}

/// The boundary examples over lists built from a wall mask (valid records:
/// directions in the tables, coordinates whose neighbours are inside, no
/// two entries writing one location), on the GPU against the CPU.
void compareBoundary(const char *file, const char *name,
                     const std::vector<int64_t> &shape, const Stencil &stencil,
                     GpuTarget target) {
  GpuOptions options;
  options.target = target;
  CompiledPair pair;
  ASSERT_NO_FATAL_FAILURE(
      compileBoth(readFile(examplePath(file)), name, options, pair));
  const Kernel *cpuKernel = pair.cpuKernel;
  const GpuKernel *gpuKernel = pair.gpuKernel;
  std::vector<std::vector<int64_t>> records = findBoundary(shape, stencil);
  HostArguments host = makeArguments(cpuKernel->getInfo(), shape);
  int64_t entries = int64_t(records.size());
  for (size_t i = 0; i < host.params.size(); ++i) {
    const ParameterInfo &param = *host.params[i];
    if (!param.isIndexList)
      continue;
    unsigned size = getByteSize(param.type);
    BufferView &view = host.views[i];
    if (param.name == "list") {
      int64_t members = int64_t(shape.size()) + 1;
      view.shape = {entries, members};
      view.strides = {members, 1};
      host.fields[i].assign(entries * members * size, 0);
      for (int64_t e = 0; e < entries; ++e)
        for (int64_t k = 0; k < members; ++k) {
          int32_t value = int32_t(records[e][k]);
          std::memcpy(host.fields[i].data() + (e * members + k) * size, &value,
                      size);
        }
    } else {
      // A record field of another type (the moving wall's velocity).
      view.shape = {entries};
      view.strides = {1};
      host.fields[i].assign(entries * size, 0);
      for (int64_t e = 0; e < entries; ++e) {
        double value = 0.01 * double(e % 7) - 0.03;
        std::memcpy(host.fields[i].data() + e * size, &value, size);
      }
    }
  }
  compareCall(*cpuKernel, *gpuKernel, host, target, name);
}

TEST(GpuKernels, D2Q9BounceBack) {
  REQUIRE_GPU(target);
  compareBoundary("d2q9-bounce-back.mlir", "d2q9_bounce_back", {40, 27},
                  kD2Q9, *target);
}

TEST(GpuKernels, D3Q19BounceBack) {
  REQUIRE_GPU(target);
  compareBoundary("d3q19-bounce-back.mlir", "d3q19_bounce_back", {12, 9, 7},
                  kD3Q19, *target);
}

TEST(GpuKernels, D2Q9MovingWall) {
  REQUIRE_GPU(target);
  compareBoundary("d2q9-moving-wall.mlir", "d2q9_moving_wall", {40, 27},
                  kD2Q9, *target);
}

TEST(GpuKernels, RedBlackGaussSeidel) {
  REQUIRE_GPU(target);
  compareWithCpu(readFile(examplePath("redblack.mlir")), "redblack_red",
                 *target, k2DShapes);
}

TEST(GpuKernels, CoordinateDependent) {
  REQUIRE_GPU(target);
  compareWithCpu(readFile(examplePath("coordinate.mlir")), "init", *target,
                 k2DShapes);
}

TEST(GpuKernels, ArgumentChecksAsOnTheCpu) {
  REQUIRE_GPU(target);
  std::string source = readFile(examplePath("sparse.mlir"));
  GpuOptions options;
  options.target = *target;
  auto gpu = GpuModule::compile(source, options);
  ASSERT_TRUE(bool(gpu)) << llvm::toString(gpu.takeError());
  const GpuKernel *kernel = (*gpu)->lookup("boundary");
  ASSERT_TRUE(kernel);
  GpuBackend backend = getBackend(*target);
  const int64_t nx = 7, ny = 5;
  auto u = DeviceBuffer::allocate(backend, nx * ny * 8);
  auto v = DeviceBuffer::allocate(backend, nx * ny * 8);
  auto g = DeviceBuffer::allocate(backend, nx * ny * 8);
  auto list = DeviceBuffer::allocate(backend, 2 * 3 * 8);
  ASSERT_TRUE(u && v && g && list);
  // Entry 1 at x = 6: its east neighbour is outside the fields.
  int64_t entries[] = {1, 1, 0, 6, 0, 1};
  ASSERT_FALSE(bool(list->copyFromHost(entries, sizeof(entries))));
  llvm::Error error = kernel->launch(
      ArgumentList()
          .field("arg0", u->view(ScalarType::f64, {nx, ny}, {1, nx}))
          .field("arg1", v->view(ScalarType::f64, {nx, ny}, {1, nx}))
          .field("arg2", g->view(ScalarType::f64, {nx, ny}, {1, nx}))
          .field("arg3", list->view(ScalarType::i64, {2, 3}, {3, 1}))
          .scalar("arg4", 1.25));
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "argument 'arg3': entry 1 has coordinate 6 in dimension 0; with "
            "the kernel's offsets 1 to 1 there into argument 'arg2' it "
            "reaches outside [0, 7)");
  error = kernel->launch(
      ArgumentList()
          .field("arg0", u->view(ScalarType::f32, {nx, ny}, {1, nx}))
          .field("arg1", v->view(ScalarType::f64, {nx, ny}, {1, nx}))
          .field("arg2", g->view(ScalarType::f64, {nx, ny}, {1, nx}))
          .field("arg3", list->view(ScalarType::i64, {2, 3}, {3, 1}))
          .scalar("arg4", 1.25));
  ASSERT_TRUE(bool(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("argument 'arg0'"),
            std::string::npos);
}

} // namespace
