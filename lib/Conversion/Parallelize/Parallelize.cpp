//===- Parallelize.cpp - OpenMP threads for lowered kernels ---------------===//

#include "Stencil/Conversion/Block/BlockNest.h"
#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/PsToScf/PsToScf.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSPARALLELIZE
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {

/// The dimension an iteration-space loop runs over, if it is one.
std::optional<int64_t> getSpaceDim(scf::ForOp loop) {
  if (auto dim = loop->getAttrOfType<IntegerAttr>(
          PsDialect::DimAttrHelper::getNameStr()))
    return dim.getInt();
  return std::nullopt;
}

/// The operators of the partial reductions `loop` carries (its
/// `ps.reductions`); none if it carries other values.
std::optional<SmallVector<ReductionKind>> getReductionKinds(scf::ForOp loop) {
  SmallVector<ReductionKind> kinds;
  auto attr = loop->getAttrOfType<ArrayAttr>(
      PsDialect::ReductionsAttrHelper::getNameStr());
  if (!attr)
    return loop.getNumRegionIterArgs() == 0 ? std::optional(kinds)
                                            : std::nullopt;
  for (auto name : attr.getAsValueRange<StringAttr>())
    kinds.push_back(*symbolizeReductionKind(name));
  if (kinds.size() != loop.getNumRegionIterArgs())
    return std::nullopt;
  // The vector partials of a vectorized loop (a 1D space) would need OpenMP
  // reductions of vectors, which upstream's scf-to-openmp does not lower
  // reliably: such a loop stays on one thread.
  if (llvm::any_of(loop.getInitArgs().getTypes(), llvm::IsaPred<VectorType>))
    return std::nullopt;
  return kinds;
}

/// Combines two threads' partials in the form upstream's scf-to-openmp
/// recognizes as an OpenMP reduction: add and mul as they are, min and max
/// as compare and select (it knows no minnumf/maxnumf), which agree with
/// fmin/fmax unless a partial is NaN.
Value buildThreadCombine(OpBuilder &builder, Location loc, ReductionKind kind,
                         Value lhs, Value rhs) {
  if (kind == ReductionKind::add || kind == ReductionKind::mul)
    return buildReductionCombine(builder, loc, kind, lhs, rhs);
  bool min = kind == ReductionKind::min;
  Value takeLhs = isa<FloatType>(lhs.getType())
                      ? arith::CmpFOp::create(builder, loc,
                                              min ? arith::CmpFPredicate::OLT
                                                  : arith::CmpFPredicate::OGT,
                                              lhs, rhs)
                            .getResult()
                      : arith::CmpIOp::create(builder, loc,
                                              min ? arith::CmpIPredicate::slt
                                                  : arith::CmpIPredicate::sgt,
                                              lhs, rhs)
                            .getResult();
  return arith::SelectOp::create(builder, loc, takeLhs, lhs, rhs);
}

/// Replaces `loop` with a one-dimensional scf.parallel over the same range.
/// The partial reductions it carries become reductions of the parallel
/// loop: each iteration starts its own from the identity, and scf.reduce
/// combines them (OpenMP's reduction clause after scf-to-openmp).
void toParallel(scf::ForOp loop, ArrayRef<ReductionKind> kinds,
                RewriterBase &rewriter) {
  Location loc = loop.getLoc();
  rewriter.setInsertionPoint(loop);
  SmallVector<Value> identities;
  for (auto [kind, init] : llvm::zip(kinds, loop.getInitArgs()))
    identities.push_back(
        buildReductionIdentity(rewriter, loc, kind, init.getType()));
  auto parallel = scf::ParallelOp::create(
      rewriter, loc, ValueRange{loop.getLowerBound()},
      ValueRange{loop.getUpperBound()}, ValueRange{loop.getStep()},
      loop.getInitArgs(), [](OpBuilder &, Location, ValueRange, ValueRange) {});
  Block *body = parallel.getBody();
  Operation *yield = loop.getBody()->getTerminator();
  SmallVector<Value> partials(yield->getOperands());
  rewriter.eraseOp(yield);
  SmallVector<Value> arguments = {body->getArgument(0)};
  llvm::append_range(arguments, identities);
  if (kinds.empty()) {
    rewriter.inlineBlockBefore(loop.getBody(), body->getTerminator(),
                               arguments);
    rewriter.eraseOp(loop);
    return;
  }
  rewriter.inlineBlockBefore(loop.getBody(), body, body->end(), arguments);
  rewriter.setInsertionPointToEnd(body);
  auto reduce = scf::ReduceOp::create(rewriter, loc, partials);
  for (auto [kind, region] : llvm::zip(kinds, reduce.getReductions())) {
    Block &combiner = region.front();
    rewriter.setInsertionPointToEnd(&combiner);
    Value combined = buildThreadCombine(
        rewriter, loc, kind, combiner.getArgument(0), combiner.getArgument(1));
    scf::ReduceReturnOp::create(rewriter, loc, combined);
  }
  rewriter.replaceOp(loop, parallel.getResults());
}

/// The threads a parallel loop will have, at the builder's point:
/// `numThreads`, or where that is 0 what omp_get_max_threads() says.
Value createThreadCount(OpBuilder &builder, Location loc, ModuleOp module,
                        unsigned numThreads) {
  if (numThreads != 0)
    return arith::ConstantIndexOp::create(builder, loc, numThreads);
  constexpr StringLiteral name = "omp_get_max_threads";
  auto function = module.lookupSymbol<func::FuncOp>(name);
  if (!function) {
    OpBuilder atStart = OpBuilder::atBlockBegin(module.getBody());
    function = func::FuncOp::create(
        atStart, loc, name,
        atStart.getFunctionType({}, {atStart.getI32Type()}));
    function.setPrivate();
  }
  Value count = func::CallOp::create(builder, loc, function).getResult(0);
  return arith::IndexCastOp::create(builder, loc, builder.getIndexType(),
                                    count);
}

/// The blocked copies of nests that the cost model chose
/// (`ps.blocks_per_thread`) run only where they have a block per thread:
/// threads split the loop over blocks, and 4 blocks of 64 rows at 256^3
/// would leave 12 of 16 threads idle where the copy without blocks keeps
/// them all busy.
void guardBlocksPerThread(ModuleOp module, unsigned numThreads) {
  SmallVector<scf::IfOp> versions;
  module.walk([&](scf::IfOp version) {
    if (version->hasAttr(PsDialect::BlocksPerThreadAttrHelper::getNameStr()))
      versions.push_back(version);
  });
  for (scf::IfOp version : versions) {
    version->removeAttr(PsDialect::BlocksPerThreadAttrHelper::getNameStr());
    auto blocks = dyn_cast<scf::ForOp>(version.thenBlock()->front());
    if (!blocks)
      continue;
    Location loc = version.getLoc();
    OpBuilder builder(version);
    Value span = arith::SubIOp::create(builder, loc, blocks.getUpperBound(),
                                       blocks.getLowerBound());
    Value count =
        arith::CeilDivSIOp::create(builder, loc, span, blocks.getStep());
    Value enough = arith::CmpIOp::create(
        builder, loc, arith::CmpIPredicate::sge, count,
        createThreadCount(builder, loc, module, numThreads));
    version.getConditionMutable().assign(
        arith::AndIOp::create(builder, loc, version.getCondition(), enough));
  }
}

struct PsParallelizePass : ps::impl::PsParallelizeBase<PsParallelizePass> {
  using PsParallelizeBase::PsParallelizeBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<omp::ClauseScheduleKind> kind =
        omp::symbolizeClauseScheduleKind(schedule);
    if (!kind || (*kind != omp::ClauseScheduleKind::Static &&
                  *kind != omp::ClauseScheduleKind::Dynamic)) {
      emitError(module.getLoc()) << "ps-parallelize: schedule '" << schedule
                                 << "' is not static or dynamic";
      return signalPassFailure();
    }
    if (dim < -1 || dim > 2) {
      emitError(module.getLoc())
          << "ps-parallelize: dim " << dim.getValue()
          << " is not a spatial dimension (0 to 2) or -1";
      return signalPassFailure();
    }

    guardBlocksPerThread(module, numThreads);
    // Pick the loop of every nest.
    SmallVector<scf::ForOp> chosen;
    module.walk([&](scf::ForOp loop) {
      std::optional<int64_t> loopDim = getSpaceDim(loop);
      if (!loopDim || !getReductionKinds(loop))
        return;
      auto parent = loop->getParentOfType<scf::ForOp>();
      bool outermost = !parent || !getSpaceDim(parent);
      if ((dim == -1 && outermost) || (dim != -1 && *loopDim == dim))
        chosen.push_back(loop);
    });
    // A blocked nest (ps-block) has two loops over y: split only the outer.
    llvm::SmallPtrSet<Operation *, 8> chosenSet;
    for (scf::ForOp loop : chosen)
      chosenSet.insert(loop);
    llvm::erase_if(chosen, [&](scf::ForOp loop) {
      for (Operation *parent = loop->getParentOp(); parent;
           parent = parent->getParentOp())
        if (chosenSet.contains(parent))
          return true;
      return false;
    });
    IRRewriter rewriter(&getContext());
    for (scf::ForOp loop : chosen)
      toParallel(loop, *getReductionKinds(loop), rewriter);

    // Upstream turns scf.parallel into omp.parallel + omp.wsloop.
    OpPassManager pm("builtin.module");
    ConvertSCFToOpenMPPassOptions options;
    options.numThreads = numThreads;
    pm.addPass(createConvertSCFToOpenMPPass(options));
    if (failed(runPipeline(pm, module)))
      return signalPassFailure();

    // Upstream wraps each parallel body in memref.alloca_scope, and
    // canonicalization only removes the scope when it can prove the body
    // allocates nothing; an op with unknown effects (the sfence after
    // non-temporal stores) keeps it, and scf-to-cf then leaves the scope with
    // several blocks, which it may not have. Lowered kernels never allocate
    // on the stack, so scopes without an alloca are inlined here.
    SmallVector<memref::AllocaScopeOp> scopes;
    module.walk([&](memref::AllocaScopeOp scope) {
      bool allocates = false;
      scope.walk([&](Operation *op) {
        allocates |= isa<memref::AllocaOp, LLVM::AllocaOp>(op);
      });
      if (!allocates)
        scopes.push_back(scope);
    });
    for (memref::AllocaScopeOp scope : scopes) {
      Block *body = &scope.getBodyRegion().front();
      Operation *terminator = body->getTerminator();
      SmallVector<Value> results(terminator->getOperands());
      rewriter.eraseOp(terminator);
      rewriter.inlineBlockBefore(body, scope);
      rewriter.replaceOp(scope, results);
    }

    module.walk([&](omp::WsloopOp wsloop) {
      wsloop.setScheduleKindAttr(
          omp::ClauseScheduleKindAttr::get(&getContext(), *kind));
      if (chunk == 0)
        return;
      // The chunk size is an operand defined outside the parallel region.
      auto parallel = wsloop->getParentOfType<omp::ParallelOp>();
      rewriter.setInsertionPoint(parallel ? parallel.getOperation()
                                          : wsloop.getOperation());
      Value size = arith::ConstantOp::create(rewriter, wsloop.getLoc(),
                                             rewriter.getI64IntegerAttr(chunk));
      wsloop.getScheduleChunkMutable().assign(size);
    });
  }
};

} // namespace
