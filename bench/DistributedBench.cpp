//===- DistributedBench.cpp - Exchange and step times on MPI ranks --------===//
//
//   mpirun -np N distributed-bench [--rounds R] [--size S] [--tuned 1]
//
// Weak scaling on this machine: each rank owns S^3 points of the 3D heat
// kernel (docs/examples/heat3d.mlir, one ghost layer, faces, edges and
// corners exchanged) and S^3 points times 19 populations of D3Q19
// streaming; per round, the time of the exchange and of the whole step
// (exchange and update) and of the step with the exchange overlapped with
// the inner points, the slowest rank's, medians over R rounds. With
// N = 1 and periodic boundaries the exchange is a copy within the rank: the
// single-block figure the others compare with. With --tuned 1, a second
// copy of each kernel is tuned on the blocks (DistributedKernel::tune) and
// its step is timed in the same rounds, beside the default's.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Distributed/DistributedKernel.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>

using namespace mlir::ps;
using namespace mlir::ps::distributed;

static double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

struct Case {
  const char *file, *kernel, *in, *out;
  std::map<std::string, double> scalars;
};

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rounds = 11, size = 96;
  bool tuned = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--rounds"))
      rounds = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--size"))
      size = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--tuned"))
      tuned = !std::strcmp(argv[i + 1], "1");
  }
  int count, me;
  MPI_Comm_size(MPI_COMM_WORLD, &count);
  MPI_Comm_rank(MPI_COMM_WORLD, &me);
  const Case cases[] = {
      {"heat3d.mlir", "heat3d", "u", "out", {{"alpha", 0.1}}},
      {"d3q19.mlir", "d3q19_stream", "src", "dst", {}},
  };
  std::vector<int> grid(3, 0);
  MPI_Dims_create(count, 3, grid.data());
  if (me == 0)
    llvm::outs() << "ranks " << count << " (" << grid[0] << "x" << grid[1]
                 << "x" << grid[2] << "), " << size << "^3 points per rank\n";
  for (const Case &c : cases) {
    auto buffer = llvm::MemoryBuffer::getFile(std::string(PS_SOURCE_DIR) +
                                              "/docs/examples/" + c.file);
    std::string source = (*buffer)->getBuffer().str();
    std::vector<int64_t> global = {int64_t(size) * grid[0],
                                   int64_t(size) * grid[1],
                                   int64_t(size) * grid[2]};
    auto decomposition = Decomposition::create(MPI_COMM_WORLD, global,
                                               {true, true, true}, grid);
    auto kernel = DistributedKernel::compile(*decomposition, source, c.kernel);
    if (!decomposition || !kernel) {
      llvm::errs() << "distributed-bench: setup failed\n";
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    std::map<std::string, std::unique_ptr<DistributedField>> fields;
    for (const auto &param : (*kernel)->getInfo().parameters)
      if (param.isField) {
        auto field = (*kernel)->createField(param.name);
        (*field)->fill([](llvm::ArrayRef<int64_t> p, llvm::ArrayRef<int64_t>) {
          return double(p[0] % 7);
        });
        fields[param.name] = std::move(*field);
      }
    std::map<std::string, DistributedField *> arguments;
    for (auto &[name, field] : fields)
      arguments[name] = field.get();
    // What the step exchanges: the directions and components it reads.
    auto reads = getGhostReads(source, c.kernel);
    auto exchange = GhostExchange::create(*fields[c.in], (*reads)[c.in]);
    // The same kernel, tuned on these blocks.
    std::unique_ptr<DistributedKernel> tunedKernel;
    std::string choice;
    if (tuned) {
      auto compiled =
          DistributedKernel::compile(*decomposition, source, c.kernel);
      auto result = compiled ? (*compiled)->tune(arguments, c.scalars)
                             : compiled.takeError();
      if (!result) {
        llvm::errs() << "distributed-bench: "
                     << llvm::toString(result.takeError()) << "\n";
        MPI_Abort(MPI_COMM_WORLD, 1);
      }
      choice = result->choice.name;
      tunedKernel = std::move(*compiled);
    }
    std::vector<double> exchangeTimes, stepTimes, overlappedTimes, tunedTimes;
    for (int r = 0; r < rounds + 2; ++r) {
      MPI_Barrier(MPI_COMM_WORLD);
      double start = MPI_Wtime();
      llvm::cantFail(exchange->exchange());
      double exchanged = MPI_Wtime() - start;
      MPI_Barrier(MPI_COMM_WORLD);
      start = MPI_Wtime();
      llvm::cantFail((*kernel)->step(arguments, c.scalars, {c.in}));
      double stepped = MPI_Wtime() - start;
      (*kernel)->setOverlap(true);
      MPI_Barrier(MPI_COMM_WORLD);
      start = MPI_Wtime();
      llvm::cantFail((*kernel)->step(arguments, c.scalars, {c.in}));
      double overlapped = MPI_Wtime() - start;
      (*kernel)->setOverlap(false);
      double tunedStep = 0;
      if (tunedKernel) {
        MPI_Barrier(MPI_COMM_WORLD);
        start = MPI_Wtime();
        llvm::cantFail(tunedKernel->step(arguments, c.scalars, {c.in}));
        tunedStep = MPI_Wtime() - start;
      }
      double slowest[4], mine[4] = {exchanged, stepped, overlapped, tunedStep};
      MPI_Allreduce(mine, slowest, 4, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
      if (r >= 2) { // two warm-up rounds
        exchangeTimes.push_back(slowest[0]);
        stepTimes.push_back(slowest[1]);
        overlappedTimes.push_back(slowest[2]);
        tunedTimes.push_back(slowest[3]);
      }
    }
    if (me == 0) {
      double e = median(exchangeTimes) * 1e3, s = median(stepTimes) * 1e3,
             o = median(overlappedTimes) * 1e3;
      double points = double(size) * size * size;
      llvm::outs() << llvm::format(
          "%-13s exchange %7.3f ms  step %7.3f ms  overlapped %7.3f ms  "
          "%6.1f MLUP/s per rank  exchange %4.1f%% of the step\n",
          c.kernel, e, s, o, points / (std::min(s, o) * 1e3), 100.0 * e / s);
      if (tunedKernel)
        llvm::outs() << llvm::format(
            "%-13s tuned: %s, step %7.3f ms, %.2fx the default's step\n",
            c.kernel, choice.c_str(), median(tunedTimes) * 1e3,
            median(stepTimes) / median(tunedTimes));
    }
  }
  MPI_Finalize();
  return 0;
}
