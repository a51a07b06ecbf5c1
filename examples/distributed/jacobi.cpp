//===- jacobi.cpp - 100 Jacobi sweeps on every rank's block ---------------===//
//
//   mpirun -np N build/bin/distributed-jacobi [docs/examples/jacobi2d.mlir]
//
// The program docs/Distributed.md shows: the 2D Jacobi kernel on a periodic
// 1024 x 1024 domain split over the ranks, then the sum of the result on
// rank 0 (the same for every number of ranks).
//
//===----------------------------------------------------------------------===//

#include "Stencil/Distributed/DistributedKernel.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <numeric>

using namespace mlir::ps::distributed;

int main(int argc, char **argv) {
  auto file = llvm::MemoryBuffer::getFile(
      argc > 1 ? argv[1] : PS_SOURCE_DIR "/docs/examples/jacobi2d.mlir");
  if (!file)
    return 1;
  std::string source = (*file)->getBuffer().str();

  MPI_Init(&argc, &argv);
  // 1024 x 1024 interior points, periodic in x and y, any number of ranks.
  auto decomposition = Decomposition::create(MPI_COMM_WORLD, {1024, 1024},
                                             /*periodic=*/{true, true});
  auto kernel = DistributedKernel::compile(*decomposition, source, "jacobi2d");
  auto src = (*kernel)->createField("src"), dst = (*kernel)->createField("dst");
  (*src)->fill([](llvm::ArrayRef<int64_t> point, llvm::ArrayRef<int64_t>) {
    return std::sin(0.01 * point[0]) * point[1]; // global coordinates
  });
  for (int step = 0; step < 100; ++step) {
    std::map<std::string, DistributedField *> fields = {{"src", src->get()},
                                                        {"dst", dst->get()}};
    if (llvm::Error error = (*kernel)->step(fields, /*scalars=*/{},
                                            /*exchange=*/{"src"})) {
      llvm::errs() << llvm::toString(std::move(error)) << "\n";
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    std::swap(*src, *dst);
  }
  std::vector<double> global = (*src)->gather(/*root=*/0); // on rank 0
  if (decomposition->getProcessRank() == 0)
    llvm::outs() << llvm::format(
        "%d ranks: sum %.12g\n", decomposition->getProcessCount(),
        std::accumulate(global.begin(), global.end(), 0.0));
  MPI_Finalize();
  return 0;
}
