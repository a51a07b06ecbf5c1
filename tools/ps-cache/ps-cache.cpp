//===- ps-cache.cpp - Inspect and maintain the kernel cache ---------------===//
//
//   ps-cache show                         entries: size, date, kernels
//   ps-cache clean [--all] [--older-than DAYS] [--max-size MB] [--dry-run]
//   ps-cache grep PATTERN                 search the stored IR
//   ps-cache checkout SIGNATURE DEST      copy an entry's files out
//   ps-cache verify                       check every entry's integrity
//   ps-cache config                       the effective configuration
//   ps-cache version
//
// The cache folder comes from the configuration (see CacheConfig.h) or
// --dir.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Cache/CacheEntry.h"
#include "Stencil/Cache/Signature.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <ctime>

using namespace llvm;
using namespace mlir::ps::cache;

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

int usage() {
  errs() << "usage: ps-cache [--dir DIR] "
            "show|clean|grep|checkout|verify|config|version ...\n"
            "  clean [--all] [--older-than DAYS] [--max-size MB] [--dry-run]\n"
            "  grep PATTERN\n  checkout SIGNATURE DEST\n";
  return 2;
}

int show(const std::string &dir) {
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
  return 0;
}

int clean(const std::string &dir, ArrayRef<std::string> args) {
  bool all = false, dryRun = false;
  std::optional<double> olderThanDays, maxSizeMB;
  for (size_t i = 0; i < args.size(); ++i) {
    double value;
    if (args[i] == "--all")
      all = true;
    else if (args[i] == "--dry-run")
      dryRun = true;
    else if (args[i] == "--older-than" && i + 1 < args.size() &&
             !StringRef(args[i + 1]).getAsDouble(value))
      olderThanDays = value, ++i;
    else if (args[i] == "--max-size" && i + 1 < args.size() &&
             !StringRef(args[i + 1]).getAsDouble(value))
      maxSizeMB = value, ++i;
    else
      return usage();
  }
  if (!all && !olderThanDays && !maxSizeMB) {
    errs() << "ps-cache clean: say --all, --older-than DAYS or --max-size MB\n";
    return 2;
  }
  std::vector<Entry> entries = listEntries(dir, /*verify=*/false);
  uint64_t total = 0;
  for (const Entry &entry : entries)
    total += entry.bytes;
  int64_t now = std::time(nullptr);
  unsigned removed = 0;
  for (const Entry &entry : entries) {
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
      removeTree(entry.dir);
  }
  outs() << removed << " entries " << (dryRun ? "would be " : "")
         << "removed\n";
  return 0;
}

int grep(const std::string &dir, StringRef pattern) {
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
      if (line.contains(pattern)) {
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

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::optional<std::string> dirOverride;
  if (args.size() >= 2 && args[0] == "--dir") {
    dirOverride = args[1];
    args.erase(args.begin(), args.begin() + 2);
  }
  if (args.empty())
    return usage();
  std::string command = args[0];
  args.erase(args.begin());

  if (command == "version") {
    outs() << "ps-cache " << getProjectVersion() << ", LLVM "
           << LLVM_VERSION_STRING << ", cache entry format " << kEntryFormat
           << "\n";
    return 0;
  }
  Expected<CacheConfig> config = CacheConfig::load();
  if (!config) {
    errs() << "ps-cache: " << toString(config.takeError()) << "\n";
    return 1;
  }
  if (dirOverride) {
    config->directory = *dirOverride;
    config->directorySource = "--dir";
  }
  const std::string &dir = config->directory;
  if (command == "config") {
    outs() << config->describe();
    return 0;
  }
  if (command == "show" && args.empty())
    return show(dir);
  if (command == "clean")
    return clean(dir, args);
  if (command == "grep" && args.size() == 1)
    return grep(dir, args[0]);
  if (command == "checkout" && args.size() == 2)
    return checkout(dir, args[0], args[1]);
  if (command == "verify" && args.empty())
    return verifyAll(dir);
  return usage();
}
