//===- CacheConfig.h - Where and how the kernel cache works -----*- C++ -*-===//

#ifndef STENCIL_CACHE_CACHECONFIG_H
#define STENCIL_CACHE_CACHECONFIG_H

#include "llvm/Support/Error.h"

#include <string>

namespace mlir::ps::cache {

/// How an entry keeps the IR it was compiled from.
enum class IRStorage { Plain, Compressed, None };

/// The effective configuration, and where each part came from.
///
/// The cache folder is, in this order: $PS_CACHE_DIR; `cache_dir` of the
/// configuration file; $XDG_CACHE_HOME/ps; ~/.cache/ps. The configuration
/// file is the first that exists of $PS_CONFIG, ./ps-cache.conf and
/// $XDG_CONFIG_HOME/ps/cache.conf (~/.config/ps/cache.conf). It holds
/// `key = value` lines (`#` starts a comment):
///   cache_dir = /scratch/me/ps-cache
///   disk = on            # off: compile in memory only
///   ir = compressed      # plain, compressed or none
///   wait = 120           # seconds to wait for another builder
/// $PS_CACHE_DISABLE=1 turns the disk cache off whatever the file says.
struct CacheConfig {
  std::string directory;
  bool diskEnabled = true;
  IRStorage ir = IRStorage::Compressed;
  /// How long a process waits for another that builds the entry it needs
  /// before building it too ($PS_CACHE_WAIT or `wait = SECONDS`); a build
  /// marker older than this is stale.
  int64_t waitSeconds = 120;
  /// Where the directory, the switch and the file came from.
  std::string directorySource, diskSource, configFile;

  /// The configuration from the environment and the configuration file.
  static llvm::Expected<CacheConfig> load();
  /// A configuration in `directory`, for tests and tools.
  static CacheConfig inDirectory(std::string directory);
  /// Makes a relative directory absolute (against the working folder), as
  /// the cache keeps it: staging folders are created by absolute path.
  void makeDirectoryAbsolute();
  /// Human-readable, one setting per line.
  std::string describe() const;
};

const char *toString(IRStorage storage);

} // namespace mlir::ps::cache

#endif // STENCIL_CACHE_CACHECONFIG_H
