//===- Peel.cpp - ps-vectorize: the points before the first aligned one ---===//
//
// Aligned stores (`aligned`, streaming stores, rows loaded from aligned
// addresses, and the cost model's peel of rows on whole lines) start the
// vector loops where the first store of the body is aligned; the points
// before run as masked vectors that end there (x86) or as the scalar loop.
//
//===----------------------------------------------------------------------===//

#include "LoopVectorizer.h"

#include "Stencil/Conversion/Vectorize/CostModel.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::vectorize;

int64_t LoopVectorizer::getPeelAlignment() {
  int64_t bytes =
      lanes * anchor.getMemRefType().getElementType().getIntOrFloatBitWidth() /
      8;
  return config.nontemporal ? std::max(bytes, kCacheLineBytes) : bytes;
}

Value LoopVectorizer::createPeelCount(OpBuilder &builder, Value lower,
                                      Value upper) {
  Location loc = loop.getLoc();
  IRMapping mapping;
  mapping.map(loop.getInductionVar(), lower);
  int64_t elementBytes =
      anchor.getMemRefType().getElementType().getIntOrFloatBitWidth() / 8;
  bool onlyWholeLines =
      !(config.aligned || config.nontemporal || config.rowsAligned);
  SmallVector<Value> indices(anchor.getIndices());
  // peelWholeLines peels where every row is at the first's offset in a
  // line: that offset is the address's without the other dimensions'
  // terms, the same in every row, so that it is computed once per nest.
  if (onlyWholeLines)
    for (auto [dim, index] : llvm::enumerate(indices))
      if (dim != accessDims.lookup(anchor))
        index = createIndex(builder, 0);
  Value address =
      createByteAddress(builder, anchor.getMemRef(), indices, mapping);
  Value size = createIndex(builder, getPeelAlignment());
  Value misalignment = arith::RemUIOp::create(builder, loc, address, size);
  Value peelBytes = arith::RemUIOp::create(
      builder, loc, arith::SubIOp::create(builder, loc, size, misalignment),
      size);
  Value peel = arith::DivUIOp::create(builder, loc, peelBytes,
                                      createIndex(builder, elementBytes));
  Value points = arith::MaxSIOp::create(
      builder, loc, arith::SubIOp::create(builder, loc, upper, lower),
      createIndex(builder, 0));
  peel = arith::MinSIOp::create(builder, loc, peel, points);
  if (!onlyWholeLines)
    return peel;
  return arith::SelectOp::create(builder, loc, createRowsOnLinesCheck(builder),
                                 peel, createIndex(builder, 0));
}

Value LoopVectorizer::createRowsOnLinesCheck(OpBuilder &builder) {
  Location loc = loop.getLoc();
  auto metadata = memref::ExtractStridedMetadataOp::create(builder, loc,
                                                           anchor.getMemRef());
  int64_t elementBytes =
      anchor.getMemRefType().getElementType().getIntOrFloatBitWidth() / 8;
  Value line = createIndex(builder, kCacheLineBytes);
  Value zero = createIndex(builder, 0);
  Value onLines = arith::ConstantIntOp::create(builder, loc, 1, 1);
  for (auto [dim, stride] : llvm::enumerate(metadata.getStrides())) {
    if (dim == accessDims.lookup(anchor))
      continue;
    Value bytes = arith::MulIOp::create(builder, loc, stride,
                                        createIndex(builder, elementBytes));
    Value whole = arith::CmpIOp::create(
        builder, loc, arith::CmpIPredicate::eq,
        arith::RemSIOp::create(builder, loc, bytes, line), zero);
    onLines = arith::AndIOp::create(builder, loc, onLines, whole);
  }
  return onLines;
}

bool LoopVectorizer::needsPeel() const {
  return (config.aligned || config.nontemporal || config.rowsAligned ||
          config.peelWholeLines) &&
         !config.isa.scalable && anchor;
}

bool LoopVectorizer::peelsMasked() {
  if (!config.masked || hasIntegerDivision || reduces() ||
      config.isa.arch != "x86_64" || config.isa.scalable)
    return false;
  auto loads = loop.getBody()->getOps<memref::LoadOp>();
  return !config.nontemporal ||
         std::distance(loads.begin(), loads.end()) >= kMaskedPeelMinLoads;
}

Value LoopVectorizer::emitPeel(OpBuilder &builder, ContiguousViews &views,
                               SmallVectorImpl<Value> &partials) {
  Location loc = loop.getLoc();
  Value lower = loop.getLowerBound();
  Value peel = createPeelCount(builder, lower, loop.getUpperBound());
  Value start = arith::AddIOp::create(builder, loc, lower, peel);
  if (!peelsMasked()) {
    createScalarLoop(builder, lower, start, partials);
    return start;
  }
  // The vectors that end at `start`, with the lanes before `lower` off,
  // where there is a peel: rows often have none (they are aligned, or
  // peelWholeLines found them off lines), and a vector of no lanes costs a
  // whole one.
  auto any = scf::IfOp::create(
      builder, loc,
      arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::sgt, peel,
                            createIndex(builder, 0)),
      /*withElseRegion=*/false);
  OpBuilder inPeel = any.getThenBodyBuilder();
  emitMaskedPeel(inPeel, views, lower, start);
  return start;
}

void LoopVectorizer::emitMaskedPeel(OpBuilder &builder, ContiguousViews &views,
                                    Value lower, Value start) {
  Location loc = loop.getLoc();
  int64_t vectorBytes =
      lanes * anchor.getMemRefType().getElementType().getIntOrFloatBitWidth() /
      8;
  int64_t vectors = llvm::divideCeil(getPeelAlignment(), vectorBytes);
  VectorType maskType = VectorType::get({lanes}, builder.getI1Type());
  Value all = arith::ConstantOp::create(builder, loc,
                                        DenseElementsAttr::get(maskType, true));
  for (int64_t vector = 0; vector < vectors; ++vector) {
    Value base = arith::SubIOp::create(
        builder, loc, start, createIndex(builder, (vectors - vector) * lanes));
    auto prefix = [&](Value end) -> Value {
      return vector::CreateMaskOp::create(
          builder, loc, maskType,
          ValueRange{arith::SubIOp::create(builder, loc, end, base)});
    };
    Value beforeLower = prefix(lower);
    Value mask = arith::AndIOp::create(
        builder, loc, prefix(start),
        arith::XOrIOp::create(builder, loc, beforeLower, all));
    vectorPartials.assign(1, {});
    createVectorBody(builder, views, {base}, mask, /*streaming=*/false,
                     /*rowChunks=*/nullptr);
  }
}
