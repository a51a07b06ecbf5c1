//===- RowReuse.cpp - ps-vectorize{reuse}: each row loaded once -----------===//
//
// A stencil reads a row at several x offsets (x-1, x, x+1). With reuse=true
// the main vector loop loads the row once as consecutive whole vectors,
// carries the last ones into the next iteration, and cuts each offset's
// vector out of two of them with a shuffle, instead of loading every
// offset unaligned. With rowsAligned the whole vectors start where the
// anchor's do in a vector (Row::shift), rows read at one offset (y+-1,
// z+-1) included: where rows are not whole cache lines (an edge of 258)
// every load is then aligned, instead of most straddling two lines
// (bench/README.md, "heat3d's loads where rows are not whole cache lines").
// A row whose shift is known at run time only (a stride of a field of any
// shape) gets it computed before the loop and its vectors cut with a
// two-source permute of a run-time index, where AVX-512 has one.
//
//===----------------------------------------------------------------------===//

#include "LoopVectorizer.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::vectorize;

/// `value` as a root plus a constant, through additions and subtractions of
/// constants (y + 1, y - 1).
static std::pair<Value, int64_t> splitConstantOffset(Value value) {
  int64_t offset = 0;
  while (Operation *def = value.getDefiningOp()) {
    if (!isa<arith::AddIOp, arith::SubIOp>(def))
      break;
    std::optional<int64_t> rhs = getConstantIntValue(def->getOperand(1));
    std::optional<int64_t> lhs = getConstantIntValue(def->getOperand(0));
    if (rhs) {
      offset += isa<arith::SubIOp>(def) ? -*rhs : *rhs;
      value = def->getOperand(0);
    } else if (lhs && isa<arith::AddIOp>(def)) {
      offset += *lhs;
      value = def->getOperand(1);
    } else {
      break;
    }
  }
  return {value, offset};
}

/// `a - b` if it is a constant.
static std::optional<int64_t> getConstantDifference(Value a, Value b) {
  auto [rootA, offsetA] = splitConstantOffset(a);
  auto [rootB, offsetB] = splitConstantOffset(b);
  if (rootA != rootB)
    return std::nullopt;
  return offsetA - offsetB;
}

std::optional<int64_t> LoopVectorizer::getStaticShift(const Row &row) {
  if (!anchor || stridedAccesses.contains(anchor))
    return std::nullopt;
  auto rowType = cast<MemRefType>(row.memref.getType());
  MemRefType anchorType = anchor.getMemRefType();
  if (rowType.getRank() != anchorType.getRank() ||
      accessDims.lookup(anchor) != row.dim ||
      rowType.getElementTypeBitWidth() != anchorType.getElementTypeBitWidth())
    return std::nullopt;
  auto anchorOffset = counterOffsets.find(anchor.getIndices()[row.dim]);
  if (anchorOffset == counterOffsets.end())
    return std::nullopt;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(rowType.getStridesAndOffset(strides, offset)))
    return std::nullopt;
  // The row's element at the anchor's point, in elements from the row's
  // memref at the anchor's indices: only the strides of the dimensions
  // where the indices differ count.
  int64_t delta = 0;
  const Value *other = row.indices.begin();
  for (auto [dim, anchorIndex] : llvm::enumerate(anchor.getIndices())) {
    if (dim == row.dim)
      continue;
    std::optional<int64_t> difference =
        getConstantDifference(*other++, anchorIndex);
    if (!difference)
      return std::nullopt;
    if (*difference == 0)
      continue;
    if (ShapedType::isDynamic(strides[dim]))
      return std::nullopt;
    delta += *difference * strides[dim];
  }
  int64_t remainder = (delta + row.minOffset - anchorOffset->second) % lanes;
  return remainder < 0 ? remainder + lanes : remainder;
}

bool LoopVectorizer::hasShiftedRows(bool singleOffset) const {
  return llvm::any_of(rows, [&](const Row &row) {
    return row.shift != 0 && (!singleOffset || row.minOffset == row.maxOffset);
  });
}

int64_t LoopVectorizer::getRowVectors() const {
  int64_t vectors = 0;
  for (const Row &row : rows)
    if (isReused(row))
      vectors += getExtraChunks(row) + getMainLoopUnroll();
  return vectors;
}

bool LoopVectorizer::hasRuntimePermute(Type element) const {
  unsigned bits = element.getIntOrFloatBitWidth();
  return config.isa.name == "avx512f" && (bits == 32 || bits == 64) &&
         lanes * bits == config.isa.registerBits;
}

Value LoopVectorizer::createRuntimeShift(OpBuilder &builder, const Row &row) {
  Location loc = loop.getLoc();
  Value lower = loop.getLowerBound();
  IRMapping mapping;
  mapping.map(loop.getInductionVar(), lower);
  SmallVector<Value> indices;
  for (Value index : row.indices)
    indices.push_back(materialize(builder, index, mapping));
  indices.insert(indices.begin() + row.dim,
                 arith::AddIOp::create(builder, loc, lower,
                                       createIndex(builder, row.minOffset)));
  Value distance = arith::SubIOp::create(
      builder, loc, createByteAddress(builder, row.memref, indices, mapping),
      createByteAddress(builder, anchor, mapping));
  int64_t bytes = anchor.getMemRefType().getElementTypeBitWidth() / 8;
  Value elements = arith::DivSIOp::create(builder, loc, distance,
                                          createIndex(builder, bytes));
  // The remainder of a negative distance is negative: add the lanes once.
  Value count = createIndex(builder, lanes);
  Value remainder = arith::RemSIOp::create(builder, loc, elements, count);
  return arith::RemSIOp::create(
      builder, loc, arith::AddIOp::create(builder, loc, remainder, count),
      count);
}

Value LoopVectorizer::createRuntimePermute(OpBuilder &builder, Value low,
                                           Value high, Value indices) {
  auto type = cast<VectorType>(low.getType());
  Type element = type.getElementType();
  StringRef name = element.isF64()   ? "llvm.x86.avx512.vpermi2var.pd.512"
                   : element.isF32() ? "llvm.x86.avx512.vpermi2var.ps.512"
                   : element.getIntOrFloatBitWidth() == 64
                       ? "llvm.x86.avx512.vpermi2var.q.512"
                       : "llvm.x86.avx512.vpermi2var.d.512";
  return LLVM::CallIntrinsicOp::create(builder, loop.getLoc(), type,
                                       builder.getStringAttr(name),
                                       ValueRange{low, indices, high})
      .getResult(0);
}

/// `view` (contiguous in its last dimension) with its elements `shift`
/// later, and as many more in that dimension: element i of the result is
/// element i - shift of `view`.
static Value createShiftedView(OpBuilder &builder, Location loc, Value view,
                               Value shift, int64_t lanes) {
  auto type = cast<MemRefType>(view.getType());
  int64_t rank = type.getRank();
  auto metadata = memref::ExtractStridedMetadataOp::create(builder, loc, view);
  SmallVector<OpFoldResult> sizes(metadata.getSizes());
  sizes.back() =
      arith::AddIOp::create(builder, loc, metadata.getSizes().back(),
                            arith::ConstantIndexOp::create(builder, loc, lanes))
          .getResult();
  SmallVector<OpFoldResult> strides(metadata.getStrides());
  strides.back() = builder.getIndexAttr(1);
  Value offset =
      arith::SubIOp::create(builder, loc, metadata.getOffset(), shift);
  SmallVector<int64_t> layoutStrides(rank, ShapedType::kDynamic);
  layoutStrides.back() = 1;
  auto shiftedType = MemRefType::get(
      SmallVector<int64_t>(rank, ShapedType::kDynamic), type.getElementType(),
      StridedLayoutAttr::get(builder.getContext(), ShapedType::kDynamic,
                             layoutStrides),
      type.getMemorySpace());
  return memref::ReinterpretCastOp::create(
      builder, loc, shiftedType, metadata.getBaseBuffer(), OpFoldResult(offset),
      sizes, strides);
}

/// The permute's lane indices for `shift`: shift + 0, 1, ..., in integers
/// of `element`'s width.
static Value createPermuteIndices(OpBuilder &builder, Location loc, Value shift,
                                  Type element, int64_t lanes) {
  auto integer = builder.getIntegerType(element.getIntOrFloatBitWidth());
  auto type = VectorType::get({lanes}, integer);
  SmallVector<Attribute> steps;
  for (int64_t lane = 0; lane < lanes; ++lane)
    steps.push_back(builder.getIntegerAttr(integer, lane));
  Value iota = arith::ConstantOp::create(builder, loc, type,
                                         DenseElementsAttr::get(type, steps));
  Value scalar = arith::IndexCastOp::create(builder, loc, integer, shift);
  return arith::AddIOp::create(
      builder, loc, iota,
      vector::BroadcastOp::create(builder, loc, type, scalar));
}

Value LoopVectorizer::createRowAlignmentCheck(OpBuilder &builder,
                                              bool someShifted) {
  Location loc = loop.getLoc();
  Value lower = loop.getLowerBound();
  IRMapping mapping;
  mapping.map(loop.getInductionVar(), lower);
  int64_t bits = anchor.getMemRefType().getElementTypeBitWidth();
  Value vector = createIndex(builder, lanes * bits / 8);
  Value anchorAddress = createByteAddress(builder, anchor, mapping);
  Value aligned = arith::ConstantIntOp::create(builder, loc, 1, 1);
  if (someShifted && !hasShiftedRows(/*singleOffset=*/true)) {
    // Rows of 256 points: every run-time shift 0, nothing straddles.
    Value shifted = arith::ConstantIntOp::create(builder, loc, 0, 1);
    for (const Row &row : rows)
      if (row.runtimeShift)
        shifted = arith::OrIOp::create(
            builder, loc, shifted,
            arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::ne,
                                  createRuntimeShift(builder, row),
                                  createIndex(builder, 0)));
    aligned = shifted;
  }
  for (const Row &row : rows) {
    if (!isReused(row) || !row.shiftKnown)
      continue;
    SmallVector<Value> indices;
    for (Value index : row.indices)
      indices.push_back(materialize(builder, index, mapping));
    indices.insert(
        indices.begin() + row.dim,
        arith::AddIOp::create(builder, loc, lower,
                              createIndex(builder, row.minOffset - row.shift)));
    Value address = createByteAddress(builder, row.memref, indices, mapping);
    Value distance =
        arith::SubIOp::create(builder, loc, address, anchorAddress);
    // Aligned vectors are a multiple of the vector's bytes apart, which a
    // negative distance is too if its remainder is 0.
    Value remainder = arith::RemSIOp::create(builder, loc, distance, vector);
    aligned = arith::AndIOp::create(
        builder, loc, aligned,
        arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::eq, remainder,
                              createIndex(builder, 0)));
  }
  return aligned;
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
  if (config.rowsAligned)
    for (Row &row : rows) {
      std::optional<int64_t> shift = getStaticShift(row);
      row.shift = shift.value_or(0);
      row.shiftKnown = shift.has_value();
      Type element = cast<MemRefType>(row.memref.getType()).getElementType();
      row.runtimeShift = !shift && row.minOffset == row.maxOffset && anchor &&
                         !stridedAccesses.contains(anchor) &&
                         accessDims.lookup(anchor) == row.dim &&
                         element.getIntOrFloatBitWidth() ==
                             anchor.getMemRefType().getElementTypeBitWidth() &&
                         hasRuntimePermute(element);
    }
  // A row read at a single offset gains nothing, unless its loads would
  // straddle vectors.
  for (auto it = rowLoads.begin(); it != rowLoads.end();) {
    const Row &row = rows[it->second.first];
    auto current = it++;
    if (!isReused(row))
      rowLoads.erase(current);
  }
  for (const Row &row : rows)
    if (isReused(row))
      rowSlack =
          std::max(rowSlack, getExtraChunks(row) * lanes -
                                 (row.maxOffset - row.minOffset) - row.shift);
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
        createIndex(builder, row.minOffset - row.shift + chunk * lanes)));
    Value from = view;
    if (auto runtime = rowChunks.runtimeShifts.find(rowIndex);
        runtime != rowChunks.runtimeShifts.end())
      from = runtime->second.shiftedView;
    chunks.push_back(vector::LoadOp::create(builder, loc, type, from, indices));
  }
  return chunks;
}

Value LoopVectorizer::emitRowReuseLoop(OpBuilder &builder,
                                       ContiguousViews &views, Value from) {
  Location loc = loop.getLoc();
  unsigned count = config.unroll;
  Value width = createLaneCount(builder, count);
  Value end = emitWholeChunksEnd(builder, from, width, rowSlack);
  Value any =
      arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::slt, from, end);
  auto guard = scf::IfOp::create(builder, loc, any, /*else=*/false);
  OpBuilder inGuard = guard.getThenBodyBuilder();
  IRMapping atStart;
  atStart.map(loop.getInductionVar(), from);
  SmallVector<unsigned> activeRows;
  SmallVector<Value> initial;
  DenseMap<unsigned, RowChunks::RuntimeShift> runtimeShifts;
  for (auto [index, row] : llvm::enumerate(rows)) {
    if (!isReused(row))
      continue;
    activeRows.push_back(index);
    Value view = views.get(row.memref, row.dim);
    Type element = cast<MemRefType>(row.memref.getType()).getElementType();
    VectorType type = getVectorType(element);
    if (row.runtimeShift) {
      Value shift = createRuntimeShift(inGuard, row);
      view = createShiftedView(inGuard, loc, view, shift, lanes);
      runtimeShifts[index] = {
          createPermuteIndices(inGuard, loc, shift, element, lanes), view};
    }
    for (int64_t chunk = 0; config.carryRows && chunk < getExtraChunks(row);
         ++chunk) {
      SmallVector<Value> indices;
      for (Value other : row.indices)
        indices.push_back(materialize(inGuard, other, atStart));
      indices.push_back(arith::AddIOp::create(
          inGuard, loc, from,
          createIndex(inGuard, row.minOffset - row.shift + chunk * lanes)));
      initial.push_back(
          vector::LoadOp::create(inGuard, loc, type, view, indices));
    }
  }
  auto vectorLoop = scf::ForOp::create(
      inGuard, loc, from, end, width, initial,
      [&](OpBuilder &body, Location loc, Value base, ValueRange carried) {
        SmallVector<Value> bases = {base};
        for (unsigned k = 1; k < count; ++k)
          bases.push_back(
              arith::AddIOp::create(body, loc, base, createLaneCount(body, k)));
        RowChunks rowChunks;
        rowChunks.runtimeShifts = runtimeShifts;
        for (unsigned index : activeRows) {
          if (!config.carryRows)
            break;
          int64_t extra = getExtraChunks(rows[index]);
          rowChunks.chunks[index].assign(carried.begin(),
                                         carried.begin() + extra);
          carried = carried.drop_front(extra);
        }
        emitPrefetches(body, views, base, count);
        createVectorBody(body, views, bases, /*mask=*/nullptr,
                         streamsStores(count), &rowChunks);
        SmallVector<Value> next;
        for (unsigned index : activeRows) {
          if (!config.carryRows)
            break;
          ArrayRef<Value> chunks =
              getRowChunks(body, views, index, IRMapping(), count, rowChunks);
          llvm::append_range(next, chunks.drop_front(count));
        }
        scf::YieldOp::create(body, loc, next);
      });
  vectorLoop->setAttrs(loop->getDiscardableAttrDictionary());
  return end;
}

Value LoopVectorizer::emitLeadIteration(OpBuilder &builder,
                                        ContiguousViews &views, Value from) {
  Location loc = loop.getLoc();
  Value next = arith::AddIOp::create(builder, loc, from,
                                     createLaneCount(builder, config.unroll));
  Value fits = arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::sle,
                                     next, loop.getUpperBound());
  auto guard = scf::IfOp::create(builder, loc, fits, /*else=*/false);
  OpBuilder inGuard = guard.getThenBodyBuilder();
  SmallVector<Value> bases = {from};
  for (unsigned k = 1; k < config.unroll; ++k)
    bases.push_back(
        arith::AddIOp::create(inGuard, loc, from, createLaneCount(inGuard, k)));
  createVectorBody(inGuard, views, bases, /*mask=*/nullptr,
                   streamsStores(config.unroll), /*rowChunks=*/nullptr);
  return arith::SelectOp::create(builder, loc, fits, next, from);
}
