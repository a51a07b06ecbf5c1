//===- DistributedKernel.cpp - A kernel step on every rank's block --------===//

#include "Stencil/Distributed/DistributedKernel.h"

#include "Stencil/Compiler/NativeCode.h"
#include "Stencil/IR/PsOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::distributed;

static llvm::Error error(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 message.str().c_str());
}

llvm::Expected<int64_t>
mlir::ps::distributed::getKernelGhostLayers(llvm::StringRef source,
                                            llvm::StringRef name) {
  std::unique_ptr<MLIRContext> context = runtime::createCompilerContext();
  runtime::DiagnosticCollector diagnostics(*context);
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(source, context.get());
  if (!module)
    return diagnostics.error("parsing the kernel module");
  auto kernel = module->lookupSymbol<KernelOp>(name);
  if (!kernel)
    return error("the module has no kernel '" + name + "'");
  std::optional<int64_t> width;
  WalkResult walk = kernel.walk([&](Operation *op) {
    if (isa<IterateSparseOp>(op)) {
      width = std::nullopt;
      return WalkResult::interrupt();
    }
    auto space = dyn_cast<IterateOp>(op);
    if (!space)
      return WalkResult::advance();
    std::optional<int64_t> ghost = space.getUniformGhostLayers();
    if (!ghost || (width && *width != *ghost) ||
        llvm::any_of(space.getSteps(), [](int64_t s) { return s != 1; })) {
      width = std::nullopt;
      return WalkResult::interrupt();
    }
    width = ghost;
    return WalkResult::advance();
  });
  if (walk.wasInterrupted() || !width)
    return error("kernel '" + name +
                 "' does not iterate the interior of its fields with one "
                 "ghost-layer width in every dimension (a slice, a step or "
                 "an index list): it cannot run on blocks");
  return *width;
}

llvm::Expected<std::map<std::string, std::vector<GhostRead>>>
mlir::ps::distributed::getGhostReads(llvm::StringRef source,
                                     llvm::StringRef name) {
  std::unique_ptr<MLIRContext> context = runtime::createCompilerContext();
  runtime::DiagnosticCollector diagnostics(*context);
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(source, context.get());
  if (!module)
    return diagnostics.error("parsing the kernel module");
  auto kernel = module->lookupSymbol<KernelOp>(name);
  if (!kernel)
    return error("the module has no kernel '" + name + "'");
  std::map<std::string, std::vector<GhostRead>> result;
  WalkResult dynamic = kernel.walk([&](LoadOp load) {
    return load.hasStaticIndices() ? WalkResult::advance()
                                   : WalkResult::interrupt();
  });
  if (dynamic.wasInterrupted())
    return error("kernel '" + name +
                 "' reads a field at offsets or "
                 "components that are values (table lookups); the exchange "
                 "sends what constant accesses read, so it cannot run "
                 "distributed");
  kernel.walk([&](LoadOp load) {
    auto arg = dyn_cast<BlockArgument>(load.getField());
    if (!arg || arg.getOwner()->getParentOp() != kernel)
      return;
    llvm::ArrayRef<int64_t> offsets = load.getOffsets();
    std::vector<int64_t> component(load.getComponents().begin(),
                                   load.getComponents().end());
    auto &reads = result[kernel.getParameterName(arg.getArgNumber())];
    for (const std::vector<int> &d :
         getNeighbourDirections(offsets.size(), /*facesOnly=*/false)) {
      bool read = true;
      for (size_t i = 0; i < offsets.size(); ++i)
        if (d[i] != 0 && (offsets[i] == 0 || (offsets[i] > 0) != (d[i] > 0)))
          read = false;
      if (!read)
        continue;
      auto found = llvm::find_if(
          reads, [&](const GhostRead &r) { return r.direction == d; });
      if (found == reads.end()) {
        reads.push_back({d, {}});
        found = std::prev(reads.end());
      }
      if (!component.empty() &&
          !llvm::is_contained(found->components, component))
        found->components.push_back(component);
    }
  });
  return result;
}

llvm::Expected<std::unique_ptr<DistributedKernel>>
DistributedKernel::compile(const Decomposition &decomposition,
                           llvm::StringRef source, llvm::StringRef name,
                           const cache::CacheOptions &options) {
  llvm::Expected<int64_t> ghost = getKernelGhostLayers(source, name);
  if (!ghost)
    return ghost.takeError();
  auto module = cache::KernelCache::global().get(source, options);
  if (!module)
    return module.takeError();
  std::unique_ptr<DistributedKernel> result(new DistributedKernel());
  result->decomposition = &decomposition;
  result->source = source.str();
  result->name = name.str();
  result->options = options;
  result->module = *module;
  result->kernel = result->module->lookup(name);
  result->ghostLayers = *ghost;
  auto reads = getGhostReads(source, name);
  if (!reads)
    return reads.takeError();
  result->ghostReads = std::move(*reads);
  for (const runtime::ParameterInfo &param :
       result->kernel->getInfo().parameters)
    if (param.isField && param.spatialRank != decomposition.getRank())
      return error("kernel '" + name + "' has a " +
                   llvm::Twine(param.spatialRank) + "D field '" + param.name +
                   "' for a " + llvm::Twine(decomposition.getRank()) +
                   "D decomposition");
  return std::move(result);
}

llvm::Expected<std::unique_ptr<DistributedField>>
DistributedKernel::createField(llvm::StringRef name) const {
  for (const runtime::ParameterInfo &param : getInfo().parameters)
    if (param.name == name && param.isField) {
      auto field = DistributedField::create(*decomposition, param, ghostLayers);
      if (!field)
        return field.takeError();
      return std::make_unique<DistributedField>(std::move(*field));
    }
  return error("kernel '" + getInfo().name + "' has no field '" + name + "'");
}

bool DistributedKernel::canOverlap() const {
  return llvm::none_of(
      getInfo().parameters, [](const runtime::ParameterInfo &param) {
        return param.isField && (param.alignment > 8 || param.contiguous);
      });
}

runtime::ArgumentList DistributedKernel::argumentsOf(
    const std::map<std::string, DistributedField *> &fields,
    const std::map<std::string, double> &scalars, llvm::ArrayRef<int64_t> start,
    llvm::ArrayRef<int64_t> extent) {
  runtime::ArgumentList args;
  for (const auto &[name, field] : fields)
    args.field(name,
               start.empty() ? field->view() : field->region(start, extent));
  for (const auto &[name, value] : scalars)
    args.scalar(name, value);
  return args;
}

llvm::Error DistributedKernel::runOn(
    const std::map<std::string, DistributedField *> &fields,
    const std::map<std::string, double> &scalars, llvm::ArrayRef<int64_t> start,
    llvm::ArrayRef<int64_t> extent) {
  return (*kernel)(argumentsOf(fields, scalars, start, extent));
}

/// True on every rank if `ok` is true on every rank of `comm`.
static bool allRanks(MPI_Comm comm, bool ok) {
  int local = ok ? 1 : 0, all = 0;
  MPI_Allreduce(&local, &all, 1, MPI_INT, MPI_MIN, comm);
  return all == 1;
}

/// `text` on rank 0 of `comm`, on every rank.
static std::string broadcastFromRoot(MPI_Comm comm, std::string text) {
  unsigned long long size = text.size();
  MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, 0, comm);
  text.resize(size);
  MPI_Bcast(text.data(), int(size), MPI_CHAR, 0, comm);
  return text;
}

llvm::Expected<std::shared_ptr<runtime::KernelModule>>
DistributedKernel::compileWith(llvm::StringRef optionsText) const {
  cache::CacheOptions parsed;
  if (failed(parsed.parseFromString(optionsText)))
    return error("rank 0 chose options '" + optionsText +
                 "', which this rank cannot read");
  return cache::KernelCache::global().get(source, parsed);
}

llvm::Expected<tuner::TuningResult>
DistributedKernel::tune(const std::map<std::string, DistributedField *> &fields,
                        const std::map<std::string, double> &scalars) {
  MPI_Comm comm = decomposition->getComm();
  // Every rank times at once: a memory-bound kernel timed alone would get
  // the bandwidth of the whole node.
  MPI_Barrier(comm);
  llvm::Expected<tuner::TuningResult> timed =
      tuner::tune(cache::KernelCache::global(), source, name, options,
                  argumentsOf(fields, scalars, {}, {}));
  if (!allRanks(comm, bool(timed))) {
    if (!timed)
      return timed.takeError();
    return error("tuning kernel '" + name + "' failed on another rank");
  }
  // Every rank runs rank 0's variant: all compute the same bits, and none
  // waits in the exchange for a rank whose own timing chose a slower one.
  std::string chosen = broadcastFromRoot(comm, timed->choice.options);
  std::string chosenName = broadcastFromRoot(comm, timed->choice.name);
  llvm::Expected<std::shared_ptr<runtime::KernelModule>> chosenModule =
      chosen == timed->choice.options ? timed->module : compileWith(chosen);
  if (!allRanks(comm, bool(chosenModule))) {
    if (!chosenModule)
      return chosenModule.takeError();
    return error("compiling rank 0's choice for kernel '" + name +
                 "' failed on another rank");
  }
  timed->module = *chosenModule;
  timed->choice = {chosenName, chosen};
  module = timed->module;
  kernel = module->lookup(name);
  return timed;
}

llvm::Error DistributedKernel::runOverlapped(
    const std::map<std::string, DistributedField *> &fields,
    const std::map<std::string, double> &scalars,
    llvm::ArrayRef<GhostExchange *> exchanging) {
  // The kernel updates [g, n + g) of the view it gets; a view of the box
  // [a - g, b + g) makes it update [a, b).
  unsigned rank = decomposition->getRank();
  const auto &local = decomposition->getLocalShape();
  int64_t g = ghostLayers;
  auto runBox =
      [&](const std::vector<std::pair<int64_t, int64_t>> &box) -> llvm::Error {
    std::vector<int64_t> start, extent;
    for (auto [a, b] : box) {
      if (b <= a)
        return llvm::Error::success(); // empty
      start.push_back(a - g);
      extent.push_back(b - a + 2 * g);
    }
    return runOn(fields, scalars, start, extent);
  };
  for (GhostExchange *exchange : exchanging)
    if (llvm::Error failure = exchange->begin())
      return failure;
  // The inner points read no ghost layer: [2g, n) in every dimension.
  std::vector<std::pair<int64_t, int64_t>> inner;
  for (unsigned d = 0; d < rank; ++d)
    inner.push_back({2 * g, local[d]});
  if (llvm::Error failure = runBox(inner))
    return failure;
  for (GhostExchange *exchange : exchanging)
    if (llvm::Error failure = exchange->finish())
      return failure;
  // The shell, a slab per side and dimension: dimension d's slabs span the
  // inner range in the dimensions before it and everything after.
  for (unsigned d = 0; d < rank; ++d)
    for (bool low : {true, false}) {
      std::vector<std::pair<int64_t, int64_t>> slab;
      for (unsigned e = 0; e < rank; ++e) {
        if (e < d)
          slab.push_back(inner[e]);
        else if (e > d)
          slab.push_back({g, local[e] + g});
        else
          slab.push_back(
              low ? std::pair<int64_t, int64_t>{g,
                                                std::min(2 * g, local[d] + g)}
                  : std::pair<int64_t, int64_t>{std::max(local[d], 2 * g),
                                                local[d] + g});
      }
      if (llvm::Error failure = runBox(slab))
        return failure;
    }
  return llvm::Error::success();
}

llvm::Error
DistributedKernel::step(const std::map<std::string, DistributedField *> &fields,
                        const std::map<std::string, double> &scalars,
                        const std::vector<std::string> &exchange) {
  std::vector<GhostExchange *> exchanging;
  for (const std::string &name : exchange) {
    auto found = fields.find(name);
    if (found == fields.end())
      return error("exchange of '" + name + "', which is no field argument");
    DistributedField *field = found->second;
    if (field->getGhostLayers() != ghostLayers)
      return error("field '" + name + "' has " +
                   llvm::Twine(field->getGhostLayers()) +
                   " ghost layers; kernel '" + getInfo().name +
                   "' iterates with " + llvm::Twine(ghostLayers));
    auto &prepared = exchanges[field];
    if (!prepared) {
      auto created = facesOnly
                         ? GhostExchange::create(*field, /*facesOnly=*/true)
                         : GhostExchange::create(*field, ghostReads[name]);
      if (!created)
        return created.takeError();
      prepared = std::make_unique<GhostExchange>(std::move(*created));
    }
    exchanging.push_back(prepared.get());
  }
  if (overlap && canOverlap() && ghostLayers > 0)
    return runOverlapped(fields, scalars, exchanging);
  for (GhostExchange *exchange : exchanging)
    if (llvm::Error failure = exchange->exchange())
      return failure;
  return runOn(fields, scalars, {}, {});
}
