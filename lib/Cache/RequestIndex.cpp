//===- RequestIndex.cpp - Signatures by request, without parsing ----------===//

#include "Stencil/Cache/RequestIndex.h"

#include "Stencil/Cache/CacheFiles.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SHA256.h"

using namespace mlir::ps::cache;

std::string mlir::ps::cache::getKeysDir(llvm::StringRef cacheDir) {
  return joinPath(cacheDir, "keys");
}

/// A check of the pair, so that a damaged or foreign key file is not taken
/// for a signature.
static std::string checkOf(llvm::StringRef key, llvm::StringRef signature) {
  std::string text = ("key " + key + " signature " + signature).str();
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(text)),
                     /*LowerCase=*/true)
      .substr(0, 16);
}

std::optional<std::string>
mlir::ps::cache::lookupRequest(llvm::StringRef cacheDir, llvm::StringRef key) {
  llvm::Expected<std::string> text =
      readFile(joinPath(getKeysDir(cacheDir), key));
  if (!text) {
    llvm::consumeError(text.takeError());
    return std::nullopt;
  }
  auto [signature, check] = llvm::StringRef(*text).trim().split(' ');
  if (signature.size() != 64 || check != checkOf(key, signature))
    return std::nullopt;
  return signature.str();
}

void mlir::ps::cache::recordRequest(llvm::StringRef cacheDir,
                                    llvm::StringRef key,
                                    llvm::StringRef signature) {
  std::string dir = getKeysDir(cacheDir);
  if (llvm::sys::fs::create_directories(dir))
    return;
  llvm::consumeError(
      writeFileAtomically(joinPath(dir, key),
                          (signature + " " + checkOf(key, signature) + "\n")
                              .str()));
}
