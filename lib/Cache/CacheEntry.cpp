//===- CacheEntry.cpp - Entries of the disk cache -------------------------===//

#include "Stencil/Cache/CacheEntry.h"
#include "Stencil/Runtime/KernelInfoJSON.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <ctime>

using namespace mlir::ps;
using namespace mlir::ps::cache;
using namespace mlir::ps::runtime;
namespace json = llvm::json;

static llvm::Error entryError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 message.str().c_str());
}

std::string mlir::ps::cache::getEntriesDir(llvm::StringRef cacheDir) {
  llvm::SmallString<128> path(cacheDir);
  llvm::sys::path::append(path, "entries");
  return path.str().str();
}

std::string mlir::ps::cache::getEntryDir(llvm::StringRef cacheDir,
                                         llvm::StringRef signature) {
  llvm::SmallString<128> path(getEntriesDir(cacheDir));
  llvm::sys::path::append(path, signature);
  return path.str().str();
}

llvm::Expected<std::string> mlir::ps::cache::hashFile(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "cannot read %s",
                                   path.str().c_str());
  return llvm::toHex(
      llvm::SHA256::hash(llvm::arrayRefFromStringRef((*buffer)->getBuffer())),
      /*LowerCase=*/true);
}

//===----------------------------------------------------------------------===//
// meta.json
//===----------------------------------------------------------------------===//

/// The SHA-256 of the metadata without its checksum, printed compactly (the
/// printer sorts the keys, so the text is canonical).
static std::string computeMetadataChecksum(const json::Object &object) {
  json::Object copy = object;
  copy.erase("checksum");
  std::string text;
  llvm::raw_string_ostream os(text);
  os << json::Value(std::move(copy));
  os.flush();
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(text)),
                     /*LowerCase=*/true);
}

llvm::Error mlir::ps::cache::writeMetadata(llvm::StringRef entryDir,
                                           const EntryMetadata &meta) {
  json::Array kernels = toJSON(meta.kernels), files;
  for (const FileRecord &file : meta.files)
    files.push_back(json::Object{{"name", file.name},
                                 {"size", int64_t(file.size)},
                                 {"sha256", file.sha256}});
  json::Object object{{"format", meta.format},
                      {"signature", meta.signature},
                      {"project_version", meta.projectVersion},
                      {"llvm_version", meta.llvmVersion},
                      {"build_id", meta.buildId},
                      {"target", meta.target},
                      {"pipeline", meta.pipeline},
                      {"created", meta.created},
                      {"compile_seconds", meta.compileSeconds},
                      {"ir", toString(meta.ir)},
                      {"ir_size", int64_t(meta.irSize)},
                      {"kernels", std::move(kernels)},
                      {"files", std::move(files)}};
  object["checksum"] = computeMetadataChecksum(object);
  return writeFile(joinPath(entryDir, "meta.json"),
                   llvm::formatv("{0:2}", json::Value(std::move(object))).str() +
                       "\n");
}

llvm::Expected<EntryMetadata>
mlir::ps::cache::readMetadata(llvm::StringRef entryDir) {
  llvm::SmallString<128> path(entryDir);
  llvm::sys::path::append(path, "meta.json");
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "cannot read %s: %s",
                                   path.c_str(),
                                   buffer.getError().message().c_str());
  llvm::Expected<json::Value> parsed = json::parse((*buffer)->getBuffer());
  if (!parsed)
    return entryError("meta.json does not parse: " +
                      llvm::toString(parsed.takeError()));
  const json::Object *object = parsed->getAsObject();
  if (!object)
    return entryError("meta.json is not an object");
  auto checksum = object->getString("checksum");
  if (!checksum)
    return entryError("meta.json has no checksum");
  if (*checksum != computeMetadataChecksum(*object))
    return entryError("meta.json fails its checksum");
  EntryMetadata meta;
  auto format = object->getInteger("format");
  auto signature = object->getString("signature");
  auto created = object->getInteger("created");
  auto ir = object->getString("ir");
  auto irSize = object->getInteger("ir_size");
  const json::Array *kernels = object->getArray("kernels");
  const json::Array *files = object->getArray("files");
  if (!format || !signature || !created || !ir || !irSize || !kernels || !files)
    return entryError("meta.json lacks a field");
  meta.format = *format;
  meta.signature = signature->str();
  meta.created = *created;
  meta.irSize = *irSize;
  meta.ir = *ir == "plain"        ? IRStorage::Plain
            : *ir == "compressed" ? IRStorage::Compressed
                                  : IRStorage::None;
  auto str = [&](llvm::StringRef key) {
    auto value = object->getString(key);
    return value ? value->str() : std::string();
  };
  meta.projectVersion = str("project_version");
  meta.llvmVersion = str("llvm_version");
  meta.buildId = str("build_id");
  meta.target = str("target");
  meta.pipeline = str("pipeline");
  if (auto seconds = object->getNumber("compile_seconds"))
    meta.compileSeconds = *seconds;
  llvm::Expected<std::vector<KernelInfo>> described = fromJSON(*kernels);
  if (!described)
    return entryError("meta.json: " + llvm::toString(described.takeError()));
  meta.kernels = std::move(*described);
  for (const json::Value &value : *files) {
    const json::Object *file = value.getAsObject();
    auto name = file ? file->getString("name") : std::nullopt;
    auto size = file ? file->getInteger("size") : std::nullopt;
    auto sha = file ? file->getString("sha256") : std::nullopt;
    if (!name || !size || !sha || name->contains('/'))
      return entryError("meta.json has a malformed file record");
    meta.files.push_back({name->str(), uint64_t(*size), sha->str()});
  }
  return meta;
}

llvm::Expected<EntryMetadata>
mlir::ps::cache::verifyEntry(llvm::StringRef entryDir) {
  llvm::Expected<EntryMetadata> meta = readMetadata(entryDir);
  if (!meta)
    return meta.takeError();
  if (meta->format != kEntryFormat)
    return entryError("entry format " + llvm::Twine(meta->format) +
                      ", expected " + llvm::Twine(kEntryFormat));
  if (meta->signature != llvm::sys::path::filename(entryDir))
    return entryError("meta.json names signature " + meta->signature);
  bool hasLibrary = false;
  for (const FileRecord &file : meta->files) {
    llvm::SmallString<128> path(entryDir);
    llvm::sys::path::append(path, file.name);
    uint64_t size;
    if (std::error_code ec = llvm::sys::fs::file_size(path, size))
      return entryError(file.name + " is missing: " + ec.message());
    if (size != file.size)
      return entryError(file.name + " has " + llvm::Twine(size) +
                        " bytes, expected " + llvm::Twine(file.size));
    llvm::Expected<std::string> sha = hashFile(path);
    if (!sha)
      return sha.takeError();
    if (*sha != file.sha256)
      return entryError(file.name + " fails its checksum");
    hasLibrary |= file.name == "kernels.so";
  }
  if (!hasLibrary)
    return entryError("meta.json lists no kernels.so");
  return meta;
}

bool mlir::ps::cache::moveAside(llvm::StringRef cacheDir,
                                llvm::StringRef entryDir,
                                llvm::StringRef signature) {
  std::string corrupt = joinPath(cacheDir, "corrupt");
  (void)llvm::sys::fs::create_directories(corrupt);
  corrupt = joinPath(corrupt, (signature + "-" + getUniqueSuffix()).str());
  // If another process moved it first, the rename fails and that is fine.
  if (!llvm::sys::fs::rename(entryDir, corrupt) ||
      !llvm::sys::fs::exists(entryDir))
    return true;
  removeTree(entryDir);
  return !llvm::sys::fs::exists(entryDir);
}

void mlir::ps::cache::discardEntry(llvm::StringRef cacheDir,
                                   llvm::StringRef entryDir) {
  std::string trash = joinPath(cacheDir, "trash");
  (void)llvm::sys::fs::create_directories(trash);
  trash = joinPath(trash, (llvm::sys::path::filename(entryDir) + "-" +
                           getUniqueSuffix())
                              .str());
  if (llvm::sys::fs::rename(entryDir, trash))
    trash = entryDir.str();
  removeTree(trash);
}

llvm::Expected<std::string>
mlir::ps::cache::readStoredIR(llvm::StringRef entryDir,
                              const EntryMetadata &meta) {
  if (meta.ir == IRStorage::None)
    return std::string();
  llvm::SmallString<128> path(entryDir);
  llvm::sys::path::append(path, meta.ir == IRStorage::Compressed
                                    ? "input.mlir.zlib"
                                    : "input.mlir");
  auto buffer = llvm::MemoryBuffer::getFile(path, false, false);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "cannot read %s",
                                   path.c_str());
  if (meta.ir == IRStorage::Plain)
    return (*buffer)->getBuffer().str();
  llvm::SmallVector<uint8_t> output;
  if (llvm::Error error = llvm::compression::zlib::decompress(
          llvm::arrayRefFromStringRef((*buffer)->getBuffer()), output,
          meta.irSize))
    return std::move(error);
  return std::string(output.begin(), output.end());
}

llvm::Expected<EntryFiles>
mlir::ps::cache::readEntryFiles(llvm::StringRef entryDir) {
  llvm::Expected<EntryMetadata> meta = verifyEntry(entryDir);
  if (!meta)
    return meta.takeError();
  EntryFiles files;
  std::vector<std::string> names = {"meta.json"};
  for (const FileRecord &file : meta->files)
    names.push_back(file.name);
  for (const std::string &name : names) {
    llvm::SmallString<128> path(entryDir);
    llvm::sys::path::append(path, name);
    auto buffer = llvm::MemoryBuffer::getFile(path, false, false);
    if (!buffer)
      return llvm::createStringError(buffer.getError(), "cannot read %s",
                                     path.c_str());
    files.emplace_back(name, (*buffer)->getBuffer().str());
  }
  return files;
}

llvm::Error mlir::ps::cache::installEntry(llvm::StringRef cacheDir,
                                          llvm::StringRef signature,
                                          const EntryFiles &files) {
  std::string entryDir = getEntryDir(cacheDir, signature);
  if (llvm::sys::fs::exists(entryDir)) {
    // An entry in place that verifies is kept; why another does not is of
    // no interest here (it is replaced), but the error must be consumed.
    llvm::Expected<EntryMetadata> existing = verifyEntry(entryDir);
    if (existing)
      return llvm::Error::success();
    llvm::consumeError(existing.takeError());
  }
  llvm::SmallString<128> stagingRoot(cacheDir);
  llvm::sys::path::append(stagingRoot, "staging");
  llvm::SmallString<128> staging;
  if (std::error_code ec = llvm::sys::fs::create_directories(stagingRoot))
    return llvm::createStringError(ec, "cannot create %s", stagingRoot.c_str());
  llvm::SmallString<128> prefix(stagingRoot);
  llvm::sys::path::append(prefix, signature);
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory(prefix, staging))
    return llvm::createStringError(ec, "cannot create a staging folder");
  for (const auto &[name, contents] : files) {
    if (name.find('/') != std::string::npos) {
      removeTree(staging);
      return entryError("bad file name " + name);
    }
    if (llvm::Error error = writeFile(joinPath(staging, name), contents)) {
      removeTree(staging);
      return error;
    }
  }
  // The received files must match their own metadata.
  if (llvm::Error error = [&]() -> llvm::Error {
        auto meta = readMetadata(staging);
        if (!meta)
          return meta.takeError();
        if (meta->signature != signature)
          return entryError("received entry names signature " +
                            meta->signature);
        for (const FileRecord &file : meta->files) {
          llvm::SmallString<128> path(staging);
          llvm::sys::path::append(path, file.name);
          auto sha = hashFile(path);
          if (!sha)
            return sha.takeError();
          if (*sha != file.sha256)
            return entryError("received " + file.name + " fails its checksum");
        }
        return llvm::Error::success();
      }()) {
    removeTree(staging);
    return error;
  }
  (void)llvm::sys::fs::create_directories(getEntriesDir(cacheDir));
  if (llvm::sys::fs::rename(staging, entryDir))
    removeTree(staging); // another process installed it first
  return llvm::Error::success();
}
