//===- VectorizePass.cpp - The ps-vectorize pass --------------------------===//
//
// Drives LoopVectorizer over the innermost loops of every lowered kernel:
// resolves the instruction set, versions memory-bound nests for streaming
// stores (streaming-above), applies the cost model's choices
// (vectorize=auto), jams rows, fences streaming stores and remarks on the
// loops that stay scalar.
//
//===----------------------------------------------------------------------===//

#include "LoopVectorizer.h"

#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/Vectorize/CostModel.h"
#include "Stencil/Conversion/Vectorize/InstructionSets.h"
#include "Stencil/Conversion/Vectorize/Jam.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSVECTORIZE
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::vectorize;

namespace {

/// Splits the loop nest `loop` into two copies under an `scf.if` on the
/// size of the array that `store` writes: the first runs where it spans at
/// least `kib` KiB (streaming stores pay: the array does not stay in the
/// caches), the second otherwise. Returns {large, small}; the second is
/// `loop` itself. One check per call of the kernel: the whole nest is
/// versioned, so that each copy is the code an explicit choice gives.
std::pair<scf::ForOp, scf::ForOp>
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
  auto ifOp = scf::IfOp::create(builder, loc, loop.getResultTypes(), large,
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

/// The outermost loop of the nest that `loop` belongs to.
scf::ForOp getOutermostSpaceLoop(scf::ForOp loop) {
  scf::ForOp outer = loop;
  while (auto parent = outer->getParentOfType<scf::ForOp>()) {
    if (!parent->hasAttr(PsDialect::DimAttrHelper::getNameStr()))
      break;
    outer = parent;
  }
  return outer;
}

struct PsVectorizePass : ps::impl::PsVectorizeBase<PsVectorizePass> {
  using PsVectorizeBase::PsVectorizeBase;

  /// Vectorizes the analysed `loop` as `config` asks, with the cost model's
  /// choices where it is on: a compute-bound loop gets 4 vectors per
  /// iteration and no streaming stores, a memory-bound one streaming stores
  /// for large arrays (a copy of the loop chosen at run time, see
  /// versionByStoreSize).
  template <typename Fence>
  void rewriteVersioned(scf::ForOp loop, LoopVectorizer &vectorizer,
                        VectorizeConfig config, ContiguousViews &views,
                        Fence &fence) {
    // The copy of the nest for large arrays (versionNests) streams.
    bool streamingNest = getOutermostSpaceLoop(loop)->hasAttr(kStreamingNest);
    if (config.costModel &&
        isComputeBound(loop, vectorizer.getLanes(), config.unroll)) {
      config.unroll = std::max(config.unroll, 4u);
      LoopVectorizer unrolled(loop, config);
      std::string reason;
      if (succeeded(unrolled.analyze(reason))) {
        fence(loop, config);
        unrolled.rewrite(views);
        return;
      }
    }
    if (!streamingNest || !vectorizer.getAnchor()) {
      fence(loop, config);
      vectorizer.rewrite(views);
      return;
    }
    config.nontemporal = true;
    LoopVectorizer streaming(loop, config);
    std::string reason;
    if (succeeded(streaming.analyze(reason))) {
      fence(loop, config);
      streaming.rewrite(views);
    }
  }

  /// streaming-above: versions every loop nest of `func` that stores on
  /// the size of its first store's array, and marks the copy for large
  /// arrays, whose loops then stream.
  void versionNests(func::FuncOp func, const VectorizeConfig &config) {
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
    }
    for (auto [nest, store] : planeNests) {
      auto [large, small] = versionByStoreSize(
          nest, store, config.streamingAbove / kPlaneJamShare);
      large->setAttr(kPlaneJamNest, UnitAttr::get(large.getContext()));
    }
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
  static bool hasMemoryBoundLoop(scf::ForOp nest,
                                 const VectorizeConfig &config) {
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

  /// Marks the outermost loop of a nest's copy for large arrays: one that
  /// streams, one that jams planes.
  static constexpr llvm::StringLiteral kStreamingNest = "ps.streaming_nest";
  static constexpr llvm::StringLiteral kPlaneJamNest = "ps.plane_jam_nest";

  /// Jams `planes` planes (jamPlanes) and then `rows` rows
  /// (jamEnclosingLoop) around the innermost `loop`, over dimension `dim`,
  /// and returns the innermost loops that replace it, the one that jams
  /// both first (`loop` alone if nothing was jammed). A jam that was asked
  /// for (jam > 1) and fails remarks why.
  SmallVector<scf::ForOp> jamLoops(scf::ForOp loop, unsigned rows,
                                   unsigned planes, bool reduces, int64_t dim) {
    bool remarkJam = remarks && (jam > 1 || jamPlanes > 1);
    auto notJammed = [&](scf::ForOp at, const Twine &reason) {
      if (remarkJam)
        at.emitRemark() << "ps-vectorize: the loop over dimension " << dim
                        << " is not jammed: " << reason;
    };
    if (reduces) {
      if (rows > 1 || planes > 1)
        notJammed(loop, "its nest reduces");
      return {loop};
    }
    SmallVector<scf::ForOp> parts = {loop};
    std::string reason;
    if (planes > 1) {
      FailureOr<JammedLoops> jammed = ps::jamPlanes(loop, planes, reason);
      if (succeeded(jammed))
        parts = {jammed->jammed, jammed->remainder};
      else
        notJammed(loop, reason);
    }
    if (rows == 1)
      return parts;
    SmallVector<scf::ForOp> result;
    for (scf::ForOp part : parts) {
      FailureOr<JammedLoops> jammed = jamEnclosingLoop(part, rows, reason);
      if (failed(jammed)) {
        notJammed(part, reason);
        result.push_back(part);
        continue;
      }
      result.push_back(jammed->jammed);
      result.push_back(jammed->remainder);
    }
    return result;
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<InstructionSet> set;
    if (isa == "host") {
      set = getHostInstructionSet();
      if (!set) {
        emitError(module.getLoc())
            << "ps-vectorize: this machine has none of the instruction sets "
            << getInstructionSetNames();
        return signalPassFailure();
      }
    } else {
      set = lookupInstructionSet(isa);
      if (!set) {
        emitError(module.getLoc())
            << "ps-vectorize: unknown instruction set '" << isa
            << "' (expected one of " << getInstructionSetNames() << ")";
        return signalPassFailure();
      }
    }
    if (failed(checkVectorizeRanges(
            lanes, unroll, jam, jamPlanes, [&](const Twine &text) {
              return emitError(module.getLoc()) << "ps-vectorize: " << text;
            })))
      return signalPassFailure();
    VectorizeConfig config{*set,
                           lanes,
                           remainder == VectorRemainder::Masked,
                           aligned,
                           nontemporal,
                           unroll,
                           reuse,
                           jam,
                           jamPlanes,
                           gather,
                           streamingAbove,
                           costModel};

    module.walk([&](func::FuncOp func) {
      if (!func->hasAttr(PsDialect::KernelAttrHelper::getNameStr()))
        return;
      versionNests(func, config);
      SmallVector<scf::ForOp> innermost;
      func.walk([&](scf::ForOp loop) {
        if (!loop->hasAttr(PsDialect::DimAttrHelper::getNameStr()))
          return;
        bool nested = false;
        loop.getBody()->walk([&](LoopLikeOpInterface) { nested = true; });
        if (!nested)
          innermost.push_back(loop);
      });
      ContiguousViews views;
      DenseSet<Operation *> fenced;
      // Streaming stores are weakly ordered on x86: fence them at the end
      // of each iteration of the outermost loop, which is also the unit of
      // work of a thread after ps-parallelize.
      auto fence = [&](scf::ForOp loop, const VectorizeConfig &used) {
        if (!used.nontemporal || used.isa.arch != "x86_64")
          return;
        scf::ForOp outer = getOutermostSpaceLoop(loop);
        if (!fenced.insert(outer).second)
          return;
        OpBuilder builder(outer);
        if (outer == loop)
          builder.setInsertionPointAfter(loop);
        else
          builder.setInsertionPoint(outer.getBody()->getTerminator());
        LLVM::CallIntrinsicOp::create(
            builder, outer.getLoc(),
            builder.getStringAttr("llvm.x86.sse.sfence"), ValueRange{});
      };
      for (scf::ForOp loop : innermost) {
        std::string reason;
        auto dim = loop->getAttrOfType<IntegerAttr>(
            PsDialect::DimAttrHelper::getNameStr());
        auto remarkScalar = [&](scf::ForOp scalar) {
          if (remarks)
            scalar.emitRemark() << "ps-vectorize: the loop over dimension "
                                << dim.getInt() << " stays scalar: " << reason;
        };
        LoopVectorizer vectorizer(loop, config);
        if (failed(vectorizer.analyze(reason))) {
          remarkScalar(loop);
          continue;
        }
        // The cost model changes speed, never results: a float sum or
        // product stays in the scalar loop's order.
        if (config.costModel && vectorizer.reassociatesFloats())
          continue;
        // The cost model jams rows where it saves loads (chooseJam), and in
        // the copy of a nest for large arrays planes too (versionNests),
        // silently: only a jam that was asked for remarks why it did not
        // happen. A jam of planes asked for leaves the rows to the user.
        unsigned rows = config.jam, planes = config.jamPlanes;
        bool chosen = config.costModel && rows == 1 && planes == 1 &&
                      !vectorizer.reduces();
        if (chosen) {
          rows = chooseJam(loop, vectorizer.getLanes(), config.unroll);
          if (getOutermostSpaceLoop(loop)->hasAttr(kPlaneJamNest))
            planes = choosePlaneJam(loop, rows);
        }
        SmallVector<scf::ForOp> parts =
            jamLoops(loop, rows, planes, vectorizer.reduces(), dim.getInt());
        if (parts.size() == 1) {
          rewriteVersioned(loop, vectorizer, config, views, fence);
          continue;
        }
        // The jammed loops repeat the operations of the analysed body, and
        // the remainders are copies of it. The cost model's jam of planes
        // and rows has enough points per iteration in one vector each, and
        // so do its remainders, which run a few rows and one plane.
        VectorizeConfig partConfig = config;
        if (chosen && planes > 1)
          partConfig.unroll = kPlaneJamUnroll;
        for (scf::ForOp part : parts) {
          LoopVectorizer partVectorizer(part, partConfig);
          if (failed(partVectorizer.analyze(reason))) {
            remarkScalar(part);
            continue;
          }
          fence(part, partConfig);
          partVectorizer.rewrite(views);
        }
      }
      func.walk([](scf::ForOp loop) {
        loop->removeAttr(kStreamingNest);
        loop->removeAttr(kPlaneJamNest);
      });
    });
  }
};

} // namespace
