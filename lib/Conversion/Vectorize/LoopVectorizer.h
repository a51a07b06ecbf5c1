//===- LoopVectorizer.h - ps-vectorize's rewrite of one loop ----*- C++ -*-===//
//
// The vectorizer of one innermost loop (analysis, then rewrite into vector
// code) and what it needs: the per-loop configuration, the rows of
// shared loads and the views of memrefs. Private to lib/Conversion/Vectorize:
// Vectorize.cpp defines it, with row reuse in RowReuse.cpp, software
// prefetch in Prefetch.cpp and the peel in Peel.cpp; VectorizePass.cpp
// drives it.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_LIB_CONVERSION_VECTORIZE_LOOPVECTORIZER_H
#define STENCIL_LIB_CONVERSION_VECTORIZE_LOOPVECTORIZER_H

#include "Stencil/Conversion/CodegenEnums.h"
#include "Stencil/Conversion/Vectorize/InstructionSets.h"
#include "Stencil/IR/PsOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/MapVector.h"

namespace mlir::ps::vectorize {

/// The cache line of the targets: streaming stores write whole ones, and
/// software prefetches fetch one each.
constexpr int64_t kCacheLineBytes = 64;

/// How a value of the scalar body varies across the lanes of a vector.
enum class Shape {
  /// The same in every lane: defined outside the loop or computed from such.
  Uniform,
  /// The loop counter plus a uniform offset (an index): lane k adds k.
  Counter,
  /// Anything else; it becomes a vector.
  Varying,
};

struct VectorizeConfig {
  InstructionSet isa;
  unsigned lanes;
  bool masked;
  bool aligned;
  bool nontemporal;
  unsigned unroll;
  bool reuse;
  unsigned jam;
  unsigned jamPlanes;
  VectorGather gather;
  /// KiB from which a loop's destination gets streaming stores, decided at
  /// run time (0: never by size).
  unsigned streamingAbove;
  /// Choose unrolling and streaming per loop (isComputeBound).
  bool costModel;
  /// Bytes ahead of the leading rows the main loop prefetches (0: none).
  unsigned prefetchBytes = 0;
  /// The cost model chooses prefetchBytes (prefetch=-1).
  bool choosePrefetch = false;
  /// Math operations (by name) that become calls of vector functions on
  /// scalable vectors of one register: loops with them vectorize for SVE.
  SmallVector<std::string> vectorFunctions;
  /// The rows and planes of a jam (1: none): the leading rows of a loop
  /// that jams J rows are the J last of its leading plane, and its leading
  /// planes the P last.
  unsigned jammedRows = 1, jammedPlanes = 1;
  /// Every store that createLineOffsetCheck checks starts on the anchor's
  /// offset in a cache line, so that after the peel it is aligned and
  /// streams whole: the caller versioned the loop on that check.
  bool storesShareLineOffset = false;
  /// align-rows: row reuse may load rows from the anchor's offset in a
  /// vector, in a copy of the loop (rewriteWithAlignedRows).
  bool alignRows = false;
  /// Row reuse loads each row's whole vectors from where the anchor's are
  /// in a vector (Row::shift), so that they are aligned after the peel: the
  /// caller versioned the loop on createRowAlignmentCheck.
  bool rowsAligned = false;
  /// The cost model's peel in loops whose stores do not stream: where the
  /// anchor's array has rows of whole cache lines (checked at run time), so
  /// that one peel aligns it in every row, else none. No vector claims the
  /// alignment.
  bool peelWholeLines = false;
  /// The row reuse loop carries each row's last whole vectors into the next
  /// iteration; without, each iteration loads all it cuts from (one more
  /// load per row, no registers held across iterations).
  bool carryRows = true;
  /// Every row and plane of every array starts at the same offset in a
  /// cache line as the array's first (the copy of a nest that versionNests
  /// blocks checked it): a store to the anchor's array at its contiguous
  /// index shares its line offset, and no row is off it.
  bool rowsOnLines = false;
};

/// Loads of one row of a field (same memref, same indices but the
/// contiguous one) at several constant offsets from the counter, such as
/// the x-1, x and x+1 of a stencil. The main loop loads the row once as
/// consecutive whole vectors and cuts each offset's vector out of two of
/// them with a shuffle, instead of loading every offset unaligned.
struct Row {
  Value memref;
  unsigned dim;
  SmallVector<Value> indices;
  int64_t minOffset = 0, maxOffset = 0;
  /// Elements the row's whole vectors start before minOffset: with
  /// rowsAligned, the row's offset from the anchor modulo the lanes where
  /// strides make that a constant (then a row read at one offset is loaded
  /// once too), else 0.
  int64_t shift = 0;
  /// With rowsAligned, true if `shift` is that constant: the row is
  /// aligned where the arrays are at the same offset in a vector.
  bool shiftKnown = false;
  /// With rowsAligned, a row read at one offset whose shift is known at
  /// run time only (a stride of a field of any shape): computed before the
  /// loop from the addresses, and its vectors cut with a two-source permute
  /// of a run-time index (hasRuntimePermute).
  bool runtimeShift = false;
};

/// The whole vectors of each row in one iteration of the main loop: those
/// carried over from the previous iteration, then those it loads.
struct RowChunks {
  DenseMap<unsigned, SmallVector<Value>> chunks;
  /// What rows with a run-time shift (Row::runtimeShift) use, computed
  /// before the loop.
  struct RuntimeShift {
    /// The permute's lane indices: shift + 0, 1, ...
    Value permuteIndices;
    /// The row's view with its elements `shift` later, which the loop loads
    /// at the constant offsets of a row of shift 0: the shift then adds to
    /// the row's base address once, not to each address.
    Value shiftedView;
  };
  DenseMap<unsigned, RuntimeShift> runtimeShifts;
};

/// Views of the kernel's memrefs with the contiguous dimension last, which
/// vector loads and stores need; made once per memref, where it is defined.
class ContiguousViews {
public:
  Value get(Value memref, unsigned contiguousDim) {
    auto type = cast<MemRefType>(memref.getType());
    if (contiguousDim + 1 == type.getRank())
      return memref;
    Value &view = views[memref];
    if (view)
      return view;
    OpBuilder builder(memref.getContext());
    if (auto arg = dyn_cast<BlockArgument>(memref))
      builder.setInsertionPointToStart(arg.getOwner());
    else
      builder.setInsertionPointAfterValue(memref);
    SmallVector<AffineExpr> order;
    for (unsigned dim = 0; dim < type.getRank(); ++dim)
      if (dim != contiguousDim)
        order.push_back(builder.getAffineDimExpr(dim));
    order.push_back(builder.getAffineDimExpr(contiguousDim));
    auto permutation =
        AffineMap::get(type.getRank(), 0, order, builder.getContext());
    view = memref::TransposeOp::create(builder, memref.getLoc(), memref,
                                       AffineMapAttr::get(permutation));
    return view;
  }

  /// A one-dimensional, unit-stride view of `memref`'s buffer from its
  /// first element, and its strides: gathers and scatters address lanes by
  /// their offsets in elements, which vector.gather takes in the innermost
  /// dimension only.
  std::pair<Value, SmallVector<Value>> getFlat(Value memref) {
    auto found = flatViews.find(memref);
    if (found != flatViews.end())
      return found->second;
    OpBuilder builder(memref.getContext());
    if (auto arg = dyn_cast<BlockArgument>(memref))
      builder.setInsertionPointToStart(arg.getOwner());
    else
      builder.setInsertionPointAfterValue(memref);
    Location loc = memref.getLoc();
    auto type = cast<MemRefType>(memref.getType());
    auto metadata =
        memref::ExtractStridedMetadataOp::create(builder, loc, memref);
    // The elements the view spans: 1 + sum (extent - 1) * stride.
    Value one = arith::ConstantIndexOp::create(builder, loc, 1);
    Value span = one;
    for (auto [size, stride] :
         llvm::zip(metadata.getSizes(), metadata.getStrides())) {
      Value last = arith::SubIOp::create(builder, loc, size, one);
      span = arith::AddIOp::create(
          builder, loc, span,
          arith::MulIOp::create(builder, loc, last, stride));
    }
    auto flatType = MemRefType::get(
        {ShapedType::kDynamic}, type.getElementType(),
        StridedLayoutAttr::get(builder.getContext(), ShapedType::kDynamic, {1}),
        type.getMemorySpace());
    Value flat = memref::ReinterpretCastOp::create(
        builder, loc, flatType, metadata.getBaseBuffer(),
        OpFoldResult(metadata.getOffset()), ArrayRef<OpFoldResult>{span},
        ArrayRef<OpFoldResult>{builder.getIndexAttr(1)});
    auto &entry = flatViews[memref];
    entry = {flat, SmallVector<Value>(metadata.getStrides())};
    return entry;
  }

private:
  DenseMap<Value, Value> views;
  DenseMap<Value, std::pair<Value, SmallVector<Value>>> flatViews;
};

/// A partial reduction the loop carries: iteration argument `index` is
/// combined with `value` by `combine`, whose result the loop yields.
struct CarriedReduction {
  unsigned index;
  ReductionKind kind;
  Operation *combine;
  Value value;
};

class LoopVectorizer;

/// The main loops of one version of a loop: the vectorizer's, or where
/// `condition` holds those of `rowsAligned` (VectorizeConfig::rowsAligned)
/// if it is not null.
struct MainVersion {
  LoopVectorizer *rowsAligned = nullptr;
  Value condition;
};

class LoopVectorizer {
public:
  LoopVectorizer(scf::ForOp loop, const VectorizeConfig &config)
      : loop(loop), config(config) {}

  /// Decides whether the loop can be vectorized; on failure `reason` says
  /// why not.
  LogicalResult analyze(std::string &reason);

  /// Replaces the loop by the peeling loop, the vector loops and the
  /// remainder. Call after a successful analyze().
  void rewrite(ContiguousViews &views);
  /// rewrite(), with the main loops of `rowsAligned` (this loop analysed
  /// with VectorizeConfig::rowsAligned) where `condition`
  /// (createRowAlignmentCheck) holds: one peel, single-vector loop and
  /// remainder serve both, so that the choice adds only a main loop.
  void rewriteVersioned(ContiguousViews &views, LoopVectorizer &rowsAligned,
                        Value condition);
  /// rewrite(), with the main loops and the single-vector loop of `sharing`
  /// (this loop analysed with VectorizeConfig::storesShareLineOffset) where
  /// `shared` (createLineOffsetCheck) holds, each version's main loops
  /// versioned on the aligned rows as `sharingRows` and `ownRows` say: one
  /// peel and remainder serve all.
  void rewriteLineVersioned(ContiguousViews &views, Value shared,
                            LoopVectorizer &sharing,
                            const MainVersion &sharingRows,
                            const MainVersion &ownRows);

  /// True if the loop carries partial reductions.
  bool reduces() const { return !reductions.empty(); }
  /// The contiguous store that alignment peeling and streaming apply to.
  memref::StoreOp getAnchor() const { return anchor; }
  /// True if vector lanes would combine a float sum or product in another
  /// order than the scalar loop (min, max and integers are exact).
  bool reassociatesFloats() const {
    return llvm::any_of(reductions, [](const CarriedReduction &reduction) {
      return (reduction.kind == ReductionKind::add ||
              reduction.kind == ReductionKind::mul) &&
             isa<FloatType>(reduction.value.getType());
    });
  }
  /// Elements per vector, once analyze() succeeded.
  int64_t getLanes() const { return lanes; }
  /// The contiguous stores beside the anchor that stream only where they
  /// share its offset in a cache line: with streaming stores on x86, which
  /// streams aligned vectors only, those of the anchor's element type (a
  /// second field, the other rows and planes of a jam).
  SmallVector<memref::StoreOp> getLineCheckedStores();
  /// An i1, at the builder's point before the loop: true if at the loop's
  /// first point every store of getLineCheckedStores() is at the anchor's
  /// offset in a cache line (then all are aligned wherever the anchor is).
  Value createLineOffsetCheck(OpBuilder &builder);
  /// True if, with rowsAligned, some row's whole vectors start off the
  /// anchor's offset in a vector (Row::shift is not 0); with
  /// `singleOffset`, some row read at one offset only, the loads that row
  /// reuse without alignRows leaves straddling cache lines.
  bool hasShiftedRows(bool singleOffset) const;
  /// True if some row has a run-time shift (Row::runtimeShift).
  bool hasRuntimeShifts() const {
    return llvm::any_of(rows, [](const Row &row) { return row.runtimeShift; });
  }
  /// The row vectors an iteration of the row reuse loop holds: those it
  /// carries and those it loads.
  int64_t getRowVectors() const;
  /// An i1, at the builder's point before the loop: true if every reused
  /// row of constant shift has its first whole vector at the anchor's
  /// offset in a vector, so that after the peel the row reuse loop loads
  /// aligned vectors only (rows of run-time shift are, wherever the arrays
  /// are). With `someShifted`, also that some row's shift is not 0 where
  /// only rows of run-time shift could have one.
  Value createRowAlignmentCheck(OpBuilder &builder, bool someShifted);

private:
  /// Finds the partial reductions the loop carries (`ps.reductions`): each
  /// iteration argument is used once, by a combining operation whose result
  /// only the terminator yields.
  LogicalResult analyzeReductions(std::string &reason);
  /// The partials of the loop as vectors: one per reduction and copy.
  SmallVector<Value> createVectorIdentities(OpBuilder &builder,
                                            unsigned copies);
  /// Reduces the vector partials (`copies` per reduction, copy-major) into
  /// the scalar `partials`.
  void reduceVectors(OpBuilder &builder, ValueRange vectors, unsigned copies,
                     SmallVectorImpl<Value> &partials);
  Shape shapeOf(Value value) const {
    auto it = shapes.find(value);
    return it == shapes.end() ? Shape::Uniform : it->second;
  }
  LogicalResult analyzeAccess(Operation *op, Value memref, ValueRange indices,
                              std::string &reason);
  VectorType getVectorType(Type element) const {
    return VectorType::get({lanes}, element, {config.isa.scalable});
  }
  Value createIndex(OpBuilder &builder, int64_t value) {
    return arith::ConstantIndexOp::create(builder, loop.getLoc(), value);
  }
  /// `count` vectors' worth of lanes (a multiple of vscale for SVE).
  Value createLaneCount(OpBuilder &builder, int64_t count);
  /// A copy of the scalar loop over [lower, upper), continuing the partial
  /// reductions `partials`, which it updates.
  void createScalarLoop(OpBuilder &builder, Value lower, Value upper,
                        SmallVectorImpl<Value> &partials);
  /// The byte address of `store`'s element with the counter replaced as in
  /// `mapping`.
  Value createByteAddress(OpBuilder &builder, memref::StoreOp store,
                          IRMapping &mapping) {
    return createByteAddress(builder, store.getMemRef(), store.getIndices(),
                             mapping);
  }
  Value createByteAddress(OpBuilder &builder, Value memref, ValueRange indices,
                          IRMapping &mapping);
  /// True if `store` is one that getLineCheckedStores() may hold: aligned
  /// with the anchor where storesShareLineOffset says so.
  bool isLineCheckedStore(memref::StoreOp store);
  /// True if `store`, one that getLineCheckedStores() may hold, is aligned
  /// with the anchor without a check: rowsOnLines, the anchor's array, its
  /// contiguous index.
  bool sharesAnchorLine(memref::StoreOp store);
  /// The vectors per iteration of the main loop: config.unroll, raised to
  /// fill a cache line where stores stream.
  unsigned getMainLoopUnroll() const;
  /// What the peel aligns the anchor to: a vector, or with streaming stores
  /// a cache line if that is more.
  int64_t getPeelAlignment();
  /// The scalar iterations before the first store's address is aligned: to
  /// a vector, or with streaming stores to a cache line; with only
  /// peelWholeLines, none where createRowsOnLinesCheck fails.
  Value createPeelCount(OpBuilder &builder, Value lower, Value upper);
  /// An i1: every stride of the anchor's array but the contiguous one is a
  /// multiple of a cache line, so that all its rows start at one offset in
  /// a line.
  Value createRowsOnLinesCheck(OpBuilder &builder);
  /// Whether a loop of `count` vectors per iteration streams its stores.
  /// Only whole cache lines stream: a line that streaming stores write in
  /// part, and ordinary stores in the rest, costs a partial write-combining
  /// flush. With AVX2 (a 32-byte vector is half a line) the single-vector
  /// loop after the main loop did that once per row, and heat3d's 256-point
  /// rows ran at 0.45x on AMD Zen 3 (bench/README.md).
  bool streamsStores(unsigned count);
  /// Computes `value` (uniform or counter-shaped) at the builder's point
  /// with the counter replaced as in `mapping`.
  Value materialize(OpBuilder &builder, Value value, IRMapping &mapping);
  /// Vector iterations whose first lanes are the points `bases`, under
  /// `mask` (null: all lanes), with streaming stores if `streaming`.
  void createVectorBody(OpBuilder &builder, ContiguousViews &views,
                        ArrayRef<Value> bases, Value mask, bool streaming,
                        RowChunks *rowChunks);
  /// The vector form of `op` in copy `copy` of those iterations; row loads
  /// come from `rowChunks` if it is not null.
  void createVectorOp(OpBuilder &builder, ContiguousViews &views, Operation &op,
                      MutableArrayRef<IRMapping> mappings, unsigned copy,
                      DenseMap<Value, Value> &vectors, RowChunks *rowChunks,
                      Value mask, bool streaming);
  /// The gather or scatter of the strided load or store `op`: lane k at the
  /// point's element plus k times the stride of the counter's dimension.
  void createStridedAccess(OpBuilder &builder, ContiguousViews &views,
                           Operation &op, IRMapping &mapping,
                           DenseMap<Value, Value> &vectors, Value mask);
  /// The end of the last whole chunk of `width` points from `from` before
  /// the loop's end less `slack`.
  Value emitWholeChunksEnd(OpBuilder &builder, Value from, Value width,
                           int64_t slack);
  /// A vector loop from `from` with `count` vectors per iteration,
  /// continuing `partials`; returns where it ends. `reuseRows` leaves the
  /// slack the row reuse loop needs.
  Value emitVectorLoop(OpBuilder &builder, ContiguousViews &views, Value from,
                       unsigned count, bool reuseRows,
                       SmallVectorImpl<Value> &partials);
  /// The main loop with row reuse: it carries the last whole vectors of
  /// each row into the next iteration, which then loads only `unroll` new
  /// ones per row. The first are loaded before the loop, so that the loop
  /// only runs (and they are only loaded) when it has an iteration.
  Value emitRowReuseLoop(OpBuilder &builder, ContiguousViews &views,
                         Value from);
  /// One iteration of `unroll` vectors at `from` without row reuse, where
  /// the loop has as many points; returns where the next starts. Shifted
  /// rows (Row::shift) start up to lanes - 1 elements before their first
  /// point: after this iteration, none starts before what the scalar loop
  /// reads.
  Value emitLeadIteration(OpBuilder &builder, ContiguousViews &views,
                          Value from);
  /// The points from `tail` on: one masked vector, or the scalar loop
  /// (masked lanes read zeros, which an integer division would trap on).
  void emitRemainder(OpBuilder &builder, ContiguousViews &views, Value tail,
                     SmallVectorImpl<Value> &partials);
  /// True if scalar iterations align the anchor before the vector loops.
  bool needsPeel() const;
  /// True if the main loop leaves whole vectors to a loop of one vector:
  /// it is unrolled, or row reuse leaves slack.
  bool needsSingleVectorLoop() const;
  /// True if the peel is masked vectors rather than a scalar loop: on x86,
  /// where masked loads and stores are instructions and the remainder is
  /// masked too, unless stores stream and the body has few loads
  /// (kMaskedPeelMinLoads).
  bool peelsMasked();
  /// The peel (peelsMasked: the vectors before the first aligned one, with
  /// the lanes before the loop's start off; else the scalar loop); returns
  /// where the vector loops start.
  Value emitPeel(OpBuilder &builder, ContiguousViews &views,
                 SmallVectorImpl<Value> &partials);
  /// The masked vectors of the peel over [lower, start), the points before
  /// the first aligned vector.
  void emitMaskedPeel(OpBuilder &builder, ContiguousViews &views, Value lower,
                      Value start);
  /// The main loop from `start` (with row reuse after its lead iteration);
  /// returns where it ends.
  Value emitMainLoops(OpBuilder &builder, ContiguousViews &views, Value start,
                      SmallVectorImpl<Value> &partials);
  /// emitMainLoops, or where `condition` holds those of `rowsAligned` if it
  /// is not null; sets the unrolls.
  Value emitVersionedMainLoops(OpBuilder &builder, ContiguousViews &views,
                               Value start, SmallVectorImpl<Value> &partials,
                               LoopVectorizer *rowsAligned, Value condition);
  /// needsSingleVectorLoop of this or of `rowsAligned` (if not null).
  bool needsSingleVectorLoop(LoopVectorizer *rowsAligned) const;
  /// The loops after the main loop from `tail` (the single-vector loop if
  /// `singleVectorLoop`, then the remainder), replacing the loop by them.
  void emitRest(OpBuilder &builder, ContiguousViews &views, Value tail,
                bool singleVectorLoop, SmallVectorImpl<Value> &partials);
  /// Finds the loads the main loop prefetches ahead of (Prefetch.cpp).
  void findLeadingLoads();
  /// Prefetches, in the main loop's iteration from `base` with `count`
  /// vectors, config.prefetchBytes ahead of each leading load, one per cache
  /// line the iteration reads of its row.
  void emitPrefetches(OpBuilder &builder, ContiguousViews &views, Value base,
                      unsigned count);
  /// The whole vectors of row `rowIndex` for one main-loop iteration.
  ArrayRef<Value> getRowChunks(OpBuilder &builder, ContiguousViews &views,
                               unsigned rowIndex, const IRMapping &first,
                               unsigned copies, RowChunks &rowChunks);

  scf::ForOp loop;
  VectorizeConfig config;
  DenseMap<Value, Shape> shapes;
  /// The dimension the counter indexes in each vector load and store.
  DenseMap<Operation *, unsigned> accessDims;
  /// The loads and stores whose counter dimension has no unit stride: they
  /// become gathers and scatters.
  DenseSet<Operation *> stridedAccesses;
  /// True if some store writes a different element per point.
  bool storesVarying = false;
  /// The store peeling aligns, and the loads at its address.
  memref::StoreOp anchor;
  unsigned elementBits = 0;
  int64_t lanes = 0;
  bool hasIntegerDivision = false;
  /// Math without a scalable form in LLVM that becomes a vector function
  /// call (VectorizeConfig::vectorFunctions).
  SmallVector<Operation *> vectorFunctionCalls;
  /// Counter-shaped values whose offset from the counter is a constant.
  DenseMap<Value, int64_t> counterOffsets;
  SmallVector<Row> rows;
  SmallVector<CarriedReduction> reductions;
  /// The vector partials of each copy of the body being built, by
  /// reduction: createVectorOp combines into them.
  SmallVector<SmallVector<Value>> vectorPartials;
  /// The row and offset of each load that is part of a row.
  DenseMap<Operation *, std::pair<unsigned, int64_t>> rowLoads;
  /// Points the main loop leaves to the others, so that its whole-vector
  /// row loads never read past what the scalar loop reads.
  int64_t rowSlack = 0;
  /// Whole vectors each row loads beyond the unrolled copies.
  int64_t getExtraChunks(const Row &row) const {
    if (row.runtimeShift)
      return 1;
    return (row.maxOffset - row.minOffset + row.shift + lanes - 1) / lanes;
  }
  /// True if the row reuse loop loads `row` as whole vectors: it is read at
  /// several offsets, or its loads straddle vectors (Row::shift).
  static bool isReused(const Row &row) {
    return row.minOffset != row.maxOffset || row.shift != 0 || row.runtimeShift;
  }
  /// True if the instruction set cuts vectors of `element` out of two with
  /// a run-time index: AVX-512's vpermt2 on whole registers of 32- and
  /// 64-bit lanes.
  bool hasRuntimePermute(Type element) const;
  /// The shift of `row` (Row::runtimeShift) at the builder's point before
  /// the loop: its offset from the anchor in elements, modulo the lanes.
  Value createRuntimeShift(OpBuilder &builder, const Row &row);
  /// Lanes [shift, shift + lanes) of the concatenation of `low` and `high`,
  /// for `indices` = shift + 0, 1, ... (vpermt2).
  Value createRuntimePermute(OpBuilder &builder, Value low, Value high,
                             Value indices);
  void findRows();
  /// The row's offset from the anchor in elements modulo the lanes, where
  /// static strides make it one constant for the whole loop (rowsAligned).
  std::optional<int64_t> getStaticShift(const Row &row);
  /// The loads that read their rows from memory first in each iteration of
  /// the enclosing loops, which the hardware prefetcher meets too late.
  SmallVector<memref::LoadOp> leadingLoads;
};

} // namespace mlir::ps::vectorize

#endif // STENCIL_LIB_CONVERSION_VECTORIZE_LOOPVECTORIZER_H
