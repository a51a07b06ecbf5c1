//===- Vectorize.cpp - SIMD code for the innermost loops of kernels -------===//
//
// ps-vectorize rewrites the innermost scf.for of each loop nest lowered from a
// dense iteration space into vector-dialect code. A loop qualifies when every
// field access indexes its contiguous dimension by the counter plus an
// invariant offset and its other dimensions by invariants, and the body is
// straight-line arith/math code. Each scalar operation becomes the same
// operation on vectors, in the same order, so results do not change.
// Reductions are the exception: the loop's partial reduction becomes one
// vector of partials per unrolled copy, combined lane-wise and reduced
// horizontally after the loop, which reassociates float sums and products.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/Vectorize/CostModel.h"
#include "Stencil/Conversion/Vectorize/InstructionSets.h"
#include "Stencil/Conversion/Vectorize/Jam.h"
#include "Stencil/Conversion/PsToScf/PsToScf.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSVECTORIZE
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {

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
  VectorGather gather;
  /// KiB from which a loop's destination gets streaming stores, decided at
  /// run time (0: never by size).
  unsigned streamingAbove;
  /// Choose unrolling and streaming per loop (isComputeBound).
  bool costModel;
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
};

/// The whole vectors of each row in one iteration of the main loop: those
/// carried over from the previous iteration, then those it loads.
struct RowChunks {
  DenseMap<unsigned, SmallVector<Value>> chunks;
};

/// The dimension of a memref with a static unit stride, if any.
std::optional<unsigned> getContiguousDim(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return std::nullopt;
  for (unsigned dim = strides.size(); dim-- > 0;)
    if (strides[dim] == 1)
      return dim;
  return std::nullopt;
}

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
          builder, loc, span, arith::MulIOp::create(builder, loc, last, stride));
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

/// The indices of an access in the order of its contiguous view.
SmallVector<Value> permuteIndices(ValueRange indices, unsigned contiguousDim) {
  SmallVector<Value> result;
  for (auto [dim, index] : llvm::enumerate(indices))
    if (dim != contiguousDim)
      result.push_back(index);
  result.push_back(indices[contiguousDim]);
  return result;
}

bool isIntegerDivision(Operation *op) {
  return isa<arith::DivSIOp, arith::DivUIOp, arith::RemSIOp, arith::RemUIOp,
             arith::CeilDivSIOp, arith::CeilDivUIOp, arith::FloorDivSIOp>(op);
}

/// A partial reduction the loop carries: iteration argument `index` is
/// combined with `value` by `combine`, whose result the loop yields.
struct CarriedReduction {
  unsigned index;
  ReductionKind kind;
  Operation *combine;
  Value value;
};

vector::CombiningKind getCombiningKind(ReductionKind kind, Type element) {
  bool isFloat = isa<FloatType>(element);
  switch (kind) {
  case ReductionKind::add:
    return vector::CombiningKind::ADD;
  case ReductionKind::mul:
    return vector::CombiningKind::MUL;
  case ReductionKind::min:
    return isFloat ? vector::CombiningKind::MINNUMF
                   : vector::CombiningKind::MINSI;
  case ReductionKind::max:
    return isFloat ? vector::CombiningKind::MAXNUMF
                   : vector::CombiningKind::MAXSI;
  }
  llvm_unreachable("unknown reduction kind");
}

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
  /// The scalar iterations before the first store's address is aligned.
  Value createPeelCount(OpBuilder &builder, Value lower, Value upper);
  /// Computes `value` (uniform or counter-shaped) at the builder's point
  /// with the counter replaced as in `mapping`.
  Value materialize(OpBuilder &builder, Value value, IRMapping &mapping);
  /// Vector iterations whose first lanes are the points `bases`, under
  /// `mask` (null: all lanes) and with the main loop's store attributes if
  /// `main`.
  void createVectorBody(OpBuilder &builder, ContiguousViews &views,
                        ArrayRef<Value> bases, Value mask, bool main,
                        RowChunks *rowChunks);
  /// The vector form of `op` in copy `copy` of those iterations; row loads
  /// come from `rowChunks` if it is not null.
  void createVectorOp(OpBuilder &builder, ContiguousViews &views, Operation &op,
                      MutableArrayRef<IRMapping> mappings, unsigned copy,
                      DenseMap<Value, Value> &vectors, RowChunks *rowChunks,
                      Value mask, bool main);
  /// The gather or scatter of the strided load or store `op`: lane k at the
  /// point's element plus k times the stride of the counter's dimension.
  void createStridedAccess(OpBuilder &builder, ContiguousViews &views,
                           Operation &op, IRMapping &mapping,
                           DenseMap<Value, Value> &vectors, Value mask);
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
    return (row.maxOffset - row.minOffset + lanes - 1) / lanes;
  }
  void findRows();
};

LogicalResult LoopVectorizer::analyzeAccess(Operation *op, Value memref,
                                            ValueRange indices,
                                            std::string &reason) {
  auto type = cast<MemRefType>(memref.getType());
  std::optional<unsigned> counterDim;
  for (auto [dim, index] : llvm::enumerate(indices)) {
    Shape shape = shapeOf(index);
    if (shape == Shape::Varying) {
      reason = "'" + op->getName().getStringRef().str() +
               "' gathers: an index differs per point in a way other than "
               "the counter plus an offset (a sparse space or computed index)";
      return failure();
    }
    if (shape == Shape::Counter) {
      if (counterDim) {
        reason = "the counter indexes two dimensions of one access";
        return failure();
      }
      counterDim = dim;
    }
  }
  if (!counterDim) {
    if (isa<memref::StoreOp>(op)) {
      reason = "a store writes the same element in every iteration";
      return failure();
    }
    shapes[op->getResult(0)] = Shape::Uniform;
    return success();
  }
  std::optional<unsigned> contiguous = getContiguousDim(type);
  bool strided = !contiguous || *contiguous != *counterDim;
  if (strided) {
    // gather=runtime: a stride known when compiling is better left to
    // LLVM's loop vectorizer, whose wide loads and shuffles beat gathers,
    // and a strided store to its code too (strided-bench in
    // bench/README.md); loads with a stride known only at run time are
    // gathered.
    auto [strides, offset] = type.getStridesAndOffset();
    if (config.gather == VectorGather::Runtime &&
        !ShapedType::isDynamic(strides[*counterDim])) {
      reason = "the counter indexes dimension " + std::to_string(*counterDim) +
               " with the constant stride " +
               std::to_string(strides[*counterDim]) +
               ", which LLVM's vectorizer loads with wide loads and shuffles, "
               "faster than gathers (gather=always gathers it)";
      return failure();
    }
    bool isStore = isa<memref::StoreOp>(op);
    // Scatters measured no faster than LLVM's code for the scalar loop.
    if (isStore && config.gather == VectorGather::Runtime) {
      reason = "a store writes with a stride in x, and scatters are no "
               "faster than the scalar loop (gather=always scatters it)";
      return failure();
    }
    bool hardware = isStore ? config.isa.scatters : config.isa.gathers;
    bool allowed = config.gather != VectorGather::Never;
    if (!allowed || !hardware) {
      reason = "the counter indexes dimension " + std::to_string(*counterDim) +
               " of a memref that is not contiguous in it (a layout with the "
               "components or another dimension innermost, or a strided "
               "view), and " +
               (allowed ? config.isa.name.str() + " has no " +
                              (isStore ? "scatters" : "gathers")
                        : std::string("gather=never")) +
               " to vectorize it with";
      return failure();
    }
    stridedAccesses.insert(op);
  }
  unsigned bits = type.getElementType().getIntOrFloatBitWidth();
  if (bits % 8 != 0) {
    reason = "a field of i" + std::to_string(bits) +
             " holds one element per byte, but vectors of them are bit-packed";
    return failure();
  }
  accessDims[op] = *counterDim;
  elementBits = std::max(elementBits, bits);
  if (auto load = dyn_cast<memref::LoadOp>(op))
    shapes[load.getResult()] = Shape::Varying;
  return success();
}

LogicalResult LoopVectorizer::analyze(std::string &reason) {
  if (loop->hasAttr(PsDialect::SparseAttrHelper::getNameStr())) {
    reason = "it runs over a sparse space, whose points come from an index "
             "list (the accesses would be gathers and scatters)";
    return failure();
  }
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!step || *step != 1) {
    reason = "the counter steps by " +
             (step ? std::to_string(*step) : std::string("a variable")) +
             ", so neighbouring iterations are not neighbouring elements";
    return failure();
  }
  if (failed(analyzeReductions(reason)))
    return failure();
  shapes[loop.getInductionVar()] = Shape::Counter;
  counterOffsets[loop.getInductionVar()] = 0;
  for (Operation &op : loop.getBody()->without_terminator()) {
    std::string name = op.getName().getStringRef().str();
    if (llvm::any_of(reductions, [&](const CarriedReduction &reduction) {
          return reduction.combine == &op;
        })) {
      if (shapeOf(op.getResult(0)) == Shape::Counter) {
        reason = "an index is reduced";
        return failure();
      }
      elementBits = std::max(elementBits,
                             op.getResult(0).getType().getIntOrFloatBitWidth());
      continue;
    }
    if (op.getNumRegions() != 0) {
      reason = "the body has control flow ('" + name + "')";
      return failure();
    }
    if (auto load = dyn_cast<memref::LoadOp>(op)) {
      if (failed(
              analyzeAccess(&op, load.getMemRef(), load.getIndices(), reason)))
        return failure();
      continue;
    }
    if (auto store = dyn_cast<memref::StoreOp>(op)) {
      if (shapeOf(store.getValueToStore()) == Shape::Counter) {
        reason = "an index is stored";
        return failure();
      }
      if (failed(analyzeAccess(&op, store.getMemRef(), store.getIndices(),
                               reason)))
        return failure();
      storesVarying = true;
      // Peeling aligns a contiguous store; a scatter has no alignment.
      if (!anchor && !stridedAccesses.contains(&op))
        anchor = store;
      continue;
    }
    if (!isMemoryEffectFree(&op) || op.getNumResults() != 1) {
      reason = "'" + name + "' has side effects or several results";
      return failure();
    }
    bool anyCounter = false, anyVarying = false;
    for (Value operand : op.getOperands()) {
      anyCounter |= shapeOf(operand) == Shape::Counter;
      anyVarying |= shapeOf(operand) == Shape::Varying;
    }
    Value result = op.getResult(0);
    if (anyCounter) {
      // Offsets of the counter stay counters; a cast makes lane numbers.
      bool offset = (isa<arith::AddIOp>(op) && !anyVarying) ||
                    (isa<arith::SubIOp>(op) &&
                     shapeOf(op.getOperand(0)) == Shape::Counter &&
                     shapeOf(op.getOperand(1)) == Shape::Uniform);
      if (offset) {
        bool both = shapeOf(op.getOperand(0)) == Shape::Counter &&
                    shapeOf(op.getOperand(1)) == Shape::Counter;
        if (!both) {
          shapes[result] = Shape::Counter;
          bool counterFirst = shapeOf(op.getOperand(0)) == Shape::Counter;
          Value counter = op.getOperand(counterFirst ? 0 : 1);
          std::optional<int64_t> constant =
              getConstantIntValue(op.getOperand(counterFirst ? 1 : 0));
          auto known = counterOffsets.find(counter);
          if (constant && known != counterOffsets.end())
            counterOffsets[result] = isa<arith::SubIOp>(op)
                                         ? known->second - *constant
                                         : known->second + *constant;
          continue;
        }
      }
      if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(op)) {
        shapes[result] = Shape::Varying;
        continue;
      }
      reason = "'" + name + "' computes with the counter";
      return failure();
    }
    if (!anyVarying)
      continue; // Uniform.
    if (!op.hasTrait<OpTrait::Elementwise>() ||
        !op.hasTrait<OpTrait::Vectorizable>() ||
        !result.getType().isIntOrIndexOrFloat()) {
      reason = "'" + name + "' has no vector form";
      return failure();
    }
    hasIntegerDivision |= isIntegerDivision(&op);
    shapes[result] = Shape::Varying;
  }
  if (!storesVarying && !reduces()) {
    reason = "the body stores nothing that differs per point";
    return failure();
  }
  if (config.aligned && config.isa.scalable) {
    reason = "aligned accesses need a fixed vector width, and sve has none";
    return failure();
  }
  lanes = config.lanes ? config.lanes
                       : std::max<int64_t>(1, config.isa.registerBits /
                                                  std::max(elementBits, 8u));
  // Row reuse carries row vectors through the main loop; it is not
  // combined with carried partials.
  if (config.reuse && !config.isa.scalable && !reduces())
    findRows();
  return success();
}

LogicalResult LoopVectorizer::analyzeReductions(std::string &reason) {
  if (loop.getNumRegionIterArgs() == 0)
    return success();
  auto kinds = loop->getAttrOfType<ArrayAttr>(
      PsDialect::ReductionsAttrHelper::getNameStr());
  if (!kinds || kinds.size() != loop.getNumRegionIterArgs()) {
    reason = "the loop carries values between iterations";
    return failure();
  }
  Operation *yield = loop.getBody()->getTerminator();
  for (auto [index, arg] : llvm::enumerate(loop.getRegionIterArgs())) {
    auto kind =
        symbolizeReductionKind(cast<StringAttr>(kinds[index]).getValue());
    if (!arg.hasOneUse() || !kind) {
      reason = "a partial reduction is used other than by its combination";
      return failure();
    }
    Operation *combine = *arg.user_begin();
    if (combine->getBlock() != loop.getBody() ||
        combine->getNumOperands() != 2 || combine->getNumResults() != 1 ||
        !combine->getResult(0).hasOneUse() ||
        *combine->getResult(0).user_begin() != yield ||
        yield->getOperand(index) != combine->getResult(0) ||
        combine->getOperand(0) == combine->getOperand(1)) {
      reason = "a partial reduction is used other than by its combination";
      return failure();
    }
    Value value = combine->getOperand(combine->getOperand(0) == arg ? 1 : 0);
    reductions.push_back({unsigned(index), *kind, combine, value});
  }
  return success();
}

SmallVector<Value> LoopVectorizer::createVectorIdentities(OpBuilder &builder,
                                                          unsigned copies) {
  SmallVector<Value> identities;
  for (unsigned copy = 0; copy < copies; ++copy)
    for (const CarriedReduction &reduction : reductions)
      identities.push_back(buildReductionIdentity(
          builder, loop.getLoc(), reduction.kind,
          getVectorType(reduction.value.getType())));
  return identities;
}

void LoopVectorizer::reduceVectors(OpBuilder &builder, ValueRange vectors,
                                   unsigned copies,
                                   SmallVectorImpl<Value> &partials) {
  Location loc = loop.getLoc();
  for (auto [r, reduction] : llvm::enumerate(reductions)) {
    Value combined = vectors[r];
    for (unsigned copy = 1; copy < copies; ++copy)
      combined = buildReductionCombine(builder, loc, reduction.kind, combined,
                                       vectors[copy * reductions.size() + r]);
    Type element = reduction.value.getType();
    partials[r] = vector::ReductionOp::create(
        builder, loc, getCombiningKind(reduction.kind, element), combined,
        partials[r]);
  }
}

void LoopVectorizer::findRows() {
  for (Operation &op : loop.getBody()->without_terminator()) {
    auto load = dyn_cast<memref::LoadOp>(op);
    if (!load || !accessDims.count(&op) || stridedAccesses.contains(&op))
      continue;
    unsigned dim = accessDims.lookup(&op);
    auto offset = counterOffsets.find(load.getIndices()[dim]);
    if (offset == counterOffsets.end())
      continue;
    SmallVector<Value> others;
    for (auto [d, index] : llvm::enumerate(load.getIndices()))
      if (d != dim)
        others.push_back(index);
    auto *row = llvm::find_if(rows, [&](const Row &row) {
      return row.memref == load.getMemRef() && row.dim == dim &&
             row.indices == others;
    });
    if (row == rows.end()) {
      rows.push_back(
          {load.getMemRef(), dim, others, offset->second, offset->second});
      row = rows.end() - 1;
    }
    row->minOffset = std::min(row->minOffset, offset->second);
    row->maxOffset = std::max(row->maxOffset, offset->second);
    rowLoads[&op] = {unsigned(row - rows.begin()), offset->second};
  }
  // A row read at a single offset gains nothing.
  for (auto it = rowLoads.begin(); it != rowLoads.end();) {
    const Row &row = rows[it->second.first];
    auto current = it++;
    if (row.minOffset == row.maxOffset)
      rowLoads.erase(current);
  }
  for (const Row &row : rows)
    if (row.minOffset != row.maxOffset)
      rowSlack = std::max(rowSlack, getExtraChunks(row) * lanes -
                                        (row.maxOffset - row.minOffset));
}

Value LoopVectorizer::createLaneCount(OpBuilder &builder, int64_t count) {
  Value result = createIndex(builder, count * lanes);
  if (!config.isa.scalable)
    return result;
  Value vscale = vector::VectorScaleOp::create(builder, loop.getLoc());
  return arith::MulIOp::create(builder, loop.getLoc(), vscale, result);
}

void LoopVectorizer::createScalarLoop(OpBuilder &builder, Value lower,
                                      Value upper,
                                      SmallVectorImpl<Value> &partials) {
  auto copy = cast<scf::ForOp>(builder.clone(*loop));
  copy.getLowerBoundMutable().assign(lower);
  copy.getUpperBoundMutable().assign(upper);
  copy.getInitArgsMutable().assign(partials);
  copy->removeAttr(PsDialect::DimAttrHelper::getNameStr());
  partials.assign(copy.getResults().begin(), copy.getResults().end());
}

Value LoopVectorizer::materialize(OpBuilder &builder, Value value,
                                  IRMapping &mapping) {
  if (Value known = mapping.lookupOrNull(value))
    return known;
  Operation *def = value.getDefiningOp();
  if (!def || !loop.getBody()->findAncestorOpInBlock(*def))
    return value;
  for (Value operand : def->getOperands())
    materialize(builder, operand, mapping);
  return builder.clone(*def, mapping)->getResult(0);
}

Value LoopVectorizer::createPeelCount(OpBuilder &builder, Value lower,
                                      Value upper) {
  Location loc = loop.getLoc();
  IRMapping mapping;
  mapping.map(loop.getInductionVar(), lower);
  Value memref = anchor.getMemRef();
  auto type = cast<MemRefType>(memref.getType());
  auto metadata =
      memref::ExtractStridedMetadataOp::create(builder, loc, memref);
  Value element = metadata.getOffset();
  for (auto [dim, index] : llvm::enumerate(anchor.getIndices())) {
    Value at = materialize(builder, index, mapping);
    Value scaled =
        arith::MulIOp::create(builder, loc, at, metadata.getStrides()[dim]);
    element = arith::AddIOp::create(builder, loc, element, scaled);
  }
  int64_t elementBytes = type.getElementType().getIntOrFloatBitWidth() / 8;
  int64_t vectorBytes = elementBytes * lanes;
  Value pointer =
      memref::ExtractAlignedPointerAsIndexOp::create(builder, loc, memref);
  Value address = arith::AddIOp::create(
      builder, loc, pointer,
      arith::MulIOp::create(builder, loc, element,
                            createIndex(builder, elementBytes)));
  Value size = createIndex(builder, vectorBytes);
  Value misalignment = arith::RemUIOp::create(builder, loc, address, size);
  Value peelBytes = arith::RemUIOp::create(
      builder, loc, arith::SubIOp::create(builder, loc, size, misalignment),
      size);
  Value peel = arith::DivUIOp::create(builder, loc, peelBytes,
                                      createIndex(builder, elementBytes));
  Value points = arith::MaxSIOp::create(
      builder, loc, arith::SubIOp::create(builder, loc, upper, lower),
      createIndex(builder, 0));
  return arith::MinSIOp::create(builder, loc, peel, points);
}

void LoopVectorizer::createVectorBody(OpBuilder &builder,
                                      ContiguousViews &views,
                                      ArrayRef<Value> bases, Value mask,
                                      bool main, RowChunks *rowChunks) {
  // The copies of the body are interleaved operation by operation, so that
  // their dependence chains (a long sum) advance together in the core's
  // scheduler instead of one after the other.
  SmallVector<IRMapping> mappings(bases.size());
  SmallVector<DenseMap<Value, Value>> vectorMaps(bases.size());
  for (auto [mapping, base] : llvm::zip(mappings, bases))
    mapping.map(loop.getInductionVar(), base);
  for (Operation &op : loop.getBody()->without_terminator())
    for (size_t copy = 0; copy < bases.size(); ++copy)
      createVectorOp(builder, views, op, mappings, copy, vectorMaps[copy],
                     rowChunks, mask, main);
}

ArrayRef<Value>
LoopVectorizer::getRowChunks(OpBuilder &builder, ContiguousViews &views,
                             unsigned rowIndex, const IRMapping &first,
                             unsigned copies, RowChunks &rowChunks) {
  SmallVector<Value> &chunks = rowChunks.chunks[rowIndex];
  Location loc = loop.getLoc();
  const Row &row = rows[rowIndex];
  Value view = views.get(row.memref, row.dim);
  VectorType type =
      getVectorType(cast<MemRefType>(row.memref.getType()).getElementType());
  int64_t count = copies + getExtraChunks(row);
  for (int64_t chunk = chunks.size(); chunk < count; ++chunk) {
    SmallVector<Value> indices;
    for (Value index : row.indices)
      indices.push_back(first.lookupOrDefault(index));
    indices.push_back(arith::AddIOp::create(
        builder, loc, first.lookup(loop.getInductionVar()),
        createIndex(builder, row.minOffset + chunk * lanes)));
    chunks.push_back(vector::LoadOp::create(builder, loc, type, view, indices));
  }
  return chunks;
}

void LoopVectorizer::createVectorOp(OpBuilder &builder, ContiguousViews &views,
                                    Operation &op,
                                    MutableArrayRef<IRMapping> mappings,
                                    unsigned copy,
                                    DenseMap<Value, Value> &vectors,
                                    RowChunks *rowChunks, Value mask,
                                    bool main) {
  Location loc = loop.getLoc();
  IRMapping &mapping = mappings[copy];
  if (auto rowLoad = rowLoads.find(&op);
      rowChunks && rowLoad != rowLoads.end()) {
    auto [rowIndex, offset] = rowLoad->second;
    ArrayRef<Value> chunks = getRowChunks(builder, views, rowIndex, mappings[0],
                                          mappings.size(), *rowChunks);
    int64_t position = offset - rows[rowIndex].minOffset + copy * lanes;
    int64_t chunk = position / lanes, shift = position % lanes;
    Value vector = chunks[chunk];
    if (shift != 0) {
      SmallVector<int64_t> lanesTaken;
      for (int64_t lane = 0; lane < lanes; ++lane)
        lanesTaken.push_back(shift + lane);
      vector = vector::ShuffleOp::create(builder, loc, chunks[chunk],
                                         chunks[chunk + 1], lanesTaken);
    }
    vectors[op.getResult(0)] = vector;
    return;
  }
  auto vectorOf = [&](Value value) -> Value {
    if (Value vector = vectors.lookup(value))
      return vector;
    Value scalar = mapping.lookupOrDefault(value);
    return vector::BroadcastOp::create(builder, loc,
                                       getVectorType(scalar.getType()), scalar);
  };
  for (auto [r, reduction] : llvm::enumerate(reductions)) {
    if (reduction.combine != &op)
      continue;
    // Masked lanes contribute the identity.
    Value value = vectorOf(reduction.value);
    if (mask)
      value = arith::SelectOp::create(
          builder, loc, mask, value,
          buildReductionIdentity(builder, loc, reduction.kind,
                                 value.getType()));
    Value &partial = vectorPartials[copy][r];
    partial =
        buildReductionCombine(builder, loc, reduction.kind, partial, value);
    return;
  }
  auto isAnchorAddress = [&](Operation *op, Value memref, ValueRange indices) {
    return main && anchor && (config.aligned || config.nontemporal) &&
           !config.isa.scalable && memref == anchor.getMemRef() &&
           llvm::equal(indices, anchor.getIndices());
  };
  int64_t bytes =
      anchor ? lanes *
                   anchor.getMemRefType().getElementType().getIntOrFloatBitWidth() /
                   8
             : 0;
  // The indices of an access in this copy, in the order of its view.
  auto getViewIndices = [&](ValueRange indices, unsigned dim) {
    return permuteIndices(
        llvm::map_to_vector(
            indices, [&](Value v) { return mapping.lookupOrDefault(v); }),
        dim);
  };
  if (stridedAccesses.contains(&op)) {
    createStridedAccess(builder, views, op, mapping, vectors, mask);
    return;
  }
  if (auto load = dyn_cast<memref::LoadOp>(op); load && accessDims.count(&op)) {
    unsigned dim = accessDims.lookup(&op);
    Value view = views.get(load.getMemRef(), dim);
    SmallVector<Value> indices = getViewIndices(load.getIndices(), dim);
    VectorType type = getVectorType(load.getType());
    llvm::MaybeAlign alignment;
    if (isAnchorAddress(&op, load.getMemRef(), load.getIndices()))
      alignment = llvm::Align(bytes);
    Value vector;
    if (mask) {
      Value zero = arith::ConstantOp::create(builder, loc, type,
                                             builder.getZeroAttr(type));
      vector = vector::MaskedLoadOp::create(builder, loc, type, view, indices,
                                            mask, zero);
    } else {
      vector = vector::LoadOp::create(builder, loc, type, view, indices,
                                      /*nontemporal=*/false, alignment);
    }
    vectors[load.getResult()] = vector;
    return;
  }
  if (auto store = dyn_cast<memref::StoreOp>(op)) {
    unsigned dim = accessDims.lookup(&op);
    Value view = views.get(store.getMemRef(), dim);
    SmallVector<Value> indices = getViewIndices(store.getIndices(), dim);
    Value value = vectorOf(store.getValueToStore());
    if (mask) {
      vector::MaskedStoreOp::create(builder, loc, view, indices, mask, value);
      return;
    }
    llvm::MaybeAlign alignment;
    if (isAnchorAddress(&op, store.getMemRef(), store.getIndices()))
      alignment = llvm::Align(bytes);
    vector::StoreOp::create(builder, loc, value, view, indices,
                            main && config.nontemporal, alignment);
    return;
  }
  Shape shape = op.getNumResults() ? shapeOf(op.getResult(0)) : Shape::Uniform;
  if (shape != Shape::Varying) {
    builder.clone(op, mapping);
    return;
  }
  if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(op) &&
      shapeOf(op.getOperand(0)) == Shape::Counter) {
    // Lane k holds the counter plus k.
    Value first = builder.clone(op, mapping)->getResult(0);
    VectorType type = getVectorType(first.getType());
    Value steps = vector::StepOp::create(builder, loc,
                                         getVectorType(builder.getIndexType()));
    OperationState cast(loc, op.getName());
    cast.addOperands(steps);
    cast.addTypes(type);
    Value offsets = builder.create(cast)->getResult(0);
    Value splat = vector::BroadcastOp::create(builder, loc, type, first);
    vectors[op.getResult(0)] =
        arith::AddIOp::create(builder, loc, splat, offsets);
    return;
  }
  OperationState state(loc, op.getName());
  for (Value operand : op.getOperands())
    state.addOperands(vectorOf(operand));
  state.addTypes(getVectorType(op.getResult(0).getType()));
  state.addAttributes(op.getAttrs());
  vectors[op.getResult(0)] = builder.create(state)->getResult(0);
}

void LoopVectorizer::createStridedAccess(OpBuilder &builder,
                                         ContiguousViews &views, Operation &op,
                                         IRMapping &mapping,
                                         DenseMap<Value, Value> &vectors,
                                         Value mask) {
  Location loc = op.getLoc();
  auto load = dyn_cast<memref::LoadOp>(op);
  auto store = dyn_cast<memref::StoreOp>(op);
  Value memref = load ? load.getMemRef() : store.getMemRef();
  ValueRange indices = load ? load.getIndices() : store.getIndices();
  auto [flat, strides] = views.getFlat(memref);
  // The first lane's element, relative to the view's start.
  Value element = createIndex(builder, 0);
  for (auto [index, stride] : llvm::zip(indices, strides))
    element = arith::AddIOp::create(
        builder, loc, element,
        arith::MulIOp::create(builder, loc, mapping.lookupOrDefault(index),
                              stride));
  VectorType indexType = getVectorType(builder.getIndexType());
  Value step = vector::StepOp::create(builder, loc, indexType);
  Value stride = vector::BroadcastOp::create(
      builder, loc, indexType, strides[accessDims.lookup(&op)]);
  Value offsets = arith::MulIOp::create(builder, loc, step, stride);
  VectorType maskType = getVectorType(builder.getI1Type());
  if (!mask)
    mask = arith::ConstantOp::create(
        builder, loc, maskType, DenseElementsAttr::get(maskType, true));
  if (load) {
    VectorType type = getVectorType(load.getType());
    Value zero =
        arith::ConstantOp::create(builder, loc, type, builder.getZeroAttr(type));
    vectors[load.getResult()] = vector::GatherOp::create(
        builder, loc, type, flat, ValueRange{element}, offsets, mask, zero);
    return;
  }
  Value value = vectors.lookup(store.getValueToStore());
  if (!value) {
    Value scalar = mapping.lookupOrDefault(store.getValueToStore());
    value = vector::BroadcastOp::create(
        builder, loc, getVectorType(scalar.getType()), scalar);
  }
  vector::ScatterOp::create(builder, loc, /*resultType=*/Type(), flat,
                            ValueRange{element}, offsets,
                            mask, value);
}

void LoopVectorizer::rewrite(ContiguousViews &views) {
  Location loc = loop.getLoc();
  OpBuilder builder(loop);
  Value lower = loop.getLowerBound(), upper = loop.getUpperBound();
  Value zero = createIndex(builder, 0);
  // The scalar partial reductions, continued by each part of the loop.
  SmallVector<Value> partials(loop.getInitArgs());

  // Scalar iterations until the first store is aligned.
  Value start = lower;
  if ((config.aligned || config.nontemporal) && !config.isa.scalable &&
      anchor) {
    Value peel = createPeelCount(builder, lower, upper);
    start = arith::AddIOp::create(builder, loc, lower, peel);
    createScalarLoop(builder, lower, start, partials);
  }

  // Whole vectors: the end of the last chunk of `width` points from `from`.
  auto wholeChunksEnd = [&](Value from, Value width, int64_t slack) -> Value {
    Value last = upper;
    if (slack != 0)
      last = arith::SubIOp::create(builder, loc, upper,
                                   createIndex(builder, slack));
    Value points = arith::MaxSIOp::create(
        builder, loc, arith::SubIOp::create(builder, loc, last, from), zero);
    Value chunks = arith::DivSIOp::create(builder, loc, points, width);
    return arith::AddIOp::create(
        builder, loc, from, arith::MulIOp::create(builder, loc, chunks, width));
  };
  Value vectorWidth = createLaneCount(builder, 1);
  auto emitVectorLoop = [&](Value from, unsigned count,
                            bool reuseRows) -> Value {
    Value width = count == 1 ? vectorWidth : createLaneCount(builder, count);
    Value end = wholeChunksEnd(from, width, reuseRows ? rowSlack : 0);
    auto vectorLoop = scf::ForOp::create(builder, loc, from, end, width,
                                         createVectorIdentities(builder, count));
    if (reuseRows || count == config.unroll) {
      vectorLoop->setAttrs(loop->getDiscardableAttrDictionary());
      if (reduces()) {
        // One partial per reduction and copy.
        auto kinds = loop->getAttrOfType<ArrayAttr>(
            PsDialect::ReductionsAttrHelper::getNameStr());
        SmallVector<Attribute> repeated;
        for (unsigned copy = 0; copy < count; ++copy)
          for (const CarriedReduction &reduction : reductions)
            repeated.push_back(kinds[reduction.index]);
        vectorLoop->setAttr(PsDialect::ReductionsAttrHelper::getNameStr(),
                            builder.getArrayAttr(repeated));
      }
    }
    OpBuilder body = OpBuilder::atBlockBegin(vectorLoop.getBody());
    Value base = vectorLoop.getInductionVar();
    SmallVector<Value> bases = {base};
    for (unsigned k = 1; k < count; ++k)
      bases.push_back(
          arith::AddIOp::create(body, loc, base, createLaneCount(body, k)));
    vectorPartials.assign(count, {});
    for (unsigned copy = 0; copy < count; ++copy)
      for (size_t r = 0; r < reductions.size(); ++r)
        vectorPartials[copy].push_back(
            vectorLoop.getRegionIterArgs()[copy * reductions.size() + r]);
    createVectorBody(body, views, bases, /*mask=*/nullptr, /*main=*/true,
                     /*rowChunks=*/nullptr);
    if (reduces()) {
      SmallVector<Value> next;
      for (ArrayRef<Value> copyPartials : vectorPartials)
        llvm::append_range(next, copyPartials);
      scf::YieldOp::create(body, loc, next);
      reduceVectors(builder, vectorLoop.getResults(), count, partials);
    }
    return end;
  };
  // The main loop with row reuse carries the last whole vectors of each row
  // into the next iteration, which then loads only `unroll` new ones per
  // row. The first are loaded before the loop, so that loop only runs (and
  // they are only loaded) when it has an iteration.
  auto emitRowReuseLoop = [&](Value from) -> Value {
    unsigned count = config.unroll;
    Value width = createLaneCount(builder, count);
    Value end = wholeChunksEnd(from, width, rowSlack);
    Value any = arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::slt,
                                      from, end);
    auto guard = scf::IfOp::create(builder, loc, any, /*else=*/false);
    OpBuilder inGuard = guard.getThenBodyBuilder();
    IRMapping atStart;
    atStart.map(loop.getInductionVar(), from);
    SmallVector<unsigned> activeRows;
    SmallVector<Value> initial;
    for (auto [index, row] : llvm::enumerate(rows)) {
      if (row.minOffset == row.maxOffset)
        continue;
      activeRows.push_back(index);
      Value view = views.get(row.memref, row.dim);
      VectorType type = getVectorType(
          cast<MemRefType>(row.memref.getType()).getElementType());
      for (int64_t chunk = 0; chunk < getExtraChunks(row); ++chunk) {
        SmallVector<Value> indices;
        for (Value other : row.indices)
          indices.push_back(materialize(inGuard, other, atStart));
        indices.push_back(arith::AddIOp::create(
            inGuard, loc, from,
            createIndex(inGuard, row.minOffset + chunk * lanes)));
        initial.push_back(
            vector::LoadOp::create(inGuard, loc, type, view, indices));
      }
    }
    auto vectorLoop = scf::ForOp::create(
        inGuard, loc, from, end, width, initial,
        [&](OpBuilder &body, Location loc, Value base, ValueRange carried) {
          SmallVector<Value> bases = {base};
          for (unsigned k = 1; k < count; ++k)
            bases.push_back(arith::AddIOp::create(body, loc, base,
                                                  createLaneCount(body, k)));
          RowChunks rowChunks;
          for (unsigned index : activeRows) {
            int64_t extra = getExtraChunks(rows[index]);
            rowChunks.chunks[index].assign(carried.begin(),
                                           carried.begin() + extra);
            carried = carried.drop_front(extra);
          }
          createVectorBody(body, views, bases, /*mask=*/nullptr,
                           /*main=*/true, &rowChunks);
          SmallVector<Value> next;
          for (unsigned index : activeRows) {
            ArrayRef<Value> chunks =
                getRowChunks(body, views, index, IRMapping(), count, rowChunks);
            llvm::append_range(next, chunks.drop_front(count));
          }
          scf::YieldOp::create(body, loc, next);
        });
    vectorLoop->setAttrs(loop->getDiscardableAttrDictionary());
    return end;
  };
  bool reuseRows = !rowLoads.empty();
  Value tail = reuseRows ? emitRowReuseLoop(start)
                         : emitVectorLoop(start, config.unroll, false);
  if (config.unroll > 1 || (reuseRows && rowSlack != 0))
    tail = emitVectorLoop(tail, 1, /*reuseRows=*/false);

  // The last partial vector. Masked lanes read zeros, which an integer
  // division would trap on: such bodies finish with scalar iterations.
  if (config.masked && !hasIntegerDivision) {
    Value rest = arith::SubIOp::create(builder, loc, upper, tail);
    Value partial = arith::CmpIOp::create(
        builder, loc, arith::CmpIPredicate::sgt, rest, zero);
    auto ifOp = scf::IfOp::create(builder, loc, TypeRange(ValueRange(partials)),
                                  partial, /*else=*/reduces());
    OpBuilder body = ifOp.getThenBodyBuilder();
    Value mask = vector::CreateMaskOp::create(
        body, loc,
        VectorType::get({lanes}, body.getI1Type(), {config.isa.scalable}),
        ValueRange{rest});
    vectorPartials.assign(1, createVectorIdentities(body, 1));
    createVectorBody(body, views, {tail}, mask, /*main=*/false,
                     /*rowChunks=*/nullptr);
    if (reduces()) {
      SmallVector<Value> reduced(partials);
      reduceVectors(body, vectorPartials[0], 1, reduced);
      scf::YieldOp::create(body, loc, reduced);
      OpBuilder otherwise = ifOp.getElseBodyBuilder();
      scf::YieldOp::create(otherwise, loc, partials);
      partials.assign(ifOp.getResults().begin(), ifOp.getResults().end());
    }
  } else {
    createScalarLoop(builder, tail, upper, partials);
  }
  loop.replaceAllUsesWith(partials);
  loop.erase();
}

/// Splits the loop nest `loop` into two copies under an `scf.if` on the
/// size of the array that `store` writes: the first runs where it spans at
/// least `kib` KiB (streaming stores pay: the array does not stay in the
/// caches), the second otherwise. Returns {large, small}; the second is
/// `loop` itself. One check per call of the kernel: the whole nest is
/// versioned, so that each copy is the code an explicit choice gives.
std::pair<scf::ForOp, scf::ForOp> versionByStoreSize(scf::ForOp loop,
                                                     memref::StoreOp store,
                                                     unsigned kib) {
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
    if (config.streamingAbove == 0 || config.nontemporal ||
        config.isa.scalable)
      return;
    SmallVector<std::pair<scf::ForOp, memref::StoreOp>> nests;
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
    });
    for (auto [nest, store] : nests) {
      auto [large, small] =
          versionByStoreSize(nest, store, config.streamingAbove);
      large->setAttr(kStreamingNest, UnitAttr::get(large.getContext()));
    }
  }

  /// True if an innermost loop of `nest` is memory-bound (isComputeBound)
  /// vectorized as `config` says: only those gain from streaming.
  static bool hasMemoryBoundLoop(scf::ForOp nest,
                                 const VectorizeConfig &config) {
    bool memory = false;
    nest.walk([&](scf::ForOp loop) {
      bool innermost = true;
      loop.getBody()->walk([&](scf::ForOp) { innermost = false; });
      unsigned lanes =
          config.lanes ? config.lanes
                       : getLanesOfWidestElement(loop, config.isa.registerBits);
      if (innermost && !isComputeBound(loop, lanes, config.unroll))
        memory = true;
    });
    return memory;
  }

  /// Marks the outermost loop of a nest's copy for large arrays.
  static constexpr llvm::StringLiteral kStreamingNest = "ps.streaming_nest";

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
    if (failed(checkVectorizeRanges(lanes, unroll, jam, [&](const Twine &text) {
          return emitError(module.getLoc()) << "ps-vectorize: " << text;
        })))
      return signalPassFailure();
    VectorizeConfig config{*set,    lanes,       remainder == VectorRemainder::Masked,
                           aligned, nontemporal, unroll,
                           reuse,   jam,         gather,
                           streamingAbove, costModel};

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
        auto dim = loop->getAttrOfType<IntegerAttr>(PsDialect::DimAttrHelper::getNameStr());
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
        FailureOr<JammedLoops> jammed = failure();
        if (config.jam > 1 && vectorizer.reduces()) {
          if (remarks)
            loop.emitRemark() << "ps-vectorize: the loop over dimension "
                              << dim.getInt()
                              << " is not jammed: its nest reduces";
        } else if (config.jam > 1) {
          jammed = jamEnclosingLoop(loop, config.jam, reason);
          if (failed(jammed) && remarks)
            loop.emitRemark() << "ps-vectorize: the loop over dimension "
                              << dim.getInt() << " is not jammed: " << reason;
        }
        if (failed(jammed)) {
          rewriteVersioned(loop, vectorizer, config, views, fence);
          continue;
        }
        // The jammed loop repeats the operations of the analysed body, and
        // the remainder is a copy of it.
        for (scf::ForOp part : {jammed->jammed, jammed->remainder}) {
          LoopVectorizer partVectorizer(part, config);
          if (failed(partVectorizer.analyze(reason))) {
            remarkScalar(part);
            continue;
          }
          fence(part, config);
          partVectorizer.rewrite(views);
        }
      }
      func.walk([](scf::ForOp loop) { loop->removeAttr(kStreamingNest); });
    });
  }
};

} // namespace
