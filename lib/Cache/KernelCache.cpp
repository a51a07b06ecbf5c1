//===- KernelCache.cpp - A persistent, concurrency-safe kernel cache ------===//

#include "Stencil/Cache/KernelCache.h"
#include "Stencil/Cache/CacheEntry.h"
#include "Stencil/Cache/Signature.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Target/TargetMachine.h"

#include <chrono>
#include <ctime>

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

KernelCache::KernelCache(CacheConfig config) : config(std::move(config)) {}

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

namespace {

/// The options as text: the key of the memory cache.
std::string optionKey(const CacheOptions &options) { return options.str(); }

/// A parsed module and its signature.
struct ParsedRequest {
  std::unique_ptr<MLIRContext> context;
  OwningOpRef<ModuleOp> module;
  std::string signature;
  TargetDescription target;
  /// The passes the module goes through (part of the signature).
  std::string pipeline;
};

llvm::Expected<ParsedRequest> parseRequest(llvm::StringRef source,
                                           const CacheOptions &options) {
  ParsedRequest request;
  request.context = createCompilerContext();
  DiagnosticCollector diagnostics(*request.context);
  request.module = parseSourceString<ModuleOp>(source, request.context.get());
  if (!request.module)
    return diagnostics.error("parsing the kernel module");
  request.target = TargetDescription::of(options).resolved();
  request.pipeline = getPipelineText(options);
  SignatureInputs inputs{printCanonical(*request.module), request.pipeline,
                         request.target.str(), getProjectVersion(),
                         LLVM_VERSION_STRING};
  request.signature = computeSignature(inputs);
  return request;
}

/// An error of the file system (as opposed to one of the kernel), after
/// which the cache falls back to compiling in memory.
struct DiskError {
  std::string message;
};

std::string joinPath(llvm::StringRef a, llvm::StringRef b) {
  llvm::SmallString<128> path(a);
  llvm::sys::path::append(path, b);
  return path.str().str();
}

llvm::Error writeFile(llvm::StringRef path, llvm::StringRef contents) {
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError(ec, "cannot write %s", path.str().c_str());
  out << contents;
  out.close();
  if (out.has_error())
    return llvm::createStringError(out.error(), "cannot write %s",
                                   path.str().c_str());
  return llvm::Error::success();
}

std::string uniqueSuffix() {
  return std::to_string(int64_t(std::time(nullptr))) + "-" +
         std::to_string(llvm::sys::Process::getProcessId());
}

/// Keeps the log and the IR of a failed build in failures/.
void keepFailure(llvm::StringRef cacheDir, llvm::StringRef signature,
                 llvm::StringRef source, llvm::StringRef log) {
  std::string dir = joinPath(joinPath(cacheDir, "failures"),
                             (signature + "-" + uniqueSuffix()).str());
  if (llvm::sys::fs::create_directories(dir))
    return;
  llvm::consumeError(writeFile(joinPath(dir, "input.mlir"), source));
  llvm::consumeError(writeFile(joinPath(dir, "build.log"), log));
}

} // namespace

llvm::Expected<std::string>
KernelCache::getSignature(llvm::StringRef source, const CacheOptions &options) {
  llvm::Expected<ParsedRequest> request = parseRequest(source, options);
  if (!request)
    return request.takeError();
  return request->signature;
}

llvm::Expected<std::shared_ptr<KernelModule>>
KernelCache::get(llvm::StringRef source, const CacheOptions &options,
                 Outcome *outcome) {
  Outcome ignored;
  Outcome &result = outcome ? *outcome : ignored;
  std::string key = optionKey(options);
  uint64_t hash = llvm::xxh3_64bits(llvm::arrayRefFromStringRef(source)) ^
                  llvm::xxh3_64bits(llvm::arrayRefFromStringRef(key));
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto [begin, end] = memory.equal_range(hash);
    for (auto it = begin; it != end; ++it)
      if (it->second.source == source && it->second.options == key) {
        result = Outcome::MemoryHit;
        return it->second.module;
      }
  }
  auto remember = [&](std::shared_ptr<KernelModule> module) {
    std::lock_guard<std::mutex> lock(mutex);
    memory.emplace(hash, MemoryEntry{source.str(), key, module});
    return module;
  };
  auto compileInMemory = [&]() -> llvm::Expected<std::shared_ptr<KernelModule>> {
    auto module = JitModule::compile(source, options);
    if (!module)
      return module.takeError();
    result = Outcome::CompiledInMemory;
    return remember(std::shared_ptr<KernelModule>(std::move(*module)));
  };
  if (!config.diskEnabled)
    return compileInMemory();

  llvm::Expected<ParsedRequest> request = parseRequest(source, options);
  if (!request)
    return request.takeError();
  const std::string &signature = request->signature;
  std::string entryDir = getEntryDir(config.directory, signature);

  // A disk hit: verify, then load.
  if (llvm::sys::fs::exists(entryDir)) {
    llvm::Expected<EntryMetadata> meta = verifyEntry(entryDir);
    if (meta) {
      auto module = KernelModule::loadSharedLibrary(
          joinPath(entryDir, "kernels.so"), std::move(meta->kernels));
      if (module) {
        result = Outcome::DiskHit;
        return remember(std::shared_ptr<KernelModule>(std::move(*module)));
      }
      warn("cache entry " + signature + " does not load (" +
           llvm::toString(module.takeError()) + "); moved aside and rebuilt");
    } else {
      warn("cache entry " + signature + " is corrupt (" +
           llvm::toString(meta.takeError()) + "); moved aside and rebuilt");
    }
    moveAside(config.directory, entryDir, signature);
  }

  // A miss: build in a staging folder, then rename it into place.
  auto start = std::chrono::steady_clock::now();
  std::string stagingRoot = joinPath(config.directory, "staging");
  llvm::SmallString<128> staging;
  std::error_code ec = llvm::sys::fs::create_directories(stagingRoot);
  if (!ec)
    ec = llvm::sys::fs::createUniqueDirectory(joinPath(stagingRoot, signature),
                                              staging);
  if (ec) {
    warn("the kernel cache in " + config.directory + " is not writable (" +
         ec.message() + "); compiling in memory");
    return compileInMemory();
  }
  std::string stagingDir = staging.str().str();

  DiagnosticCollector diagnostics(*request->context);
  std::string canonicalSource = source.str();
  FailureOr<std::vector<KernelInfo>> kernels =
      prepareAndLower(*request->module, options);
  if (failed(kernels)) {
    removeTree(stagingDir);
    keepFailure(config.directory, signature, canonicalSource,
                diagnostics.getText());
    return diagnostics.error("preparing and lowering the kernels");
  }
  auto fail =
      [&](llvm::Error error) -> llvm::Expected<std::shared_ptr<KernelModule>> {
    removeTree(stagingDir);
    return std::move(error);
  };
  auto machine = createTargetMachine(request->target, options.optLevel);
  if (!machine)
    return fail(machine.takeError());
  llvm::LLVMContext llvmContext;
  auto llvmModule = translateAndOptimize(
      *request->module, *kernels, llvmContext, **machine, options.optLevel);
  if (!llvmModule)
    return fail(llvmModule.takeError());

  // Writing the entry: a failure here is the disk's, not the kernel's.
  auto writeEntry = [&]() -> llvm::Error {
    std::string object = joinPath(stagingDir, "kernels.o");
    std::string library = joinPath(stagingDir, "kernels.so");
    if (llvm::Error error =
            emitMachineCode(**llvmModule, **machine, object, false))
      return error;
    if (llvm::Error error =
            linkSharedLibrary(object, library, "", options.isParallel()))
      return error;
    (void)llvm::sys::fs::remove(object);

    EntryMetadata meta;
    meta.signature = signature;
    meta.projectVersion = getProjectVersion();
    meta.llvmVersion = LLVM_VERSION_STRING;
    meta.target = request->target.str();
    meta.pipeline = request->pipeline;
    meta.created = std::time(nullptr);
    meta.kernels = *kernels;
    meta.ir = config.ir;
    meta.irSize = canonicalSource.size();
    std::vector<std::string> names = {"kernels.so", "build.log"};
    if (config.ir == IRStorage::Plain) {
      if (llvm::Error error =
              writeFile(joinPath(stagingDir, "input.mlir"), canonicalSource))
        return error;
      names.push_back("input.mlir");
    } else if (config.ir == IRStorage::Compressed) {
      llvm::SmallVector<uint8_t> compressed;
      llvm::compression::zlib::compress(
          llvm::arrayRefFromStringRef(canonicalSource), compressed);
      if (llvm::Error error = writeFile(joinPath(stagingDir, "input.mlir.zlib"),
                                        llvm::toStringRef(compressed)))
        return error;
      names.push_back("input.mlir.zlib");
    }
    meta.compileSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    std::string log = "signature " + signature + "\ntarget " + meta.target +
                      "\npipeline " + meta.pipeline + "\ncompile seconds " +
                      std::to_string(meta.compileSeconds) + "\n" +
                      diagnostics.getText();
    if (llvm::Error error = writeFile(joinPath(stagingDir, "build.log"), log))
      return error;
    for (const std::string &name : names) {
      std::string path = joinPath(stagingDir, name);
      uint64_t size = 0;
      if (std::error_code sizeError = llvm::sys::fs::file_size(path, size))
        return llvm::createStringError(sizeError, "cannot stat %s",
                                       path.c_str());
      llvm::Expected<std::string> sha = hashFile(path);
      if (!sha)
        return sha.takeError();
      meta.files.push_back({name, size, *sha});
    }
    return writeMetadata(stagingDir, meta);
  };
  if (llvm::Error error = writeEntry()) {
    removeTree(stagingDir);
    warn("cannot write to the kernel cache in " + config.directory + " (" +
         llvm::toString(std::move(error)) + "); compiling in memory");
    return compileInMemory();
  }
  (void)llvm::sys::fs::create_directories(getEntriesDir(config.directory));
  if (std::error_code renameError =
          llvm::sys::fs::rename(stagingDir, entryDir)) {
    // Another process put the same entry in place first: use theirs.
    removeTree(stagingDir);
    if (!llvm::sys::fs::exists(entryDir)) {
      warn("cannot publish cache entry " + signature + " (" +
           renameError.message() + "); compiling in memory");
      return compileInMemory();
    }
  }
  llvm::Expected<EntryMetadata> meta = verifyEntry(entryDir);
  if (!meta)
    return meta.takeError();
  auto module = KernelModule::loadSharedLibrary(joinPath(entryDir, "kernels.so"),
                                             std::move(meta->kernels));
  if (!module)
    return module.takeError();
  result = Outcome::Compiled;
  return remember(std::shared_ptr<KernelModule>(std::move(*module)));
}
