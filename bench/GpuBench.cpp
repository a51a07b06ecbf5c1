//===- GpuBench.cpp - Jacobi 2D and heat 3D against a device copy ---------===//
//
// Runs the Jacobi 2D and heat 3D examples on the GPU and a device-to-device
// copy of the same size in the same run, and reports the bandwidth each
// achieves (bytes that must move: one read of the source and one write of
// the destination) and its ratio to the copy's. Without a GPU it says
// "no GPU: ..." and exits 0.
//
//   ps-gpu-bench [--n2d=16384] [--n3d=512] [--reps=20] [--scheme=linear]
//                [--block-size=128,2,1] [--chip=sm_90]
//
//===----------------------------------------------------------------------===//

#include "Stencil/GPURuntime/GpuModule.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <vector>

using namespace mlir::ps::runtime;

static llvm::cl::opt<int64_t> n2d("n2d", llvm::cl::desc("Jacobi extent"),
                                  llvm::cl::init(16384));
static llvm::cl::opt<int64_t> n3d("n3d", llvm::cl::desc("Heat extent"),
                                  llvm::cl::init(512));
static llvm::cl::opt<unsigned> reps("reps", llvm::cl::desc("Timed runs"),
                                    llvm::cl::init(20));
static llvm::cl::opt<mlir::ps::GpuIndexingScheme>
    scheme("scheme", llvm::cl::desc("Indexing scheme of convert-ps-to-gpu"),
           llvm::cl::init(mlir::ps::GpuIndexingScheme::Linear),
           mlir::ps::getGpuIndexingSchemeValues());
static llvm::cl::opt<std::string>
    blockSize("block-size", llvm::cl::desc("Threads per block, e.g. 128,2,1"),
              llvm::cl::init(""));
static llvm::cl::opt<std::string>
    chip("chip", llvm::cl::desc("Architecture (default: the device's)"),
         llvm::cl::init(""));

namespace {

std::string readExample(const char *name) {
  auto buffer = llvm::MemoryBuffer::getFile(std::string(PS_SOURCE_DIR) +
                                            "/docs/examples/" + name);
  return buffer ? (*buffer)->getBuffer().str() : "";
}

/// The best of `reps` runs of `work`, in seconds.
template <typename Fn> llvm::Expected<double> best(Fn work) {
  if (llvm::Error error = work()) // warm-up (and module load)
    return std::move(error);
  double fastest = 1e30;
  for (unsigned i = 0; i < reps; ++i) {
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error error = work())
      return std::move(error);
    fastest = std::min(fastest, std::chrono::duration<double>(
                                    std::chrono::steady_clock::now() - start)
                                    .count());
  }
  return fastest;
}

int fail(llvm::Error error) {
  llvm::errs() << "ps-gpu-bench: " << llvm::toString(std::move(error)) << "\n";
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  llvm::cl::ParseCommandLineOptions(argc, argv, "ps GPU benchmark\n");

  // The GPU: CUDA, else HIP.
  std::optional<GpuTarget> target;
  std::string why;
  for (GpuTarget candidate : {GpuTarget::Nvptx, GpuTarget::Amdgpu}) {
    llvm::Expected<GpuDriver &> driver = GpuDriver::get(getBackend(candidate));
    if (driver) {
      target = candidate;
      llvm::outs() << "device: " << driver->getDeviceName() << " ("
                   << driver->getArchitecture() << ", "
                   << toString(driver->getBackend()) << ")\n";
      break;
    }
    why += (why.empty() ? "" : "; ") + llvm::toString(driver.takeError());
  }
  if (!target) {
    llvm::outs() << why << "\nps-gpu-bench: nothing to measure\n";
    return 0;
  }
  GpuBackend backend = getBackend(*target);
  GpuOptions options;
  options.target = *target;
  options.scheme = scheme;
  options.chip = chip;
  for (llvm::StringRef size : llvm::split(blockSize.getValue(), ','))
    if (!size.empty())
      options.blockSize.push_back(std::stoll(size.str()));

  // Device-to-device copy and the kernels on arrays of the same size.
  struct Case {
    const char *name, *file, *kernel;
    std::vector<int64_t> shape;
  };
  std::vector<Case> cases = {
      {"jacobi2d", "jacobi2d.mlir", "jacobi2d", {n2d, n2d}},
      {"heat3d", "heat3d.mlir", "heat3d", {n3d, n3d, n3d}},
  };
  llvm::outs() << llvm::formatv("{0,-10} {1,14} {2,10} {3,10} {4,8}\n",
                                "kernel", "elements", "ms", "GB/s", "of copy");
  for (const Case &c : cases) {
    int64_t elements = 1;
    for (int64_t extent : c.shape)
      elements *= extent;
    size_t bytes = elements * sizeof(double);
    auto src = DeviceBuffer::allocate(backend, bytes);
    if (!src)
      return fail(src.takeError());
    auto dst = DeviceBuffer::allocate(backend, bytes);
    if (!dst)
      return fail(dst.takeError());
    std::vector<double> host(elements, 1.0);
    if (llvm::Error error = src->copyFromHost(host.data(), bytes))
      return fail(std::move(error));
    if (llvm::Error error = dst->copyFromHost(host.data(), bytes))
      return fail(std::move(error));
    auto copyTime = best([&] { return dst->copyFrom(*src, bytes); });
    if (!copyTime)
      return fail(copyTime.takeError());

    auto module = GpuModule::compile(readExample(c.file), options);
    if (!module)
      return fail(module.takeError());
    const GpuKernel *kernel = (*module)->lookup(c.kernel);
    std::vector<int64_t> strides(c.shape.size());
    int64_t running = 1;
    for (size_t d = 0; d < c.shape.size(); ++d) {
      strides[d] = running; // x fastest: jacobi's fzyx and heat's zyxf
      running *= c.shape[d];
    }
    // Parameters by the names the kernel gives them (src, dst; u, out,
    // alpha).
    const auto &params = kernel->getInfo().parameters;
    ArgumentList args;
    args.field(params[0].name, src->view(ScalarType::f64, c.shape, strides))
        .field(params[1].name, dst->view(ScalarType::f64, c.shape, strides));
    if (c.shape.size() == 3)
      args.scalar(params[2].name, 0.1);
    auto kernelTime = best([&] { return kernel->launch(args); });
    if (!kernelTime)
      return fail(kernelTime.takeError());

    double copyRate = 2.0 * bytes / *copyTime / 1e9;
    double kernelRate = 2.0 * bytes / *kernelTime / 1e9;
    llvm::outs() << llvm::formatv("{0,-10} {1,14} {2,10:f3} {3,10:f1} {4,8}\n",
                                  "copy", elements, *copyTime * 1e3, copyRate,
                                  "");
    llvm::outs() << llvm::formatv(
        "{0,-10} {1,14} {2,10:f3} {3,10:f1} {4,7:f1}%\n", c.name, elements,
        *kernelTime * 1e3, kernelRate, 100.0 * kernelRate / copyRate);
  }
  return 0;
}
