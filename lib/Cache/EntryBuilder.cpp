//===- EntryBuilder.cpp - Compiling a cache entry in a staging folder -----===//

#include "EntryBuilder.h"

#include "Stencil/Cache/BuilderLock.h"
#include "Stencil/Cache/CacheEntry.h"
#include "Stencil/Cache/CacheFiles.h"
#include "Stencil/Cache/Signature.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Target/TargetMachine.h"

#include <chrono>
#include <ctime>

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::cache;
using namespace mlir::ps::runtime;

llvm::Expected<ParsedRequest>
mlir::ps::cache::parseRequest(llvm::StringRef source,
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
                         LLVM_VERSION_STRING, getBuildId()};
  request.signature = computeSignature(inputs);
  return request;
}

namespace {

/// Keeps the log and the IR of a failed build in failures/.
void keepFailure(llvm::StringRef cacheDir, llvm::StringRef signature,
                 llvm::StringRef source, llvm::StringRef log) {
  std::string dir = joinPath(joinPath(cacheDir, "failures"),
                             (signature + "-" + getUniqueSuffix()).str());
  if (llvm::sys::fs::create_directories(dir))
    return;
  llvm::consumeError(writeFile(joinPath(dir, "input.mlir"), source));
  llvm::consumeError(writeFile(joinPath(dir, "build.log"), log));
}

/// Writes the IR as `storage` asks; the name of the file, empty if none.
llvm::Expected<std::string> writeStoredIR(llvm::StringRef dir,
                                          llvm::StringRef source,
                                          IRStorage storage) {
  if (storage == IRStorage::Plain) {
    if (llvm::Error error = writeFile(joinPath(dir, "input.mlir"), source))
      return std::move(error);
    return std::string("input.mlir");
  }
  if (storage == IRStorage::Compressed) {
    llvm::SmallVector<uint8_t> compressed;
    llvm::compression::zlib::compress(llvm::arrayRefFromStringRef(source),
                                      compressed);
    if (llvm::Error error = writeFile(joinPath(dir, "input.mlir.zlib"),
                                      llvm::toStringRef(compressed)))
      return std::move(error);
    return std::string("input.mlir.zlib");
  }
  return std::string();
}

/// The size and checksum of each of `names` in `dir`.
llvm::Expected<std::vector<FileRecord>>
recordFiles(llvm::StringRef dir, llvm::ArrayRef<std::string> names) {
  std::vector<FileRecord> records;
  for (const std::string &name : names) {
    std::string path = joinPath(dir, name);
    uint64_t size = 0;
    if (std::error_code ec = llvm::sys::fs::file_size(path, size))
      return llvm::createStringError(ec, "cannot stat %s", path.c_str());
    llvm::Expected<std::string> sha = hashFile(path);
    if (!sha)
      return sha.takeError();
    records.push_back({name, size, *sha});
  }
  return records;
}

/// Everything of the entry but the library: the IR, the log and meta.json.
llvm::Error writeEntryFiles(llvm::StringRef dir, EntryMetadata meta,
                            llvm::StringRef source, IRStorage storage,
                            llvm::StringRef diagnostics) {
  std::vector<std::string> names = {"kernels.so", "build.log"};
  llvm::Expected<std::string> irFile = writeStoredIR(dir, source, storage);
  if (!irFile)
    return irFile.takeError();
  if (!irFile->empty())
    names.push_back(*irFile);
  std::string log = "signature " + meta.signature + "\ntarget " +
                    meta.target + "\npipeline " + meta.pipeline +
                    "\ncompile seconds " +
                    std::to_string(meta.compileSeconds) + "\n" +
                    diagnostics.str();
  if (llvm::Error error = writeFile(joinPath(dir, "build.log"), log))
    return error;
  llvm::Expected<std::vector<FileRecord>> files = recordFiles(dir, names);
  if (!files)
    return files.takeError();
  meta.files = std::move(*files);
  return writeMetadata(dir, meta);
}

/// Loads the staged library and checks that it is the one just built.
llvm::Expected<std::unique_ptr<KernelModule>>
loadStaged(llvm::StringRef dir, llvm::StringRef signature) {
  auto module = KernelModule::loadSharedLibrary(joinPath(dir, "kernels.so"));
  if (!module)
    return module.takeError();
  if ((*module)->getBuildTag() != signature)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the staged library has build tag '%s'",
                                   (*module)->getBuildTag().str().c_str());
  return module;
}

} // namespace

llvm::Expected<StagedEntry>
mlir::ps::cache::buildStagedEntry(const CacheConfig &config,
                                  ParsedRequest &request,
                                  llvm::StringRef source,
                                  const CacheOptions &options) {
  auto start = std::chrono::steady_clock::now();
  StagedEntry staged;
  std::string stagingRoot = joinPath(config.directory, "staging");
  llvm::SmallString<128> dir;
  std::error_code ec = llvm::sys::fs::create_directories(stagingRoot);
  if (!ec)
    ec = llvm::sys::fs::createUniqueDirectory(
        joinPath(stagingRoot, request.signature), dir);
  if (ec) {
    staged.diskError = "the kernel cache in " + config.directory +
                       " is not writable (" + ec.message() + ")";
    return staged;
  }
  staged.dir = dir.str().str();
  // Names this process, so that `ps-cache clean` knows the folder of a
  // killed build from one in progress.
  (void)createOwnerMarker(joinPath(staged.dir, kStagingOwnerFile));
  auto fail = [&](llvm::Error error) -> llvm::Expected<StagedEntry> {
    removeTree(staged.dir);
    return std::move(error);
  };

  DiagnosticCollector diagnostics(*request.context);
  FailureOr<std::vector<KernelInfo>> kernels =
      prepareAndLower(*request.module, options);
  if (failed(kernels)) {
    keepFailure(config.directory, request.signature, source,
                diagnostics.getText());
    return fail(diagnostics.error("preparing and lowering the kernels"));
  }
  auto machine = createTargetMachine(request.target, options.optLevel);
  if (!machine)
    return fail(machine.takeError());
  llvm::LLVMContext llvmContext;
  auto llvmModule = translateAndOptimize(
      *request.module, *kernels, llvmContext, **machine, options.optLevel);
  if (!llvmModule)
    return fail(llvmModule.takeError());
  addBuildTag(**llvmModule, request.signature);

  // From here on a failure is the disk's, not the kernel's.
  auto diskFailure = [&](llvm::Error error) -> llvm::Expected<StagedEntry> {
    removeTree(staged.dir);
    staged.diskError = "cannot write to the kernel cache in " +
                       config.directory + " (" +
                       llvm::toString(std::move(error)) + ")";
    return std::move(staged);
  };
  std::string object = joinPath(staged.dir, "kernels.o");
  if (llvm::Error error = emitMachineCode(**llvmModule, **machine, object,
                                          /*assembly=*/false))
    return diskFailure(std::move(error));
  if (llvm::Error error =
          linkSharedLibrary(object, joinPath(staged.dir, "kernels.so"), "",
                            options.isParallel()))
    return diskFailure(std::move(error));
  (void)llvm::sys::fs::remove(object);

  EntryMetadata meta;
  meta.signature = request.signature;
  meta.projectVersion = getProjectVersion();
  meta.llvmVersion = LLVM_VERSION_STRING;
  meta.buildId = getBuildId();
  meta.target = request.target.str();
  meta.pipeline = request.pipeline;
  meta.created = std::time(nullptr);
  meta.kernels = *kernels;
  meta.ir = config.ir;
  meta.irSize = source.size();
  meta.compileSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (llvm::Error error = writeEntryFiles(staged.dir, std::move(meta), source,
                                          config.ir, diagnostics.getText()))
    return diskFailure(std::move(error));
  auto module = loadStaged(staged.dir, request.signature);
  if (!module) {
    removeTree(staged.dir);
    staged.diskError = "the library built for the kernel cache does not load (" +
                       llvm::toString(module.takeError()) + ")";
    return std::move(staged);
  }
  staged.module = std::move(*module);
  (void)llvm::sys::fs::remove(joinPath(staged.dir, kStagingOwnerFile));
  return std::move(staged);
}
