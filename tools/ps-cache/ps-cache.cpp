//===- ps-cache.cpp - Inspect and maintain the kernel cache ---------------===//
//
//   ps-cache show                         entries: size, date, kernels
//   ps-cache clean [--all] [--stale] [--older-than DAYS] [--max-size MB]
//                  [--dry-run]           entries, and leftovers of builds
//   ps-cache grep REGEX                   search the stored IR
//   ps-cache checkout SIGNATURE DEST      copy an entry's files out
//   ps-cache verify                       check every entry's integrity
//   ps-cache config                       the effective configuration
//   ps-cache version
//
// The commands are llvm::cl subcommands (`ps-cache clean --help`). The
// cache folder comes from the configuration (see CacheConfig.h) or --dir,
// given before or after the command.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Cache/BuilderLock.h"
#include "Stencil/Cache/CacheEntry.h"
#include "Stencil/Cache/RequestIndex.h"
#include "Stencil/Cache/Signature.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <ctime>

using namespace llvm;
using namespace mlir::ps::cache;

static cl::OptionCategory cacheCategory("ps-cache options");

static cl::SubCommand showCommand(
    "show", "Entries with size, date and kernels, then what else the folder "
            "holds");
static cl::SubCommand cleanCommand(
    "clean", "Remove entries, and what killed builds left behind");
static cl::SubCommand grepCommand(
    "grep", "Search the stored IR of every entry for a regular expression");
static cl::SubCommand checkoutCommand("checkout",
                                      "Copy the files of an entry out");
static cl::SubCommand verifyCommand(
    "verify", "Check every entry's integrity; exit 1 if one is corrupt");
static cl::SubCommand configCommand(
    "config", "The effective configuration and where each part came from");
static cl::SubCommand versionCommand("version", "Versions and entry format");

static cl::opt<std::string>
    dirOption("dir", cl::desc("The cache folder (default: the configured one)"),
              cl::value_desc("folder"), cl::sub(cl::SubCommand::getAll()), cl::cat(cacheCategory));

static cl::opt<bool> cleanAll("all", cl::desc("Remove every entry"),
                              cl::sub(cleanCommand), cl::cat(cacheCategory));
static cl::opt<bool>
    cleanStale("stale",
               cl::desc("Remove only what no live process needs (staging "
                        "folders of killed builds, stale markers, keys)"),
               cl::sub(cleanCommand), cl::cat(cacheCategory));
static cl::opt<double>
    olderThan("older-than", cl::desc("Remove entries older than this"),
              cl::value_desc("days"), cl::sub(cleanCommand), cl::cat(cacheCategory));
static cl::opt<double> maxSize(
    "max-size", cl::desc("Remove the oldest entries until the cache fits"),
    cl::value_desc("MB"), cl::sub(cleanCommand), cl::cat(cacheCategory));
static cl::opt<bool>
    dryRunOption("dry-run",
                 cl::desc("Say what would be removed, remove nothing"),
                 cl::sub(cleanCommand), cl::cat(cacheCategory));

static cl::opt<std::string> grepPattern(cl::Positional, cl::Required,
                                        cl::desc("<regular expression>"),
                                        cl::sub(grepCommand), cl::cat(cacheCategory));

static cl::opt<std::string>
    checkoutSignature(cl::Positional, cl::Required,
                      cl::desc("<signature or a unique prefix>"),
                      cl::sub(checkoutCommand), cl::cat(cacheCategory));
static cl::opt<std::string> checkoutDestination(cl::Positional, cl::Required,
                                                cl::desc("<destination>"),
                                                cl::sub(checkoutCommand), cl::cat(cacheCategory));

namespace {

struct Entry {
  std::string signature, dir;
  uint64_t bytes = 0;
  int64_t created = 0;
  std::optional<EntryMetadata> meta;
  std::string problem;
};

uint64_t folderSize(StringRef dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (sys::fs::recursive_directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec)) {
    uint64_t size;
    if (!sys::fs::file_size(it->path(), size))
      total += size;
  }
  return total;
}

/// The entries of the cache, oldest first; `verify` checks checksums too.
std::vector<Entry> listEntries(StringRef cacheDir, bool verify) {
  std::vector<Entry> entries;
  std::error_code ec;
  std::string root = getEntriesDir(cacheDir);
  for (sys::fs::directory_iterator it(root, ec), end; it != end && !ec;
       it.increment(ec)) {
    Entry entry;
    entry.dir = it->path();
    entry.signature = sys::path::filename(entry.dir).str();
    entry.bytes = folderSize(entry.dir);
    Expected<EntryMetadata> meta =
        verify ? verifyEntry(entry.dir) : readMetadata(entry.dir);
    if (meta) {
      entry.created = meta->created;
      entry.meta = std::move(*meta);
    } else {
      entry.problem = toString(meta.takeError());
    }
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
    return a.created < b.created;
  });
  return entries;
}

std::string formatDate(int64_t seconds) {
  std::time_t time = seconds;
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", std::gmtime(&time));
  return text;
}

/// A staging folder older than this belongs to no live build.
constexpr int64_t kStaleStagingSeconds = 3600;

/// What the cache holds besides its entries: folders of builds in progress
/// (or of killed processes), entries moved aside, logs of failed builds,
/// build markers and request keys.
struct Housekeeping {
  struct Item {
    std::string path;
    uint64_t bytes = 0;
    bool stale = false;
  };
  std::vector<Item> staging, corrupt, failures, building, keys, trash;

  static Housekeeping scan(StringRef cacheDir, int64_t markerStaleSeconds) {
    Housekeeping result;
    auto list = [&](StringRef name, std::vector<Item> &items,
                    const std::function<bool(StringRef)> &isStale) {
      std::error_code ec;
      for (sys::fs::directory_iterator it(joinPath(cacheDir, name), ec), end;
           it != end && !ec; it.increment(ec))
        items.push_back({it->path(), folderSize(it->path()),
                         isStale(it->path())});
    };
    // Only --all removes them.
    auto never = [](StringRef) { return false; };
    list("staging", result.staging, [](StringRef path) {
      std::optional<int64_t> age = getAgeSeconds(path);
      return (age && *age > kStaleStagingSeconds) ||
             isStaleMarker(joinPath(path, kStagingOwnerFile),
                           kStaleStagingSeconds);
    });
    // Entries being deleted (discardEntry): left only by a killed clean.
    list("trash", result.trash, [](StringRef) { return true; });
    list("corrupt", result.corrupt, never);
    list("failures", result.failures, never);
    list("building", result.building, [&](StringRef path) {
      return isStaleMarker(path, markerStaleSeconds);
    });
    list("keys", result.keys, [&](StringRef path) {
      // A key whose entry is gone.
      auto signature = lookupRequest(cacheDir, sys::path::filename(path));
      return !signature ||
             !sys::fs::exists(getEntryDir(cacheDir, *signature));
    });
    return result;
  }

  uint64_t bytes() const {
    uint64_t total = 0;
    for (const auto *items :
         {&staging, &corrupt, &failures, &building, &keys, &trash})
      for (const Item &item : *items)
        total += item.bytes;
    return total;
  }

  static unsigned countStale(const std::vector<Item> &items) {
    return llvm::count_if(items, [](const Item &item) { return item.stale; });
  }

  void print(raw_ostream &os) const {
    os << "staging " << staging.size() << " (" << countStale(staging)
       << " stale), corrupt " << corrupt.size() << ", failures "
       << failures.size() << ", building " << building.size() << " ("
       << countStale(building) << " stale), keys " << keys.size()
       << ", trash " << trash.size() << ": "
       << format("%.1f KiB", bytes() / 1024.0) << "\n";
  }

  /// Removes what no live process needs: stale staging folders and build
  /// markers, keys of removed entries; with `all`, the moved-aside entries,
  /// the failure logs and every key too.
  unsigned clean(bool all, bool dryRun) const {
    unsigned removed = 0;
    auto remove = [&](const std::vector<Item> &items, bool everything) {
      for (const Item &item : items) {
        if (!everything && !item.stale)
          continue;
        ++removed;
        if (dryRun)
          continue;
        if (sys::fs::is_directory(item.path))
          removeTree(item.path);
        else
          (void)sys::fs::remove(item.path);
      }
    };
    remove(staging, false);
    remove(building, false);
    remove(trash, false);
    remove(keys, all);
    remove(corrupt, all);
    remove(failures, all);
    return removed;
  }
};

int show(const CacheConfig &config) {
  const std::string &dir = config.directory;
  std::vector<Entry> entries = listEntries(dir, /*verify=*/false);
  uint64_t total = 0;
  for (const Entry &entry : entries) {
    total += entry.bytes;
    outs() << entry.signature.substr(0, 16) << "  "
           << format("%8.1f KiB", entry.bytes / 1024.0) << "  ";
    if (!entry.meta) {
      outs() << "unreadable: " << entry.problem << "\n";
      continue;
    }
    std::vector<std::string> names;
    for (const auto &kernel : entry.meta->kernels)
      names.push_back(kernel.name);
    outs() << formatDate(entry.created) << "  " << join(names, ", ") << "\n";
  }
  outs() << entries.size() << " entries, " << format("%.1f KiB", total / 1024.0)
         << " in " << dir << "\n";
  Housekeeping::scan(dir, config.waitSeconds).print(outs());
  return 0;
}

int clean(const CacheConfig &config) {
  const std::string &dir = config.directory;
  bool all = cleanAll, staleOnly = cleanStale, dryRun = dryRunOption;
  std::optional<double> olderThanDays, maxSizeMB;
  if (olderThan.getNumOccurrences())
    olderThanDays = olderThan;
  if (maxSize.getNumOccurrences())
    maxSizeMB = maxSize;
  if (!all && !olderThanDays && !maxSizeMB && !staleOnly) {
    errs() << "ps-cache clean: say --all, --stale, --older-than DAYS or "
              "--max-size MB\n";
    return 2;
  }
  std::vector<Entry> entries = listEntries(dir, /*verify=*/false);
  uint64_t total = 0;
  for (const Entry &entry : entries)
    total += entry.bytes;
  int64_t now = std::time(nullptr);
  unsigned removed = 0;
  for (const Entry &entry : staleOnly ? std::vector<Entry>() : entries) {
    bool remove = all;
    if (olderThanDays && now - entry.created > *olderThanDays * 86400)
      remove = true;
    if (maxSizeMB && total > *maxSizeMB * 1024 * 1024)
      remove = true; // oldest first, until the cache fits
    if (!remove)
      continue;
    outs() << (dryRun ? "would remove " : "removing ") << entry.signature
           << "\n";
    total -= entry.bytes;
    ++removed;
    if (!dryRun)
      discardEntry(dir, entry.dir);
  }
  outs() << removed << " entries " << (dryRun ? "would be " : "")
         << "removed\n";
  // After the entries, so that keys of removed entries are found stale.
  unsigned others =
      Housekeeping::scan(dir, config.waitSeconds).clean(all, dryRun);
  outs() << others << " other files and folders " << (dryRun ? "would be " : "")
         << "removed\n";
  return 0;
}

int grep(const std::string &dir, StringRef pattern) {
  Regex regex(pattern);
  std::string regexError;
  if (!regex.isValid(regexError)) {
    errs() << "ps-cache grep: bad regular expression '" << pattern
           << "': " << regexError << "\n";
    return 2;
  }
  unsigned matches = 0;
  for (const Entry &entry : listEntries(dir, /*verify=*/false)) {
    if (!entry.meta)
      continue;
    Expected<std::string> ir = readStoredIR(entry.dir, *entry.meta);
    if (!ir) {
      errs() << entry.signature << ": " << toString(ir.takeError()) << "\n";
      continue;
    }
    SmallVector<StringRef> lines;
    StringRef(*ir).split(lines, '\n');
    for (auto [number, line] : enumerate(lines))
      if (regex.match(line)) {
        outs() << entry.signature.substr(0, 16) << ":" << number + 1 << ": "
               << line << "\n";
        ++matches;
      }
  }
  return matches ? 0 : 1;
}

int checkout(const std::string &dir, StringRef prefix, StringRef dest) {
  std::vector<Entry> found;
  for (Entry &entry : listEntries(dir, /*verify=*/false))
    if (StringRef(entry.signature).starts_with(prefix))
      found.push_back(std::move(entry));
  if (found.size() != 1) {
    errs() << "ps-cache checkout: " << found.size() << " entries start with '"
           << prefix << "'\n";
    return 1;
  }
  if (std::error_code ec = sys::fs::create_directories(dest)) {
    errs() << "ps-cache checkout: cannot create " << dest << ": "
           << ec.message() << "\n";
    return 1;
  }
  std::error_code ec;
  for (sys::fs::directory_iterator it(found[0].dir, ec), end; it != end && !ec;
       it.increment(ec)) {
    SmallString<128> target(dest);
    sys::path::append(target, sys::path::filename(it->path()));
    if (std::error_code copyError = sys::fs::copy_file(it->path(), target)) {
      errs() << "ps-cache checkout: " << copyError.message() << "\n";
      return 1;
    }
    outs() << target << "\n";
  }
  return 0;
}

int verifyAll(const std::string &dir) {
  unsigned bad = 0, count = 0;
  for (const Entry &entry : listEntries(dir, /*verify=*/true)) {
    ++count;
    if (entry.meta)
      continue;
    ++bad;
    outs() << entry.signature << ": " << entry.problem << "\n";
  }
  outs() << count << " entries, " << bad << " corrupt\n";
  return bad ? 1 : 0;
}

} // namespace

/// `ps-cache --dir X show` as well as `ps-cache show --dir X`: llvm::cl
/// finds a subcommand only in the first argument, so the first argument
/// that names one is moved there.
static std::vector<char *> commandFirst(int argc, char **argv) {
  std::vector<char *> args(argv, argv + argc);
  for (auto it = args.begin() + 1; it != args.end(); ++it) {
    StringRef arg = *it;
    bool isCommand = llvm::any_of(
        cl::getRegisteredSubcommands(), [&](cl::SubCommand *command) {
          return !command->getName().empty() && command->getName() == arg;
        });
    if (isCommand) {
      std::rotate(args.begin() + 1, it, it + 1);
      break;
    }
    if (arg == "--dir" || arg == "-dir")
      if (it + 1 != args.end())
        ++it; // its value is no command
  }
  return args;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  std::vector<char *> args = commandFirst(argc, argv);
  // LLVM's own options stay accepted, under --help-hidden.
  cl::HideUnrelatedOptions(cacheCategory);
  cl::ParseCommandLineOptions(
      args.size(), args.data(),
      "ps-cache: inspect and maintain the kernel cache (docs/Cache.md)\n");

  if (versionCommand) {
    outs() << "ps-cache " << getProjectVersion() << ", LLVM "
           << LLVM_VERSION_STRING << ", cache entry format " << kEntryFormat
           << "\n";
    return 0;
  }
  bool anyCommand = showCommand || cleanCommand || grepCommand ||
                    checkoutCommand || verifyCommand || configCommand;
  if (!anyCommand) {
    errs() << "ps-cache: give a command: show, clean, grep, checkout, verify, "
              "config or version (ps-cache --help)\n";
    return 2;
  }
  Expected<CacheConfig> config = CacheConfig::load();
  if (!config) {
    errs() << "ps-cache: " << toString(config.takeError()) << "\n";
    return 1;
  }
  if (dirOption.getNumOccurrences()) {
    config->directory = dirOption;
    config->directorySource = "--dir";
    config->makeDirectoryAbsolute();
  }
  const std::string &dir = config->directory;
  if (configCommand) {
    outs() << config->describe();
    return 0;
  }
  if (showCommand)
    return show(*config);
  if (cleanCommand)
    return clean(*config);
  if (grepCommand)
    return grep(dir, grepPattern);
  if (checkoutCommand)
    return checkout(dir, checkoutSignature, checkoutDestination);
  return verifyAll(dir);
}
