//===- VectorizePass.cpp - The ps-vectorize pass --------------------------===//
//
// Drives LoopVectorizer over the innermost loops of every lowered kernel:
// resolves the instruction set, versions nests on their arrays' size
// (NestVersions.h), applies the cost model's choices (vectorize=auto), jams
// rows and planes, fences streaming stores and remarks on the loops that
// stay scalar.
//
//===----------------------------------------------------------------------===//

#include "LoopVectorizer.h"
#include "NestVersions.h"

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

/// Vectorizes the innermost loops of one kernel as `config` asks.
class KernelRewriter {
public:
  KernelRewriter(const VectorizeConfig &config, bool remarks, bool remarkJams)
      : config(config), remarks(remarks), remarkJams(remarkJams) {}

  /// Vectorizes the innermost `loop`, jammed where asked or chosen, or
  /// remarks why it stays scalar.
  void vectorize(scf::ForOp loop);

private:
  /// Vectorizes the analysed `loop` as `config` asks, with the cost model's
  /// choices where it is on: a compute-bound loop gets 4 vectors per
  /// iteration and no streaming stores, a memory-bound one streaming stores
  /// for large arrays (a copy of the loop chosen at run time, see
  /// versionByStoreSize) and in the other copy a peel where rows are whole
  /// lines (rewriteWithLinePeel).
  void rewriteVersioned(scf::ForOp loop, LoopVectorizer &vectorizer,
                        const VectorizeConfig &loopConfig) {
    VectorizeConfig used = loopConfig;
    // The copy of the nest for large arrays (versionNests) streams.
    bool streamingNest = getOutermostSpaceLoop(loop)->hasAttr(kStreamingNest);
    if (used.costModel &&
        isComputeBound(loop, vectorizer.getLanes(), used.unroll)) {
      used.unroll = std::max(used.unroll, 4u);
      LoopVectorizer unrolled(loop, used);
      std::string reason;
      if (succeeded(unrolled.analyze(reason))) {
        rewriteLoop(loop, unrolled, used);
        return;
      }
    }
    if (!streamingNest || !vectorizer.getAnchor()) {
      if (!rewriteWithLinePeel(loop, vectorizer, used))
        rewriteLoop(loop, vectorizer, used);
      return;
    }
    used.nontemporal = true;
    LoopVectorizer streaming(loop, used);
    std::string reason;
    if (succeeded(streaming.analyze(reason)))
      rewriteLoop(loop, streaming, used);
  }

  /// The cost model's peel in memory-bound loops whose stores do not
  /// stream (peelWholeLines), on x86: aligned stores ran heat3d 1.07-1.13x
  /// faster at 64^3 and 128^3, jacobi2d 1.16-1.26x at 512^2 and 1024^2,
  /// star19's jammed planes 1.15-1.19x at 64^3 and 128^3;
  /// only where rows are whole lines, as a peel in every row cost heat3d
  /// 0.83x at 66^3 (64 points, 8 whole vectors, became 10). Returns false
  /// where it did not rewrite.
  bool rewriteWithLinePeel(scf::ForOp loop, LoopVectorizer &vectorizer,
                           VectorizeConfig used) {
    if (!used.costModel || !vectorizer.getAnchor() || used.aligned ||
        used.nontemporal || used.isa.arch != "x86_64" ||
        isComputeBound(loop, vectorizer.getLanes(), used.unroll))
      return false;
    used.peelWholeLines = true;
    LoopVectorizer peeling(loop, used);
    std::string reason;
    if (failed(peeling.analyze(reason)))
      return false;
    rewriteLoop(loop, peeling, used);
    return true;
  }

  /// Rewrites `loop` with `vectorizer`, which analysed it as `used` says,
  /// and fences its streaming stores. Where stores beside the anchor would
  /// stream (getLineCheckedStores), versions the loop on whether they share
  /// the anchor's offset in a cache line: the copy where they do streams
  /// them all, aligned; the other only the anchor.
  void rewriteLoop(scf::ForOp loop, LoopVectorizer &vectorizer,
                   const VectorizeConfig &used);

  /// Where row reuse applies (reuse, or the cost model in the copy of a
  /// nest for arrays beyond the last-level cache) and strides put some row
  /// off the anchor's offset in a vector, versions `loop`'s main loop on
  /// createRowAlignmentCheck (rewriteVersioned): where the rows are
  /// aligned, each is loaded once per vector from aligned addresses
  /// (rowsAligned), else the main loop is `vectorizer`'s. Rows are carried
  /// across iterations only where their vectors leave registers to the
  /// arithmetic (kAlignedRowRegisterShare). The cost model asks for a row read
  /// at one offset (y+-1) that is off: where only x+-1 are, aligning them was
  /// 3-5% slower (bench/README.md). In the caches it lost: heat3d at 66^3 ran
  /// 0.83-0.85x, jacobi2d at 258^2 0.96x. Returns false where it did not
  /// rewrite.
  bool rewriteWithAlignedRows(scf::ForOp loop, LoopVectorizer &vectorizer,
                              const VectorizeConfig &used);

  /// The aligned rows' vectorizer of a loop and the check it runs on.
  struct AlignedRows {
    std::unique_ptr<LoopVectorizer> vectorizer;
    MainVersion version;
  };
  /// Where rewriteWithAlignedRows applies, the vectorizer of the aligned
  /// rows' main loops and createRowAlignmentCheck, made before the loop;
  /// else none.
  AlignedRows prepareAlignedRows(scf::ForOp loop, LoopVectorizer &vectorizer,
                                 const VectorizeConfig &used);

  /// An innermost loop that replaces a jammed one, and the rows and
  /// planes each of its iterations computes (1 and 1 for a remainder).
  struct JamPart {
    scf::ForOp loop;
    unsigned rows = 1, planes = 1;
  };

  /// Jams `planes` planes (jamPlanes) and then `rows` rows
  /// (jamEnclosingLoop) around the innermost `loop`, over dimension `dim`,
  /// and returns the innermost loops that replace it, the one that jams
  /// both first (`loop` alone if nothing was jammed). A jam that was asked
  /// for (jam > 1) and fails remarks why.
  SmallVector<JamPart> jamLoops(scf::ForOp loop, unsigned rows, unsigned planes,
                                bool reduces, int64_t dim) {
    auto notJammed = [&](scf::ForOp at, const Twine &reason) {
      if (remarkJams)
        at.emitRemark() << "ps-vectorize: the loop over dimension " << dim
                        << " is not jammed: " << reason;
    };
    if (reduces) {
      if (rows > 1 || planes > 1)
        notJammed(loop, "its nest reduces");
      return {JamPart{loop}};
    }
    SmallVector<JamPart> parts = {JamPart{loop}};
    std::string reason;
    if (planes > 1) {
      FailureOr<JammedLoops> jammed = ps::jamPlanes(loop, planes, reason);
      if (succeeded(jammed))
        parts = {JamPart{jammed->jammed, 1, planes},
                 JamPart{jammed->remainder}};
      else
        notJammed(loop, reason);
    }
    if (rows == 1)
      return parts;
    SmallVector<JamPart> result;
    for (JamPart part : parts) {
      FailureOr<JammedLoops> jammed = jamEnclosingLoop(part.loop, rows, reason);
      if (failed(jammed)) {
        notJammed(part.loop, reason);
        result.push_back(part);
        continue;
      }
      result.push_back(JamPart{jammed->jammed, rows, part.planes});
      result.push_back(JamPart{jammed->remainder, 1, part.planes});
    }
    return result;
  }

  /// Vectorizes one loop of a jam as `partConfig` asks, with streaming
  /// stores in the copy of a nest for large arrays; remarks why it stays
  /// scalar if it does.
  void rewritePart(const JamPart &part, int64_t dim,
                   const VectorizeConfig &partConfig);

  /// The remark of a loop over dimension `dim` that stays scalar.
  void remarkScalar(scf::ForOp loop, int64_t dim, StringRef reason) {
    if (remarks)
      loop.emitRemark() << "ps-vectorize: the loop over dimension " << dim
                        << " stays scalar: " << reason;
  }

  /// Streaming stores are weakly ordered on x86: fences them at the end of
  /// each iteration of the outermost loop around `loop`, which is also the
  /// unit of work of a thread after ps-parallelize.
  void fence(scf::ForOp loop, const VectorizeConfig &used);

  const VectorizeConfig &config;
  bool remarks, remarkJams;
  ContiguousViews views;
  DenseSet<Operation *> fenced;
};

void KernelRewriter::fence(scf::ForOp loop, const VectorizeConfig &used) {
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
  LLVM::CallIntrinsicOp::create(builder, outer.getLoc(),
                                builder.getStringAttr("llvm.x86.sse.sfence"),
                                ValueRange{});
}

void KernelRewriter::vectorize(scf::ForOp loop) {
  std::string reason;
  auto dim =
      loop->getAttrOfType<IntegerAttr>(PsDialect::DimAttrHelper::getNameStr());
  // The copy of a nest whose rows start on cache lines knows it.
  VectorizeConfig nestConfig = config;
  nestConfig.rowsOnLines = getOutermostSpaceLoop(loop)->hasAttr(kWholeLineNest);
  LoopVectorizer vectorizer(loop, nestConfig);
  if (failed(vectorizer.analyze(reason))) {
    remarkScalar(loop, dim.getInt(), reason);
    return;
  }
  // The cost model changes speed, never results: a float sum or product
  // stays in the scalar loop's order.
  if (config.costModel && vectorizer.reassociatesFloats())
    return;
  // The cost model prefetches the leading rows of memory-bound loops
  // (kPrefetchBytes).
  VectorizeConfig loopConfig = nestConfig;
  if (config.costModel && config.choosePrefetch &&
      !isComputeBound(loop, vectorizer.getLanes(), config.unroll))
    loopConfig.prefetchBytes = kPrefetchBytes;
  LoopVectorizer prefetching(loop, loopConfig);
  bool prefetches = loopConfig.prefetchBytes != config.prefetchBytes &&
                    succeeded(prefetching.analyze(reason));
  LoopVectorizer &chosenVectorizer = prefetches ? prefetching : vectorizer;
  // The cost model jams rows where it saves loads (chooseJam), and in the
  // copy of a nest for large arrays planes too (versionNests); it jams the
  // planes of memory-bound blocked nests (isInBlockedNest), silently:
  // only a jam that was asked for remarks why it did not happen. A jam of
  // planes asked for leaves the rows to the user.
  unsigned rows = config.jam, planes = config.jamPlanes;
  bool chosen =
      config.costModel && rows == 1 && planes == 1 && !vectorizer.reduces();
  bool computeJam = false;
  if (chosen) {
    rows = chooseJam(loop, vectorizer.getLanes(), config.unroll);
    computeJam = rows > 1;
    if (computeJam && getOutermostSpaceLoop(loop)->hasAttr(kPlaneJamNest))
      planes = choosePlaneJam(loop, rows);
    else if (!computeJam && isInBlockedNest(loop) &&
             !isComputeBound(loop, vectorizer.getLanes(), config.unroll))
      planes = kBlockedJamPlanes;
  }
  SmallVector<JamPart> parts =
      jamLoops(loop, rows, planes, vectorizer.reduces(), dim.getInt());
  if (parts.size() == 1) {
    rewriteVersioned(loop, chosenVectorizer, loopConfig);
    return;
  }
  // The jammed loops repeat the operations of the analysed body, and the
  // remainders are copies of it. The cost model's jam of planes and rows has
  // enough points per iteration in one vector each, and so do its
  // remainders, which run a few rows and one plane.
  VectorizeConfig partConfig = loopConfig;
  if (computeJam && planes > 1)
    partConfig.unroll = kPlaneJamUnroll;
  for (const JamPart &part : parts)
    rewritePart(part, dim.getInt(), partConfig);
}

void KernelRewriter::rewritePart(const JamPart &part, int64_t dim,
                                 const VectorizeConfig &partConfig) {
  VectorizeConfig used = partConfig;
  used.jammedRows = part.rows;
  used.jammedPlanes = part.planes;
  LoopVectorizer partVectorizer(part.loop, used);
  std::string reason;
  if (failed(partVectorizer.analyze(reason))) {
    remarkScalar(part.loop, dim, reason);
    return;
  }
  // In the copy of a nest for large arrays, jammed loops stream too.
  VectorizeConfig streaming = used;
  streaming.nontemporal = true;
  LoopVectorizer streamingVectorizer(part.loop, streaming);
  std::string ignored;
  if (getOutermostSpaceLoop(part.loop)->hasAttr(kStreamingNest) &&
      partVectorizer.getAnchor() &&
      succeeded(streamingVectorizer.analyze(ignored))) {
    rewriteLoop(part.loop, streamingVectorizer, streaming);
    return;
  }
  if (!rewriteWithLinePeel(part.loop, partVectorizer, used))
    rewriteLoop(part.loop, partVectorizer, used);
}

void KernelRewriter::rewriteLoop(scf::ForOp loop, LoopVectorizer &vectorizer,
                                 const VectorizeConfig &used) {
  fence(loop, used);
  if (vectorizer.getLineCheckedStores().empty()) {
    if (!rewriteWithAlignedRows(loop, vectorizer, used))
      vectorizer.rewrite(views);
    return;
  }
  VectorizeConfig aligned = used;
  aligned.storesShareLineOffset = true;
  LoopVectorizer sharing(loop, aligned);
  std::string reason;
  // The loop that `vectorizer` analysed: it analyses the same.
  if (failed(sharing.analyze(reason))) {
    vectorizer.rewrite(views);
    return;
  }
  OpBuilder builder(loop);
  Value shared = vectorizer.createLineOffsetCheck(builder);
  AlignedRows sharingRows = prepareAlignedRows(loop, sharing, aligned);
  AlignedRows ownRows = prepareAlignedRows(loop, vectorizer, used);
  vectorizer.rewriteLineVersioned(views, shared, sharing, sharingRows.version,
                                  ownRows.version);
}

bool KernelRewriter::rewriteWithAlignedRows(scf::ForOp loop,
                                            LoopVectorizer &vectorizer,
                                            const VectorizeConfig &used) {
  AlignedRows rows = prepareAlignedRows(loop, vectorizer, used);
  if (!rows.version.rowsAligned)
    return false;
  vectorizer.rewriteVersioned(views, *rows.version.rowsAligned,
                              rows.version.condition);
  return true;
}

KernelRewriter::AlignedRows
KernelRewriter::prepareAlignedRows(scf::ForOp loop, LoopVectorizer &vectorizer,
                                   const VectorizeConfig &used) {
  AlignedRows rows;
  bool chosen = used.costModel && !used.reuse &&
                getOutermostSpaceLoop(loop)->hasAttr(kStreamingNest);
  if ((!used.reuse && !chosen) || !used.alignRows || used.isa.scalable ||
      used.rowsOnLines || !vectorizer.getAnchor())
    return rows;
  VectorizeConfig aligned = used;
  aligned.reuse = true;
  aligned.rowsAligned = true;
  LoopVectorizer probe(loop, aligned);
  std::string reason;
  if (failed(probe.analyze(reason)) ||
      !(probe.hasShiftedRows(/*singleOffset=*/chosen) ||
        probe.hasRuntimeShifts()))
    return rows;
  // Rows read at one offset add a carried vector each: past half the
  // registers they spill (star19's jam of planes ran 0.77-0.97x), and each
  // iteration loads all it cuts from instead (star19 on fields of fixed
  // shape 1.35x). Rows of run-time shift hold their permute's indices, a
  // register each: those loops keep their loads (star19 0.97-1.03x).
  if (probe.getRowVectors() * kAlignedRowRegisterShare > used.isa.registers) {
    if (probe.hasRuntimeShifts())
      return rows;
    aligned.carryRows = false;
  }
  rows.vectorizer = std::make_unique<LoopVectorizer>(loop, aligned);
  // The loop that `probe` analysed: it analyses the same.
  if (failed(rows.vectorizer->analyze(reason))) {
    rows.vectorizer.reset();
    return rows;
  }
  OpBuilder builder(loop);
  rows.version.rowsAligned = rows.vectorizer.get();
  rows.version.condition =
      probe.createRowAlignmentCheck(builder, /*someShifted=*/chosen);
  return rows;
}

struct PsVectorizePass : ps::impl::PsVectorizeBase<PsVectorizePass> {
  using PsVectorizeBase::PsVectorizeBase;

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
            lanes, unroll, jam, jamPlanes, prefetch, [&](const Twine &text) {
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
                           costModel,
                           unsigned(std::max<int>(prefetch, 0)),
                           prefetch < 0};
    config.vectorFunctions.assign(vectorFunctions.begin(),
                                  vectorFunctions.end());
    config.alignRows = alignRows;

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
      KernelRewriter rewriter(config, remarks,
                              remarks && (jam > 1 || jamPlanes > 1));
      for (scf::ForOp loop : innermost)
        rewriter.vectorize(loop);
      removeNestMarks(func);
    });
  }
};

} // namespace
