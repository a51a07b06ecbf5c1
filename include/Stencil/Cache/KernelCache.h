//===- KernelCache.h - A persistent, concurrency-safe kernel cache -*- C++ -*-//
//
// Compiling a kernel module once is enough: compiled modules are kept per
// process in memory and on disk as shared libraries, keyed by a signature
// of everything they depend on (see Signature.h), as FEniCS' dijitso and
// pystencils' cpujit do.
//
// Disk layout, under the cache folder:
//   entries/<signature>/kernels.so   the compiled kernels
//                       meta.json    kernel descriptions, checksums, dates
//                       input.mlir   the IR (input.mlir.zlib compressed)
//                       build.log    what the build said
//   failures/<signature>-<time>-<pid>/   logs and IR of failed builds
//   corrupt/<signature>-<time>-<pid>/    entries that failed their checksum
//   staging/                        entries being written
//   building/<signature>            a process is building this entry
//   keys/<request key>              the signature of a request (no parse)
// An entry is written in staging/ and renamed into entries/ in one step, so
// no reader ever sees half an entry and no lock is needed (rename within a
// folder is atomic, on network file systems too); when two processes build
// the same entry, the first rename wins and the other discards its copy.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CACHE_KERNELCACHE_H
#define STENCIL_CACHE_KERNELCACHE_H

#include "Stencil/Cache/CacheConfig.h"
#include "Stencil/Compiler/JitModule.h"

#include <memory>
#include <mutex>
#include <unordered_map>

namespace mlir::ps::cache {

struct ParsedRequest;

/// How a request was served.
enum class Outcome {
  MemoryHit,
  DiskHit,
  /// Compiled and stored on disk.
  Compiled,
  /// Compiled in memory: the disk cache is off or unusable.
  CompiledInMemory,
};
const char *toString(Outcome outcome);

/// The cache compiles with the run-time's code generation options; the
/// signature covers the pipeline they build (runtime::getPipelineText).
using CacheOptions = runtime::CompileOptions;

class KernelCache {
public:
  explicit KernelCache(CacheConfig config);
  /// The process-wide cache, configured from the environment.
  static KernelCache &global();

  /// The compiled module for `source`: from memory, from disk, or compiled
  /// (and stored). Diagnostics of a failed build come back in the error.
  llvm::Expected<std::shared_ptr<runtime::KernelModule>>
  get(llvm::StringRef source, const CacheOptions &options = {},
      Outcome *outcome = nullptr);

  /// The path of the shared library of `source`'s entry on disk, got (or
  /// built) as get() does; an error if the entry is not on disk (the disk
  /// cache is off or unusable), for tools that hand the library on.
  llvm::Expected<std::string> getLibraryPath(llvm::StringRef source,
                                             const CacheOptions &options = {},
                                             Outcome *outcome = nullptr);

  /// The signature `source` has with `options`.
  llvm::Expected<std::string> getSignature(llvm::StringRef source,
                                           const CacheOptions &options = {});

  const CacheConfig &getConfig() const { return config; }
  /// Warnings so far (also printed to stderr once each).
  std::vector<std::string> getWarnings() const;
  /// Forgets the in-memory entries.
  void clearMemory();

private:
  struct MemoryEntry {
    std::string source, options;
    std::shared_ptr<runtime::KernelModule> module;
  };
  /// An entry looked up on disk: loaded, missing, or unusable and stuck in
  /// place (a folder this process may not read or move).
  struct DiskLookup {
    std::unique_ptr<runtime::KernelModule> module;
    bool stuck = false;
  };
  void warn(std::string message);
  std::shared_ptr<runtime::KernelModule>
  findInMemory(uint64_t hash, llvm::StringRef source, llvm::StringRef key);
  std::shared_ptr<runtime::KernelModule>
  remember(uint64_t hash, llvm::StringRef source, llvm::StringRef key,
           std::unique_ptr<runtime::KernelModule> module);
  /// Verifies and loads the entry; moves an unusable one aside (warning).
  DiskLookup loadEntry(llvm::StringRef signature);
  llvm::Expected<std::unique_ptr<runtime::KernelModule>>
  compileInMemory(llvm::StringRef source, const CacheOptions &options);
  /// Compiles into a staging folder, loads it from there, and renames it
  /// into place (unless `stuck`); falls back to memory on a disk error.
  llvm::Expected<std::unique_ptr<runtime::KernelModule>>
  buildAndPublish(ParsedRequest &request, llvm::StringRef source,
                  const CacheOptions &options, bool stuck, Outcome &outcome);

  CacheConfig config;
  mutable std::mutex mutex;
  std::unordered_multimap<uint64_t, MemoryEntry> memory;
  std::vector<std::string> warnings;
};

} // namespace mlir::ps::cache

#endif // STENCIL_CACHE_KERNELCACHE_H
