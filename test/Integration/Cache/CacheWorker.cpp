//===- CacheWorker.cpp - One of many processes sharing a kernel cache -----===//
//
//   ps-cache-worker CACHE_DIR WORKER KERNEL.mlir...
//
// Gets every kernel module through the cache in CACHE_DIR (starting at
// module WORKER modulo their number, so that concurrent workers overlap in
// different orders), runs every kernel on deterministic inputs and compares
// every output byte with the same module compiled in memory by the JIT, a
// path that shares no binary with the cache. Prints one line per module with
// how the cache served it; exits 1 on any difference or error.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Cache/KernelCache.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir::ps;
using namespace mlir::ps::runtime;

namespace {

/// Runs every kernel of `module` on fresh inputs; returns all field bytes.
std::vector<std::vector<uint8_t>> runAll(const JitModule &module,
                                         const std::vector<std::string> &names,
                                         std::string &error) {
  std::vector<std::vector<uint8_t>> outputs;
  for (const std::string &name : names) {
    const Kernel *kernel = module.lookup(name);
    if (!kernel) {
      error = "no kernel " + name;
      return {};
    }
    const KernelInfo &info = kernel->getInfo();
    std::vector<std::vector<uint8_t>> storage;
    std::vector<std::pair<size_t, size_t>> offsets;
    storage.reserve(info.parameters.size());
    ArgumentList args;
    for (const ParameterInfo &param : info.parameters) {
      if (!param.isField) {
        if (isFloat(param.type))
          args.scalar(param.name, 0.375);
        else
          args.scalar(param.name, int64_t(3));
        continue;
      }
      std::vector<int64_t> shape, strides(param.shape.size());
      for (size_t d = 0; d < param.shape.size(); ++d)
        shape.push_back(param.shape[d] != kDynamic ? param.shape[d]
                        : d < param.spatialRank   ? 9
                                                  : 1);
      int64_t running = 1;
      for (unsigned dim : llvm::reverse(param.memoryOrder)) {
        strides[dim] = running;
        running *= shape[dim];
      }
      size_t bytes = running * getByteSize(param.type);
      std::vector<uint8_t> data(bytes + 64);
      size_t offset = 0;
      while (reinterpret_cast<uintptr_t>(data.data() + offset) % 64)
        ++offset;
      // The pattern is relative to the aligned start, so that both runs see
      // the same inputs; only the array itself is compared afterwards.
      for (size_t i = 0; i < bytes; ++i)
        data[offset + i] = uint8_t((i * 37 + name.size()) % 61);
      storage.push_back(std::move(data));
      offsets.push_back({offset, bytes});
      uint8_t *base = storage.back().data() + offset;
      args.field(param.name, BufferView{base, param.type, shape, strides});
    }
    if (llvm::Error callError = (*kernel)(args)) {
      error = llvm::toString(std::move(callError));
      return {};
    }
    for (auto [data, range] : llvm::zip(storage, offsets))
      outputs.emplace_back(data.begin() + range.first,
                           data.begin() + range.first + range.second);
  }
  return outputs;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 4) {
    llvm::errs() << "usage: ps-cache-worker CACHE_DIR WORKER KERNEL.mlir...\n";
    return 2;
  }
  cache::KernelCache cache(cache::CacheConfig::inDirectory(argv[1]));
  int worker = std::atoi(argv[2]);
  int count = argc - 3;
  int status = 0;
  for (int i = 0; i < count; ++i) {
    const char *file = argv[3 + (worker + i) % count];
    auto buffer = llvm::MemoryBuffer::getFile(file);
    if (!buffer) {
      llvm::errs() << "cannot read " << file << "\n";
      return 1;
    }
    llvm::StringRef source = (*buffer)->getBuffer();
    cache::Outcome outcome;
    auto cached = cache.get(source, {}, &outcome);
    auto reference = JitModule::compile(source);
    if (!cached || !reference) {
      llvm::errs() << file << ": "
                   << (cached ? llvm::toString(reference.takeError())
                              : llvm::toString(cached.takeError()))
                   << "\n";
      return 1;
    }
    std::vector<std::string> names = (*reference)->getKernelNames();
    std::string error;
    auto got = runAll(**cached, names, error);
    auto want = runAll(**reference, names, error);
    bool same = error.empty() && got == want;
    llvm::outs() << llvm::sys::path::filename(file) << ": "
                 << cache::toString(outcome)
                 << (same ? ", results identical" : ", RESULTS DIFFER " + error)
                 << "\n";
    if (!same)
      status = 1;
  }
  return status;
}
