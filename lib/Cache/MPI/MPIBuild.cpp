//===- MPIBuild.cpp - One build serves all ranks --------------------------===//

#include "Stencil/Cache/MPIBuild.h"
#include "Stencil/Cache/CacheEntry.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <random>

using namespace mlir::ps;
using namespace mlir::ps::cache;
using namespace mlir::ps::runtime;

std::optional<MPIStrategy>
mlir::ps::cache::parseMPIStrategy(llvm::StringRef name) {
  if (name == "process")
    return MPIStrategy::Process;
  if (name == "folder")
    return MPIStrategy::Folder;
  if (name == "root")
    return MPIStrategy::Root;
  return std::nullopt;
}

llvm::Expected<std::vector<int>>
mlir::ps::cache::findFolderSharers(const KernelCache &cache, MPI_Comm comm) {
  int rank, size;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  // A token for this call, the same on every rank.
  uint64_t token = 0;
  if (rank == 0)
    token = std::random_device()() * uint64_t(1000003) + std::random_device()();
  MPI_Bcast(&token, 1, MPI_UINT64_T, 0, comm);

  llvm::SmallString<128> markers(cache.getConfig().directory);
  llvm::sys::path::append(markers, "ranks", std::to_string(token));
  std::error_code ec = llvm::sys::fs::create_directories(markers);
  llvm::SmallString<128> mine(markers);
  llvm::sys::path::append(mine, std::to_string(rank));
  if (!ec) {
    llvm::raw_fd_ostream out(mine, ec, llvm::sys::fs::OF_None);
  }
  int ok = ec ? 0 : 1, allOk = 0;
  MPI_Allreduce(&ok, &allOk, 1, MPI_INT, MPI_MIN, comm);
  if (!allOk) {
    (void)llvm::sys::fs::remove(mine);
    return llvm::createStringError(
        ec ? ec : std::make_error_code(std::errc::io_error),
        "a rank cannot write to its cache folder");
  }
  MPI_Barrier(comm);
  std::vector<int> sharers;
  for (llvm::sys::fs::directory_iterator it(markers, ec), end; it != end && !ec;
       it.increment(ec)) {
    int other;
    if (!llvm::StringRef(llvm::sys::path::filename(it->path()))
             .getAsInteger(10, other) &&
        other >= 0 && other < size)
      sharers.push_back(other);
  }
  llvm::sort(sharers);
  MPI_Barrier(comm);
  (void)llvm::sys::fs::remove(mine);
  if (sharers.front() == rank)
    (void)llvm::sys::fs::remove_directories(markers, true);
  return sharers;
}

namespace {

/// Sends a string to `dest` / receives one from `source`.
void sendString(const std::string &text, int dest, int tag, MPI_Comm comm) {
  uint64_t length = text.size();
  MPI_Send(&length, 1, MPI_UINT64_T, dest, tag, comm);
  MPI_Send(text.data(), int(length), MPI_CHAR, dest, tag, comm);
}

std::string receiveString(int source, int tag, MPI_Comm comm) {
  uint64_t length = 0;
  MPI_Recv(&length, 1, MPI_UINT64_T, source, tag, comm, MPI_STATUS_IGNORE);
  std::string text(length, '\0');
  MPI_Recv(text.data(), int(length), MPI_CHAR, source, tag, comm,
           MPI_STATUS_IGNORE);
  return text;
}

/// Every rank learns whether all succeeded.
bool allSucceeded(bool ok, MPI_Comm comm) {
  int mine = ok ? 1 : 0, all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, comm);
  return all == 1;
}

llvm::Error collectiveFailure(const char *what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "%s failed on another rank", what);
}

} // namespace

llvm::Expected<std::shared_ptr<KernelModule>>
mlir::ps::cache::getWithMPI(KernelCache &cache, MPI_Comm comm,
                            llvm::StringRef source, MPIStrategy strategy,
                            const CacheOptions &options, Outcome *outcome) {
  if (strategy == MPIStrategy::Process)
    return cache.get(source, options, outcome);
  int rank;
  MPI_Comm_rank(comm, &rank);
  auto sharers = findFolderSharers(cache, comm);
  if (!sharers)
    return sharers.takeError();
  bool leader = sharers->front() == rank;

  if (strategy == MPIStrategy::Folder) {
    // The leader of each folder builds; the others wait and load.
    llvm::Expected<std::shared_ptr<KernelModule>> built = nullptr;
    if (leader)
      built = cache.get(source, options, outcome);
    bool ok = leader ? bool(built) : true;
    if (!allSucceeded(ok, comm)) {
      if (!built)
        return built.takeError();
      return collectiveFailure("the build");
    }
    if (leader)
      return built;
    return cache.get(source, options, outcome);
  }

  // Root: rank 0 builds and sends the entry's files to every other leader.
  int size;
  MPI_Comm_size(comm, &size);
  std::vector<int> leaders(size, 0);
  int isLeader = leader ? 1 : 0;
  MPI_Allgather(&isLeader, 1, MPI_INT, leaders.data(), 1, MPI_INT, comm);
  constexpr int tag = 4711;
  llvm::Expected<std::shared_ptr<KernelModule>> built = nullptr;
  std::string signature;
  EntryFiles files;
  bool ok = true;
  std::string problem;
  if (rank == 0) {
    built = cache.get(source, options, outcome);
    ok = bool(built);
    if (ok) {
      auto sig = cache.getSignature(source, options);
      auto read =
          sig ? readEntryFiles(getEntryDir(cache.getConfig().directory, *sig))
              : llvm::Expected<EntryFiles>(sig.takeError());
      if (read) {
        signature = *sig;
        files = std::move(*read);
      } else {
        ok = false;
        problem = llvm::toString(read.takeError());
      }
    }
  }
  if (!allSucceeded(ok, comm)) {
    if (rank == 0 && !built)
      return built.takeError();
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "the root build failed%s%s",
        problem.empty() ? "" : ": ", problem.c_str());
  }
  if (rank == 0) {
    for (int dest = 1; dest < size; ++dest) {
      if (!leaders[dest] || llvm::is_contained(*sharers, dest))
        continue;
      sendString(signature, dest, tag, comm);
      uint64_t count = files.size();
      MPI_Send(&count, 1, MPI_UINT64_T, dest, tag, comm);
      for (const auto &[name, contents] : files) {
        sendString(name, dest, tag, comm);
        sendString(contents, dest, tag, comm);
      }
    }
  } else if (leader && !llvm::is_contained(*sharers, 0)) {
    signature = receiveString(0, tag, comm);
    uint64_t count = 0;
    MPI_Recv(&count, 1, MPI_UINT64_T, 0, tag, comm, MPI_STATUS_IGNORE);
    for (uint64_t i = 0; i < count; ++i) {
      std::string name = receiveString(0, tag, comm);
      files.emplace_back(name, receiveString(0, tag, comm));
    }
    if (llvm::Error error =
            installEntry(cache.getConfig().directory, signature, files)) {
      ok = false;
      problem = llvm::toString(std::move(error));
    }
  }
  if (!allSucceeded(ok, comm))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "installing the entry failed%s%s",
        problem.empty() ? "" : ": ", problem.c_str());
  if (rank == 0)
    return built;
  return cache.get(source, options, outcome);
}
