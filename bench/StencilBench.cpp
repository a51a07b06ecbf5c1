//===- StencilBench.cpp - MLUP/s of generated kernels and their bounds ----===//
//
// Measures, in one run on 1 and 2 threads: the memory bandwidth (STREAM copy
// and triad), the MLUP/s of each ps kernel compiled by the JIT and of its
// hand-written C++ twin (timed interleaved, medians of repeated sweeps after
// a warm-up), the bandwidth-bound MLUP/s of each kernel, and the time to
// compile each kernel. Each ps kernel is compiled several ways: "llvm"
// (vectorize=none: LLVM's auto-vectorizer), "default" (no options, that is
// vectorize=auto: what the cost model of docs/Rationale.md picks for the
// host, with streaming stores chosen at run time by the arrays' size),
// "simd" (ps-vectorize for the host's widest instruction
// set), "simd-al" (peeled to aligned stores), "simd-nt" (non-temporal
// stores, which skip the write-allocate read), the "-fma" twins with
// ps-contract, timed beside C++ compiled with -ffp-contract=fast, and for 3D
// kernels "-blk", the same in blocks of y rows (ps-block). Prints a table and
// writes JSON.
//
//   stencil-bench [--repeats 11] [--json results.json] [--quick]
//                 [--only KERNEL] [--isa host] [--unroll 2] [--reuse]
//                 [--jam N] [--jam-planes N] [--prefetch BYTES]
//                 [--block-rows 32] [--tuned]
//                 [--size-2d 4096] [--size-3d 256]
//
//===----------------------------------------------------------------------===//

#include "ReferenceKernels.h"

#include "BenchTiming.h"
#include "Stencil/Compiler/JitModule.h"
#include "Stencil/Tuner/KernelTuner.h"
#include "Stencil/Tuner/TimingSelection.h"

#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <sys/mman.h>

using namespace mlir::ps::runtime;

namespace {

using bench::median;
using bench::seconds;

/// A 64-byte aligned array of doubles, touched once so that its pages exist.
/// Large ones are 2 MiB aligned and advised to be transparent huge pages, as
/// NumPy's allocator advises its arrays: without, every 4 KiB page costs a
/// TLB miss that a user's arrays do not pay.
struct Buffer {
  double *data = nullptr;
  int64_t size = 0;
  explicit Buffer(int64_t n) : size(n) {
    constexpr int64_t kHugePage = 2 << 20;
    int64_t bytes = ((n * 8 + 63) / 64) * 64;
    int64_t alignment = bytes >= kHugePage ? kHugePage : 64;
    bytes = ((bytes + alignment - 1) / alignment) * alignment;
    data = static_cast<double *>(std::aligned_alloc(alignment, bytes));
    if (alignment == kHugePage)
      (void)madvise(data, bytes, MADV_HUGEPAGE);
    for (int64_t i = 0; i < n; ++i)
      data[i] = double((i * 7919) % 1000) / 1000.0;
  }
  ~Buffer() { std::free(data); }
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
};

/// What the kernel does with huge-page advice (the bracketed word of
/// /sys/kernel/mm/transparent_hugepage/enabled).
std::string getTransparentHugePages() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  size_t open = text.find('['), close = text.find(']');
  return open == std::string::npos || close == std::string::npos
             ? "unknown"
             : text.substr(open + 1, close - open - 1);
}

std::string readFile(const std::string &path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "stencil-bench: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

BufferView view(Buffer &buffer, std::vector<int64_t> shape) {
  std::vector<int64_t> strides(shape.size());
  int64_t running = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    strides[d] = running;
    running *= shape[d];
  }
  return BufferView{buffer.data, ScalarType::f64, shape, strides};
}

/// How the ps kernel is compiled: LLVM's auto-vectorizer alone, or
/// ps-vectorize for the host's widest instruction set, with normal or
/// non-temporal (streaming) stores; in the strict C order or with fused
/// multiply-adds (ps-contract); in one sweep or in blocks of y rows
/// (ps-block, 3D kernels only).
struct Codegen {
  const char *name;
  bool vectorize;
  bool aligned;
  bool nontemporal;
  bool contract;
  bool blocked;
  /// No options: vectorize=auto, what the cost model picks for the host.
  bool costModel = false;
};
const Codegen kCodegens[] = {
    {"llvm", false, false, false, false, false},
    {"default", false, false, false, false, false, true},
    {"simd", true, false, false, false, false},
    {"simd-al", true, true, false, false, false},
    {"simd-nt", true, true, true, false, false},
    {"simd-fma", true, false, false, true, false},
    {"simd-nt-fma", true, true, true, true, false},
    {"simd-nt-blk", true, true, true, false, true},
    {"simd-fma-blk", true, false, false, true, true},
    {"simd-nt-fma-blk", true, true, true, true, true}};

/// The largest difference between `a` and `b` relative to the largest
/// magnitude in `b`.
double maxRelativeDifference(const double *a, const double *b, int64_t n) {
  double difference = 0, scale = 0;
  for (int64_t i = 0; i < n; ++i) {
    difference = std::max(difference, std::abs(a[i] - b[i]));
    scale = std::max(scale, std::abs(b[i]));
  }
  return scale == 0 ? difference : difference / scale;
}

struct Result {
  std::string name, size, codegen;
  /// The options of the variant, as the pipeline prints them.
  std::string options;
  bool nontemporal = false;
  bool contract = false;
  unsigned blockRows = 0;
  int threads = 1;
  double updates = 0;
  double generated = 0, handWritten = 0; // MLUP/s
  /// The MLUP/s of a copy of the kernel's array, timed interleaved with it.
  double bound = 0;
  /// The in-core limit: the FMA loop's multiply-adds per second over the
  /// kernel's per point, in MLUP/s.
  double inCore = 0;
  double compileTotal = 0;
  CompileTimes compile;
  bool identical = false;
  /// Against the C++ of the same contraction; contracted code may round
  /// differently where the compilers pick other products to fuse.
  double maxRelDiff = 0;
  bool matches() const { return identical || (contract && maxRelDiff < 1e-14); }
};

struct Case {
  std::string name, file, kernel, size;
  std::vector<int64_t> shape;
  int64_t ghost;
  std::vector<double> weights; // scalar parameters w0, w1, ...
  /// The hand-written kernel without and with FMA contraction.
  std::function<void(const double *, double *, int)> reference, contracted;
  /// Multiply-adds per point (a product and the sum it joins count one),
  /// for the in-core limit.
  double multiplyAdds = 0;
};

/// The command line.
struct BenchOptions {
  int repeats = 11;
  std::string jsonPath = "stencil-bench.json";
  bool quick = false;
  std::string only, isa = "host";
  unsigned unroll = 2;
  bool reuse = false;
  unsigned jam = 1, jamPlanes = 1, blockRows = 32;
  /// Bytes of software prefetch for every vectorized variant, the default
  /// too (0: none; -1: what each chooses).
  int prefetch = -1;
  bool tuned = false;
  /// Edges of the 2D and 3D kernels' arrays (0: 4096 and 256, with --quick
  /// 512 and 64): a small 3D edge keeps three planes in L2 and the arrays
  /// in the last-level cache, which separates the core's limit from the
  /// memory's.
  int64_t size2d = 0, size3d = 0;
};

std::optional<BenchOptions> parseArguments(int argc, char **argv) {
  BenchOptions o;
  for (int i = 1; i < argc; ++i) {
    // Each matches its flag (and takes its value) or leaves `i` alone.
    auto toggle = [&](const char *flag, bool &target) {
      if (std::strcmp(argv[i], flag))
        return false;
      target = true;
      return true;
    };
    auto text = [&](const char *flag, std::string &target) {
      if (std::strcmp(argv[i], flag) || i + 1 >= argc)
        return false;
      target = argv[++i];
      return true;
    };
    auto number = [&](const char *flag, auto &target, int minimum) {
      if (std::strcmp(argv[i], flag) || i + 1 >= argc)
        return false;
      target = std::max(minimum, std::atoi(argv[++i]));
      return true;
    };
    if (!(number("--repeats", o.repeats, 3) || text("--json", o.jsonPath) ||
          toggle("--quick", o.quick) || text("--only", o.only) ||
          text("--isa", o.isa) || toggle("--reuse", o.reuse) ||
          number("--unroll", o.unroll, 1) || number("--jam", o.jam, 1) ||
          number("--jam-planes", o.jamPlanes, 1) ||
          number("--prefetch", o.prefetch, -1) ||
          number("--block-rows", o.blockRows, 0) ||
          toggle("--tuned", o.tuned) || number("--size-2d", o.size2d, 8) ||
          number("--size-3d", o.size3d, 8)))
      return std::nullopt;
  }
  return o;
}

const std::vector<int> kThreadCounts = {1, 2};

struct Bandwidth {
  double copyGBs, triadGBs, trafficGBs, boundWA, boundNoWA;
};

/// STREAM copy and triad on arrays far larger than cache, with each thread
/// count.
std::vector<Bandwidth> measureBandwidth(const BenchOptions &o) {
  const int64_t streamSize = o.quick ? (1 << 22) : (1 << 25);
  Buffer a(streamSize), b(streamSize), c(streamSize);
  std::vector<Bandwidth> bandwidth;
  for (int threads : kThreadCounts) {
    std::vector<double> copyTimes, triadTimes;
    for (int r = 0; r < o.repeats; ++r) {
      copyTimes.push_back(seconds(
          [&] { bench::streamCopy(a.data, c.data, streamSize, threads); }));
      triadTimes.push_back(seconds([&] {
        bench::streamTriad(a.data, b.data, c.data, 0.5, streamSize, threads);
      }));
    }
    // STREAM counts 16 bytes per copied element and 24 per triad element;
    // with write-allocate the hardware moves 8 more for each store. Every
    // kernel reads one field and writes another: 16 bytes per update
    // without write-allocate, 24 with it.
    double elementsPerSecond = streamSize / median(copyTimes);
    double traffic = 24 * elementsPerSecond / 1e9;
    bandwidth.push_back({16 * elementsPerSecond / 1e9,
                         24 * streamSize / median(triadTimes) / 1e9, traffic,
                         traffic * 1e9 / 24 / 1e6, traffic * 1e9 / 16 / 1e6});
  }
  return bandwidth;
}

/// The in-core limit: multiply-adds per second of an FMA-throughput loop
/// on each thread count, which a kernel's multiply-adds per point divide.
std::vector<double> measureFmaLoop(const BenchOptions &o) {
  std::vector<double> fmaPerSecond;
  for (int threads : kThreadCounts) {
    const int64_t iterations = o.quick ? (1 << 18) : (1 << 21);
    std::vector<double> times;
    for (int r = 0; r < o.repeats; ++r)
      times.push_back(
          seconds([&] { (void)bench::fmaLoop(iterations, threads); }));
    fmaPerSecond.push_back(double(bench::fmaLoopChains()) * double(iterations) *
                           threads / median(times));
  }
  return fmaPerSecond;
}

/// The four kernels at the run's sizes, those that --only names.
std::vector<Case> makeCases(const BenchOptions &o) {
  const int64_t n2 = o.size2d ? o.size2d : o.quick ? 512 : 4096;
  const int64_t n3 = o.size3d ? o.size3d : o.quick ? 64 : 256;
  std::vector<Case> cases;
  cases.push_back({"jacobi2d 5-point",
                   "docs/examples/jacobi2d.mlir",
                   "jacobi2d",
                   std::to_string(n2) + "^2",
                   {n2, n2},
                   1,
                   {},
                   [=](const double *s, double *d, int t) {
                     bench::jacobi2d(s, d, n2, n2, t);
                   },
                   [=](const double *s, double *d, int t) {
                     bench::contracted::jacobi2d(s, d, n2, n2, t);
                   }});
  cases.back().multiplyAdds = 4;
  cases.push_back({"heat3d 7-point",
                   "docs/examples/heat3d.mlir",
                   "heat3d",
                   std::to_string(n3) + "^3",
                   {n3, n3, n3},
                   1,
                   {0.125},
                   [=](const double *s, double *d, int t) {
                     bench::heat3d(s, d, n3, n3, n3, 0.125, t);
                   },
                   [=](const double *s, double *d, int t) {
                     bench::contracted::heat3d(s, d, n3, n3, n3, 0.125, t);
                   }});
  cases.back().multiplyAdds = 7;
  std::vector<double> w27(27), w19(19);
  for (int i = 0; i < 27; ++i)
    w27[i] = 1.0 / 64 + i / 1024.0;
  for (int i = 0; i < 19; ++i)
    w19[i] = 1.0 / 32 - i / 2048.0;
  cases.push_back({"box27 27-point",
                   "bench/kernels/box27.mlir",
                   "box27",
                   std::to_string(n3) + "^3",
                   {n3, n3, n3},
                   1,
                   w27,
                   [=](const double *s, double *d, int t) {
                     bench::box27(s, d, n3, n3, n3, w27.data(), t);
                   },
                   [=](const double *s, double *d, int t) {
                     bench::contracted::box27(s, d, n3, n3, n3, w27.data(), t);
                   }});
  cases.back().multiplyAdds = 27;
  cases.push_back({"star19 19-point",
                   "bench/kernels/star19.mlir",
                   "star19",
                   std::to_string(n3) + "^3",
                   {n3, n3, n3},
                   3,
                   w19,
                   [=](const double *s, double *d, int t) {
                     bench::star19(s, d, n3, n3, n3, w19.data(), t);
                   },
                   [=](const double *s, double *d, int t) {
                     bench::contracted::star19(s, d, n3, n3, n3, w19.data(), t);
                   }});
  cases.back().multiplyAdds = 19;
  if (!o.only.empty())
    llvm::erase_if(cases, [&](const Case &kase) {
      return kase.name.find(o.only) == std::string::npos;
    });
  return cases;
}

/// One code generation of a case's kernel, with its arguments and times.
struct Variant {
  Result result;
  std::unique_ptr<JitModule> jit;
  /// The tuner's choice (--tuned), from the kernel cache.
  std::shared_ptr<KernelModule> tunedModule;
  const Kernel *kernel = nullptr;
  ArgumentList args;
  std::vector<double> generated, handWritten;
};

/// The arrays a case's variants run on.
struct CaseArrays {
  int64_t points = 1, interior = 1;
  Buffer src, dst, ref;
  explicit CaseArrays(const Case &kase)
      : points(count(kase, 0)), interior(count(kase, kase.ghost)), src(points),
        dst(points), ref(points) {}
  static int64_t count(const Case &kase, int64_t ghost) {
    int64_t n = 1;
    for (int64_t extent : kase.shape)
      n *= extent - 2 * ghost;
    return n;
  }
};

[[noreturn]] void failWith(llvm::Error error) {
  std::fprintf(stderr, "stencil-bench: %s\n",
               llvm::toString(std::move(error)).c_str());
  std::exit(1);
}

/// One JIT module per thread count and code generation: sequential code
/// for 1 thread, ps-parallelize on 2 threads otherwise.
std::vector<Variant> compileVariants(const Case &kase,
                                     const std::string &source,
                                     CaseArrays &arrays,
                                     const BenchOptions &o) {
  // Blocks of y rows exist in 3D nests only.
  std::vector<Codegen> codegenList;
  for (const Codegen &codegen : kCodegens)
    if (!codegen.blocked || kase.shape.size() == 3)
      codegenList.push_back(codegen);
  const size_t codegens = codegenList.size();
  std::vector<Variant> variants(kThreadCounts.size() * codegens);
  for (size_t v = 0; v < variants.size(); ++v) {
    Variant &variant = variants[v];
    const Codegen &codegen = codegenList[v % codegens];
    int threads = kThreadCounts[v / codegens];
    variant.result.name = kase.name;
    variant.result.size = kase.size;
    variant.result.codegen = codegen.name;
    variant.result.nontemporal = codegen.nontemporal;
    variant.result.contract = codegen.contract;
    variant.result.threads = threads;
    variant.result.updates = double(arrays.interior);
    CompileOptions options;
    if (threads > 1)
      options.threads = threads;
    if (codegen.blocked)
      options.blockRows = o.blockRows;
    variant.result.blockRows = options.blockRows;
    if (codegen.vectorize) {
      options.vectorize = o.isa;
      options.unroll = o.unroll;
      options.reuse = o.reuse;
      options.jam = o.jam;
      options.jamPlanes = o.jamPlanes;
      options.nontemporal = codegen.nontemporal;
      options.aligned = codegen.aligned;
    }
    if (o.prefetch != -1 && (codegen.vectorize || codegen.costModel))
      options.prefetch = o.prefetch;
    options.contract = codegen.contract;
    if (!codegen.vectorize && !codegen.costModel)
      options.vectorize = "none";
    variant.result.options = options.str();
    variant.result.compileTotal = seconds([&] {
      auto compiled = JitModule::compile(source, options);
      if (!compiled)
        failWith(compiled.takeError());
      variant.jit = std::move(*compiled);
    });
    variant.result.compile = variant.jit->getCompileTimes();
    variant.kernel = variant.jit->lookup(kase.kernel);
    const KernelInfo &info = variant.kernel->getInfo();
    variant.args.field(info.parameters[0].name, view(arrays.src, kase.shape))
        .field(info.parameters[1].name, view(arrays.dst, kase.shape));
    for (size_t i = 0; i < kase.weights.size(); ++i)
      variant.args.scalar(info.parameters[2 + i].name, kase.weights[i]);
  }
  return variants;
}

/// --tuned: the tuner's choice for the defaults on these arrays, what
/// `ps-run --tune` would run, timed beside the rest.
void addTunedVariants(const Case &kase, const std::string &source,
                      std::vector<Variant> &variants) {
  for (int threads : kThreadCounts) {
    Variant variant;
    variant.result = variants.front().result;
    variant.result.codegen = "tuned";
    variant.result.nontemporal = variant.result.contract = false;
    variant.result.threads = threads;
    variant.result.compile = {};
    CompileOptions options;
    if (threads > 1)
      options.threads = threads;
    variant.args = variants.front().args;
    std::optional<llvm::Expected<mlir::ps::tuner::TuningResult>> result;
    variant.result.compileTotal = seconds([&] {
      result.emplace(
          mlir::ps::tuner::tune(mlir::ps::cache::KernelCache::global(), source,
                                kase.kernel, options, variant.args));
    });
    if (!*result)
      failWith(result->takeError());
    variant.tunedModule = (*result)->module;
    variant.kernel = variant.tunedModule->lookup(kase.kernel);
    variant.result.options =
        (*result)->choice.name + ": " + (*result)->choice.options;
    variant.result.blockRows = 0;
    variants.push_back(std::move(variant));
  }
}

/// Checks every variant against the hand-written C++, then times them all
/// with the copy bound in interleaved rounds; appends their results.
void timeVariants(Case &kase, CaseArrays &arrays,
                  std::vector<Variant> &variants,
                  const std::vector<double> &fmaPerSecond,
                  const BenchOptions &o, std::vector<Result> &results) {
  auto runGenerated = [&](Variant &variant) {
    if (llvm::Error error = (*variant.kernel)(variant.args))
      failWith(std::move(error));
  };
  auto handWritten = [&](const Variant &variant) -> auto & {
    return variant.result.contract ? kase.contracted : kase.reference;
  };
  for (size_t v = 0; v < variants.size(); ++v) {
    int threads = variants[v].result.threads;
    // Both outputs start equal, so that a variant that misses points
    // cannot pass on what an earlier one wrote.
    std::memset(arrays.dst.data, 0, arrays.points * sizeof(double));
    std::memset(arrays.ref.data, 0, arrays.points * sizeof(double));
    for (int warm = 0; warm < 2; ++warm) {
      runGenerated(variants[v]);
      handWritten(variants[v])(arrays.src.data, arrays.ref.data, threads);
    }
    variants[v].result.identical =
        std::memcmp(arrays.dst.data, arrays.ref.data,
                    arrays.points * sizeof(double)) == 0;
    variants[v].result.maxRelDiff =
        maxRelativeDifference(arrays.dst.data, arrays.ref.data, arrays.points);
  }
  // Interleaved: every round times each variant once, and a copy of the
  // kernel's input array into another of the same size with each thread
  // count: the bandwidth bound of this kernel, measured beside it (the
  // machine's other tenants change it from minute to minute). A copy
  // moves what an update moves at best, one element read and one written.
  std::vector<std::vector<double>> copyTimes(kThreadCounts.size());
  for (int r = 0; r < o.repeats; ++r) {
    for (size_t t = 0; t < kThreadCounts.size(); ++t)
      copyTimes[t].push_back(seconds([&] {
        bench::streamCopy(arrays.src.data, arrays.ref.data, arrays.points,
                          kThreadCounts[t]);
      }));
    // Each round in another order (roundOrder), so that no variant always
    // runs after the same one: what ran just before can change a time.
    for (size_t v : mlir::ps::tuner::roundOrder(variants.size(), r)) {
      int threads = variants[v].result.threads;
      variants[v].generated.push_back(
          seconds([&] { runGenerated(variants[v]); }));
      variants[v].handWritten.push_back(seconds([&] {
        handWritten(variants[v])(arrays.src.data, arrays.ref.data, threads);
      }));
    }
  }
  for (Variant &variant : variants) {
    size_t t = std::find(kThreadCounts.begin(), kThreadCounts.end(),
                         variant.result.threads) -
               kThreadCounts.begin();
    variant.result.bound = arrays.points / median(copyTimes[t]) / 1e6;
    variant.result.inCore = fmaPerSecond[t] / kase.multiplyAdds / 1e6;
    variant.result.generated =
        arrays.interior / median(variant.generated) / 1e6;
    variant.result.handWritten =
        arrays.interior / median(variant.handWritten) / 1e6;
    results.push_back(variant.result);
  }
}

void printTable(const std::vector<Bandwidth> &bandwidth,
                const std::vector<double> &fmaPerSecond,
                const std::vector<Result> &results, const BenchOptions &o) {
  for (size_t t = 0; t < kThreadCounts.size(); ++t)
    std::printf("%d thread(s): STREAM copy %.1f GB/s, triad %.1f GB/s; %.1f "
                "GB/s moved with write-allocate; bound %.0f MLUP/s (24 "
                "B/update, write-allocate), %.0f MLUP/s (16 B/update)\n",
                kThreadCounts[t], bandwidth[t].copyGBs, bandwidth[t].triadGBs,
                bandwidth[t].trafficGBs, bandwidth[t].boundWA,
                bandwidth[t].boundNoWA);
  for (size_t t = 0; t < kThreadCounts.size(); ++t)
    std::printf("%d thread(s): FMA loop %.1f G multiply-adds/s (the in-core "
                "limit: that over a kernel's multiply-adds per point)\n",
                kThreadCounts[t], fmaPerSecond[t] / 1e9);
  std::printf("\n%-18s %-7s %3s %-15s %10s %10s %8s %9s %9s %8s %8s %9s %10s "
              "%12s\n",
              "kernel", "size", "thr", "codegen", "ps MLUP/s", "C++ MLUP/s",
              "ps/C++", "bound", "ps/bound", "in-core", "ps/core", "identical",
              "compile ms", "(p/o/cg)");
  for (const Result &r : results) {
    char same[16];
    if (r.identical)
      std::snprintf(same, sizeof(same), "yes");
    else
      std::snprintf(same, sizeof(same), "%s%.0e", r.matches() ? "" : "NO ",
                    r.maxRelDiff);
    std::printf("%-18s %-7s %3d %-15s %10.0f %10.0f %8.2f %9.0f %9.2f %8.0f "
                "%8.2f %9s %10.1f %4.0f/%3.0f/%3.0f\n",
                r.name.c_str(), r.size.c_str(), r.threads, r.codegen.c_str(),
                r.generated, r.handWritten, r.generated / r.handWritten,
                r.bound, r.generated / r.bound, r.inCore,
                r.generated / r.inCore, same, r.compileTotal * 1e3,
                r.compile.parse * 1e3, r.compile.passes * 1e3,
                r.compile.codegen * 1e3);
  }
  std::printf(
      "\nbound: MLUP/s of a copy of the kernel's array into another "
      "(24 B per element with write-allocate, as an update), timed in "
      "the same rounds as the kernel; in-core: the FMA loop's "
      "multiply-adds per second over the kernel's per point (jacobi2d "
      "4, heat3d 7, box27 27, star19 19); medians of %d interleaved sweeps "
      "after 2 warm-up sweeps; -fma variants run beside C++ with "
      "-ffp-contract=fast, "
      "the others beside -ffp-contract=off; identical: bit for bit, "
      "else the largest relative difference; compile ms is the whole "
      "JitModule::compile (the first is a cold start), for tuned "
      "the whole tuning.\n",
      o.repeats);
}

void writeJson(const std::vector<Bandwidth> &bandwidth,
               const std::vector<Result> &results, const BenchOptions &o) {
  std::ofstream json(o.jsonPath);
  json << "{\n  \"repeats\": " << o.repeats << ",\n  \"host_cpu\": \""
       << llvm::sys::getHostCPUName().str()
       << "\",\n  \"transparent_huge_pages\": \"" << getTransparentHugePages()
       << "\",\n  \"bandwidth\": [\n";
  for (size_t t = 0; t < kThreadCounts.size(); ++t)
    json << "    {\"threads\": " << kThreadCounts[t]
         << ", \"stream_copy_GBs\": " << bandwidth[t].copyGBs
         << ", \"stream_triad_GBs\": " << bandwidth[t].triadGBs
         << ", \"traffic_GBs_with_write_allocate\": " << bandwidth[t].trafficGBs
         << ", \"bound_MLUPs_write_allocate\": " << bandwidth[t].boundWA
         << ", \"bound_MLUPs_no_write_allocate\": " << bandwidth[t].boundNoWA
         << "}" << (t + 1 < kThreadCounts.size() ? "," : "") << "\n";
  json << "  ],\n  \"kernels\": [\n";
  for (size_t i = 0; i < results.size(); ++i) {
    const Result &r = results[i];
    json << "    {\"name\": \"" << r.name << "\", \"size\": \"" << r.size
         << "\", \"codegen\": \"" << r.codegen << "\", \"options\": \""
         << r.options << "\", \"threads\": " << r.threads
         << ", \"updates\": " << r.updates << ", \"ps_MLUPs\": " << r.generated
         << ", \"cpp_MLUPs\": " << r.handWritten
         << ", \"bound_MLUPs_copy_same_run\": " << r.bound
         << ", \"in_core_MLUPs\": " << r.inCore
         << ", \"bytes_per_update\": {\"write_allocate\": 24, "
            "\"no_write_allocate\": 16}"
         << ", \"contract\": " << (r.contract ? "true" : "false")
         << ", \"block_rows\": " << r.blockRows
         << ", \"identical_to_cpp\": " << (r.identical ? "true" : "false")
         << ", \"max_rel_diff_to_cpp\": " << r.maxRelDiff
         << ", \"compile_ms\": {\"total\": " << r.compileTotal * 1e3
         << ", \"parse\": " << r.compile.parse * 1e3
         << ", \"passes\": " << r.compile.passes * 1e3
         << ", \"codegen\": " << r.compile.codegen * 1e3 << "}}"
         << (i + 1 < results.size() ? "," : "") << "\n";
  }
  json << "  ]\n}\n";
  std::printf("wrote %s\n", o.jsonPath.c_str());
}

} // namespace

int main(int argc, char **argv) {
  std::optional<BenchOptions> options = parseArguments(argc, argv);
  if (!options) {
    std::fprintf(
        stderr,
        "usage: stencil-bench [--repeats N] [--json FILE] [--quick] "
        "[--only KERNEL] [--isa ISA] [--unroll N] [--reuse] [--jam N] "
        "[--jam-planes N] [--prefetch BYTES] [--block-rows N] [--tuned] "
        "[--size-2d N] "
        "[--size-3d N]\n");
    return 2;
  }
  std::vector<Bandwidth> bandwidth = measureBandwidth(*options);
  std::vector<double> fmaPerSecond = measureFmaLoop(*options);
  std::vector<Result> results;
  for (Case &kase : makeCases(*options)) {
    CaseArrays arrays(kase);
    std::string source = readFile(std::string(PS_SOURCE_DIR) + "/" + kase.file);
    std::vector<Variant> variants =
        compileVariants(kase, source, arrays, *options);
    if (options->tuned)
      addTunedVariants(kase, source, variants);
    timeVariants(kase, arrays, variants, fmaPerSecond, *options, results);
  }
  printTable(bandwidth, fmaPerSecond, results, *options);
  writeJson(bandwidth, results, *options);
  bool allMatch = std::all_of(results.begin(), results.end(),
                              [](const Result &r) { return r.matches(); });
  return allMatch ? 0 : 1;
}
