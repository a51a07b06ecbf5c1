//===- CacheFiles.h - File operations the disk cache survives ---*- C++ -*-===//
//
// Every write of the cache goes through these: a full disk, a folder the
// process may not read or a file another process removed is an error the
// caller handles (the cache falls back to compiling in memory), never the
// end of the process.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CACHE_CACHEFILES_H
#define STENCIL_CACHE_CACHEFILES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace mlir::ps::cache {

std::string joinPath(llvm::StringRef a, llvm::StringRef b);

/// Writes `contents` to `path`; an error (e.g. no space left) is returned,
/// never left in a stream whose destructor would end the process.
llvm::Error writeFile(llvm::StringRef path, llvm::StringRef contents);

/// Writes `contents` to a unique file beside `path`, then renames it onto
/// `path`, so that readers see the old file or the whole new one.
llvm::Error writeFileAtomically(llvm::StringRef path, llvm::StringRef contents);

/// The contents of `path`.
llvm::Expected<std::string> readFile(llvm::StringRef path);

/// Removes a folder and everything in it.
void removeTree(llvm::StringRef path);

/// The seconds since `path` was last modified, if it exists.
std::optional<int64_t> getAgeSeconds(llvm::StringRef path);

/// "<seconds since the epoch>-<process id>", for names of folders that
/// several processes create.
std::string getUniqueSuffix();

} // namespace mlir::ps::cache

#endif // STENCIL_CACHE_CACHEFILES_H
