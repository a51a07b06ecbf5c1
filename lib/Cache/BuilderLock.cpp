//===- BuilderLock.cpp - One builder of an entry at a time ----------------===//

#include "Stencil/Cache/BuilderLock.h"
#include "Stencil/Cache/CacheFiles.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <thread>
#include <unistd.h>

using namespace mlir::ps::cache;

std::string mlir::ps::cache::getBuildingDir(llvm::StringRef cacheDir) {
  return joinPath(cacheDir, "building");
}

static std::string getHostName() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1))
    return "?";
  return name;
}

bool mlir::ps::cache::isStaleMarker(llvm::StringRef path,
                                    int64_t staleSeconds) {
  std::optional<int64_t> age = getAgeSeconds(path);
  if (!age)
    return false; // gone: nothing to take over
  if (*age > staleSeconds)
    return true;
  llvm::Expected<std::string> text = readFile(path);
  if (!text) {
    llvm::consumeError(text.takeError());
    return false;
  }
  auto [host, pid] = llvm::StringRef(*text).trim().split(' ');
  int process;
  if (host != getHostName() || pid.getAsInteger(10, process) || process <= 0)
    return false;
  return kill(process, 0) != 0 && errno == ESRCH;
}

bool mlir::ps::cache::createOwnerMarker(llvm::StringRef path) {
  int fd;
  if (llvm::sys::fs::openFileForWrite(path, fd, llvm::sys::fs::CD_CreateNew))
    return false;
  std::string text = getHostName() + " " +
                     std::to_string(llvm::sys::Process::getProcessId()) + "\n";
  llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
  out << text;
  out.close();
  if (out.has_error())
    out.clear_error(); // an empty marker still marks
  return true;
}

BuilderLock BuilderLock::acquireOrWait(llvm::StringRef cacheDir,
                                       llvm::StringRef signature,
                                       int64_t waitSeconds,
                                       const std::function<bool()> &isReady) {
  BuilderLock lock;
  std::string dir = getBuildingDir(cacheDir);
  if (llvm::sys::fs::create_directories(dir))
    return lock;
  std::string path = joinPath(dir, signature);
  auto start = std::chrono::steady_clock::now();
  auto pause = std::chrono::milliseconds(2);
  while (true) {
    if (createOwnerMarker(path)) {
      lock.marker = path;
      // The entry may have been published between the caller's look and
      // the marker.
      lock.ready = isReady();
      return lock;
    }
    if (isStaleMarker(path, waitSeconds)) {
      (void)llvm::sys::fs::remove(path);
      continue;
    }
    if (isReady()) {
      lock.ready = true;
      return lock;
    }
    if (std::chrono::steady_clock::now() - start >
        std::chrono::seconds(waitSeconds))
      return lock; // build without the marker
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

BuilderLock::BuilderLock(BuilderLock &&other)
    : marker(std::move(other.marker)), ready(other.ready) {
  other.marker.clear();
}

BuilderLock::~BuilderLock() {
  if (!marker.empty())
    (void)llvm::sys::fs::remove(marker);
}
