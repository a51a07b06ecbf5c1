//===- CacheEntry.h - Entries of the disk cache -----------------*- C++ -*-===//
//
// Reading, verifying and writing the folders of the disk cache; shared by
// KernelCache and the ps-cache command line.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CACHE_CACHEENTRY_H
#define STENCIL_CACHE_CACHEENTRY_H

#include "Stencil/Cache/CacheConfig.h"
#include "Stencil/Cache/CacheFiles.h"
#include "Stencil/Runtime/KernelInfo.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlir::ps::cache {

/// The version of the entry format; entries of another are ignored.
/// Format 2 added the checksum of meta.json and the build id.
constexpr int kEntryFormat = 2;

/// One file of an entry with its size and SHA-256.
struct FileRecord {
  std::string name;
  uint64_t size = 0;
  std::string sha256;
};

/// meta.json of an entry.
struct EntryMetadata {
  int format = kEntryFormat;
  std::string signature, projectVersion, llvmVersion, buildId, target,
      pipeline;
  int64_t created = 0; // seconds since the epoch
  double compileSeconds = 0;
  IRStorage ir = IRStorage::None;
  /// The size of the IR before compression.
  uint64_t irSize = 0;
  std::vector<runtime::KernelInfo> kernels;
  std::vector<FileRecord> files;
};

/// The file in a staging folder that names the process building there.
constexpr const char *kStagingOwnerFile = "owner";

std::string getEntriesDir(llvm::StringRef cacheDir);
std::string getEntryDir(llvm::StringRef cacheDir, llvm::StringRef signature);

/// The SHA-256 of a file's contents, in hex.
llvm::Expected<std::string> hashFile(llvm::StringRef path);

/// Reads meta.json of the entry in `entryDir` and checks its checksum (a
/// SHA-256 of its other fields, so an edited field is detected).
llvm::Expected<EntryMetadata> readMetadata(llvm::StringRef entryDir);
/// Writes meta.json into `entryDir`.
llvm::Error writeMetadata(llvm::StringRef entryDir, const EntryMetadata &meta);

/// Checks the entry: its metadata parses, is of this format, and every file
/// it lists has its size and checksum. The error says what is wrong.
llvm::Expected<EntryMetadata> verifyEntry(llvm::StringRef entryDir);

/// Moves an entry aside into corrupt/ (or removes it if that fails); false
/// if the entry is still in place (e.g. a folder the process may not
/// change).
bool moveAside(llvm::StringRef cacheDir, llvm::StringRef entryDir,
               llvm::StringRef signature);

/// Removes an entry so that readers see it whole or not at all: renames it
/// into trash/ first, then deletes it there.
void discardEntry(llvm::StringRef cacheDir, llvm::StringRef entryDir);

/// The stored IR of an entry, decompressed; empty if none is kept.
llvm::Expected<std::string> readStoredIR(llvm::StringRef entryDir,
                                         const EntryMetadata &meta);

/// The files of an entry, by name, as read from disk.
using EntryFiles = std::vector<std::pair<std::string, std::string>>;

/// Reads every file of a verified entry, to send it elsewhere.
llvm::Expected<EntryFiles> readEntryFiles(llvm::StringRef entryDir);

/// Installs an entry received from elsewhere: writes the files into a
/// staging folder, verifies them, and renames the folder into place (if the
/// entry is there already, keeps that one).
llvm::Error installEntry(llvm::StringRef cacheDir, llvm::StringRef signature,
                         const EntryFiles &files);

} // namespace mlir::ps::cache

#endif // STENCIL_CACHE_CACHEENTRY_H
