//===- NestVersions.cpp - Copies of loops chosen at run time --------------===//

#include "NestVersions.h"

#include "Stencil/Conversion/Block/BlockNest.h"
#include "Stencil/Conversion/Vectorize/CostModel.h"
#include "Stencil/IR/PsDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::vectorize;

std::pair<scf::ForOp, scf::ForOp>
mlir::ps::vectorize::versionLoop(scf::ForOp loop, Value condition) {
  Location loc = loop.getLoc();
  OpBuilder builder(loop);
  auto ifOp = scf::IfOp::create(builder, loc, loop.getResultTypes(), condition,
                                /*withElseRegion=*/true);
  auto fill = [&](Block *block, scf::ForOp body) {
    if (!block->empty())
      block->getTerminator()->erase();
    OpBuilder inside = OpBuilder::atBlockEnd(block);
    if (body)
      inside.insert(body);
    scf::ForOp result =
        body ? body : cast<scf::ForOp>(inside.clone(*loop.getOperation()));
    scf::YieldOp::create(inside, loc, result.getResults());
    return result;
  };
  scf::ForOp copy = fill(ifOp.thenBlock(), nullptr);
  loop.replaceAllUsesWith(ifOp.getResults());
  loop->remove();
  fill(ifOp.elseBlock(), loop);
  return {copy, loop};
}

/// Versions the loop nest `loop` (versionLoop) on the size of the array
/// that `store` writes: the first copy runs where it spans at least `kib`
/// KiB (streaming stores pay: the array does not stay in the caches), the
/// second otherwise. One check per call of the kernel: the whole nest is
/// versioned, so that each copy is the code an explicit choice gives.
static std::pair<scf::ForOp, scf::ForOp>
versionByStoreSize(scf::ForOp loop, memref::StoreOp store, unsigned kib) {
  Location loc = loop.getLoc();
  OpBuilder builder(loop);
  MemRefType type = store.getMemRefType();
  Value bytes = arith::ConstantIndexOp::create(
      builder, loc, type.getElementTypeBitWidth() / 8);
  for (int64_t dim = 0; dim < type.getRank(); ++dim)
    bytes = arith::MulIOp::create(
        builder, loc, bytes,
        memref::DimOp::create(builder, loc, store.getMemRef(), dim));
  Value threshold =
      arith::ConstantIndexOp::create(builder, loc, int64_t(kib) << 10);
  Value large = arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::uge,
                                      bytes, threshold);
  return versionLoop(loop, large);
}

/// True if an innermost loop of `nest` is one whose rows the cost model
/// jams (chooseJam) and whose planes it would jam too (choosePlaneJam):
/// its copy for large arrays does.
static bool hasPlaneJamLoop(scf::ForOp nest, const VectorizeConfig &config) {
  if (config.jam != 1 || config.jamPlanes != 1)
    return false;
  bool planes = false;
  nest.walk([&](scf::ForOp loop) {
    bool innermost = true;
    loop.getBody()->walk([&](scf::ForOp) { innermost = false; });
    if (!innermost || loop.getNumRegionIterArgs() != 0)
      return;
    unsigned lanes =
        config.lanes ? config.lanes
                     : getLanesOfWidestElement(loop, config.isa.registerBits);
    unsigned rows = chooseJam(loop, lanes, config.unroll);
    if (rows > 1 && choosePlaneJam(loop, rows) > 1)
      planes = true;
  });
  return planes;
}

/// True if an innermost loop of `nest` is memory-bound (isComputeBound)
/// vectorized as `config` says and stores to few rows
/// (hasFewStoreStreams): only those gain from streaming.
static bool hasMemoryBoundLoop(scf::ForOp nest, const VectorizeConfig &config) {
  bool memory = false;
  nest.walk([&](scf::ForOp loop) {
    bool innermost = true;
    loop.getBody()->walk([&](scf::ForOp) { innermost = false; });
    unsigned lanes =
        config.lanes ? config.lanes
                     : getLanesOfWidestElement(loop, config.isa.registerBits);
    if (innermost && !isComputeBound(loop, lanes, config.unroll) &&
        hasFewStoreStreams(loop))
      memory = true;
  });
  return memory;
}

/// The arrays that the loads and stores of `nest` access, if all are
/// defined outside it.
static std::optional<SetVector<Value>> getNestArrays(scf::ForOp nest) {
  SetVector<Value> arrays;
  bool inside = false;
  nest.walk([&](Operation *op) {
    Value array;
    if (auto load = dyn_cast<memref::LoadOp>(op))
      array = load.getMemRef();
    else if (auto store = dyn_cast<memref::StoreOp>(op))
      array = store.getMemRef();
    else
      return;
    inside |= nest->isAncestor(array.getParentBlock()->getParentOp());
    arrays.insert(array);
  });
  if (inside)
    return std::nullopt;
  return arrays;
}

/// The strides of `array` that rows and planes are apart (not 1), and how
/// many bytes its elements have; failure for a layout without strides.
static FailureOr<std::pair<SmallVector<int64_t>, int64_t>>
getRowStrides(Value array) {
  auto type = cast<MemRefType>(array.getType());
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return failure();
  return std::make_pair(strides, int64_t(type.getElementTypeBitWidth() / 8));
}

/// Whether every row and plane of `arrays` starts at the same offset in a
/// cache line as the array's first: each stride but the contiguous one
/// spans whole lines. Failure where a stride known when compiling does not;
/// a null value where all are known and do; else the check, built before
/// `nest`.
static FailureOr<Value> createArraysOnLinesCheck(scf::ForOp nest,
                                                 ArrayRef<Value> arrays) {
  bool dynamic = false;
  for (Value array : arrays) {
    auto strides = getRowStrides(array);
    if (failed(strides))
      return failure();
    for (int64_t stride : strides->first) {
      dynamic |= ShapedType::isDynamic(stride);
      if (!ShapedType::isDynamic(stride) && stride != 1 &&
          stride * strides->second % kCacheLineBytes != 0)
        return failure();
    }
  }
  if (!dynamic)
    return Value();
  Location loc = nest.getLoc();
  OpBuilder builder(nest);
  auto index = [&](int64_t value) -> Value {
    return arith::ConstantIndexOp::create(builder, loc, value);
  };
  Value onLines = arith::ConstantIntOp::create(builder, loc, 1, 1);
  for (Value array : arrays) {
    auto [strides, bytes] = *getRowStrides(array);
    auto metadata =
        memref::ExtractStridedMetadataOp::create(builder, loc, array);
    for (auto [dim, stride] : llvm::enumerate(strides)) {
      if (!ShapedType::isDynamic(stride))
        continue;
      // A stride of 1 known at run time only is the contiguous one.
      Value value = metadata.getStrides()[dim];
      Value contiguous = arith::CmpIOp::create(
          builder, loc, arith::CmpIPredicate::eq, value, index(1));
      Value whole = arith::CmpIOp::create(
          builder, loc, arith::CmpIPredicate::eq,
          arith::RemSIOp::create(
              builder, loc,
              arith::MulIOp::create(builder, loc, value, index(bytes)),
              index(kCacheLineBytes)),
          index(0));
      onLines = arith::AndIOp::create(
          builder, loc, onLines,
          arith::OrIOp::create(builder, loc, contiguous, whole));
    }
  }
  return onLines;
}

/// The cost model's blocking of `large`, the copy of a memory-bound nest
/// for large arrays, where ps-block left it whole (it reads one plane away):
/// a copy of it in blocks of kWholeLineBlockRows rows runs where every row
/// of its arrays starts on a cache line. Versioned even where strides say
/// so when compiling: ps-parallelize adds a check of the threads
/// (`ps.blocks_per_thread`).
static void blockOnWholeLines(scf::ForOp large) {
  scf::ForOp rows = getBlockableRows(large);
  if (!rows || getPlaneReach(large) < 1)
    return;
  bool blocked = false;
  large.walk([&](scf::ForOp loop) {
    bool innermost = true;
    loop.getBody()->walk([&](scf::ForOp) { innermost = false; });
    blocked |= innermost && isInBlockedNest(loop);
  });
  std::optional<SetVector<Value>> arrays = getNestArrays(large);
  if (blocked || !arrays)
    return;
  FailureOr<Value> onLines =
      createArraysOnLinesCheck(large, arrays->getArrayRef());
  if (failed(onLines))
    return;
  if (!*onLines) {
    OpBuilder builder(large);
    *onLines = arith::ConstantIntOp::create(builder, large.getLoc(), 1, 1);
  }
  scf::ForOp blocks = versionLoop(large, *onLines).first;
  blocks->getParentOp()->setAttr(
      PsDialect::BlocksPerThreadAttrHelper::getNameStr(),
      UnitAttr::get(large.getContext()));
  // The mark of the copy for large arrays goes to its new outermost loop.
  blocks->removeAttr(kStreamingNest);
  scf::ForOp outer =
      blockNest(blocks, getBlockableRows(blocks), kWholeLineBlockRows);
  outer->setAttr(kStreamingNest, UnitAttr::get(outer.getContext()));
  outer->setAttr(kWholeLineNest, UnitAttr::get(outer.getContext()));
}

scf::ForOp mlir::ps::vectorize::getOutermostSpaceLoop(scf::ForOp loop) {
  scf::ForOp outer = loop;
  while (auto parent = outer->getParentOfType<scf::ForOp>()) {
    if (!parent->hasAttr(PsDialect::DimAttrHelper::getNameStr()))
      break;
    outer = parent;
  }
  return outer;
}

void mlir::ps::vectorize::versionNests(func::FuncOp func,
                                       const VectorizeConfig &config) {
  if (config.streamingAbove == 0 || config.nontemporal || config.isa.scalable)
    return;
  SmallVector<std::pair<scf::ForOp, memref::StoreOp>> nests, planeNests;
  func.walk([&](scf::ForOp loop) {
    if (!loop->hasAttr(PsDialect::DimAttrHelper::getNameStr()) ||
        getOutermostSpaceLoop(loop) != loop)
      return;
    memref::StoreOp store;
    loop.walk([&](memref::StoreOp found) {
      if (!store)
        store = found;
    });
    if (store && (!config.costModel || hasMemoryBoundLoop(loop, config)))
      nests.push_back({loop, store});
    else if (store && config.costModel && hasPlaneJamLoop(loop, config))
      planeNests.push_back({loop, store});
  });
  for (auto [nest, store] : nests) {
    auto [large, small] =
        versionByStoreSize(nest, store, config.streamingAbove);
    large->setAttr(kStreamingNest, UnitAttr::get(large.getContext()));
    if (config.costModel)
      blockOnWholeLines(large);
  }
  for (auto [nest, store] : planeNests) {
    auto [large, small] =
        versionByStoreSize(nest, store, config.streamingAbove / kPlaneJamShare);
    large->setAttr(kPlaneJamNest, UnitAttr::get(large.getContext()));
  }
}

void mlir::ps::vectorize::removeNestMarks(func::FuncOp func) {
  func.walk([](scf::ForOp loop) {
    loop->removeAttr(kStreamingNest);
    loop->removeAttr(kPlaneJamNest);
    loop->removeAttr(kWholeLineNest);
  });
}
