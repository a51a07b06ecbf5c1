//===- RequestIndex.h - Signatures by request, without parsing --*- C++ -*-===//
//
// keys/<request key> holds the signature a request (source text, options,
// target, build: Signature.h's computeRequestKey) has. A disk hit looks it up
// and needs no MLIRContext, no parse and no print; a miss computes the
// canonical signature and records it.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CACHE_REQUESTINDEX_H
#define STENCIL_CACHE_REQUESTINDEX_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::ps::cache {

std::string getKeysDir(llvm::StringRef cacheDir);

/// The signature recorded for `key`, if any and intact.
std::optional<std::string> lookupRequest(llvm::StringRef cacheDir,
                                         llvm::StringRef key);

/// Records that `key` has `signature`. A failure only costs later lookups
/// a parse, so it is ignored.
void recordRequest(llvm::StringRef cacheDir, llvm::StringRef key,
                   llvm::StringRef signature);

} // namespace mlir::ps::cache

#endif // STENCIL_CACHE_REQUESTINDEX_H
