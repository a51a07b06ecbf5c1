//===- RowReuse.cpp - ps-vectorize{reuse}: each row loaded once -----------===//
//
// A stencil reads a row at several x offsets (x-1, x, x+1). With reuse=true
// the main vector loop loads the row once as consecutive whole vectors,
// carries the last ones into the next iteration, and cuts each offset's
// vector out of two of them with a shuffle, instead of loading every
// offset unaligned.
//
//===----------------------------------------------------------------------===//

#include "LoopVectorizer.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::vectorize;

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
  for (auto [index, row] : llvm::enumerate(rows)) {
    if (row.minOffset == row.maxOffset)
      continue;
    activeRows.push_back(index);
    Value view = views.get(row.memref, row.dim);
    VectorType type =
        getVectorType(cast<MemRefType>(row.memref.getType()).getElementType());
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
          bases.push_back(
              arith::AddIOp::create(body, loc, base, createLaneCount(body, k)));
        RowChunks rowChunks;
        for (unsigned index : activeRows) {
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
          ArrayRef<Value> chunks =
              getRowChunks(body, views, index, IRMapping(), count, rowChunks);
          llvm::append_range(next, chunks.drop_front(count));
        }
        scf::YieldOp::create(body, loc, next);
      });
  vectorLoop->setAttrs(loop->getDiscardableAttrDictionary());
  return end;
}
