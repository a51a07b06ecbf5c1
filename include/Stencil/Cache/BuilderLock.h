//===- BuilderLock.h - One builder of an entry at a time --------*- C++ -*-===//
//
// building/<signature> marks a process that builds that entry (it holds the
// host name and process id). Another process that needs the entry waits for
// it instead of compiling it again, as dijitso's one builder does; a marker
// whose process is gone (on this host) or that is older than a build could
// take is stale and taken over. The marker only saves work: correctness
// rests on the atomic rename of the entry, so losing it is harmless.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CACHE_BUILDERLOCK_H
#define STENCIL_CACHE_BUILDERLOCK_H

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <string>

namespace mlir::ps::cache {

std::string getBuildingDir(llvm::StringRef cacheDir);

class BuilderLock {
public:
  /// Becomes the builder of `signature`, or waits while another live process
  /// is, until `isReady()` (polled) or `waitSeconds` passed. Never fails:
  /// without a marker (a read-only folder, say) it holds nothing.
  static BuilderLock acquireOrWait(llvm::StringRef cacheDir,
                                   llvm::StringRef signature,
                                   int64_t waitSeconds,
                                   const std::function<bool()> &isReady);
  BuilderLock(BuilderLock &&other);
  BuilderLock &operator=(BuilderLock &&) = delete;
  /// Removes the marker, if this process holds it.
  ~BuilderLock();

  bool holdsMarker() const { return !marker.empty(); }
  /// Whether the wait ended because the entry became ready.
  bool entryIsReady() const { return ready; }

private:
  BuilderLock() = default;
  std::string marker;
  bool ready = false;
};

/// Creates the marker file `path` naming this process (host name and
/// process id); false if it exists already.
bool createOwnerMarker(llvm::StringRef path);

/// Whether the marker at `path` belongs to no live build: its process is
/// gone (same host) or it is older than `staleSeconds`.
bool isStaleMarker(llvm::StringRef path, int64_t staleSeconds);

} // namespace mlir::ps::cache

#endif // STENCIL_CACHE_BUILDERLOCK_H
