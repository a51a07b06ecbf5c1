//===- PsToGpu.cpp - Map ps iteration spaces to GPU launches --------------===//
//
// Kernels are first lowered as for the CPU (lowerKernelToLoops and the scalar
// patterns of convert-ps-to-scf): a func.func over strided memrefs with one
// perfect scf.for nest per iteration space, each loop tagged with the spatial
// dimension it runs over. Each nest then becomes a gpu.launch: the launch
// sizes are computed on the host in front of it from the loop bounds, and in
// the launch body the thread and block ids are translated back into points
// (pystencils' GPU index translation), with guards for partial blocks.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Conversion/PsToGpu/PsToGpu.h"
#include "Stencil/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

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

/// Replaces `loop` by its body with `point` for the induction variable.
void unwrapLoop(scf::ForOp loop, Value point, RewriterBase &rewriter) {
  Block *body = loop.getBody();
  rewriter.eraseOp(body->getTerminator());
  rewriter.inlineBlockBefore(body, loop, ValueRange{point});
  rewriter.eraseOp(loop);
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

  // Guard, then move the nest into the guarded block.
  auto guard = scf::IfOp::create(rewriter, loc, inside,
                                 /*withElseRegion=*/false);
  rewriter.moveOpBefore(outer, guard.thenBlock()->getTerminator());
  for (auto [loop, point] : llvm::zip(gridLoops, points))
    unwrapLoop(loop, point, rewriter);
  if (threadLoop)
    rewriter.modifyOpInPlace(threadLoop, [&] {
      threadLoop.getLowerBoundMutable().assign(threadStart);
      threadLoop.getStepMutable().assign(threadStep);
    });
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
