//===- DistributedWorker.cpp - A kernel on blocks against one block -------===//
//
//   mpirun -np N ps-distributed-worker KERNEL.mlir NAME STEPS periodic|fixed
//       SWAP_A SWAP_B [--grid AxB[xC]] [--shape X[xY[xZ]]] [--scalar n=v]
//       [--faces-only 1] [--overlap 1] [--field-ghost G]
//       [--print-directions 1] [--tune-blocks 1]
//
// Runs STEPS steps of kernel NAME on the blocks of a decomposition of the
// global domain (exchanging SWAP_A's ghost layers, then swapping SWAP_A and
// SWAP_B), gathers every field on rank 0 and compares it, bit for bit, with
// the same steps on one global block run by the JIT, whose ghost layers are
// filled by wrapping (periodic) or kept (fixed): an implementation that
// shares nothing with the exchange. Prints one line on rank 0; errors on
// every rank that meets them. With --tune-blocks 1, the kernel is tuned on the
// blocks first (DistributedKernel::tune) and rank 0 also prints whether
// every rank runs one variant and whether every rank took its choice from
// an earlier run's record.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Compiler/JitModule.h"
#include "Stencil/Distributed/DistributedKernel.h"
#include "Stencil/Runtime/Elements.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir::ps;
using namespace mlir::ps::distributed;

namespace {

/// The initial value of field number `field` at a global point: exactly
/// representable, different per field, point and component.
double initialValue(int field, llvm::ArrayRef<int64_t> point,
                    llvm::ArrayRef<int64_t> component) {
  int64_t hash = 3 * field;
  const int64_t weights[] = {7, 13, 17};
  for (size_t d = 0; d < point.size(); ++d)
    hash += weights[d] * point[d];
  for (int64_t c : component)
    hash = hash * 5 + c;
  return double(((hash % 23) + 23) % 23 - 11) / 8.0;
}

std::vector<int64_t> parseExtents(llvm::StringRef text) {
  llvm::SmallVector<llvm::StringRef> parts;
  text.split(parts, 'x');
  std::vector<int64_t> extents;
  for (llvm::StringRef part : parts)
    extents.push_back(std::stoll(part.str()));
  return extents;
}

/// One global block with ghost layers, as the single-block reference.
struct GlobalField {
  const runtime::ParameterInfo *param;
  std::vector<int64_t> shape, strides;
  std::vector<uint8_t> storage;
  uint8_t *data = nullptr; // 64-byte aligned in storage

  int64_t offsetOf(llvm::ArrayRef<int64_t> index) const {
    int64_t offset = 0;
    for (size_t d = 0; d < index.size(); ++d)
      offset += index[d] * strides[d];
    return offset;
  }
  double get(llvm::ArrayRef<int64_t> index) const {
    return runtime::readElement(data, offsetOf(index), param->type);
  }
  void set(llvm::ArrayRef<int64_t> index, double value) {
    runtime::writeElement(data, offsetOf(index), param->type, value);
  }
};

GlobalField makeGlobal(const runtime::ParameterInfo &param, int number,
                       const std::vector<int64_t> &interior, int64_t g,
                       const std::vector<bool> &periodic) {
  GlobalField field{&param, {}, {}, {}, nullptr};
  unsigned rank = param.spatialRank;
  for (unsigned d = 0; d < rank; ++d)
    field.shape.push_back(interior[d] + 2 * g);
  for (size_t d = rank; d < param.shape.size(); ++d)
    field.shape.push_back(param.shape[d]);
  field.strides = getDenseStrides(field.shape, param.memoryOrder);
  int64_t count = 1;
  for (int64_t e : field.shape)
    count *= e;
  field.storage.resize(count * runtime::getByteSize(param.type) + 64);
  uintptr_t address = reinterpret_cast<uintptr_t>(field.storage.data());
  field.data = field.storage.data() + (64 - address % 64) % 64;
  std::vector<int64_t> point(rank);
  forEachIndex(field.shape, [&](llvm::ArrayRef<int64_t> index) {
    for (unsigned d = 0; d < rank; ++d) {
      point[d] = index[d] - g;
      if (periodic[d])
        point[d] = ((point[d] % interior[d]) + interior[d]) % interior[d];
    }
    field.set(index, initialValue(number, point, index.drop_front(rank)));
  });
  return field;
}

/// Periodic ghost layers by wrapping every coordinate into the interior.
void wrapGhostLayers(GlobalField &field, const std::vector<int64_t> &interior,
                     int64_t g, const std::vector<bool> &periodic) {
  unsigned rank = field.param->spatialRank;
  std::vector<int64_t> source;
  forEachIndex(field.shape, [&](llvm::ArrayRef<int64_t> index) {
    source.assign(index.begin(), index.end());
    bool moved = false;
    for (unsigned d = 0; d < rank; ++d)
      if (periodic[d] && (index[d] < g || index[d] >= interior[d] + g)) {
        source[d] =
            ((index[d] - g) % interior[d] + interior[d]) % interior[d] + g;
        moved = true;
      }
    if (moved)
      field.set(index, field.get(source));
  });
}

/// The interior of a global field, dense in its memory order (as gathered).
std::vector<double> interiorOf(const GlobalField &field,
                               const std::vector<int64_t> &interior,
                               int64_t g) {
  unsigned rank = field.param->spatialRank;
  std::vector<int64_t> shape = interior;
  for (size_t d = rank; d < field.shape.size(); ++d)
    shape.push_back(field.shape[d]);
  std::vector<int64_t> dense = getDenseStrides(shape, field.param->memoryOrder);
  int64_t count = 1;
  for (int64_t e : shape)
    count *= e;
  std::vector<double> result(count);
  std::vector<int64_t> at;
  forEachIndex(shape, [&](llvm::ArrayRef<int64_t> index) {
    at.assign(index.begin(), index.end());
    int64_t to = 0;
    for (size_t d = 0; d < index.size(); ++d) {
      if (d < rank)
        at[d] += g;
      to += index[d] * dense[d];
    }
    result[to] = field.get(at);
  });
  return result;
}

/// One write per line: the ranks share stderr, and a line written in
/// pieces (llvm::errs() is unbuffered) would interleave with the others'.
int fail(int rank, const llvm::Twine &message) {
  std::string line =
      ("rank " + llvm::Twine(rank) + ": " + message + "\n").str();
  llvm::errs().write(line.data(), line.size());
  return 1;
}

/// On rank 0, whether every rank runs rank 0's choice (its stated choice is
/// rank 0's, and its module is the cache's module for those options) and
/// took it from a record.
std::string describeTuning(const tuner::TuningResult &tuned,
                           llvm::StringRef source, MPI_Comm comm) {
  std::string root = tuned.choice.options;
  unsigned long long size = root.size();
  MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, 0, comm);
  root.resize(size);
  MPI_Bcast(root.data(), int(size), MPI_CHAR, 0, comm);
  cache::CacheOptions options;
  bool same =
      tuned.choice.options == root && succeeded(options.parseFromString(root));
  if (same) {
    auto module = cache::KernelCache::global().get(source, options);
    same = module && module->get() == tuned.module.get();
    if (!module)
      llvm::consumeError(module.takeError());
  }
  int local[2] = {same ? 1 : 0, tuned.fromRecord ? 1 : 0}, all[2] = {0, 0};
  MPI_Reduce(local, all, 2, MPI_INT, MPI_MIN, 0, comm);
  return std::string("tuned: ") +
         (all[0] ? "every rank runs rank 0's choice"
                 : "ranks run DIFFERENT variants") +
         (all[1] ? ", every rank from a record\n" : ", timed\n");
}

} // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int me;
  MPI_Comm_rank(MPI_COMM_WORLD, &me);
  auto finish = [&](int status) {
    MPI_Finalize();
    return status;
  };
  if (argc < 7)
    return finish(fail(me, "usage: ps-distributed-worker KERNEL.mlir NAME "
                           "STEPS periodic|fixed SWAP_A SWAP_B [options]"));
  std::string file = argv[1], name = argv[2], swapA = argv[5], swapB = argv[6];
  int steps = std::atoi(argv[3]);
  bool isPeriodic = std::strcmp(argv[4], "periodic") == 0;
  std::vector<int> grid;
  std::vector<int64_t> globalShape;
  std::map<std::string, double> scalars;
  int64_t fieldGhost = -1;
  bool facesOnly = false, overlap = false, printDirections = false,
       tune = false;
  for (int i = 7; i + 1 < argc; i += 2) {
    llvm::StringRef option = argv[i], value = argv[i + 1];
    if (option == "--grid")
      for (int64_t e : parseExtents(value))
        grid.push_back(e);
    else if (option == "--shape")
      globalShape = parseExtents(value);
    else if (option == "--scalar")
      scalars[value.split('=').first.str()] =
          std::stod(value.split('=').second.str());
    else if (option == "--field-ghost")
      fieldGhost = std::stoll(value.str());
    else if (option == "--faces-only")
      facesOnly = value == "1";
    else if (option == "--overlap")
      overlap = value == "1";
    else if (option == "--print-directions")
      printDirections = value == "1";
    else if (option == "--tune-blocks")
      tune = value == "1";
  }
  auto buffer = llvm::MemoryBuffer::getFile(file);
  if (!buffer)
    return finish(fail(me, "cannot read " + file));
  std::string source = (*buffer)->getBuffer().str();

  if (globalShape.empty())
    globalShape = {13, 11, 7};
  auto probe = runtime::JitModule::compile(source);
  if (!probe)
    return finish(fail(me, llvm::toString(probe.takeError())));
  const runtime::Kernel *reference = (*probe)->lookup(name);
  if (!reference)
    return finish(fail(me, "no kernel " + name));
  unsigned rank = 0;
  for (const auto &param : reference->getInfo().parameters)
    if (param.isField)
      rank = param.spatialRank;
  globalShape.resize(rank);
  std::vector<bool> periodic(rank, isPeriodic);

  auto decomposition =
      Decomposition::create(MPI_COMM_WORLD, globalShape, periodic, grid);
  if (!decomposition)
    return finish(fail(me, llvm::toString(decomposition.takeError())));
  auto kernel = DistributedKernel::compile(*decomposition, source, name);
  if (!kernel)
    return finish(fail(me, llvm::toString(kernel.takeError())));
  int64_t g = (*kernel)->getGhostLayers();
  if (printDirections && me == 0) {
    auto reads = getGhostReads(source, name);
    if (!reads)
      return finish(fail(me, llvm::toString(reads.takeError())));
    for (const auto &[fieldName, list] : *reads) {
      size_t components = 0;
      for (const GhostRead &read : list)
        components += std::max<size_t>(read.components.size(), 1);
      llvm::outs() << fieldName << " reads " << list.size()
                   << " ghost directions, " << components
                   << " direction-components\n";
    }
  }
  (*kernel)->setFacesOnly(facesOnly);
  (*kernel)->setOverlap(overlap);

  // This rank's blocks, filled; the same values on one global block.
  std::map<std::string, std::unique_ptr<DistributedField>> owned;
  std::map<std::string, GlobalField> global;
  int number = 0;
  for (const auto &param : (*kernel)->getInfo().parameters) {
    if (!param.isField)
      continue;
    auto field = fieldGhost >= 0
        ? [&]() -> llvm::Expected<std::unique_ptr<DistributedField>> {
      auto f = DistributedField::create(*decomposition, param, fieldGhost);
      if (!f)
        return f.takeError();
      return std::make_unique<DistributedField>(std::move(*f));
    }()
        : (*kernel)->createField(param.name);
    if (!field)
      return finish(fail(me, llvm::toString(field.takeError())));
    int n = number++;
    (*field)->fill([n](llvm::ArrayRef<int64_t> p, llvm::ArrayRef<int64_t> c) {
      return initialValue(n, p, c);
    });
    owned[param.name] = std::move(*field);
    global[param.name] = makeGlobal(param, n, globalShape, g, periodic);
  }
  if (!owned.count(swapA) || !owned.count(swapB))
    return finish(fail(me, "no fields " + swapA + " and " + swapB));

  if (tune) {
    std::map<std::string, DistributedField *> fields;
    for (auto &[fieldName, field] : owned)
      fields[fieldName] = field.get();
    auto tuned = (*kernel)->tune(fields, scalars);
    if (!tuned)
      return finish(fail(me, llvm::toString(tuned.takeError())));
    if (std::string line = describeTuning(*tuned, source, MPI_COMM_WORLD);
        me == 0)
      llvm::outs() << line;
  }
  for (int s = 0; s < steps; ++s) {
    std::map<std::string, DistributedField *> fields;
    for (auto &[fieldName, field] : owned)
      fields[fieldName] = field.get();
    if (llvm::Error error = (*kernel)->step(fields, scalars, {swapA}))
      return finish(fail(me, llvm::toString(std::move(error))));
    std::swap(owned[swapA], owned[swapB]);
  }
  std::map<std::string, std::vector<double>> gathered;
  for (auto &[fieldName, field] : owned)
    gathered[fieldName] = field->gather(0);

  if (me == 0) {
    for (int s = 0; s < steps; ++s) {
      wrapGhostLayers(global[swapA], globalShape, g, periodic);
      runtime::ArgumentList args;
      for (auto &[fieldName, field] : global)
        args.field(fieldName, runtime::BufferView{field.data, field.param->type,
                                                  field.shape, field.strides});
      for (const auto &[scalarName, value] : scalars)
        args.scalar(scalarName, value);
      if (llvm::Error error = (*reference)(args))
        return finish(fail(me, llvm::toString(std::move(error))));
      std::swap(global[swapA], global[swapB]);
    }
    std::vector<std::string> different;
    for (auto &[fieldName, field] : global)
      if (interiorOf(field, globalShape, g) != gathered[fieldName])
        different.push_back(fieldName);
    const auto &pg = decomposition->getProcessGrid();
    llvm::outs() << name << " on " << decomposition->getProcessCount()
                 << " ranks ("
                 << llvm::join(llvm::map_range(
                                   pg, [](int r) { return std::to_string(r); }),
                               "x")
                 << "), " << (isPeriodic ? "periodic" : "fixed") << ", "
                 << steps << " steps"
                 << (overlap && (*kernel)->canOverlap() ? ", overlapped" : "")
                 << ": "
                 << (different.empty()
                         ? std::string("identical to one block")
                         : "DIFFERENT in " + llvm::join(different, ", "))
                 << "\n";
    return finish(different.empty() ? 0 : 1);
  }
  return finish(0);
}
