//===- MPIBuild.h - One build serves all ranks ------------------*- C++ -*-===//
//
// The three build strategies of dijitso for runs on many nodes:
//   - Process: every rank gets the module through its cache itself;
//   - Folder:  one rank per physical cache folder builds (ranks find out
//              which of them share a folder), the others then load it;
//   - Root:    rank 0 builds and sends the entry to one rank per folder,
//              which installs it; then every rank loads it.
// Collective: every rank of the communicator must call with the same source.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CACHE_MPIBUILD_H
#define STENCIL_CACHE_MPIBUILD_H

#include "Stencil/Cache/KernelCache.h"

#include <mpi.h>

namespace mlir::ps::cache {

enum class MPIStrategy { Process, Folder, Root };

/// Parses "process", "folder" or "root".
std::optional<MPIStrategy> parseMPIStrategy(llvm::StringRef name);

/// The ranks of `comm` that see the same cache folder as this one, found by
/// writing and listing marker files (so it works on network file systems,
/// where folder identities differ between nodes). Sorted.
llvm::Expected<std::vector<int>> findFolderSharers(const KernelCache &cache,
                                                   MPI_Comm comm);

/// Gets the module with `strategy`; `outcome` says how this rank got it.
llvm::Expected<std::shared_ptr<runtime::KernelModule>>
getWithMPI(KernelCache &cache, MPI_Comm comm, llvm::StringRef source,
           MPIStrategy strategy, const CacheOptions &options = {},
           Outcome *outcome = nullptr);

} // namespace mlir::ps::cache

#endif // STENCIL_CACHE_MPIBUILD_H
