//===- EntryBuilder.h - Compiling a cache entry in a staging folder -*- C++ -*-//
//
// A miss compiles the module into staging/<signature>XXXX: the shared library
// (tagged with the signature, so that a library copied into another entry
// is recognised), the stored IR, the build log and meta.json with every
// file's checksum. The library is loaded from there before the folder is
// published, so that a `ps-cache clean` right after the rename cannot take
// it from the process that built it.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_LIB_CACHE_ENTRYBUILDER_H
#define STENCIL_LIB_CACHE_ENTRYBUILDER_H

#include "Stencil/Cache/CacheConfig.h"
#include "Stencil/Cache/KernelCache.h"

#include "mlir/IR/BuiltinOps.h"

namespace mlir::ps::cache {

/// What the cache compiles: the parsed module and what it is signed with.
struct ParsedRequest {
  std::unique_ptr<MLIRContext> context;
  OwningOpRef<ModuleOp> module;
  std::string signature;
  runtime::TargetDescription target;
  /// The passes the module goes through (part of the signature).
  std::string pipeline;
};

/// Parses `source` and computes its signature.
llvm::Expected<ParsedRequest> parseRequest(llvm::StringRef source,
                                           const CacheOptions &options);

/// A compiled entry in its staging folder, loaded.
struct StagedEntry {
  std::string dir;
  std::unique_ptr<runtime::KernelModule> module;
  /// Why the entry could not be written or loaded (the disk's fault, not
  /// the kernel's); the caller compiles in memory instead. Empty if the
  /// entry is ready.
  std::string diskError;
};

/// Compiles `request` into a staging folder of `config.directory`. A kernel
/// that does not compile is an error (its log is kept in failures/).
llvm::Expected<StagedEntry> buildStagedEntry(const CacheConfig &config,
                                             ParsedRequest &request,
                                             llvm::StringRef source,
                                             const CacheOptions &options);

} // namespace mlir::ps::cache

#endif // STENCIL_LIB_CACHE_ENTRYBUILDER_H
