//===- StridedBench.cpp - Strided views: gathers against scalar loops -----===//
//
// strided-bench: kernels whose fields have a stride in x (a NumPy view
// a[:, ::2], a field of every second column), which ps-vectorize turns into
// gathers and, for strided stores, scatters where the instruction set has
// them. Each kernel runs as the scalar loop ps-vectorize leaves to LLVM's
// loop vectorizer (`vectorize=host gather=never`), with gathers
// (`gather=always`) for every instruction set the host has, and beside a hand-written C++ loop (g++ -O3 -march=native,
// no FMA contraction); the variants are timed in interleaved rounds, and
// each reports the median MLUP/s and its ratio to the scalar loop. Every
// variant's output must equal the hand-written loop's bit for bit.
//
//   build/bin/strided-bench [--nx N] [--ny N] [--rounds N] [--json FILE]
//
//===----------------------------------------------------------------------===//

#include "BenchTiming.h"
#include "Stencil/Compiler/JitModule.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <vector>

using namespace mlir::ps::runtime;

namespace {

llvm::cl::opt<int64_t> nx("nx", llvm::cl::desc("Points in x"),
                          llvm::cl::init(2048));
llvm::cl::opt<int64_t> ny("ny", llvm::cl::desc("Points in y"),
                          llvm::cl::init(512));
llvm::cl::opt<int> rounds("rounds", llvm::cl::desc("Interleaved rounds"),
                          llvm::cl::init(15));
llvm::cl::opt<std::string> jsonPath("json",
                                    llvm::cl::desc("Write the results here"),
                                    llvm::cl::init(""));

/// A field type with one ghost layer and x stride `xStride` (`?`: known
/// only at run time, as NumPy views pass it).
std::string fieldType(const char *xStride) {
  return std::string("!ps.field<?x?xf64, strides [") + xStride +
         ", ?], ghost 1>";
}

/// The body of a kernel `name` over `dst` that reads `src`; `body` holds
/// the loads and arithmetic (with `SRC` for the source type) and leaves the
/// result in %r.
std::string kernelSource(const std::string &name, const std::string &src,
                         const std::string &dst, std::string body) {
  for (size_t at; (at = body.find("SRC")) != std::string::npos;)
    body.replace(at, 3, src);
  return "ps.kernel @" + name + "(%src: " + src + ", %dst: " + dst +
         ") {\n  ps.iterate (%x, %y) in %dst : " + dst + " {\n" + body +
         "    ps.store %r, %dst[0, 0] : " + dst + "\n  }\n}\n";
}

const char *const kScaleBody = "    %v = ps.load %src[0, 0] : SRC\n"
                               "    %h = ps.constant 0.5 : f64\n"
                               "    %r = ps.mul %v, %h : f64\n";

const char *const kStar5Body = "    %w = ps.load %src[-1, 0] : SRC\n"
                               "    %e = ps.load %src[1, 0] : SRC\n"
                               "    %s = ps.load %src[0, -1] : SRC\n"
                               "    %n = ps.load %src[0, 1] : SRC\n"
                               "    %a = ps.add %w, %e : f64\n"
                               "    %b = ps.add %a, %s : f64\n"
                               "    %c = ps.add %b, %n : f64\n"
                               "    %q = ps.constant 0.25 : f64\n"
                               "    %r = ps.mul %c, %q : f64\n";

/// Nine weighted points, summed in order (the hand-written box9 below).
std::string box9Body() {
  std::string body;
  const int offsets[9][2] = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {0, 0},
                             {1, 0},   {-1, 1}, {0, 1},  {1, 1}};
  for (int i = 0; i < 9; ++i) {
    std::string k = std::to_string(i);
    body += "    %v" + k + " = ps.load %src[" + std::to_string(offsets[i][0]) +
            ", " + std::to_string(offsets[i][1]) + "] : SRC\n";
    body += "    %c" + k + " = ps.constant 0." + std::to_string(i + 1) +
            " : f64\n    %m" + k + " = ps.mul %v" + k + ", %c" + k +
            " : f64\n";
    if (i > 0)
      body += std::string(i == 8 ? "    %r" : "    %a" + k) + " = ps.add " +
              (i == 1 ? std::string("%m0") : "%a" + std::to_string(i - 1)) +
              ", %m" + k + " : f64\n";
  }
  return body;
}

using Reference = void (*)(const double *, double *, int64_t, int64_t,
                           int64_t, int64_t, int64_t, int64_t);

void scaleReference(const double *s, double *d, int64_t sx, int64_t sy,
                    int64_t dx, int64_t dy, int64_t n, int64_t m) {
  for (int64_t y = 1; y < m - 1; ++y)
    for (int64_t x = 1; x < n - 1; ++x)
      d[x * dx + y * dy] = s[x * sx + y * sy] * 0.5;
}

void star5Reference(const double *s, double *d, int64_t sx, int64_t sy,
                    int64_t dx, int64_t dy, int64_t n, int64_t m) {
  for (int64_t y = 1; y < m - 1; ++y)
    for (int64_t x = 1; x < n - 1; ++x) {
      const double *p = s + x * sx + y * sy;
      d[x * dx + y * dy] = (((p[-sx] + p[sx]) + p[-sy]) + p[sy]) * 0.25;
    }
}

void box9Reference(const double *s, double *d, int64_t sx, int64_t sy,
                   int64_t dx, int64_t dy, int64_t n, int64_t m) {
  const double c[9] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  const int64_t at[9][2] = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {0, 0},
                            {1, 0},   {-1, 1}, {0, 1},  {1, 1}};
  for (int64_t y = 1; y < m - 1; ++y)
    for (int64_t x = 1; x < n - 1; ++x) {
      const double *p = s + x * sx + y * sy;
      double a = p[at[0][0] * sx + at[0][1] * sy] * c[0];
      for (int i = 1; i < 9; ++i)
        a = a + p[at[i][0] * sx + at[i][1] * sy] * c[i];
      d[x * dx + y * dy] = a;
    }
}

/// A kernel over an (nx, ny) interior with one ghost layer: `src` read with
/// stride 2 in x (known only at run time, or a constant of the type for
/// the -static kernels), `dst` written with the stride `dstStride` (a
/// run-time one where it is not 1).
struct StridedKernel {
  std::string name, source;
  Reference reference;
  int64_t dstStride;
};

std::vector<StridedKernel> getKernels() {
  std::string dynamic = fieldType("?"), constant = fieldType("2"),
              dense = fieldType("1");
  return {
      {"scale", kernelSource("scale", dynamic, dense, kScaleBody),
       scaleReference, 1},
      {"star5", kernelSource("star5", dynamic, dense, kStar5Body),
       star5Reference, 1},
      {"box9", kernelSource("box9", dynamic, dense, box9Body()),
       box9Reference, 1},
      {"star5-static",
       kernelSource("star5_static", constant, dense, kStar5Body),
       star5Reference, 1},
      {"box9-static", kernelSource("box9_static", constant, dense, box9Body()),
       box9Reference, 1},
      {"box9-scatter",
       kernelSource("box9_scatter", dynamic, dynamic, box9Body()),
       box9Reference, 2},
      {"scale-scatter",
       kernelSource("scale_scatter", dynamic, dynamic, kScaleBody),
       scaleReference, 2},
  };
}

using bench::median;
using bench::seconds;

std::string hostCpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0)
      return line.substr(line.find(':') + 2);
  return llvm::sys::getHostCPUName().str();
}

struct Variant {
  std::string name;
  std::string options;
};

} // namespace

int main(int argc, char **argv) {
  llvm::cl::ParseCommandLineOptions(argc, argv, "strided views: gathers\n");
  // gather=always, so that the kernels with a constant stride show what
  // gathers would give them (the default leaves those to LLVM).
  std::vector<Variant> variants = {{"scalar", "vectorize=host gather=never"}};
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  if (features.lookup("avx2") && features.lookup("fma"))
    variants.push_back({"gather-avx2", "vectorize=avx2 gather=always"});
  if (features.lookup("avx512f"))
    variants.push_back({"gather-avx512f", "vectorize=avx512f gather=always"});

  int64_t n = nx + 2, m = ny + 2;
  std::string json = "{\n  \"host_cpu\": \"" + hostCpuModel() +
                     "\",\n  \"nx\": " + std::to_string(nx) +
                     ", \"ny\": " + std::to_string(ny) + ",\n  \"kernels\": [";
  llvm::outs() << "strided-bench on " << hostCpuModel() << ": " << nx << " x "
               << ny << " points, src with x stride 2, " << rounds
               << " interleaved rounds, median MLUP/s\n";
  bool allIdentical = true;
  for (auto [k, kernel] : llvm::enumerate(getKernels())) {
    int64_t sx = 2, sy = 2 * n, dx = kernel.dstStride, dy = dx * n;
    std::vector<double> src(sy * m), expected(dy * m, -1.0);
    for (size_t i = 0; i < src.size(); ++i)
      src[i] = double((i * 7919) % 1000) / 1000.0;
    kernel.reference(src.data(), expected.data(), sx, sy, dx, dy, n, m);
    struct Run {
      const Kernel *kernel;
      std::unique_ptr<JitModule> module;
      std::vector<double> dst;
      std::vector<double> times;
    };
    std::vector<Run> runs;
    for (const Variant &variant : variants) {
      CompileOptions options;
      if (mlir::failed(options.parseFromString(variant.options)))
        return 1;
      auto module = JitModule::compile(kernel.source, options);
      if (!module) {
        llvm::errs() << kernel.name << " " << variant.name << ": "
                     << llvm::toString(module.takeError()) << "\n";
        return 1;
      }
      std::string symbol = kernel.name;
      std::replace(symbol.begin(), symbol.end(), '-', '_');
      const Kernel *compiled = (*module)->lookup(symbol);
      runs.push_back({compiled, std::move(*module),
                      std::vector<double>(dy * m, -1.0), {}});
    }
    std::vector<double> handDst(dy * m, -1.0), handTimes;
    auto call = [&](Run &run) {
      llvm::Error error = (*run.kernel)(
          ArgumentList()
              .field("src", BufferView{src.data(), ScalarType::f64, {n, m},
                                       {sx, sy}})
              .field("dst", BufferView{run.dst.data(), ScalarType::f64, {n, m},
                                       {dx, dy}}));
      if (error) {
        llvm::errs() << llvm::toString(std::move(error)) << "\n";
        std::exit(1);
      }
    };
    for (Run &run : runs)
      call(run);
    for (int r = 0; r < rounds; ++r) {
      for (Run &run : runs)
        run.times.push_back(seconds([&] { call(run); }));
      handTimes.push_back(seconds([&] {
        kernel.reference(src.data(), handDst.data(), sx, sy, dx, dy, n, m);
      }));
    }
    double points = double(nx) * double(ny);
    double scalar = median(runs[0].times);
    llvm::outs() << "\n" << kernel.name << " (dst x stride " << dx << ")\n";
    json += std::string(k ? "," : "") + "\n    {\"kernel\": \"" + kernel.name +
            "\", \"variants\": [";
    for (auto [v, run] : llvm::enumerate(runs)) {
      bool identical = run.dst == expected;
      allIdentical &= identical;
      double t = median(run.times);
      llvm::outs() << llvm::format("  %-16s %8.1f MLUP/s  %5.2fx scalar%s\n",
                                   variants[v].name.c_str(), points / t / 1e6,
                                   scalar / t,
                                   identical ? "" : "  MISMATCH");
      json += std::string(v ? ", " : "") + "{\"name\": \"" + variants[v].name +
              "\", \"options\": \"" + variants[v].options +
              "\", \"mlups\": " + std::to_string(points / t / 1e6) +
              ", \"identical\": " + (identical ? "true" : "false") + "}";
    }
    double hand = median(handTimes);
    llvm::outs() << llvm::format("  %-16s %8.1f MLUP/s  %5.2fx scalar\n",
                                 "hand-written C++", points / hand / 1e6,
                                 scalar / hand);
    json += "], \"hand_written_mlups\": " + std::to_string(points / hand / 1e6) +
            "}";
  }
  json += "\n  ]\n}\n";
  if (!jsonPath.empty())
    std::ofstream(jsonPath) << json;
  return allIdentical ? 0 : 2;
}
