//===- PsToGpu.cpp - Map ps iteration spaces to GPU launches --------------===//
//
// Kernels are first lowered as for the CPU (lowerKernelToLoops and the scalar
// patterns of convert-ps-to-scf): a func.func over strided memrefs with one
// perfect scf.for nest per iteration space, each loop tagged with the spatial
// dimension it runs over. Each nest then becomes a gpu.launch: the launch
// sizes are computed on the host in front of it from the loop bounds, and in
// the launch body the thread and block ids are translated back into points
// (pystencils' GPU index translation), with guards for partial blocks.
// A nest that reduces gives each thread its partial (the identity where the
// guard stops it), combines the partials of a block with gpu.all_reduce
// (warp shuffles, then shared memory across warps) and lets the block's
// first thread combine the block's into the result with one atomic.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Conversion/PsToGpu/PsToGpu.h"
#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/PsToScf/PsToScf.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <cstdlib>

namespace mlir::ps {
#define GEN_PASS_DEF_CONVERTPSTOGPU
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

std::string mlir::ps::getDefaultCudaPath() {
  for (const char *variable : {"CUDA_HOME", "CUDA_PATH"})
    if (const char *value = std::getenv(variable); value && *value)
      return value;
  return "/usr/local/cuda";
}

std::string mlir::ps::getDefaultRocmPath() {
  if (const char *value = std::getenv("ROCM_PATH"); value && *value)
    return value;
#ifdef PS_ROCM_TOOLKIT_DIR
  return PS_ROCM_TOOLKIT_DIR;
#else
  return "/opt/rocm";
#endif
}

namespace {

/// The loops of the perfect nest that starts at `outer`: each loop's body is
/// the next loop (tagged with a dimension) and nothing else.
SmallVector<scf::ForOp> getNest(scf::ForOp outer) {
  SmallVector<scf::ForOp> nest{outer};
  while (true) {
    Block *body = nest.back().getBody();
    if (!llvm::hasSingleElement(body->without_terminator()))
      break;
    auto inner = dyn_cast<scf::ForOp>(body->front());
    if (!inner || !inner->hasAttr(PsDialect::DimAttrHelper::getNameStr()))
      break;
    nest.push_back(inner);
  }
  return nest;
}

/// The number of points of `loop`: ceildiv(ub - lb, step), which is zero or
/// negative for an empty loop.
Value buildPointCount(scf::ForOp loop, RewriterBase &rewriter) {
  Location loc = loop.getLoc();
  Value extent = arith::SubIOp::create(rewriter, loc, loop.getUpperBound(),
                                       loop.getLowerBound());
  return arith::CeilDivSIOp::create(rewriter, loc, extent, loop.getStep());
}

/// start + id * step.
Value buildPoint(scf::ForOp loop, Value id, RewriterBase &rewriter) {
  Location loc = loop.getLoc();
  Value scaled = arith::MulIOp::create(rewriter, loc, id, loop.getStep());
  return arith::AddIOp::create(rewriter, loc, loop.getLowerBound(), scaled);
}

/// Replaces `loop` by its body with `point` for the induction variable (and
/// its initial values for what it carries); its results become what the
/// body yields.
void unwrapLoop(scf::ForOp loop, Value point, RewriterBase &rewriter) {
  Block *body = loop.getBody();
  Operation *yield = body->getTerminator();
  SmallVector<Value> arguments = {point};
  llvm::append_range(arguments, loop.getInitArgs());
  SmallVector<Value> results;
  for (Value yielded : yield->getOperands()) {
    auto arg = dyn_cast<BlockArgument>(yielded);
    results.push_back(arg && arg.getOwner() == body
                          ? arguments[arg.getArgNumber()]
                          : yielded);
  }
  rewriter.eraseOp(yield);
  rewriter.inlineBlockBefore(body, loop, arguments);
  rewriter.replaceOp(loop, results);
}

/// A result that a nest reduces into: convert-ps-to-scf combines the
/// nest's total into its memref after the nest (load, combine, store).
struct NestReduction {
  ReductionKind kind;
  Value memref;
  SmallVector<Operation *> hostOps;
};

/// The reductions of the nest `outer`, in the order of its results, or
/// failure if its results are not used as convert-ps-to-scf uses them.
FailureOr<SmallVector<NestReduction>> getNestReductions(scf::ForOp outer) {
  SmallVector<NestReduction> reductions;
  if (outer.getNumResults() == 0)
    return reductions;
  auto kinds = outer->getAttrOfType<ArrayAttr>(
      PsDialect::ReductionsAttrHelper::getNameStr());
  if (!kinds || kinds.size() != outer.getNumResults())
    return failure();
  for (auto [result, kind] :
       llvm::zip(outer.getResults(), kinds.getAsValueRange<StringAttr>())) {
    if (!result.hasOneUse())
      return failure();
    Operation *combine = *result.user_begin();
    if (combine->getNumResults() != 1 || !combine->getResult(0).hasOneUse())
      return failure();
    auto store = dyn_cast<memref::StoreOp>(*combine->getResult(0).user_begin());
    auto load = combine->getOperand(0).getDefiningOp<memref::LoadOp>();
    if (!store || !load || load.getMemRef() != store.getMemRef() ||
        !load->hasOneUse())
      return failure();
    reductions.push_back({*symbolizeReductionKind(kind), store.getMemRef(),
                          {store, combine, load}});
  }
  return reductions;
}

/// A compare-and-swap loop that combines `value` into the float at
/// `memref[]` (0-d): there is no atomic float product, and the lowering of
/// memref.generic_atomic_rmw compares floats, which LLVM's cmpxchg does not
/// take; this one swaps their bits.
void buildFloatCompareAndSwap(OpBuilder &builder, Location loc,
                              ReductionKind kind, Value memref, Value value) {
  auto floatType = cast<FloatType>(value.getType());
  Type bits = builder.getIntegerType(floatType.getWidth());
  auto metadata =
      memref::ExtractStridedMetadataOp::create(builder, loc, memref);
  Value base =
      memref::ExtractAlignedPointerAsIndexOp::create(builder, loc, memref);
  Value offsetBytes = arith::MulIOp::create(
      builder, loc, metadata.getOffset(),
      arith::ConstantIndexOp::create(builder, loc, floatType.getWidth() / 8));
  Value address = arith::IndexCastOp::create(
      builder, loc, builder.getI64Type(),
      arith::AddIOp::create(builder, loc, base, offsetBytes));
  Value pointer = LLVM::IntToPtrOp::create(
      builder, loc, LLVM::LLVMPointerType::get(builder.getContext()), address);
  Value initial = LLVM::LoadOp::create(builder, loc, bits, pointer);
  scf::WhileOp::create(
      builder, loc, TypeRange{bits}, ValueRange{initial},
      [&](OpBuilder &before, Location loc, ValueRange args) {
        Value current = arith::BitcastOp::create(before, loc, floatType, args[0]);
        Value combined =
            buildReductionCombine(before, loc, kind, current, value);
        Value desired = arith::BitcastOp::create(before, loc, bits, combined);
        Value pair = LLVM::AtomicCmpXchgOp::create(
            before, loc, pointer, args[0], desired,
            LLVM::AtomicOrdering::acq_rel, LLVM::AtomicOrdering::monotonic);
        Value seen = LLVM::ExtractValueOp::create(before, loc, pair, 0);
        Value swapped = LLVM::ExtractValueOp::create(before, loc, pair, 1);
        Value retry = arith::XOrIOp::create(
            before, loc, swapped,
            arith::ConstantOp::create(before, loc, before.getBoolAttr(true)));
        scf::ConditionOp::create(before, loc, retry, ValueRange{seen});
      },
      [](OpBuilder &after, Location loc, ValueRange args) {
        scf::YieldOp::create(after, loc, args);
      });
}

/// Combines `value` into `memref[]` atomically: LLVM's atomicrmw where it
/// has the operation (add, fmax/fmin, signed max/min), a compare-and-swap
/// loop for products.
void buildAtomicCombine(OpBuilder &builder, Location loc, ReductionKind kind,
                        Value memref, Value value) {
  bool isFloat = isa<FloatType>(value.getType());
  std::optional<arith::AtomicRMWKind> atomic;
  switch (kind) {
  case ReductionKind::add:
    atomic = isFloat ? arith::AtomicRMWKind::addf : arith::AtomicRMWKind::addi;
    break;
  case ReductionKind::min:
    atomic =
        isFloat ? arith::AtomicRMWKind::minnumf : arith::AtomicRMWKind::mins;
    break;
  case ReductionKind::max:
    atomic =
        isFloat ? arith::AtomicRMWKind::maxnumf : arith::AtomicRMWKind::maxs;
    break;
  case ReductionKind::mul:
    break;
  }
  if (atomic) {
    memref::AtomicRMWOp::create(builder, loc, *atomic, value, memref,
                                ValueRange{});
    return;
  }
  if (isFloat) {
    buildFloatCompareAndSwap(builder, loc, kind, memref, value);
    return;
  }
  auto rmw = memref::GenericAtomicRMWOp::create(builder, loc, memref, {});
  OpBuilder::InsertionGuard insertion(builder);
  builder.setInsertionPointToEnd(rmw.getBody());
  Value combined =
      buildReductionCombine(builder, loc, kind, rmw.getCurrentValue(), value);
  memref::AtomicYieldOp::create(builder, loc, combined);
}

gpu::AllReduceOperation getAllReduceOperation(ReductionKind kind,
                                              Type element) {
  bool isFloat = isa<FloatType>(element);
  switch (kind) {
  case ReductionKind::add:
    return gpu::AllReduceOperation::ADD;
  case ReductionKind::mul:
    return gpu::AllReduceOperation::MUL;
  case ReductionKind::min:
    return isFloat ? gpu::AllReduceOperation::MINNUMF
                   : gpu::AllReduceOperation::MINSI;
  case ReductionKind::max:
    return isFloat ? gpu::AllReduceOperation::MAXNUMF
                   : gpu::AllReduceOperation::MAXSI;
  }
  llvm_unreachable("unknown reduction kind");
}

} // namespace

LogicalResult mlir::ps::mapLoopNestToGpu(scf::ForOp outer,
                                         GpuIndexingScheme scheme,
                                         ArrayRef<int64_t> blockSize,
                                         RewriterBase &rewriter) {
  SmallVector<scf::ForOp> nest = getNest(outer);
  // The launch sizes are computed in front of the nest: every bound must be
  // defined there (convert-ps-to-scf computes them all before the nest).
  for (scf::ForOp loop : nest)
    for (Value bound :
         {loop.getLowerBound(), loop.getUpperBound(), loop.getStep()})
      if (!bound.getParentRegion()->isAncestor(outer->getParentRegion()))
        return outer.emitOpError("has bounds defined inside the loop nest; "
                                 "cannot compute launch sizes on the host");

  FailureOr<SmallVector<NestReduction>> reductions = getNestReductions(outer);
  if (failed(reductions))
    return outer.emitOpError("carries values that are not the partial "
                             "reductions convert-ps-to-scf makes");
  // The device combines into the results; the host does not.
  for (NestReduction &reduction : *reductions)
    for (Operation *op : reduction.hostOps)
      rewriter.eraseOp(op);

  bool sparse = outer->hasAttr(PsDialect::SparseAttrHelper::getNameStr());
  bool blockwise =
      scheme == GpuIndexingScheme::Blockwise && !sparse && nest.size() > 1;
  Location loc = outer.getLoc();
  rewriter.setInsertionPoint(outer);
  auto constant = [&](int64_t value) -> Value {
    return arith::ConstantIndexOp::create(rewriter, loc, value);
  };
  Value one = constant(1);

  // Innermost first: the loops that go to x, y, z of the grid, and for the
  // blockwise scheme the loop that the threads of a block walk.
  SmallVector<scf::ForOp> gridLoops;
  scf::ForOp threadLoop;
  auto reversed = llvm::reverse(nest);
  auto next = reversed.begin();
  if (blockwise)
    threadLoop = *next++;
  for (; next != reversed.end() && gridLoops.size() < 3; ++next)
    gridLoops.push_back(*next);

  SmallVector<int64_t, 3> block(blockSize);
  if (blockwise) {
    block = {blockSize[0], 1, 1};
  } else {
    // Fold the sizes of the dimensions the space lacks into x.
    for (size_t k = gridLoops.size(); k < 3; ++k) {
      block[0] *= block[k];
      block[k] = 1;
    }
  }
  SmallVector<Value, 3> grid(3, one), blockValues;
  for (int64_t size : block)
    blockValues.push_back(constant(size));
  for (auto [k, loop] : llvm::enumerate(gridLoops)) {
    Value count = buildPointCount(loop, rewriter);
    // Blockwise: one block per point; linear: enough blocks for all points.
    Value blocks = blockwise ? count
                             : arith::CeilDivSIOp::create(rewriter, loc, count,
                                                          blockValues[k])
                                   .getResult();
    // An empty space still launches one block, whose threads the guard
    // stops: a grid of zero blocks is a launch error.
    grid[k] = arith::MaxSIOp::create(rewriter, loc, blocks, one);
  }

  auto launch =
      gpu::LaunchOp::create(rewriter, loc, grid[0], grid[1], grid[2],
                            blockValues[0], blockValues[1], blockValues[2]);
  Block &launchBody = launch.getBody().front();
  rewriter.setInsertionPointToEnd(&launchBody);
  auto terminator = gpu::TerminatorOp::create(rewriter, loc);
  rewriter.setInsertionPoint(terminator);

  gpu::KernelDim3 blockIds = launch.getBlockIds();
  gpu::KernelDim3 threadIds = launch.getThreadIds();
  gpu::KernelDim3 blockDims = launch.getBlockSize();
  Value blockId[] = {blockIds.x, blockIds.y, blockIds.z};
  Value threadId[] = {threadIds.x, threadIds.y, threadIds.z};
  Value blockDim[] = {blockDims.x, blockDims.y, blockDims.z};

  SmallVector<Value> points;
  Value inside;
  for (auto [k, loop] : llvm::enumerate(gridLoops)) {
    Value id = blockId[k];
    if (!blockwise)
      id = arith::AddIOp::create(
          rewriter, loc,
          arith::MulIOp::create(rewriter, loc, blockId[k], blockDim[k]),
          threadId[k]);
    Value point = buildPoint(loop, id, rewriter);
    points.push_back(point);
    Value below = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::slt, point, loop.getUpperBound());
    inside =
        inside ? arith::AndIOp::create(rewriter, loc, inside, below).getResult()
               : below;
  }
  Value threadStart, threadStep;
  if (threadLoop) {
    threadStart = buildPoint(threadLoop, threadId[0], rewriter);
    threadStep =
        arith::MulIOp::create(rewriter, loc, threadLoop.getStep(), blockDim[0]);
  }

  // Guard, then move the nest into the guarded block. A thread the guard
  // stops contributes the identities.
  SmallVector<Value> identities(outer.getInitArgs());
  auto guard =
      scf::IfOp::create(rewriter, loc, TypeRange(ValueRange(identities)),
                        inside, /*withElseRegion=*/!reductions->empty());
  if (reductions->empty()) {
    rewriter.moveOpBefore(outer, guard.thenBlock()->getTerminator());
  } else {
    OpBuilder::InsertionGuard insertion(rewriter);
    rewriter.setInsertionPointToEnd(guard.thenBlock());
    auto yield = scf::YieldOp::create(rewriter, loc, outer.getResults());
    rewriter.moveOpBefore(outer, yield);
    rewriter.setInsertionPointToEnd(guard.elseBlock());
    scf::YieldOp::create(rewriter, loc, identities);
  }
  for (auto [loop, point] : llvm::zip(gridLoops, points))
    unwrapLoop(loop, point, rewriter);
  if (threadLoop)
    rewriter.modifyOpInPlace(threadLoop, [&] {
      threadLoop.getLowerBoundMutable().assign(threadStart);
      threadLoop.getStepMutable().assign(threadStep);
    });
  if (reductions->empty())
    return success();

  // Every thread of the block takes part in the block's reduction; its
  // first thread then combines the block's partial into the result.
  rewriter.setInsertionPoint(terminator);
  Value zero = constant(0);
  Value first;
  for (Value id : threadId) {
    Value isZero = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::eq, id, zero);
    first = first ? arith::AndIOp::create(rewriter, loc, first, isZero)
                        .getResult()
                  : isZero;
  }
  SmallVector<Value> blockPartials;
  for (auto [reduction, partial] : llvm::zip(*reductions, guard.getResults()))
    blockPartials.push_back(gpu::AllReduceOp::create(
        rewriter, loc, partial,
        gpu::AllReduceOperationAttr::get(
            rewriter.getContext(),
            getAllReduceOperation(reduction.kind, partial.getType())),
        rewriter.getUnitAttr()));
  auto once = scf::IfOp::create(rewriter, loc, first, /*withElseRegion=*/false);
  rewriter.setInsertionPoint(once.thenBlock()->getTerminator());
  for (auto [reduction, partial] : llvm::zip(*reductions, blockPartials))
    buildAtomicCombine(rewriter, loc, reduction.kind, reduction.memref,
                       partial);
  return success();
}

namespace {
struct ConvertPsToGpuPass : ps::impl::ConvertPsToGpuBase<ConvertPsToGpuPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    GpuIndexingScheme indexing = scheme;
    SmallVector<int64_t, 3> sizes(blockSize.begin(), blockSize.end());
    if (sizes.empty())
      sizes = {128, 2, 1};
    int64_t threads = 1;
    for (int64_t size : sizes)
      threads *= size > 0 ? size : 0;
    if (sizes.size() > 3 || threads <= 0 || threads > 1024) {
      module.emitError() << "convert-ps-to-gpu: block-size must have 1 to 3 "
                            "positive entries with at most 1024 threads in all";
      return signalPassFailure();
    }
    if (indexing == GpuIndexingScheme::Blockwise && blockSize.size() > 1) {
      module.emitError() << "convert-ps-to-gpu: the blockwise scheme takes one "
                            "block size (threads along the contiguous "
                            "dimension)";
      return signalPassFailure();
    }
    sizes.resize(3, 1);

    if (failed(lowerKernelsToLoops(module)))
      return signalPassFailure();
    IRRewriter rewriter(&getContext());

    // The outermost loop of each nest made from an iteration space.
    SmallVector<scf::ForOp> nests;
    module.walk([&](scf::ForOp loop) {
      if (!loop->hasAttr(PsDialect::DimAttrHelper::getNameStr()))
        return;
      auto parent = loop->getParentOfType<scf::ForOp>();
      if (parent && parent->hasAttr(PsDialect::DimAttrHelper::getNameStr()))
        return;
      if (loop->getParentOfType<gpu::LaunchOp>())
        return;
      nests.push_back(loop);
    });
    for (scf::ForOp outer : nests)
      if (failed(mapLoopNestToGpu(outer, indexing, sizes, rewriter)))
        return signalPassFailure();
  }
};
} // namespace
