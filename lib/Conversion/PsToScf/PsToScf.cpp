//===- PsToScf.cpp - Lower ps kernels to scf, memref, arith, math ---------===//
//
// Two steps. The structure (kernels, iteration spaces, field accesses) is
// rewritten directly: a kernel becomes a func.func whose fields are memrefs,
// each iteration space a loop nest into which its body is inlined, and each
// access a memref load or store at the loop point plus its offset. Then a
// dialect conversion turns the scalar operations into arith and math.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::ps {
#define GEN_PASS_DEF_CONVERTPSTOSCF
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

MemRefType mlir::ps::getLoweredMemRefType(FieldType field) {
  auto layout = StridedLayoutAttr::get(field.getContext(), ShapedType::kDynamic,
                                       field.getStaticStrides());
  return MemRefType::get(field.getFullShape(), field.getElementType(), layout);
}

MemRefType mlir::ps::getLoweredMemRefType(ReductionType result) {
  return MemRefType::get({}, result.getElementType());
}

namespace {

//===----------------------------------------------------------------------===//
// Structure: kernels, iteration spaces, accesses
//===----------------------------------------------------------------------===//

/// The memref behind a field value: kernel lowering puts an
/// unrealized_conversion_cast from the memref parameter to the field type in
/// front of every use.
Value getMemRef(Value field) {
  auto cast = field.getDefiningOp<UnrealizedConversionCastOp>();
  return cast ? cast.getInputs().front() : Value();
}

/// An access index as an `index` value: the constant, or the kernel's
/// integer value cast.
Value materializeIndex(RewriterBase &rewriter, Location loc,
                       OpFoldResult index) {
  if (auto value = dyn_cast<Value>(index))
    return arith::IndexCastOp::create(rewriter, loc, rewriter.getIndexType(),
                                      value);
  return arith::ConstantIndexOp::create(
      rewriter, loc, cast<IntegerAttr>(cast<Attribute>(index)).getInt());
}

/// The memref indices of an access at `point` plus `offsets`, then
/// `components`.
SmallVector<Value> getAccessIndices(RewriterBase &rewriter, Location loc,
                                    ArrayRef<Value> point,
                                    ArrayRef<OpFoldResult> offsets,
                                    ArrayRef<OpFoldResult> components) {
  SmallVector<Value> indices;
  for (auto [coordinate, offset] : llvm::zip(point, offsets)) {
    if (isConstantIntValue(offset, 0)) {
      indices.push_back(coordinate);
      continue;
    }
    Value shift = materializeIndex(rewriter, loc, offset);
    indices.push_back(arith::AddIOp::create(rewriter, loc, coordinate, shift));
  }
  for (OpFoldResult component : components)
    indices.push_back(materializeIndex(rewriter, loc, component));
  return indices;
}

/// Replaces the loads and stores of `space`'s body with memref accesses at
/// `point` (one index per spatial dimension) plus their offsets.
LogicalResult lowerAccesses(Operation *space, ArrayRef<Value> point,
                            RewriterBase &rewriter) {
  SmallVector<Operation *> accesses;
  space->walk([&](Operation *op) {
    if (isa<LoadOp, StoreOp>(op))
      accesses.push_back(op);
  });
  for (Operation *op : accesses) {
    auto load = dyn_cast<LoadOp>(op);
    auto store = dyn_cast<StoreOp>(op);
    Value field = load ? load.getField() : store.getField();
    Value memref = getMemRef(field);
    if (!memref)
      return op->emitOpError("accesses a field that is not a kernel parameter");
    rewriter.setInsertionPoint(op);
    SmallVector<Value> indices = getAccessIndices(
        rewriter, op->getLoc(), point,
        load ? load.getMixedOffsets() : store.getMixedOffsets(),
        load ? load.getMixedComponents() : store.getMixedComponents());
    if (load)
      rewriter.replaceOpWithNewOp<memref::LoadOp>(load, memref, indices);
    else
      rewriter.replaceOpWithNewOp<memref::StoreOp>(store, store.getValue(),
                                                   memref, indices);
  }
  return success();
}

/// Replaces the record reads of a sparse space's body with loads of entry
/// `entry` of their fields.
LogicalResult lowerRecords(Operation *space, Value entry,
                           RewriterBase &rewriter) {
  SmallVector<LoadRecordOp> records;
  space->walk([&](LoadRecordOp record) { records.push_back(record); });
  for (LoadRecordOp record : records) {
    Value memref = getMemRef(record.getField());
    if (!memref)
      return record.emitOpError("reads a field that is not a kernel "
                                "parameter");
    rewriter.setInsertionPoint(record);
    SmallVector<Value> indices{entry};
    for (int64_t component : record.getComponents())
      indices.push_back(
          arith::ConstantIndexOp::create(rewriter, record.getLoc(), component));
    rewriter.replaceOpWithNewOp<memref::LoadOp>(record, memref, indices);
  }
  return success();
}

/// Converts an index to the counters' integer type.
Value castIndexTo(RewriterBase &rewriter, Location loc, Value index,
                  Type type) {
  return arith::IndexCastOp::create(rewriter, loc, type, index);
}

//===----------------------------------------------------------------------===//
// Reductions: values carried through the loop nest
//===----------------------------------------------------------------------===//

/// The reduction results `space` combines into, in the order of their first
/// ps.reduce.
SmallVector<Value> getReducedResults(Operation *space) {
  SmallVector<Value> results;
  space->walk([&](ReduceOp reduce) {
    if (!llvm::is_contained(results, reduce.getTarget()))
      results.push_back(reduce.getTarget());
  });
  return results;
}

ReductionType getReductionType(Value result) {
  return cast<ReductionType>(result.getType());
}

/// The carried values' operators, for the `ps.reductions` loop attribute.
ArrayAttr getReductionKindsAttr(Builder &builder, ArrayRef<Value> results) {
  return builder.getStrArrayAttr(llvm::map_to_vector(results, [](Value r) {
    return stringifyReductionKind(getReductionType(r).getKind());
  }));
}

/// Marks `loop` as a loop of an iteration space over dimension `dim` that
/// carries the partial reductions into `results`.
void tagSpaceLoop(scf::ForOp loop, int64_t dim, ArrayRef<Value> results,
                  Builder &builder) {
  loop->setAttr(PsDialect::DimAttrHelper::getNameStr(),
                builder.getI64IntegerAttr(dim));
  if (!results.empty())
    loop->setAttr(PsDialect::ReductionsAttrHelper::getNameStr(),
                  getReductionKindsAttr(builder, results));
}

/// Creates a loop carrying `inits`; a loop that carries values gets no
/// terminator from the builder, so it gets one yielding them unchanged,
/// which the caller replaces.
scf::ForOp createSpaceLoop(RewriterBase &rewriter, Location loc, Value lower,
                           Value upper, Value step, ValueRange inits) {
  auto loop = scf::ForOp::create(rewriter, loc, lower, upper, step, inits);
  if (!inits.empty()) {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToEnd(loop.getBody());
    scf::YieldOp::create(rewriter, loc, loop.getRegionIterArgs());
  }
  return loop;
}

/// Makes the enclosing loops of a nest yield what the loop inside them
/// yields: after `inner` is created in `outer`'s body.
void forwardResults(scf::ForOp outer, scf::ForOp inner) {
  if (outer.getNumResults() != 0)
    outer.getBody()->getTerminator()->setOperands(inner.getResults());
}

} // namespace

/// The identity as an attribute of the element type.
static TypedAttr getReductionIdentityAttr(Builder &builder, ReductionKind kind,
                                          Type type) {
  if (auto floatType = dyn_cast<FloatType>(type)) {
    const llvm::fltSemantics &semantics = floatType.getFloatSemantics();
    APFloat value = APFloat::getZero(semantics);
    switch (kind) {
    case ReductionKind::add:
      // -0 + x is x for every x, also for x = -0.
      value = APFloat::getZero(semantics, /*Negative=*/true);
      break;
    case ReductionKind::mul:
      value = APFloat::getOne(semantics);
      break;
    case ReductionKind::min:
      value = APFloat::getInf(semantics);
      break;
    case ReductionKind::max:
      value = APFloat::getInf(semantics, /*Negative=*/true);
      break;
    }
    return builder.getFloatAttr(type, value);
  }
  unsigned width = type.getIntOrFloatBitWidth();
  APInt value(width, 0);
  switch (kind) {
  case ReductionKind::add:
    break;
  case ReductionKind::mul:
    value = APInt(width, 1);
    break;
  case ReductionKind::min:
    value = APInt::getSignedMaxValue(width);
    break;
  case ReductionKind::max:
    value = APInt::getSignedMinValue(width);
    break;
  }
  return builder.getIntegerAttr(type, value);
}

Value mlir::ps::buildReductionIdentity(OpBuilder &builder, Location loc,
                                       ReductionKind kind, Type type) {
  TypedAttr element =
      getReductionIdentityAttr(builder, kind, getElementTypeOrSelf(type));
  if (auto vector = dyn_cast<VectorType>(type))
    return arith::ConstantOp::create(
        builder, loc, DenseElementsAttr::get(vector, Attribute(element)));
  return arith::ConstantOp::create(builder, loc, element);
}

Value mlir::ps::buildReductionCombine(OpBuilder &builder, Location loc,
                                      ReductionKind kind, Value lhs,
                                      Value rhs) {
  bool isFloat = isa<FloatType>(getElementTypeOrSelf(lhs.getType()));
  switch (kind) {
  case ReductionKind::add:
    return isFloat ? arith::AddFOp::create(builder, loc, lhs, rhs).getResult()
                   : arith::AddIOp::create(builder, loc, lhs, rhs).getResult();
  case ReductionKind::mul:
    return isFloat ? arith::MulFOp::create(builder, loc, lhs, rhs).getResult()
                   : arith::MulIOp::create(builder, loc, lhs, rhs).getResult();
  case ReductionKind::min:
    return isFloat
               ? arith::MinNumFOp::create(builder, loc, lhs, rhs).getResult()
               : arith::MinSIOp::create(builder, loc, lhs, rhs).getResult();
  case ReductionKind::max:
    return isFloat
               ? arith::MaxNumFOp::create(builder, loc, lhs, rhs).getResult()
               : arith::MaxSIOp::create(builder, loc, lhs, rhs).getResult();
  }
  llvm_unreachable("unknown reduction kind");
}

namespace {

/// The loops of a nest carry one partial reduction per result, starting at
/// the operator's identity. Replaces each ps.reduce of the innermost body
/// (inlined, before `innermostYield`) with `partial = partial op value`
/// (in program order, so that the scalar kernel's order of points is its
/// association), makes the innermost loop yield the partials, and after
/// the nest combines each result with it: `*r = *r op partial`.
LogicalResult lowerReductions(ArrayRef<Value> results, scf::ForOp outermost,
                              scf::ForOp innermost, Operation *innermostYield,
                              ArrayRef<ReduceOp> reduces,
                              RewriterBase &rewriter) {
  if (results.empty())
    return success();
  SmallVector<Value> partials(innermost.getRegionIterArgs());
  for (ReduceOp reduce : reduces) {
    unsigned index = llvm::find(results, reduce.getTarget()) - results.begin();
    rewriter.setInsertionPoint(reduce);
    partials[index] =
        buildReductionCombine(rewriter, reduce.getLoc(), reduce.getKind(),
                              partials[index], reduce.getValue());
    rewriter.eraseOp(reduce);
  }
  innermostYield->setOperands(partials);
  rewriter.setInsertionPointAfter(outermost);
  for (auto [result, total] : llvm::zip(results, outermost.getResults())) {
    Value memref = getMemRef(result);
    if (!memref)
      return outermost.emitOpError("reduces into a value that is not a kernel "
                                   "parameter");
    Location loc = outermost.getLoc();
    Value old = memref::LoadOp::create(rewriter, loc, memref, ValueRange{});
    Value combined = buildReductionCombine(
        rewriter, loc, getReductionType(result).getKind(), old, total);
    memref::StoreOp::create(rewriter, loc, combined, memref, ValueRange{});
  }
  return success();
}

/// The identities the outermost loop of a nest starts its partials at.
SmallVector<Value> buildIdentities(RewriterBase &rewriter, Location loc,
                                   ArrayRef<Value> results) {
  return llvm::map_to_vector(results, [&](Value result) {
    ReductionType type = getReductionType(result);
    return buildReductionIdentity(rewriter, loc, type.getKind(),
                                  type.getElementType());
  });
}

SmallVector<ReduceOp> getReduces(Operation *space) {
  SmallVector<ReduceOp> reduces;
  space->walk([&](ReduceOp reduce) { reduces.push_back(reduce); });
  return reduces;
}

/// Inlines `space`'s body before `insertionPoint` (inside the innermost loop)
/// with `counters` for its block arguments, and erases `space`.
void inlineBody(Operation *space, Operation *insertionPoint,
                ValueRange counters, RewriterBase &rewriter) {
  Block *body = &space->getRegion(0).front();
  rewriter.eraseOp(body->getTerminator());
  rewriter.inlineBlockBefore(body, insertionPoint, counters);
  rewriter.eraseOp(space);
}

LogicalResult lowerIterate(IterateOp space, RewriterBase &rewriter) {
  Location loc = space.getLoc();
  Value memref = getMemRef(space.getField());
  if (!memref)
    return space.emitOpError("iterates over a field that is not a kernel "
                             "parameter");
  FieldType field = space.getFieldType();
  unsigned rank = field.getSpatialRank();
  rewriter.setInsertionPoint(space);
  SmallVector<Value> lower(rank), upper(rank), steps(rank), point(rank);
  for (unsigned d = 0; d < rank; ++d) {
    lower[d] =
        arith::ConstantIndexOp::create(rewriter, loc, space.getStarts()[d]);
    steps[d] =
        arith::ConstantIndexOp::create(rewriter, loc, space.getSteps()[d]);
    int64_t stop = space.getStops()[d];
    if (stop > 0) {
      upper[d] = arith::ConstantIndexOp::create(rewriter, loc, stop);
      continue;
    }
    Value extent = memref::DimOp::create(rewriter, loc, memref, d);
    upper[d] = stop == 0 ? extent
                         : arith::AddIOp::create(rewriter, loc, extent,
                                                 arith::ConstantIndexOp::create(
                                                     rewriter, loc, stop))
                               .getResult();
  }
  SmallVector<Value> results = getReducedResults(space);
  SmallVector<ReduceOp> reduces = getReduces(space);
  SmallVector<Value> carried = buildIdentities(rewriter, loc, results);
  Operation *innermostYield = nullptr;
  scf::ForOp outermost, innermost;
  for (unsigned d : field.getSpatialLoopOrder()) {
    auto loop =
        createSpaceLoop(rewriter, loc, lower[d], upper[d], steps[d], carried);
    tagSpaceLoop(loop, d, results, rewriter);
    if (innermost)
      forwardResults(innermost, loop);
    else
      outermost = loop;
    innermost = loop;
    carried = llvm::to_vector_of<Value>(loop.getRegionIterArgs());
    point[d] = loop.getInductionVar();
    innermostYield = loop.getBody()->getTerminator();
    rewriter.setInsertionPoint(innermostYield);
  }
  SmallVector<Value> counters;
  for (auto [d, counter] : llvm::enumerate(space.getCounters()))
    counters.push_back(castIndexTo(rewriter, loc, point[d], counter.getType()));
  if (failed(lowerAccesses(space, point, rewriter)))
    return failure();
  inlineBody(space, innermostYield, counters, rewriter);
  return lowerReductions(results, outermost, innermost, innermostYield, reduces,
                         rewriter);
}

LogicalResult lowerIterateSparse(IterateSparseOp space,
                                 RewriterBase &rewriter) {
  Location loc = space.getLoc();
  Value list = getMemRef(space.getIndexList());
  if (!list)
    return space.emitOpError("iterates over an index list that is not a "
                             "kernel parameter");
  rewriter.setInsertionPoint(space);
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  Value entries = memref::DimOp::create(rewriter, loc, list, 0);
  SmallVector<Value> results = getReducedResults(space);
  SmallVector<ReduceOp> reduces = getReduces(space);
  auto loop = createSpaceLoop(rewriter, loc, zero, entries, one,
                              buildIdentities(rewriter, loc, results));
  tagSpaceLoop(loop, 0, results, rewriter);
  loop->setAttr(PsDialect::SparseAttrHelper::getNameStr(),
                rewriter.getUnitAttr());
  Operation *yield = loop.getBody()->getTerminator();
  rewriter.setInsertionPoint(yield);
  SmallVector<Value> point, counters;
  for (auto [d, counter] : llvm::enumerate(space.getCounters())) {
    Value component = arith::ConstantIndexOp::create(rewriter, loc, d);
    Value coordinate = memref::LoadOp::create(
        rewriter, loc, list, ValueRange{loop.getInductionVar(), component});
    point.push_back(arith::IndexCastOp::create(
        rewriter, loc, rewriter.getIndexType(), coordinate));
    counters.push_back(
        castIndexTo(rewriter, loc, point.back(), counter.getType()));
  }
  if (failed(lowerAccesses(space, point, rewriter)) ||
      failed(lowerRecords(space, loop.getInductionVar(), rewriter)))
    return failure();
  inlineBody(space, yield, counters, rewriter);
  return lowerReductions(results, loop, loop, yield, reduces, rewriter);
}

//===----------------------------------------------------------------------===//
// Scalar operations
//===----------------------------------------------------------------------===//

arith::FastMathFlagsAttr getFastMath(Operation *op) {
  bool fast = op->hasAttr("fastmath");
  return arith::FastMathFlagsAttr::get(op->getContext(),
                                       fast ? arith::FastMathFlags::fast
                                            : arith::FastMathFlags::none);
}

/// A binary operation with one arith op for floats and one for integers.
template <typename PsOp, typename FloatOp, typename IntOp>
struct BinaryLowering : OpConversionPattern<PsOp> {
  using OpConversionPattern<PsOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PsOp op, typename PsOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    if (isa<FloatType>(op.getType())) {
      if constexpr (std::is_void_v<FloatOp>) {
        return rewriter.notifyMatchFailure(op, "no float form");
      } else {
        auto newOp = FloatOp::create(rewriter, op.getLoc(), lhs, rhs);
        if constexpr (FloatOp::template hasTrait<
                          arith::ArithFastMathInterface::Trait>())
          newOp.setFastmathAttr(getFastMath(op));
        rewriter.replaceOp(op, newOp);
        return success();
      }
    }
    if constexpr (std::is_void_v<IntOp>) {
      return rewriter.notifyMatchFailure(op, "no integer form");
    } else {
      rewriter.replaceOpWithNewOp<IntOp>(op, lhs, rhs);
      return success();
    }
  }
};

/// A unary operation with one op for floats and one for integers.
template <typename PsOp, typename FloatOp, typename IntOp>
struct UnaryLowering : OpConversionPattern<PsOp> {
  using OpConversionPattern<PsOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PsOp op, typename PsOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value operand = adaptor.getOperand();
    if (isa<FloatType>(op.getType())) {
      if constexpr (std::is_void_v<FloatOp>)
        return rewriter.notifyMatchFailure(op, "no float form");
      else
        rewriter.replaceOpWithNewOp<FloatOp>(op, operand);
      return success();
    }
    if constexpr (std::is_void_v<IntOp>)
      return rewriter.notifyMatchFailure(op, "no integer form");
    else
      rewriter.replaceOpWithNewOp<IntOp>(op, operand);
    return success();
  }
};

struct NegLowering : OpConversionPattern<NegOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(NegOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isa<FloatType>(op.getType())) {
      rewriter.replaceOpWithNewOp<arith::NegFOp>(op, adaptor.getOperand());
      return success();
    }
    Value zero = arith::ConstantOp::create(
        rewriter, op.getLoc(), rewriter.getIntegerAttr(op.getType(), 0));
    rewriter.replaceOpWithNewOp<arith::SubIOp>(op, zero, adaptor.getOperand());
    return success();
  }
};

struct NotLowering : OpConversionPattern<NotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(NotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value one = arith::ConstantOp::create(rewriter, op.getLoc(),
                                          rewriter.getBoolAttr(true));
    rewriter.replaceOpWithNewOp<arith::XOrIOp>(op, adaptor.getOperand(), one);
    return success();
  }
};

struct FmaLowering : OpConversionPattern<FmaOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FmaOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<math::FmaOp>(op, adaptor.getA(), adaptor.getB(),
                                             adaptor.getC());
    return success();
  }
};

struct SelectLowering : OpConversionPattern<SelectOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SelectOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, adaptor.getCondition(),
                                                 adaptor.getTrueValue(),
                                                 adaptor.getFalseValue());
    return success();
  }
};

struct CmpLowering : OpConversionPattern<CmpOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CmpOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    if (isa<FloatType>(lhs.getType())) {
      // Ordered comparisons, but != is true for NaN, as in C.
      static constexpr arith::CmpFPredicate floatPredicates[] = {
          arith::CmpFPredicate::OEQ, arith::CmpFPredicate::UNE,
          arith::CmpFPredicate::OLT, arith::CmpFPredicate::OLE,
          arith::CmpFPredicate::OGT, arith::CmpFPredicate::OGE};
      rewriter.replaceOpWithNewOp<arith::CmpFOp>(
          op, floatPredicates[static_cast<int>(op.getPredicate())], lhs, rhs);
      return success();
    }
    static constexpr arith::CmpIPredicate intPredicates[] = {
        arith::CmpIPredicate::eq,  arith::CmpIPredicate::ne,
        arith::CmpIPredicate::slt, arith::CmpIPredicate::sle,
        arith::CmpIPredicate::sgt, arith::CmpIPredicate::sge};
    rewriter.replaceOpWithNewOp<arith::CmpIOp>(
        op, intPredicates[static_cast<int>(op.getPredicate())], lhs, rhs);
    return success();
  }
};

struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.isUntyped())
      return rewriter.notifyMatchFailure(op, "untyped: run ps-typify first");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, op.getValue());
    return success();
  }
};

/// A table lookup: the table as a constant vector and the element at the
/// index. LLVM turns the dynamic extract into a load from a constant (or a
/// register shuffle), on CPUs and GPUs alike.
struct LookupLowering : OpConversionPattern<LookupOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LookupOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ElementsAttr table = op.getTable();
    auto vectorType =
        VectorType::get({op.getTableSize()}, table.getElementType());
    auto elements = DenseElementsAttr::get(
        vectorType, llvm::to_vector(table.getValues<Attribute>()));
    Value vector = arith::ConstantOp::create(rewriter, loc, elements);
    Value index = arith::IndexCastOp::create(
        rewriter, loc, rewriter.getIndexType(), adaptor.getIndex());
    rewriter.replaceOpWithNewOp<vector::ExtractOp>(
        op, vector, ArrayRef<OpFoldResult>{index});
    return success();
  }
};

/// C conversions: integers sign-extend or truncate (a bool zero-extends),
/// integer to float rounds to nearest, float to integer truncates toward
/// zero, and anything to bool compares with zero.
struct CastLowering : OpConversionPattern<CastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getInput();
    Type from = input.getType(), to = op.getType();
    Location loc = op.getLoc();
    if (from == to) {
      rewriter.replaceOp(op, input);
      return success();
    }
    if (to.isInteger(1)) {
      Value zero =
          arith::ConstantOp::create(rewriter, loc, rewriter.getZeroAttr(from));
      if (isa<FloatType>(from))
        rewriter.replaceOpWithNewOp<arith::CmpFOp>(
            op, arith::CmpFPredicate::UNE, input, zero);
      else
        rewriter.replaceOpWithNewOp<arith::CmpIOp>(op, arith::CmpIPredicate::ne,
                                                   input, zero);
      return success();
    }
    bool fromBool = from.isInteger(1);
    if (auto fromInt = dyn_cast<IntegerType>(from)) {
      if (auto toInt = dyn_cast<IntegerType>(to)) {
        if (toInt.getWidth() < fromInt.getWidth())
          rewriter.replaceOpWithNewOp<arith::TruncIOp>(op, to, input);
        else if (fromBool)
          rewriter.replaceOpWithNewOp<arith::ExtUIOp>(op, to, input);
        else
          rewriter.replaceOpWithNewOp<arith::ExtSIOp>(op, to, input);
        return success();
      }
      if (fromBool)
        rewriter.replaceOpWithNewOp<arith::UIToFPOp>(op, to, input);
      else
        rewriter.replaceOpWithNewOp<arith::SIToFPOp>(op, to, input);
      return success();
    }
    auto fromFloat = cast<FloatType>(from);
    if (isa<IntegerType>(to)) {
      rewriter.replaceOpWithNewOp<arith::FPToSIOp>(op, to, input);
      return success();
    }
    auto toFloat = cast<FloatType>(to);
    if (toFloat == fromFloat) {
      rewriter.replaceOp(op, input);
      return success();
    }
    // bf16 <-> f16: neither holds the other, and arith casts only between
    // widths; go through f32, which holds both exactly.
    if (toFloat.getWidth() == fromFloat.getWidth()) {
      Value wide = arith::ExtFOp::create(rewriter, op.getLoc(),
                                         rewriter.getF32Type(), input);
      rewriter.replaceOpWithNewOp<arith::TruncFOp>(op, to, wide);
      return success();
    }
    if (toFloat.getWidth() > fromFloat.getWidth())
      rewriter.replaceOpWithNewOp<arith::ExtFOp>(op, to, input);
    else
      rewriter.replaceOpWithNewOp<arith::TruncFOp>(op, to, input);
    return success();
  }
};

struct ReturnLowering : OpConversionPattern<ReturnOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReturnOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<func::ReturnOp>(op);
    return success();
  }
};

} // namespace

void mlir::ps::populatePsScalarToArithPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<BinaryLowering<AddOp, arith::AddFOp, arith::AddIOp>,
               BinaryLowering<SubOp, arith::SubFOp, arith::SubIOp>,
               BinaryLowering<MulOp, arith::MulFOp, arith::MulIOp>,
               BinaryLowering<DivOp, arith::DivFOp, arith::DivSIOp>,
               BinaryLowering<RemOp, void, arith::RemSIOp>,
               BinaryLowering<MinOp, arith::MinNumFOp, arith::MinSIOp>,
               BinaryLowering<MaxOp, arith::MaxNumFOp, arith::MaxSIOp>,
               BinaryLowering<PowOp, math::PowFOp, void>,
               BinaryLowering<AndOp, void, arith::AndIOp>,
               BinaryLowering<OrOp, void, arith::OrIOp>,
               BinaryLowering<XorOp, void, arith::XOrIOp>,
               UnaryLowering<AbsOp, math::AbsFOp, math::AbsIOp>,
               UnaryLowering<SqrtOp, math::SqrtOp, void>,
               UnaryLowering<ExpOp, math::ExpOp, void>,
               UnaryLowering<LogOp, math::LogOp, void>,
               UnaryLowering<SinOp, math::SinOp, void>,
               UnaryLowering<CosOp, math::CosOp, void>,
               UnaryLowering<TanOp, math::TanOp, void>,
               UnaryLowering<AsinOp, math::AsinOp, void>,
               UnaryLowering<AcosOp, math::AcosOp, void>,
               UnaryLowering<AtanOp, math::AtanOp, void>,
               UnaryLowering<SinhOp, math::SinhOp, void>,
               UnaryLowering<CoshOp, math::CoshOp, void>,
               UnaryLowering<TanhOp, math::TanhOp, void>,
               BinaryLowering<Atan2Op, math::Atan2Op, void>,
               UnaryLowering<FloorOp, math::FloorOp, void>,
               UnaryLowering<CeilOp, math::CeilOp, void>, NegLowering,
               NotLowering, FmaLowering, SelectLowering, CmpLowering,
               ConstantLowering, CastLowering, LookupLowering, ReturnLowering>(
      ctx);
}

LogicalResult mlir::ps::lowerKernelToLoops(KernelOp kernel,
                                           RewriterBase &rewriter) {
  Location loc = kernel.getLoc();
  SmallVector<Type> inputs;
  for (auto [index, type] : llvm::enumerate(kernel.getArgumentTypes())) {
    if (isa<UntypedType>(type))
      return kernel.emitOpError("parameter '")
             << kernel.getParameterName(index)
             << "' is untyped: run ps-typify before lowering";
    if (auto field = dyn_cast<FieldType>(type))
      inputs.push_back(getLoweredMemRefType(field));
    else if (auto result = dyn_cast<ReductionType>(type))
      inputs.push_back(getLoweredMemRefType(result));
    else
      inputs.push_back(type);
  }
  rewriter.setInsertionPoint(kernel);
  auto func = func::FuncOp::create(rewriter, loc, kernel.getSymName(),
                                   rewriter.getFunctionType(inputs, {}));
  // C and C++ callers of ahead-of-time compiled kernels call the
  // `_mlir_ciface_` wrapper, which takes memref descriptors by pointer.
  func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                rewriter.getUnitAttr());
  // Marks the function as a lowered kernel, whose fields never overlap
  // (ps-mark-noalias tells LLVM so after the lowering to LLVM).
  func->setAttr(PsDialect::KernelAttrHelper::getNameStr(),
                rewriter.getUnitAttr());
  rewriter.inlineRegionBefore(kernel.getBody(), func.getBody(), func.end());
  Block &entry = func.getBody().front();
  rewriter.setInsertionPointToStart(&entry);
  SmallVector<UnrealizedConversionCastOp> casts;
  for (auto [arg, type] : llvm::zip(entry.getArguments(), inputs)) {
    Type fieldType = arg.getType();
    if (!isa<FieldType, ReductionType>(fieldType))
      continue;
    arg.setType(type);
    auto cast = UnrealizedConversionCastOp::create(rewriter, loc, fieldType,
                                                   ValueRange{arg});
    rewriter.replaceAllUsesExcept(arg, cast.getResult(0), cast);
    casts.push_back(cast);
  }
  rewriter.eraseOp(kernel);

  SmallVector<Operation *> spaces;
  func.walk([&](IterationSpaceOpInterface space) { spaces.push_back(space); });
  for (Operation *space : spaces) {
    LogicalResult lowered =
        isa<IterateOp>(space)
            ? lowerIterate(cast<IterateOp>(space), rewriter)
            : lowerIterateSparse(cast<IterateSparseOp>(space), rewriter);
    if (failed(lowered))
      return failure();
  }
  for (UnrealizedConversionCastOp cast : casts)
    if (cast->use_empty())
      rewriter.eraseOp(cast);
  return success();
}

LogicalResult mlir::ps::lowerKernelsToLoops(ModuleOp module) {
  MLIRContext *context = module.getContext();
  IRRewriter rewriter(context);
  for (KernelOp kernel : llvm::make_early_inc_range(module.getOps<KernelOp>()))
    if (failed(lowerKernelToLoops(kernel, rewriter)))
      return failure();

  ConversionTarget target(*context);
  target.addIllegalDialect<PsDialect>();
  target.addLegalDialect<arith::ArithDialect, func::FuncDialect,
                         math::MathDialect, memref::MemRefDialect,
                         scf::SCFDialect, vector::VectorDialect>();
  RewritePatternSet patterns(context);
  populatePsScalarToArithPatterns(patterns);
  return applyPartialConversion(module, target, std::move(patterns));
}

namespace {
struct ConvertPsToScfPass : ps::impl::ConvertPsToScfBase<ConvertPsToScfPass> {
  void runOnOperation() override {
    if (failed(lowerKernelsToLoops(getOperation())))
      signalPassFailure();
  }
};
} // namespace
