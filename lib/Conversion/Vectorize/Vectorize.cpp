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

#include "LoopVectorizer.h"

#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/PsToScf/PsToScf.h"
#include "Stencil/Conversion/Vectorize/CostModel.h"
#include "Stencil/Conversion/Vectorize/InstructionSets.h"
#include "Stencil/Conversion/Vectorize/Jam.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;
using namespace mlir::ps;

namespace mlir::ps::vectorize {

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

/// Whether LLVM's back ends take `op` on scalable vectors (SVE). Math
/// functions that become libm calls need a loop over the lanes, which LLVM
/// 22 makes for exp and log only: sin, pow, tanh, ... on scalable vectors
/// end the compiling process in AArch64 instruction selection, and so does
/// a truncation of f64 to bf16.
static bool hasScalableForm(Operation *op) {
  if (auto truncate = dyn_cast<arith::TruncFOp>(op))
    return !(truncate.getIn().getType().isF64() && truncate.getType().isBF16());
  if (!isa<math::MathDialect>(op->getDialect()))
    return true;
  return isa<math::SqrtOp, math::AbsFOp, math::AbsIOp, math::FmaOp,
             math::FloorOp, math::CeilOp, math::ExpOp, math::LogOp>(op);
}

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
    if (config.isa.scalable && !hasScalableForm(&op)) {
      if (!llvm::is_contained(config.vectorFunctions, name)) {
        reason = "'" + name + "' has no form on scalable vectors (" +
                 config.isa.name.str() + ") in LLVM's back end";
        return failure();
      }
      vectorFunctionCalls.push_back(&op);
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
  // A vector function takes one whole register: f32 in a loop of f64
  // vectors would fill half of one.
  for (Operation *call : vectorFunctionCalls) {
    unsigned bits = call->getResult(0).getType().getIntOrFloatBitWidth();
    if (lanes * bits != config.isa.registerBits) {
      reason = "'" + call->getName().getStringRef().str() +
               "' has a vector function for a whole register of " +
               std::to_string(config.isa.registerBits / bits) + " x " +
               std::to_string(bits) + "-bit lanes, not for the loop's " +
               std::to_string(lanes);
      return failure();
    }
  }
  // Row reuse carries row vectors through the main loop; it is not
  // combined with carried partials.
  if (config.reuse && !config.isa.scalable && !reduces())
    findRows();
  if (config.prefetchBytes != 0)
    findLeadingLoads();
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
      identities.push_back(
          buildReductionIdentity(builder, loop.getLoc(), reduction.kind,
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
    // The lanes already hold partial products, so the order of the last
    // combination is no stricter than theirs; and LLVM has no ordered
    // product of a scalable vector (it ends the compile on SVE).
    arith::FastMathFlags flags = config.isa.scalable &&
                                         isa<FloatType>(element) &&
                                         reduction.kind == ReductionKind::mul
                                     ? arith::FastMathFlags::reassoc
                                     : arith::FastMathFlags::none;
    partials[r] = vector::ReductionOp::create(
        builder, loc, getCombiningKind(reduction.kind, element), combined,
        partials[r], flags);
  }
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

Value LoopVectorizer::createByteAddress(OpBuilder &builder, Value memref,
                                        ValueRange indices,
                                        IRMapping &mapping) {
  Location loc = loop.getLoc();
  auto metadata =
      memref::ExtractStridedMetadataOp::create(builder, loc, memref);
  Value element = metadata.getOffset();
  for (auto [dim, index] : llvm::enumerate(indices)) {
    Value at = materialize(builder, index, mapping);
    Value scaled =
        arith::MulIOp::create(builder, loc, at, metadata.getStrides()[dim]);
    element = arith::AddIOp::create(builder, loc, element, scaled);
  }
  int64_t elementBytes =
      cast<MemRefType>(memref.getType()).getElementTypeBitWidth() / 8;
  Value pointer =
      memref::ExtractAlignedPointerAsIndexOp::create(builder, loc, memref);
  return arith::AddIOp::create(
      builder, loc, pointer,
      arith::MulIOp::create(builder, loc, element,
                            createIndex(builder, elementBytes)));
}

unsigned LoopVectorizer::getMainLoopUnroll() const {
  // Streaming stores write whole lines only (streamsStores): vectors
  // narrower than a line (SSE, NEON, AVX2 for f32 at unroll 1) stream from
  // as many per iteration as fill one.
  if (!config.nontemporal || !anchor)
    return config.unroll;
  memref::StoreOp store = anchor;
  int64_t bytes = lanes * store.getMemRefType().getElementTypeBitWidth() / 8;
  if (bytes < kCacheLineBytes && kCacheLineBytes % bytes == 0)
    return llvm::alignTo(config.unroll, kCacheLineBytes / bytes);
  return config.unroll;
}

bool LoopVectorizer::isLineCheckedStore(memref::StoreOp store) {
  return config.nontemporal && config.isa.arch == "x86_64" &&
         !config.isa.scalable && anchor && store != anchor &&
         !stridedAccesses.contains(store) &&
         store.getMemRefType().getElementType().getIntOrFloatBitWidth() ==
             anchor.getMemRefType().getElementType().getIntOrFloatBitWidth();
}

bool LoopVectorizer::sharesAnchorLine(memref::StoreOp store) {
  unsigned dim = accessDims.lookup(anchor);
  return config.rowsOnLines && store.getMemRef() == anchor.getMemRef() &&
         store.getIndices()[dim] == anchor.getIndices()[dim];
}

SmallVector<memref::StoreOp> LoopVectorizer::getLineCheckedStores() {
  SmallVector<memref::StoreOp> stores;
  for (auto store : loop.getBody()->getOps<memref::StoreOp>())
    if (isLineCheckedStore(store) && !sharesAnchorLine(store) &&
        !(store.getMemRef() == anchor.getMemRef() &&
          llvm::equal(store.getIndices(), anchor.getIndices())))
      stores.push_back(store);
  return stores;
}

Value LoopVectorizer::createLineOffsetCheck(OpBuilder &builder) {
  Location loc = loop.getLoc();
  IRMapping mapping;
  mapping.map(loop.getInductionVar(), loop.getLowerBound());
  // Offsets in what the peel aligns the anchor to (a line, or a vector
  // wider than one), so that the stores' vectors are as aligned as its.
  Value line = createIndex(builder, getPeelAlignment());
  auto lineOffset = [&](memref::StoreOp store) -> Value {
    return arith::RemUIOp::create(
        builder, loc, createByteAddress(builder, store, mapping), line);
  };
  Value anchorOffset = lineOffset(anchor);
  Value shared = arith::ConstantIntOp::create(builder, loc, 1, 1);
  for (memref::StoreOp store : getLineCheckedStores())
    shared = arith::AndIOp::create(
        builder, loc, shared,
        arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::eq,
                              lineOffset(store), anchorOffset));
  return shared;
}

bool LoopVectorizer::streamsStores(unsigned count) {
  if (!config.nontemporal)
    return false;
  // SVE's vector length is known only at run time and its loops are not
  // peeled: every unmasked vector streams.
  if (config.isa.scalable || !anchor)
    return true;
  // The store the peeling aligns (to a line) is the one that stays whole.
  int64_t bits =
      anchor.getMemRefType().getElementType().getIntOrFloatBitWidth();
  return int64_t(count) * lanes * bits / 8 % kCacheLineBytes == 0;
}

void LoopVectorizer::createVectorBody(OpBuilder &builder,
                                      ContiguousViews &views,
                                      ArrayRef<Value> bases, Value mask,
                                      bool streaming, RowChunks *rowChunks) {
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
                     rowChunks, mask, streaming);
}

void LoopVectorizer::createVectorOp(OpBuilder &builder, ContiguousViews &views,
                                    Operation &op,
                                    MutableArrayRef<IRMapping> mappings,
                                    unsigned copy,
                                    DenseMap<Value, Value> &vectors,
                                    RowChunks *rowChunks, Value mask,
                                    bool streaming) {
  Location loc = loop.getLoc();
  IRMapping &mapping = mappings[copy];
  if (auto rowLoad = rowLoads.find(&op);
      rowChunks && rowLoad != rowLoads.end()) {
    auto [rowIndex, offset] = rowLoad->second;
    ArrayRef<Value> chunks = getRowChunks(builder, views, rowIndex, mappings[0],
                                          mappings.size(), *rowChunks);
    const Row &row = rows[rowIndex];
    if (row.runtimeShift) {
      Value indices = rowChunks->runtimeShifts.lookup(rowIndex).permuteIndices;
      vectors[op.getResult(0)] = createRuntimePermute(
          builder, chunks[copy], chunks[copy + 1], indices);
      return;
    }
    int64_t position = offset - row.minOffset + row.shift + copy * lanes;
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
      value = arith::SelectOp::create(builder, loc, mask, value,
                                      buildReductionIdentity(builder, loc,
                                                             reduction.kind,
                                                             value.getType()));
    Value &partial = vectorPartials[copy][r];
    partial =
        buildReductionCombine(builder, loc, reduction.kind, partial, value);
    return;
  }
  auto isAnchorAddress = [&](Operation *op, Value memref, ValueRange indices) {
    return !mask && anchor && (config.aligned || config.nontemporal) &&
           !config.isa.scalable && memref == anchor.getMemRef() &&
           llvm::equal(indices, anchor.getIndices());
  };
  int64_t bytes = anchor ? lanes *
                               anchor.getMemRefType()
                                   .getElementType()
                                   .getIntOrFloatBitWidth() /
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
    if (isAnchorAddress(&op, store.getMemRef(), store.getIndices()) ||
        (isLineCheckedStore(store) &&
         (config.storesShareLineOffset || sharesAnchorLine(store))))
      alignment = llvm::Align(bytes);
    // x86 streams aligned vectors only: LLVM splits an unaligned streaming
    // store into a scalar one per element, which leave lines partly written
    // (star19 at 258^3 ran 1.35-1.45x slower than with an ordinary store).
    bool streams = streaming && (alignment || config.isa.arch != "x86_64" ||
                                 config.isa.scalable);
    vector::StoreOp::create(builder, loc, value, view, indices, streams,
                            alignment);
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
  Value stride = vector::BroadcastOp::create(builder, loc, indexType,
                                             strides[accessDims.lookup(&op)]);
  Value offsets = arith::MulIOp::create(builder, loc, step, stride);
  VectorType maskType = getVectorType(builder.getI1Type());
  if (!mask)
    mask = arith::ConstantOp::create(builder, loc, maskType,
                                     DenseElementsAttr::get(maskType, true));
  if (load) {
    VectorType type = getVectorType(load.getType());
    Value zero = arith::ConstantOp::create(builder, loc, type,
                                           builder.getZeroAttr(type));
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
                            ValueRange{element}, offsets, mask, value);
}

Value LoopVectorizer::emitWholeChunksEnd(OpBuilder &builder, Value from,
                                         Value width, int64_t slack) {
  Location loc = loop.getLoc();
  Value upper = loop.getUpperBound();
  Value zero = createIndex(builder, 0);
  Value last = upper;
  if (slack != 0)
    last =
        arith::SubIOp::create(builder, loc, upper, createIndex(builder, slack));
  Value points = arith::MaxSIOp::create(
      builder, loc, arith::SubIOp::create(builder, loc, last, from), zero);
  Value chunks = arith::DivSIOp::create(builder, loc, points, width);
  return arith::AddIOp::create(
      builder, loc, from, arith::MulIOp::create(builder, loc, chunks, width));
}

Value LoopVectorizer::emitVectorLoop(OpBuilder &builder, ContiguousViews &views,
                                     Value from, unsigned count, bool reuseRows,
                                     SmallVectorImpl<Value> &partials) {
  Location loc = loop.getLoc();
  Value width = createLaneCount(builder, count);
  Value end =
      emitWholeChunksEnd(builder, from, width, reuseRows ? rowSlack : 0);
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
  // The main loop; with row reuse that is emitRowReuseLoop's.
  if (count == config.unroll && rowLoads.empty())
    emitPrefetches(body, views, base, count);
  createVectorBody(body, views, bases, /*mask=*/nullptr, streamsStores(count),
                   /*rowChunks=*/nullptr);
  if (reduces()) {
    SmallVector<Value> next;
    for (ArrayRef<Value> copyPartials : vectorPartials)
      llvm::append_range(next, copyPartials);
    scf::YieldOp::create(body, loc, next);
    reduceVectors(builder, vectorLoop.getResults(), count, partials);
  }
  return end;
}

void LoopVectorizer::emitRemainder(OpBuilder &builder, ContiguousViews &views,
                                   Value tail,
                                   SmallVectorImpl<Value> &partials) {
  Location loc = loop.getLoc();
  Value upper = loop.getUpperBound();
  Value zero = createIndex(builder, 0);
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
    createVectorBody(body, views, {tail}, mask, /*streaming=*/false,
                     /*rowChunks=*/nullptr);
    if (reduces()) {
      SmallVector<Value> reduced(partials.begin(), partials.end());
      reduceVectors(body, vectorPartials[0], 1, reduced);
      scf::YieldOp::create(body, loc, reduced);
      OpBuilder otherwise = ifOp.getElseBodyBuilder();
      scf::YieldOp::create(otherwise, loc, partials);
      partials.assign(ifOp.getResults().begin(), ifOp.getResults().end());
    }
  } else {
    createScalarLoop(builder, tail, upper, partials);
  }
}

bool LoopVectorizer::needsSingleVectorLoop() const {
  return config.unroll > 1 || (!rowLoads.empty() && rowSlack != 0);
}

Value LoopVectorizer::emitMainLoops(OpBuilder &builder, ContiguousViews &views,
                                    Value start,
                                    SmallVectorImpl<Value> &partials) {
  if (rowLoads.empty())
    return emitVectorLoop(builder, views, start, config.unroll,
                          /*reuseRows=*/false, partials);
  if (hasShiftedRows(/*singleOffset=*/false) || hasRuntimeShifts())
    start = emitLeadIteration(builder, views, start);
  return emitRowReuseLoop(builder, views, start);
}

void LoopVectorizer::emitRest(OpBuilder &builder, ContiguousViews &views,
                              Value tail, bool singleVectorLoop,
                              SmallVectorImpl<Value> &partials) {
  if (singleVectorLoop)
    tail =
        emitVectorLoop(builder, views, tail, 1, /*reuseRows=*/false, partials);
  emitRemainder(builder, views, tail, partials);
  loop.replaceAllUsesWith(partials);
  loop.erase();
}

void LoopVectorizer::rewrite(ContiguousViews &views) {
  OpBuilder builder(loop);
  // The scalar partial reductions, continued by each part of the loop.
  SmallVector<Value> partials(loop.getInitArgs());
  config.unroll = getMainLoopUnroll();
  // Scalar iterations until the first store is aligned.
  Value start =
      needsPeel() ? emitPeel(builder, views, partials) : loop.getLowerBound();
  Value tail = emitMainLoops(builder, views, start, partials);
  emitRest(builder, views, tail, needsSingleVectorLoop(), partials);
}

Value LoopVectorizer::emitVersionedMainLoops(OpBuilder &builder,
                                             ContiguousViews &views,
                                             Value start,
                                             SmallVectorImpl<Value> &partials,
                                             LoopVectorizer *rowsAligned,
                                             Value condition) {
  config.unroll = getMainLoopUnroll();
  if (!rowsAligned)
    return emitMainLoops(builder, views, start, partials);
  assert(!reduces() && rowsAligned->loop == loop &&
         "row reuse carries no reductions");
  Location loc = loop.getLoc();
  rowsAligned->config.unroll = rowsAligned->getMainLoopUnroll();
  auto ifOp = scf::IfOp::create(builder, loc, builder.getIndexType(), condition,
                                /*withElseRegion=*/true);
  OpBuilder aligned = ifOp.getThenBodyBuilder();
  scf::YieldOp::create(
      aligned, loc,
      rowsAligned->emitMainLoops(aligned, views, start, partials));
  OpBuilder otherwise = ifOp.getElseBodyBuilder();
  scf::YieldOp::create(otherwise, loc,
                       emitMainLoops(otherwise, views, start, partials));
  return ifOp.getResult(0);
}

bool LoopVectorizer::needsSingleVectorLoop(LoopVectorizer *rowsAligned) const {
  return needsSingleVectorLoop() ||
         (rowsAligned && rowsAligned->needsSingleVectorLoop());
}

void LoopVectorizer::rewriteVersioned(ContiguousViews &views,
                                      LoopVectorizer &rowsAligned,
                                      Value condition) {
  OpBuilder builder(loop);
  SmallVector<Value> partials;
  // rowsAligned always peels: its loads are aligned where the anchor is.
  Value start = rowsAligned.emitPeel(builder, views, partials);
  Value tail = emitVersionedMainLoops(builder, views, start, partials,
                                      &rowsAligned, condition);
  emitRest(builder, views, tail, needsSingleVectorLoop(&rowsAligned), partials);
}

void LoopVectorizer::rewriteLineVersioned(ContiguousViews &views, Value shared,
                                          LoopVectorizer &sharing,
                                          const MainVersion &sharingRows,
                                          const MainVersion &ownRows) {
  assert(sharing.loop == loop && needsPeel() && "streaming stores peel");
  Location loc = loop.getLoc();
  OpBuilder builder(loop);
  SmallVector<Value> partials(loop.getInitArgs());
  Value start = emitPeel(builder, views, partials);
  SmallVector<Type> types = {builder.getIndexType()};
  for (Value partial : partials)
    types.push_back(partial.getType());
  auto ifOp = scf::IfOp::create(builder, loc, types, shared,
                                /*withElseRegion=*/true);
  // The main loops and the single-vector loop, which streams differently
  // in each version; the remainder stores ordinarily in both.
  auto emitVersion = [&](OpBuilder body, LoopVectorizer &vectorizer,
                         const MainVersion &rows) {
    SmallVector<Value> continued(partials);
    Value tail = vectorizer.emitVersionedMainLoops(
        body, views, start, continued, rows.rowsAligned, rows.condition);
    if (vectorizer.needsSingleVectorLoop(rows.rowsAligned))
      tail = vectorizer.emitVectorLoop(body, views, tail, 1,
                                       /*reuseRows=*/false, continued);
    SmallVector<Value> results = {tail};
    llvm::append_range(results, continued);
    scf::YieldOp::create(body, loc, results);
  };
  emitVersion(ifOp.getThenBodyBuilder(), sharing, sharingRows);
  emitVersion(ifOp.getElseBodyBuilder(), *this, ownRows);
  partials.assign(std::next(ifOp.getResults().begin()),
                  ifOp.getResults().end());
  emitRest(builder, views, ifOp.getResult(0), /*singleVectorLoop=*/false,
           partials);
}

} // namespace mlir::ps::vectorize
