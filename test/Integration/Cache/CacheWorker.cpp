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

#include "../RunAll.h"

#include "Stencil/Cache/KernelCache.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir::ps;
using namespace mlir::ps::runtime;

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
    auto got = ps_test::runAll(**cached, names, error);
    auto want = ps_test::runAll(**reference, names, error);
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
