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
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source,
                                                              context.get());
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
  result->module = *module;
  result->kernel = result->module->lookup(name);
  result->ghostLayers = *ghost;
  for (const runtime::ParameterInfo &param : result->kernel->getInfo().parameters)
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

llvm::Error
DistributedKernel::step(const std::map<std::string, DistributedField *> &fields,
                        const std::map<std::string, double> &scalars,
                        const std::vector<std::string> &exchange) {
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
      auto created = GhostExchange::create(*field, facesOnly);
      if (!created)
        return created.takeError();
      prepared = std::make_unique<GhostExchange>(std::move(*created));
    }
    if (llvm::Error failure = prepared->exchange())
      return failure;
  }
  runtime::ArgumentList args;
  for (const auto &[name, field] : fields)
    args.field(name, field->view());
  for (const auto &[name, value] : scalars)
    args.scalar(name, value);
  return (*kernel)(args);
}
