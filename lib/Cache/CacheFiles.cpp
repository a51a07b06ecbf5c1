//===- CacheFiles.cpp - File operations the disk cache survives -----------===//

#include "Stencil/Cache/CacheFiles.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <ctime>

using namespace mlir::ps::cache;

std::string mlir::ps::cache::joinPath(llvm::StringRef a, llvm::StringRef b) {
  llvm::SmallString<128> path(a);
  llvm::sys::path::append(path, b);
  return path.str().str();
}

llvm::Error mlir::ps::cache::writeFile(llvm::StringRef path,
                                       llvm::StringRef contents) {
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError(ec, "cannot write %s: %s",
                                   path.str().c_str(), ec.message().c_str());
  out << contents;
  out.close();
  if (!out.has_error())
    return llvm::Error::success();
  // Cleared, or the stream's destructor would end the process.
  std::error_code error = out.error();
  out.clear_error();
  (void)llvm::sys::fs::remove(path);
  return llvm::createStringError(error, "cannot write %s: %s",
                                 path.str().c_str(), error.message().c_str());
}

llvm::Error mlir::ps::cache::writeFileAtomically(llvm::StringRef path,
                                                 llvm::StringRef contents) {
  std::string temporary = (path + "." + getUniqueSuffix() + ".tmp").str();
  if (llvm::Error error = writeFile(temporary, contents))
    return error;
  if (std::error_code ec = llvm::sys::fs::rename(temporary, path)) {
    (void)llvm::sys::fs::remove(temporary);
    return llvm::createStringError(ec, "cannot rename %s: %s",
                                   temporary.c_str(), ec.message().c_str());
  }
  return llvm::Error::success();
}

llvm::Expected<std::string> mlir::ps::cache::readFile(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "cannot read %s: %s",
                                   path.str().c_str(),
                                   buffer.getError().message().c_str());
  return (*buffer)->getBuffer().str();
}

void mlir::ps::cache::removeTree(llvm::StringRef path) {
  (void)llvm::sys::fs::remove_directories(path, /*IgnoreErrors=*/true);
}

std::optional<int64_t> mlir::ps::cache::getAgeSeconds(llvm::StringRef path) {
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(path, status, /*Follow=*/false))
    return std::nullopt;
  auto modified = llvm::sys::toTimeT(status.getLastModificationTime());
  return int64_t(std::time(nullptr)) - int64_t(modified);
}

std::string mlir::ps::cache::getUniqueSuffix() {
  return std::to_string(int64_t(std::time(nullptr))) + "-" +
         std::to_string(llvm::sys::Process::getProcessId());
}
