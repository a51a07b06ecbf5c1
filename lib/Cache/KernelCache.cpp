//===- KernelCache.cpp - A persistent, concurrency-safe kernel cache ------===//

#include "Stencil/Cache/KernelCache.h"
#include "EntryBuilder.h"
#include "Stencil/Cache/BuilderLock.h"
#include "Stencil/Cache/CacheEntry.h"
#include "Stencil/Cache/RequestIndex.h"
#include "Stencil/Cache/Signature.h"
#include "Stencil/Compiler/BackendOptions.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::cache;
using namespace mlir::ps::runtime;

const char *mlir::ps::cache::toString(Outcome outcome) {
  switch (outcome) {
  case Outcome::MemoryHit:
    return "memory hit";
  case Outcome::DiskHit:
    return "disk hit";
  case Outcome::Compiled:
    return "compiled";
  case Outcome::CompiledInMemory:
    return "compiled in memory";
  }
  return "?";
}

KernelCache::KernelCache(CacheConfig config) : config(std::move(config)) {
  this->config.makeDirectoryAbsolute();
}

KernelCache &KernelCache::global() {
  static KernelCache *cache = [] {
    llvm::Expected<CacheConfig> config = CacheConfig::load();
    if (config)
      return new KernelCache(std::move(*config));
    llvm::errs() << "ps: warning: " << llvm::toString(config.takeError())
                 << "; the disk cache is off\n";
    CacheConfig off;
    off.diskEnabled = false;
    off.diskSource = "a broken configuration";
    return new KernelCache(off);
  }();
  return *cache;
}

void KernelCache::warn(std::string message) {
  std::lock_guard<std::mutex> lock(mutex);
  if (llvm::is_contained(warnings, message))
    return;
  llvm::errs() << "ps: warning: " << message << "\n";
  warnings.push_back(std::move(message));
}

std::vector<std::string> KernelCache::getWarnings() const {
  std::lock_guard<std::mutex> lock(mutex);
  return warnings;
}

void KernelCache::clearMemory() {
  std::lock_guard<std::mutex> lock(mutex);
  memory.clear();
}

llvm::Expected<std::string>
KernelCache::getSignature(llvm::StringRef source, const CacheOptions &options) {
  llvm::Expected<ParsedRequest> request = parseRequest(source, options);
  if (!request)
    return request.takeError();
  return request->signature;
}

//===----------------------------------------------------------------------===//
// The steps of get()
//===----------------------------------------------------------------------===//

std::shared_ptr<KernelModule> KernelCache::findInMemory(uint64_t hash,
                                                        llvm::StringRef source,
                                                        llvm::StringRef key) {
  std::lock_guard<std::mutex> lock(mutex);
  auto [begin, end] = memory.equal_range(hash);
  for (auto it = begin; it != end; ++it)
    if (it->second.source == source && it->second.options == key)
      return it->second.module;
  return nullptr;
}

std::shared_ptr<KernelModule>
KernelCache::remember(uint64_t hash, llvm::StringRef source,
                      llvm::StringRef key,
                      std::unique_ptr<KernelModule> module) {
  std::shared_ptr<KernelModule> shared(std::move(module));
  std::lock_guard<std::mutex> lock(mutex);
  memory.emplace(hash, MemoryEntry{source.str(), key.str(), shared});
  return shared;
}

KernelCache::DiskLookup KernelCache::loadEntry(llvm::StringRef signature) {
  DiskLookup lookup;
  std::string entryDir = getEntryDir(config.directory, signature);
  if (!llvm::sys::fs::exists(entryDir))
    return lookup;
  std::string problem;
  if (llvm::Expected<EntryMetadata> meta = verifyEntry(entryDir)) {
    // The descriptions come from the library itself, which the checksum in
    // meta.json covers, and its tag binds it to this signature.
    auto module = KernelModule::loadSharedLibrary(
        joinPath(entryDir, "kernels.so"));
    if (module && (*module)->getBuildTag() == signature) {
      lookup.module = std::move(*module);
      return lookup;
    }
    problem = module ? "its library was built for signature '" +
                           (*module)->getBuildTag().str() + "'"
                     : llvm::toString(module.takeError());
  } else {
    problem = llvm::toString(meta.takeError());
  }
  // A `ps-cache clean` may have removed it meanwhile: a plain miss.
  if (!llvm::sys::fs::exists(entryDir))
    return lookup;
  if (moveAside(config.directory, entryDir, signature)) {
    warn("cache entry " + signature.str() + " is unusable (" + problem +
         "); moved aside and rebuilt");
    return lookup;
  }
  warn("cache entry " + signature.str() + " is unusable (" + problem +
       ") and cannot be moved aside; this process compiles its own copy");
  lookup.stuck = true;
  return lookup;
}

llvm::Expected<std::unique_ptr<KernelModule>>
KernelCache::compileInMemory(llvm::StringRef source,
                             const CacheOptions &options) {
  auto module = JitModule::compile(source, options);
  if (!module)
    return module.takeError();
  return std::unique_ptr<KernelModule>(std::move(*module));
}

llvm::Expected<std::unique_ptr<KernelModule>>
KernelCache::buildAndPublish(ParsedRequest &request, llvm::StringRef source,
                             const CacheOptions &options, bool stuck,
                             Outcome &outcome) {
  llvm::Expected<StagedEntry> staged =
      buildStagedEntry(config, request, source, options);
  if (!staged)
    return staged.takeError();
  if (!staged->diskError.empty()) {
    warn(staged->diskError + "; compiling in memory");
    outcome = Outcome::CompiledInMemory;
    return compileInMemory(source, options);
  }
  outcome = stuck ? Outcome::CompiledInMemory : Outcome::Compiled;
  std::string entryDir = getEntryDir(config.directory, request.signature);
  (void)llvm::sys::fs::create_directories(getEntriesDir(config.directory));
  if (std::error_code error = llvm::sys::fs::rename(staged->dir, entryDir)) {
    // Another process put the same entry in place first, or the one in
    // place cannot be moved: the library loaded from staging serves.
    removeTree(staged->dir);
    if (!stuck && !llvm::sys::fs::exists(entryDir)) {
      warn("cannot publish cache entry " + request.signature + " (" +
           error.message() + "); compiled in memory");
      outcome = Outcome::CompiledInMemory;
    }
  }
  return std::move(staged->module);
}

//===----------------------------------------------------------------------===//
// get()
//===----------------------------------------------------------------------===//

llvm::Expected<std::shared_ptr<KernelModule>>
KernelCache::get(llvm::StringRef source, const CacheOptions &options,
                 Outcome *outcome) {
  Outcome ignored;
  Outcome &result = outcome ? *outcome : ignored;
  std::string optionText = options.str();
  uint64_t hash = llvm::xxh3_64bits(llvm::arrayRefFromStringRef(source)) ^
                  llvm::xxh3_64bits(llvm::arrayRefFromStringRef(optionText));
  if (auto module = findInMemory(hash, source, optionText)) {
    result = Outcome::MemoryHit;
    return module;
  }
  // Wrong options (jam=0) or code this machine cannot run (an aarch64
  // triple, AVX-512 on an AVX2 machine) are refused before any lookup, so
  // that no entry lets them through.
  if (llvm::Error error = checkRunsOnHost(options))
    return std::move(error);
  auto keep = [&](llvm::Expected<std::unique_ptr<KernelModule>> module)
      -> llvm::Expected<std::shared_ptr<KernelModule>> {
    if (!module)
      return module.takeError();
    return remember(hash, source, optionText, std::move(*module));
  };
  if (!config.diskEnabled) {
    result = Outcome::CompiledInMemory;
    return keep(compileInMemory(source, options));
  }

  // A disk hit by the request's key: no parse.
  std::string key = computeRequestKey(
      {source.str(), optionText, TargetDescription::of(options).resolved().str(),
       getBackendOptions()});
  if (std::optional<std::string> signature =
          lookupRequest(config.directory, key)) {
    DiskLookup lookup = loadEntry(*signature);
    if (lookup.module) {
      result = Outcome::DiskHit;
      return keep(std::move(lookup.module));
    }
  }

  llvm::Expected<ParsedRequest> request = parseRequest(source, options);
  if (!request)
    return request.takeError();
  const std::string &signature = request->signature;
  DiskLookup lookup = loadEntry(signature);
  if (!lookup.module && !lookup.stuck) {
    // Another process may be building it: wait for that one, or build it
    // while holding the marker.
    BuilderLock lock = BuilderLock::acquireOrWait(
        config.directory, signature, config.waitSeconds, [&] {
          return llvm::sys::fs::exists(
              getEntryDir(config.directory, signature));
        });
    if (lock.entryIsReady())
      lookup = loadEntry(signature);
    if (!lookup.module) {
      auto built =
          buildAndPublish(*request, source, options, lookup.stuck, result);
      if (built && result == Outcome::Compiled)
        recordRequest(config.directory, key, signature);
      return keep(std::move(built));
    }
  } else if (!lookup.module) {
    return keep(buildAndPublish(*request, source, options, /*stuck=*/true,
                                result));
  }
  recordRequest(config.directory, key, signature);
  result = Outcome::DiskHit;
  return keep(std::move(lookup.module));
}

llvm::Expected<std::string>
KernelCache::getLibraryPath(llvm::StringRef source, const CacheOptions &options,
                            Outcome *outcome) {
  auto module = get(source, options, outcome);
  if (!module)
    return module.takeError();
  llvm::Expected<std::string> signature = getSignature(source, options);
  if (!signature)
    return signature.takeError();
  std::string library =
      joinPath(getEntryDir(config.directory, *signature), "kernels.so");
  if (!config.diskEnabled || !llvm::sys::fs::exists(library))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "the kernel cache in %s holds no entry for this module (disk %s)",
        config.directory.c_str(), config.diskEnabled ? "unusable" : "off");
  return library;
}
