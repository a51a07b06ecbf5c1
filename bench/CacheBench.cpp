//===- CacheBench.cpp - Latency of the kernel cache -----------------------===//
//
// For each example kernel: a cold compile into an empty cache, a disk hit
// (a new cache object, so nothing in memory; the library is loaded from
// disk) and a memory hit; medians of repeated measurements.
//
//   cache-bench [--repeats N] [--json FILE]
//
//===----------------------------------------------------------------------===//

#include "Stencil/Cache/CacheEntry.h"
#include "Stencil/Cache/KernelCache.h"

#include "llvm/Support/FileSystem.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

using namespace mlir::ps;
using namespace mlir::ps::cache;
using Clock = std::chrono::steady_clock;

static double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

static std::string readFile(const std::string &path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int main(int argc, char **argv) {
  int repeats = 21;
  std::string jsonPath = "cache-bench.json";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--repeats") && i + 1 < argc)
      repeats = std::max(3, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--json") && i + 1 < argc)
      jsonPath = argv[++i];
    else {
      std::fprintf(stderr, "usage: cache-bench [--repeats N] [--json FILE]\n");
      return 2;
    }
  }
  const char *kernels[] = {"jacobi2d", "heat3d",   "d3q19",
                           "sparse",   "redblack", "coordinate"};
  llvm::SmallString<128> root;
  if (llvm::sys::fs::createUniqueDirectory("ps-cache-bench", root)) {
    std::fprintf(stderr, "cache-bench: cannot create a temporary folder\n");
    return 1;
  }
  std::printf("%-12s %12s %12s %12s\n", "kernel", "cold ms", "disk hit ms",
              "memory hit us");
  std::ofstream json(jsonPath);
  json << "{\n  \"repeats\": " << repeats << ",\n  \"kernels\": [\n";
  bool first = true;
  auto elapsed = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  for (const char *name : kernels) {
    std::string source = readFile(std::string(PS_SOURCE_DIR) +
                                  "/docs/examples/" + name + ".mlir");
    std::vector<double> cold, disk, memory;
    for (int r = 0; r < 5; ++r) {
      std::string dir = (root + "/" + name + std::to_string(r)).str();
      KernelCache cache(CacheConfig::inDirectory(dir));
      Outcome outcome;
      auto start = Clock::now();
      auto module = cache.get(source, {}, &outcome);
      cold.push_back(elapsed(start));
      if (!module || outcome != Outcome::Compiled) {
        std::fprintf(stderr, "cache-bench: %s did not compile\n", name);
        return 1;
      }
    }
    std::string dir = (root + "/" + name + "0").str();
    for (int r = 0; r < repeats; ++r) {
      KernelCache cache(CacheConfig::inDirectory(dir));
      Outcome outcome;
      auto start = Clock::now();
      auto module = cache.get(source, {}, &outcome);
      disk.push_back(elapsed(start));
      if (!module || outcome != Outcome::DiskHit) {
        std::fprintf(stderr, "cache-bench: %s was no disk hit\n", name);
        return 1;
      }
    }
    KernelCache cache(CacheConfig::inDirectory(dir));
    // The caller's options, made once (making pass options costs more
    // than the lookup).
    CacheOptions options;
    auto keep = cache.get(source, options);
    for (int r = 0; r < 1000; ++r) {
      Outcome outcome;
      auto start = Clock::now();
      auto module = cache.get(source, options, &outcome);
      memory.push_back(elapsed(start));
      if (!module || outcome != Outcome::MemoryHit)
        return 1;
    }
    double c = median(cold) * 1e3, d = median(disk) * 1e3,
           m = median(memory) * 1e6;
    std::printf("%-12s %12.1f %12.3f %12.2f\n", name, c, d, m);
    json << (first ? "" : ",\n") << "    {\"name\": \"" << name
         << "\", \"cold_ms\": " << c << ", \"disk_hit_ms\": " << d
         << ", \"memory_hit_us\": " << m << "}";
    first = false;
  }
  json << "\n  ]\n}\n";
  removeTree(root);
  std::printf("medians: cold of 5, disk hits of %d, memory hits of 1000; "
              "wrote %s\n",
              repeats, jsonPath.c_str());
  return 0;
}
