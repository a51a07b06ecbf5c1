//===- KernelTuner.cpp - The fastest variant of a kernel, found once ------===//

#include "Stencil/Tuner/KernelTuner.h"

#include "Stencil/Cache/CacheFiles.h"
#include "Stencil/Cache/Signature.h"
#include "Stencil/Compiler/BackendOptions.h"
#include "Stencil/Tuner/TimingSelection.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/TargetParser/Host.h"

#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

using namespace mlir::ps;
using namespace mlir::ps::tuner;
namespace json = llvm::json;

namespace {

/// Copies of the caller's fields, so that timing writes nothing of theirs.
class ScratchArguments {
public:
  ScratchArguments(const runtime::KernelInfo &info,
                   const runtime::ArgumentList &args) {
    for (const auto &entry : args.values()) {
      llvm::StringRef name = entry.getKey();
      if (const auto *view = std::get_if<runtime::BufferView>(&entry.getValue()))
        copies.field(name, copy(*view, alignmentOf(info, name)));
      else if (const auto *value = std::get_if<double>(&entry.getValue()))
        copies.scalar(name, *value);
      else
        copies.scalar(name, std::get<int64_t>(entry.getValue()));
    }
  }
  ScratchArguments(const ScratchArguments &) = delete;
  ~ScratchArguments() {
    for (void *buffer : buffers)
      std::free(buffer);
  }
  const runtime::ArgumentList &get() const { return copies; }
  /// Bytes of a copy that could not be allocated (0: all were).
  int64_t getFailedBytes() const { return failedBytes; }

private:
  static int64_t alignmentOf(const runtime::KernelInfo &info,
                             llvm::StringRef name) {
    for (const runtime::ParameterInfo &param : info.parameters)
      if (param.name == name)
        return std::max<int64_t>(param.alignment, 64);
    return 64;
  }

  runtime::BufferView copy(const runtime::BufferView &view,
                           int64_t alignment) {
    int64_t elements = 1;
    for (size_t d = 0; d < view.shape.size(); ++d)
      elements += std::max<int64_t>(view.shape[d] - 1, 0) *
                  std::abs(view.strides[d]);
    int64_t bytes = elements * runtime::getByteSize(view.type);
    // Large copies get huge pages, as NumPy's arrays do: the candidates
    // are timed on memory like the caller's.
    constexpr int64_t kHugePage = 2 << 20;
    if (bytes >= kHugePage)
      alignment = std::max(alignment, kHugePage);
    bytes = (bytes + alignment - 1) / alignment * alignment;
    void *buffer = std::aligned_alloc(alignment, bytes);
    if (!buffer) {
      failedBytes = bytes;
      return view;
    }
#ifdef MADV_HUGEPAGE
    if (bytes >= kHugePage)
      (void)madvise(buffer, bytes, MADV_HUGEPAGE);
#endif
    buffers.push_back(buffer);
    if (view.data)
      std::memcpy(buffer, view.data,
                  elements * runtime::getByteSize(view.type));
    runtime::BufferView result = view;
    result.data = buffer;
    return result;
  }

  runtime::ArgumentList copies;
  std::vector<void *> buffers;
  int64_t failedBytes = 0;
};

/// `source` without its locations (` loc("file":line:col)`): where a
/// kernel was written does not change which variant runs fastest, and a
/// Python program carries the line of its create_kernel call.
std::string withoutLocations(llvm::StringRef source) {
  static const llvm::Regex location(
      " loc\\(\"([^\"\\\\]|\\\\.)*\":[0-9]+:[0-9]+\\)");
  std::string text;
  llvm::SmallVector<llvm::StringRef, 2> match;
  while (location.match(source, &match)) {
    size_t start = match[0].data() - source.data();
    text += source.take_front(start);
    source = source.drop_front(start + match[0].size());
  }
  return text + source.str();
}

/// The record of a tuning: the request (its source without locations), the
/// kernel, the arguments' shapes and strides, and the host decide it.
std::string getRecordKey(llvm::StringRef source, llvm::StringRef name,
                         const cache::CacheOptions &base,
                         const runtime::ArgumentList &args) {
  std::string shapes;
  for (const auto &entry : args.values())
    if (const auto *view =
            std::get_if<runtime::BufferView>(&entry.getValue()))
      shapes += entry.getKey().str() + ":" +
                llvm::join(llvm::map_range(view->shape,
                                           [](int64_t e) { return std::to_string(e); }),
                           "x") +
                "/" +
                llvm::join(llvm::map_range(view->strides,
                                           [](int64_t s) { return std::to_string(s); }),
                           ",") +
                ";";
  std::string request = cache::computeRequestKey(
      {withoutLocations(source), base.str(), llvm::sys::getHostCPUName().str(),
       runtime::getBackendOptions()});
  std::string text = "tuning " + request + " kernel " + name.str() +
                     " shapes " + shapes;
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(text)),
                     /*LowerCase=*/true);
}

std::string getRecordPath(const cache::KernelCache &cache,
                          llvm::StringRef key) {
  return cache::joinPath(cache::joinPath(cache.getConfig().directory, "tuning"),
                         (key + ".json").str());
}

std::optional<Candidate> readRecord(const std::string &path) {
  llvm::Expected<std::string> text = cache::readFile(path);
  if (!text) {
    llvm::consumeError(text.takeError());
    return std::nullopt;
  }
  llvm::Expected<json::Value> parsed = json::parse(*text);
  if (!parsed) {
    llvm::consumeError(parsed.takeError());
    return std::nullopt;
  }
  const json::Object *object = parsed->getAsObject();
  auto choice = object ? object->getString("choice") : std::nullopt;
  auto options = object ? object->getString("options") : std::nullopt;
  if (!choice || !options)
    return std::nullopt;
  return Candidate{choice->str(), options->str()};
}

void writeRecord(const cache::KernelCache &cache, const std::string &file,
                 const TuningResult &result) {
  if (!cache.getConfig().diskEnabled)
    return;
  json::Object seconds;
  for (const auto &[name, time] : result.seconds)
    seconds[name] = time;
  json::Object record{{"choice", result.choice.name},
                      {"options", result.choice.options},
                      {"host_cpu", llvm::sys::getHostCPUName().str()},
                      {"rounds", result.rounds},
                      {"settled", result.settled},
                      {"seconds_per_call", std::move(seconds)}};
  (void)llvm::sys::fs::create_directories(llvm::sys::path::parent_path(file));
  // A record that cannot be written only costs a later process the timing.
  llvm::consumeError(cache::writeFileAtomically(
      file, llvm::formatv("{0:2}", json::Value(std::move(record))).str()));
}

double secondsOf(const runtime::Kernel &kernel,
                 const runtime::ArgumentList &args, llvm::Error &error) {
  auto start = std::chrono::steady_clock::now();
  error = kernel(args);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

/// Rounds of timing: at least kMinRounds, then more until the choice is
/// settled (TimingSelection.h), at most kMaxRounds.
constexpr unsigned kMinRounds = 3, kMaxRounds = 12;

/// One round: each candidate warmed up, then called for about 10 ms, in
/// the round's order (roundOrder); its time in the round is the median of
/// those calls. Interleaving the candidates round by round makes a change
/// of the machine's load hit all of them alike, and selectFastest compares
/// them round by round.
llvm::Error
timeRound(llvm::ArrayRef<std::shared_ptr<runtime::KernelModule>> modules,
          llvm::StringRef name, const runtime::ArgumentList &args,
          unsigned round, std::vector<std::vector<double>> &times) {
  for (size_t c : roundOrder(modules.size(), round)) {
    const runtime::Kernel &variant = *modules[c]->lookup(name);
    llvm::Error error = llvm::Error::success();
    double once = secondsOf(variant, args, error);
    if (error)
      return error;
    int calls = std::clamp(int(0.01 / std::max(once, 1e-7)), 1, 50);
    std::vector<double> round;
    for (int call = 0; call < calls; ++call) {
      round.push_back(secondsOf(variant, args, error));
      if (error)
        return error;
    }
    times[c].push_back(summarize(std::move(round)).median);
  }
  return llvm::Error::success();
}

} // namespace

/// The module of `candidate`'s options, through the cache.
static llvm::Expected<std::shared_ptr<runtime::KernelModule>>
compileCandidate(cache::KernelCache &cache, llvm::StringRef source,
                 const Candidate &candidate) {
  cache::CacheOptions options;
  if (failed(options.parseFromString(candidate.options)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "bad options '%s'",
                                   candidate.options.c_str());
  return cache.get(source, options);
}

std::optional<TuningResult>
mlir::ps::tuner::findRecorded(cache::KernelCache &cache,
                              llvm::StringRef source, llvm::StringRef name,
                              const cache::CacheOptions &base,
                              const runtime::ArgumentList &args) {
  std::optional<Candidate> recorded = readRecord(
      getRecordPath(cache, getRecordKey(source, name, base, args)));
  if (!recorded)
    return std::nullopt;
  auto module = compileCandidate(cache, source, *recorded);
  if (!module) {
    llvm::consumeError(module.takeError());
    return std::nullopt;
  }
  if (!(*module)->lookup(name))
    return std::nullopt;
  TuningResult result;
  result.choice = *recorded;
  result.module = *module;
  result.fromRecord = true;
  return result;
}

llvm::Expected<TuningResult>
mlir::ps::tuner::tune(cache::KernelCache &cache, llvm::StringRef source,
                      llvm::StringRef name, const cache::CacheOptions &base,
                      const runtime::ArgumentList &args) {
  auto compile = [&](const Candidate &candidate) {
    return compileCandidate(cache, source, candidate);
  };
  auto first = cache.get(source, base);
  if (!first)
    return first.takeError();
  const runtime::Kernel *kernel = (*first)->lookup(name);
  if (!kernel)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the module has no kernel '%s'",
                                   name.str().c_str());
  // The caller's arguments are checked once, as a call would.
  if (llvm::Error error =
          runtime::checkArguments(kernel->getInfo(), args))
    return std::move(error);

  if (std::optional<TuningResult> recorded =
          findRecorded(cache, source, name, base, args))
    return std::move(*recorded);
  TuningResult result;
  std::string path =
      getRecordPath(cache, getRecordKey(source, name, base, args));

  unsigned rank = 0;
  for (const runtime::ParameterInfo &param : kernel->getInfo().parameters)
    if (param.isField && !param.isIndexList)
      rank = std::max(rank, param.spatialRank);
  std::vector<Candidate> candidates = getCandidates(rank, base);
  // A float sum or product reduction is associated differently by every
  // other variant (vector lanes, unrolled copies): tuning would change its
  // bits, so such a kernel keeps the variant as given.
  if (llvm::any_of(kernel->getInfo().parameters,
                   [](const runtime::ParameterInfo &param) {
                     return (param.reduction == runtime::ReductionOp::add ||
                             param.reduction == runtime::ReductionOp::mul) &&
                            runtime::isFloat(param.type);
                   }))
    candidates.resize(1);
  std::vector<std::shared_ptr<runtime::KernelModule>> modules;
  for (const Candidate &candidate : candidates) {
    auto module = compile(candidate);
    if (!module)
      return module.takeError();
    modules.push_back(*module);
  }
  ScratchArguments scratch(kernel->getInfo(), args);
  if (int64_t bytes = scratch.getFailedBytes())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "tune: cannot allocate %lld bytes for a copy of a field to time on",
        static_cast<long long>(bytes));
  std::vector<std::vector<double>> times(candidates.size());
  Selection selection;
  do {
    if (llvm::Error error =
            timeRound(modules, name, scratch.get(), result.rounds, times))
      return std::move(error);
    ++result.rounds;
    if (result.rounds >= kMinRounds)
      selection = selectFastest(times);
  } while (result.rounds < kMinRounds ||
           (!selection.settled && result.rounds < kMaxRounds));
  for (size_t c = 0; c < candidates.size(); ++c)
    result.seconds.push_back({candidates[c].name, summarize(times[c]).median});
  result.settled = selection.settled;
  result.choice = candidates[selection.choice];
  result.module = modules[selection.choice];
  writeRecord(cache, path, result);
  return std::move(result);
}
