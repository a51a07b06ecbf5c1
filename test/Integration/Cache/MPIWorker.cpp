//===- MPIWorker.cpp - Ranks sharing kernel caches through MPI ------------===//
//
//   mpirun -np 4 ps-cache-mpi-worker BASE STRATEGY FOLDERS KERNEL.mlir...
//
// Rank r uses the cache folder BASE/folder<r % FOLDERS>, as if the ranks ran
// on FOLDERS nodes. Each module is got with the MPI build STRATEGY (process,
// folder, root) and every kernel's results are compared with the in-memory
// JIT. Prints "rank R: FILE: OUTCOME, results identical" per module.
//
//===----------------------------------------------------------------------===//

#include "../RunAll.h"

#include "Stencil/Cache/MPIBuild.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

using namespace mlir::ps;

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  std::optional<cache::MPIStrategy> strategy =
      argc >= 5 ? cache::parseMPIStrategy(argv[2]) : std::nullopt;
  if (!strategy) {
    std::fprintf(stderr, "usage: ps-cache-mpi-worker BASE process|folder|root "
                         "FOLDERS KERNEL.mlir...\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  int folders = std::max(1, std::atoi(argv[3]));
  std::string dir =
      std::string(argv[1]) + "/folder" + std::to_string(rank % folders);
  cache::KernelCache kernelCache(cache::CacheConfig::inDirectory(dir));
  int status = 0;
  for (int i = 4; i < argc; ++i) {
    auto buffer = llvm::MemoryBuffer::getFile(argv[i]);
    if (!buffer)
      MPI_Abort(MPI_COMM_WORLD, 1);
    llvm::StringRef source = (*buffer)->getBuffer();
    cache::Outcome outcome;
    auto module = cache::getWithMPI(kernelCache, MPI_COMM_WORLD, source,
                                    *strategy, {}, &outcome);
    auto reference = runtime::JitModule::compile(source);
    if (!module || !reference) {
      llvm::errs() << "rank " << rank << ": "
                   << (module ? llvm::toString(reference.takeError())
                              : llvm::toString(module.takeError()))
                   << "\n";
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    std::string error;
    std::vector<std::string> names = (*reference)->getKernelNames();
    bool same = ps_test::runAll(**module, names, error) ==
                    ps_test::runAll(**reference, names, error) &&
                error.empty();
    std::printf("rank %d: %s: %s, %s\n", rank,
                llvm::sys::path::filename(argv[i]).str().c_str(),
                cache::toString(outcome),
                same ? "results identical" : "RESULTS DIFFER");
    std::fflush(stdout);
    status |= !same;
  }
  int all = 0;
  MPI_Allreduce(&status, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  MPI_Finalize();
  return all;
}
