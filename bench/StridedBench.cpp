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

/// A kernel over an (nx, ny) interior with one ghost layer: `src` read with
/// stride 2 in x (known only at run time, as NumPy views pass it, or a
// constant of the type for the -static kernels), `dst` written with the
// stride `dstStride` (a run-time one where it is not 1).
struct StridedKernel {
  const char *name;
  const char *source;
  /// The hand-written twin: src and dst with their strides in elements.
  std::function<void(const double *, double *, int64_t, int64_t, int64_t,
                     int64_t, int64_t, int64_t)>
      reference;
  int64_t dstStride;
};

#define SRC "!ps.field<?x?xf64, strides [?, ?], ghost 1>"
#define SRC_STATIC "!ps.field<?x?xf64, strides [2, ?], ghost 1>"
#define DST(s) "!ps.field<?x?xf64, strides [" s ", ?], ghost 1>"

const StridedKernel kKernels[] = {
    {"scale", "ps.kernel @scale(%src: " SRC ", %dst: " DST("1") ") {\n"
     "  ps.iterate (%x, %y) in %dst : " DST("1") " {\n"
     "    %v = ps.load %src[0, 0] : " SRC "\n"
     "    %h = ps.constant 0.5 : f64\n"
     "    %r = ps.mul %v, %h : f64\n"
     "    ps.store %r, %dst[0, 0] : " DST("1") "\n  }\n}\n",
     [](const double *s, double *d, int64_t sx, int64_t sy, int64_t dx,
        int64_t dy, int64_t n, int64_t m) {
       for (int64_t y = 1; y < m - 1; ++y)
         for (int64_t x = 1; x < n - 1; ++x)
           d[x * dx + y * dy] = s[x * sx + y * sy] * 0.5;
     },
     1},
    {"star5", "ps.kernel @star5(%src: " SRC ", %dst: " DST("1") ") {\n"
     "  ps.iterate (%x, %y) in %dst : " DST("1") " {\n"
     "    %w = ps.load %src[-1, 0] : " SRC "\n"
     "    %e = ps.load %src[1, 0] : " SRC "\n"
     "    %s = ps.load %src[0, -1] : " SRC "\n"
     "    %n = ps.load %src[0, 1] : " SRC "\n"
     "    %a = ps.add %w, %e : f64\n    %b = ps.add %a, %s : f64\n"
     "    %c = ps.add %b, %n : f64\n    %q = ps.constant 0.25 : f64\n"
     "    %r = ps.mul %c, %q : f64\n"
     "    ps.store %r, %dst[0, 0] : " DST("1") "\n  }\n}\n",
     [](const double *s, double *d, int64_t sx, int64_t sy, int64_t dx,
        int64_t dy, int64_t n, int64_t m) {
       for (int64_t y = 1; y < m - 1; ++y)
         for (int64_t x = 1; x < n - 1; ++x) {
           const double *p = s + x * sx + y * sy;
           d[x * dx + y * dy] = (((p[-sx] + p[sx]) + p[-sy]) + p[sy]) * 0.25;
         }
     },
     1},
    {"box9", "ps.kernel @box9(%src: " SRC ", %dst: " DST("1") ") {\n"
     "  ps.iterate (%x, %y) in %dst : " DST("1") " {\n"
     "    %acc0 = ps.constant 0.0 : f64\n"
     "    %v0 = ps.load %src[-1, -1] : " SRC "\n %c0 = ps.constant 0.1 : f64\n"
     "    %m0 = ps.mul %v0, %c0 : f64\n"
     "    %v1 = ps.load %src[0, -1] : " SRC "\n %c1 = ps.constant 0.2 : f64\n"
     "    %m1 = ps.mul %v1, %c1 : f64\n %a1 = ps.add %m0, %m1 : f64\n"
     "    %v2 = ps.load %src[1, -1] : " SRC "\n %c2 = ps.constant 0.3 : f64\n"
     "    %m2 = ps.mul %v2, %c2 : f64\n %a2 = ps.add %a1, %m2 : f64\n"
     "    %v3 = ps.load %src[-1, 0] : " SRC "\n %c3 = ps.constant 0.4 : f64\n"
     "    %m3 = ps.mul %v3, %c3 : f64\n %a3 = ps.add %a2, %m3 : f64\n"
     "    %v4 = ps.load %src[0, 0] : " SRC "\n %c4 = ps.constant 0.5 : f64\n"
     "    %m4 = ps.mul %v4, %c4 : f64\n %a4 = ps.add %a3, %m4 : f64\n"
     "    %v5 = ps.load %src[1, 0] : " SRC "\n %c5 = ps.constant 0.6 : f64\n"
     "    %m5 = ps.mul %v5, %c5 : f64\n %a5 = ps.add %a4, %m5 : f64\n"
     "    %v6 = ps.load %src[-1, 1] : " SRC "\n %c6 = ps.constant 0.7 : f64\n"
     "    %m6 = ps.mul %v6, %c6 : f64\n %a6 = ps.add %a5, %m6 : f64\n"
     "    %v7 = ps.load %src[0, 1] : " SRC "\n %c7 = ps.constant 0.8 : f64\n"
     "    %m7 = ps.mul %v7, %c7 : f64\n %a7 = ps.add %a6, %m7 : f64\n"
     "    %v8 = ps.load %src[1, 1] : " SRC "\n %c8 = ps.constant 0.9 : f64\n"
     "    %m8 = ps.mul %v8, %c8 : f64\n %a8 = ps.add %a7, %m8 : f64\n"
     "    ps.store %a8, %dst[0, 0] : " DST("1") "\n  }\n}\n",
     [](const double *s, double *d, int64_t sx, int64_t sy, int64_t dx,
        int64_t dy, int64_t n, int64_t m) {
       const double c[9] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
       for (int64_t y = 1; y < m - 1; ++y)
         for (int64_t x = 1; x < n - 1; ++x) {
           const double *p = s + x * sx + y * sy;
           double a = p[-sx - sy] * c[0];
           a = a + p[-sy] * c[1];
           a = a + p[sx - sy] * c[2];
           a = a + p[-sx] * c[3];
           a = a + p[0] * c[4];
           a = a + p[sx] * c[5];
           a = a + p[-sx + sy] * c[6];
           a = a + p[sy] * c[7];
           a = a + p[sx + sy] * c[8];
           d[x * dx + y * dy] = a;
         }
     },
     1},
    {"star5-static", "ps.kernel @star5_static(%src: " SRC_STATIC ", %dst: " DST("1") ") {\n"
     "  ps.iterate (%x, %y) in %dst : " DST("1") " {\n"
     "    %w = ps.load %src[-1, 0] : " SRC_STATIC "\n"
     "    %e = ps.load %src[1, 0] : " SRC_STATIC "\n"
     "    %s = ps.load %src[0, -1] : " SRC_STATIC "\n"
     "    %n = ps.load %src[0, 1] : " SRC_STATIC "\n"
     "    %a = ps.add %w, %e : f64\n    %b = ps.add %a, %s : f64\n"
     "    %c = ps.add %b, %n : f64\n    %q = ps.constant 0.25 : f64\n"
     "    %r = ps.mul %c, %q : f64\n"
     "    ps.store %r, %dst[0, 0] : " DST("1") "\n  }\n}\n",
     [](const double *s, double *d, int64_t sx, int64_t sy, int64_t dx,
        int64_t dy, int64_t n, int64_t m) {
       for (int64_t y = 1; y < m - 1; ++y)
         for (int64_t x = 1; x < n - 1; ++x) {
           const double *p = s + x * sx + y * sy;
           d[x * dx + y * dy] = (((p[-sx] + p[sx]) + p[-sy]) + p[sy]) * 0.25;
         }
     },
     1},
    {"box9-static", "ps.kernel @box9_static(%src: " SRC_STATIC ", %dst: " DST("1") ") {\n"
     "  ps.iterate (%x, %y) in %dst : " DST("1") " {\n"
     "    %acc0 = ps.constant 0.0 : f64\n"
     "    %v0 = ps.load %src[-1, -1] : " SRC_STATIC "\n %c0 = ps.constant 0.1 : f64\n"
     "    %m0 = ps.mul %v0, %c0 : f64\n"
     "    %v1 = ps.load %src[0, -1] : " SRC_STATIC "\n %c1 = ps.constant 0.2 : f64\n"
     "    %m1 = ps.mul %v1, %c1 : f64\n %a1 = ps.add %m0, %m1 : f64\n"
     "    %v2 = ps.load %src[1, -1] : " SRC_STATIC "\n %c2 = ps.constant 0.3 : f64\n"
     "    %m2 = ps.mul %v2, %c2 : f64\n %a2 = ps.add %a1, %m2 : f64\n"
     "    %v3 = ps.load %src[-1, 0] : " SRC_STATIC "\n %c3 = ps.constant 0.4 : f64\n"
     "    %m3 = ps.mul %v3, %c3 : f64\n %a3 = ps.add %a2, %m3 : f64\n"
     "    %v4 = ps.load %src[0, 0] : " SRC_STATIC "\n %c4 = ps.constant 0.5 : f64\n"
     "    %m4 = ps.mul %v4, %c4 : f64\n %a4 = ps.add %a3, %m4 : f64\n"
     "    %v5 = ps.load %src[1, 0] : " SRC_STATIC "\n %c5 = ps.constant 0.6 : f64\n"
     "    %m5 = ps.mul %v5, %c5 : f64\n %a5 = ps.add %a4, %m5 : f64\n"
     "    %v6 = ps.load %src[-1, 1] : " SRC_STATIC "\n %c6 = ps.constant 0.7 : f64\n"
     "    %m6 = ps.mul %v6, %c6 : f64\n %a6 = ps.add %a5, %m6 : f64\n"
     "    %v7 = ps.load %src[0, 1] : " SRC_STATIC "\n %c7 = ps.constant 0.8 : f64\n"
     "    %m7 = ps.mul %v7, %c7 : f64\n %a7 = ps.add %a6, %m7 : f64\n"
     "    %v8 = ps.load %src[1, 1] : " SRC_STATIC "\n %c8 = ps.constant 0.9 : f64\n"
     "    %m8 = ps.mul %v8, %c8 : f64\n %a8 = ps.add %a7, %m8 : f64\n"
     "    ps.store %a8, %dst[0, 0] : " DST("1") "\n  }\n}\n",
     [](const double *s, double *d, int64_t sx, int64_t sy, int64_t dx,
        int64_t dy, int64_t n, int64_t m) {
       const double c[9] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
       for (int64_t y = 1; y < m - 1; ++y)
         for (int64_t x = 1; x < n - 1; ++x) {
           const double *p = s + x * sx + y * sy;
           double a = p[-sx - sy] * c[0];
           a = a + p[-sy] * c[1];
           a = a + p[sx - sy] * c[2];
           a = a + p[-sx] * c[3];
           a = a + p[0] * c[4];
           a = a + p[sx] * c[5];
           a = a + p[-sx + sy] * c[6];
           a = a + p[sy] * c[7];
           a = a + p[sx + sy] * c[8];
           d[x * dx + y * dy] = a;
         }
     },
     1},
    {"box9-scatter", "ps.kernel @box9_scatter(%src: " SRC ", %dst: " DST("?") ") {\n"
     "  ps.iterate (%x, %y) in %dst : " DST("?") " {\n"
     "    %acc0 = ps.constant 0.0 : f64\n"
     "    %v0 = ps.load %src[-1, -1] : " SRC "\n %c0 = ps.constant 0.1 : f64\n"
     "    %m0 = ps.mul %v0, %c0 : f64\n"
     "    %v1 = ps.load %src[0, -1] : " SRC "\n %c1 = ps.constant 0.2 : f64\n"
     "    %m1 = ps.mul %v1, %c1 : f64\n %a1 = ps.add %m0, %m1 : f64\n"
     "    %v2 = ps.load %src[1, -1] : " SRC "\n %c2 = ps.constant 0.3 : f64\n"
     "    %m2 = ps.mul %v2, %c2 : f64\n %a2 = ps.add %a1, %m2 : f64\n"
     "    %v3 = ps.load %src[-1, 0] : " SRC "\n %c3 = ps.constant 0.4 : f64\n"
     "    %m3 = ps.mul %v3, %c3 : f64\n %a3 = ps.add %a2, %m3 : f64\n"
     "    %v4 = ps.load %src[0, 0] : " SRC "\n %c4 = ps.constant 0.5 : f64\n"
     "    %m4 = ps.mul %v4, %c4 : f64\n %a4 = ps.add %a3, %m4 : f64\n"
     "    %v5 = ps.load %src[1, 0] : " SRC "\n %c5 = ps.constant 0.6 : f64\n"
     "    %m5 = ps.mul %v5, %c5 : f64\n %a5 = ps.add %a4, %m5 : f64\n"
     "    %v6 = ps.load %src[-1, 1] : " SRC "\n %c6 = ps.constant 0.7 : f64\n"
     "    %m6 = ps.mul %v6, %c6 : f64\n %a6 = ps.add %a5, %m6 : f64\n"
     "    %v7 = ps.load %src[0, 1] : " SRC "\n %c7 = ps.constant 0.8 : f64\n"
     "    %m7 = ps.mul %v7, %c7 : f64\n %a7 = ps.add %a6, %m7 : f64\n"
     "    %v8 = ps.load %src[1, 1] : " SRC "\n %c8 = ps.constant 0.9 : f64\n"
     "    %m8 = ps.mul %v8, %c8 : f64\n %a8 = ps.add %a7, %m8 : f64\n"
     "    ps.store %a8, %dst[0, 0] : " DST("?") "\n  }\n}\n",
     [](const double *s, double *d, int64_t sx, int64_t sy, int64_t dx,
        int64_t dy, int64_t n, int64_t m) {
       const double c[9] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
       for (int64_t y = 1; y < m - 1; ++y)
         for (int64_t x = 1; x < n - 1; ++x) {
           const double *p = s + x * sx + y * sy;
           double a = p[-sx - sy] * c[0];
           a = a + p[-sy] * c[1];
           a = a + p[sx - sy] * c[2];
           a = a + p[-sx] * c[3];
           a = a + p[0] * c[4];
           a = a + p[sx] * c[5];
           a = a + p[-sx + sy] * c[6];
           a = a + p[sy] * c[7];
           a = a + p[sx + sy] * c[8];
           d[x * dx + y * dy] = a;
         }
     },
     2},
    {"scale-scatter",
     "ps.kernel @scale_scatter(%src: " SRC ", %dst: " DST("?") ") {\n"
     "  ps.iterate (%x, %y) in %dst : " DST("?") " {\n"
     "    %v = ps.load %src[0, 0] : " SRC "\n"
     "    %h = ps.constant 0.5 : f64\n"
     "    %r = ps.mul %v, %h : f64\n"
     "    ps.store %r, %dst[0, 0] : " DST("?") "\n  }\n}\n",
     [](const double *s, double *d, int64_t sx, int64_t sy, int64_t dx,
        int64_t dy, int64_t n, int64_t m) {
       for (int64_t y = 1; y < m - 1; ++y)
         for (int64_t x = 1; x < n - 1; ++x)
           d[x * dx + y * dy] = s[x * sx + y * sy] * 0.5;
     },
     2},
};

using Clock = std::chrono::steady_clock;

double seconds(const std::function<void()> &fn) {
  auto start = Clock::now();
  fn();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

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
  for (auto [k, kernel] : llvm::enumerate(kKernels)) {
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
      std::string symbol(kernel.name);
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
