//===- CacheConfig.cpp - Where and how the kernel cache works -------------===//

#include "Stencil/Cache/CacheConfig.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstdlib>

using namespace mlir::ps::cache;

const char *mlir::ps::cache::toString(IRStorage storage) {
  switch (storage) {
  case IRStorage::Plain:
    return "plain";
  case IRStorage::Compressed:
    return "compressed";
  case IRStorage::None:
    return "none";
  }
  return "?";
}

static std::string getEnv(const char *name) {
  const char *value = std::getenv(name);
  return value ? value : "";
}

static std::string homePath(llvm::StringRef xdgVariable,
                            llvm::StringRef fallback) {
  std::string xdg = getEnv(xdgVariable.str().c_str());
  if (!xdg.empty())
    return xdg;
  llvm::SmallString<128> home;
  llvm::sys::path::home_directory(home);
  llvm::sys::path::append(home, fallback);
  return home.str().str();
}

CacheConfig CacheConfig::inDirectory(std::string directory) {
  CacheConfig config;
  config.directory = std::move(directory);
  config.directorySource = "given";
  config.diskSource = "default";
  return config;
}

llvm::Expected<CacheConfig> CacheConfig::load() {
  CacheConfig config;
  config.diskSource = "default";

  // The configuration file: $PS_CONFIG, ./ps-cache.conf, the user's.
  llvm::SmallVector<std::string> candidates;
  if (std::string path = getEnv("PS_CONFIG"); !path.empty())
    candidates.push_back(path);
  candidates.push_back("ps-cache.conf");
  llvm::SmallString<128> user(homePath("XDG_CONFIG_HOME", ".config"));
  llvm::sys::path::append(user, "ps", "cache.conf");
  candidates.push_back(user.str().str());
  std::string fileDirectory;
  for (const std::string &candidate : candidates) {
    if (!llvm::sys::fs::exists(candidate))
      continue;
    auto buffer = llvm::MemoryBuffer::getFile(candidate);
    if (!buffer)
      return llvm::createStringError(buffer.getError(), "cannot read %s",
                                     candidate.c_str());
    config.configFile = candidate;
    llvm::SmallVector<llvm::StringRef> lines;
    (*buffer)->getBuffer().split(lines, '\n');
    for (auto [number, rawLine] : llvm::enumerate(lines)) {
      llvm::StringRef line = rawLine.split('#').first.trim();
      if (line.empty())
        continue;
      auto [key, value] = line.split('=');
      key = key.trim();
      value = value.trim();
      auto bad = [&](const char *what) {
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "%s:%zu: %s: '%s'", candidate.c_str(),
                                       number + 1, what, line.str().c_str());
      };
      if (key == "cache_dir") {
        fileDirectory = value.str();
      } else if (key == "disk") {
        if (value != "on" && value != "off")
          return bad("disk is on or off");
        config.diskEnabled = value == "on";
        config.diskSource = candidate;
      } else if (key == "ir") {
        if (value == "plain")
          config.ir = IRStorage::Plain;
        else if (value == "compressed")
          config.ir = IRStorage::Compressed;
        else if (value == "none")
          config.ir = IRStorage::None;
        else
          return bad("ir is plain, compressed or none");
      } else if (key == "wait") {
        if (value.getAsInteger(10, config.waitSeconds) ||
            config.waitSeconds < 0)
          return bad("wait is a number of seconds");
      } else {
        return bad("unknown setting (cache_dir, disk, ir, wait)");
      }
    }
    break;
  }

  if (std::string env = getEnv("PS_CACHE_DIR"); !env.empty()) {
    config.directory = env;
    config.directorySource = "$PS_CACHE_DIR";
  } else if (!fileDirectory.empty()) {
    config.directory = fileDirectory;
    config.directorySource = config.configFile;
  } else {
    llvm::SmallString<128> dir(homePath("XDG_CACHE_HOME", ".cache"));
    llvm::sys::path::append(dir, "ps");
    config.directory = dir.str().str();
    config.directorySource = "the user's cache folder";
  }
  if (std::string off = getEnv("PS_CACHE_DISABLE");
      !off.empty() && off != "0") {
    config.diskEnabled = false;
    config.diskSource = "$PS_CACHE_DISABLE";
  }
  if (std::string wait = getEnv("PS_CACHE_WAIT"); !wait.empty())
    if (llvm::StringRef(wait).getAsInteger(10, config.waitSeconds) ||
        config.waitSeconds < 0)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "$PS_CACHE_WAIT is '%s', not a number of seconds", wait.c_str());
  if (config.ir == IRStorage::Compressed &&
      !llvm::compression::zlib::isAvailable())
    config.ir = IRStorage::Plain;
  config.makeDirectoryAbsolute();
  return config;
}

void CacheConfig::makeDirectoryAbsolute() {
  llvm::SmallString<128> path(directory);
  if (!path.empty() && !llvm::sys::fs::make_absolute(path))
    directory = path.str().str();
}

std::string CacheConfig::describe() const {
  std::string text;
  text += "cache_dir = " + directory + "   (from " + directorySource + ")\n";
  text += std::string("disk = ") + (diskEnabled ? "on" : "off") + "   (from " +
          diskSource + ")\n";
  text += std::string("ir = ") + toString(ir) + "\n";
  text += "wait = " + std::to_string(waitSeconds) + "\n";
  text +=
      "config_file = " + (configFile.empty() ? "(none)" : configFile) + "\n";
  return text;
}
