//===- DescribeKernel.cpp - Kernel descriptions from typed ps IR ----------===//

#include "Stencil/Compiler/DescribeKernel.h"
#include "Stencil/Analysis/FieldAccesses.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

std::optional<ScalarType> runtime::toScalarType(Type type) {
  if (type.isInteger(1))
    return ScalarType::i1;
  if (type.isInteger(8))
    return ScalarType::i8;
  if (type.isInteger(16))
    return ScalarType::i16;
  if (type.isInteger(32))
    return ScalarType::i32;
  if (type.isInteger(64))
    return ScalarType::i64;
  if (type.isF16())
    return ScalarType::f16;
  if (type.isBF16())
    return ScalarType::bf16;
  if (type.isF32())
    return ScalarType::f32;
  if (type.isF64())
    return ScalarType::f64;
  return std::nullopt;
}

static std::vector<int64_t> toRuntimeExtents(ArrayRef<int64_t> extents) {
  std::vector<int64_t> result;
  for (int64_t extent : extents)
    result.push_back(ShapedType::isDynamic(extent) ? kDynamic : extent);
  return result;
}

FailureOr<KernelInfo> runtime::describeKernel(KernelOp kernel) {
  KernelInfo info;
  info.name = kernel.getSymName().str();
  for (auto [index, type] : llvm::enumerate(kernel.getArgumentTypes())) {
    ParameterInfo param;
    param.name = kernel.getParameterName(index);
    auto field = dyn_cast<FieldType>(type);
    auto result = dyn_cast<ReductionType>(type);
    std::optional<ScalarType> scalar =
        toScalarType(field    ? field.getElementType()
                     : result ? result.getElementType()
                              : type);
    if (!scalar)
      return kernel.emitOpError("parameter '")
             << param.name << "' has type " << type
             << ", which a run-time cannot pass: run ps-typify first";
    param.type = *scalar;
    if (result) {
      static constexpr ReductionOp ops[] = {ReductionOp::add, ReductionOp::mul,
                                            ReductionOp::min, ReductionOp::max};
      param.reduction = ops[static_cast<int>(result.getKind())];
    }
    if (field) {
      param.isField = true;
      param.spatialRank = field.getSpatialRank();
      param.shape = toRuntimeExtents(field.getFullShape());
      param.strides = toRuntimeExtents(field.getStaticStrides());
      for (unsigned dim : field.getMemoryOrder())
        param.memoryOrder.push_back(dim);
      if (auto alignment = kernel.getArgAttrOfType<IntegerAttr>(
              index, PsDialect::getAlignmentAttrName()))
        param.alignment = alignment.getInt();
      param.contiguous =
          kernel.getArgAttr(index, PsDialect::getContiguousAttrName()) !=
          nullptr;
    }
    info.parameters.push_back(std::move(param));
  }

  auto paramIndex = [](Value field) -> std::optional<unsigned> {
    if (auto arg = dyn_cast<BlockArgument>(field))
      return arg.getArgNumber();
    return std::nullopt;
  };
  for (Operation &op : kernel.getBody().front()) {
    if (auto sparse = dyn_cast<IterateSparseOp>(op)) {
      std::optional<unsigned> list = paramIndex(sparse.getIndexList());
      if (!list)
        return sparse.emitOpError("index list is not a kernel parameter");
      info.parameters[*list].isIndexList = true;
      SparseSpaceInfo space{*list, sparse.getSpatialRank(), {}};
      for (const FieldAccess &access : collectFieldAccesses(sparse)) {
        std::optional<unsigned> field = paramIndex(access.field);
        if (!field)
          return access.op->emitOpError("field is not a kernel parameter");
        std::vector<int64_t> lows, highs;
        for (const AccessIndex &offset : access.offsets) {
          if (!offset.range)
            return access.op->emitOpError(
                "has an offset that is not bounded: run ps-analyze first");
          lows.push_back(offset.range->min);
          highs.push_back(offset.range->max);
        }
        auto it = llvm::find_if(space.accesses, [&](const auto &range) {
          return range.field == *field;
        });
        if (it == space.accesses.end()) {
          space.accesses.push_back({*field, lows, highs});
          continue;
        }
        for (auto [lo, hi, low, high] :
             llvm::zip(it->minOffsets, it->maxOffsets, lows, highs)) {
          lo = std::min(lo, low);
          hi = std::max(hi, high);
        }
      }
      WalkResult walk = sparse->walk([&](LoadRecordOp record) {
        std::optional<unsigned> field = paramIndex(record.getField());
        if (!field) {
          record.emitOpError("field is not a kernel parameter");
          return WalkResult::interrupt();
        }
        info.parameters[*field].isIndexList = true;
        if (*field != *list && !llvm::is_contained(space.records, *field))
          space.records.push_back(*field);
        return WalkResult::advance();
      });
      if (walk.wasInterrupted())
        return failure();
      for (RecordIndexCheck check : collectRecordIndexChecks(sparse)) {
        std::vector<int64_t> components(check.record.getComponents().begin(),
                                        check.record.getComponents().end());
        RecordCheck runtimeCheck{*paramIndex(check.record.getField()),
                                 components, check.allowed.min,
                                 check.allowed.max};
        // One check per member and range.
        if (llvm::none_of(space.recordChecks, [&](const RecordCheck &c) {
              return c.field == runtimeCheck.field &&
                     c.components == runtimeCheck.components &&
                     c.min == runtimeCheck.min && c.max == runtimeCheck.max;
            }))
          space.recordChecks.push_back(std::move(runtimeCheck));
      }
      info.sparseSpaces.push_back(std::move(space));
      continue;
    }
    auto dense = dyn_cast<IterateOp>(op);
    if (!dense)
      continue;
    SmallVector<FieldAccess> accesses = collectFieldAccesses(dense);
    for (auto [dim, stop] : llvm::enumerate(dense.getStops())) {
      if (stop <= 0)
        continue;
      int64_t reach = 0;
      for (const FieldAccess &access : accesses)
        if (std::optional<IndexRange> range = access.getOffsetRange(dim))
          reach = std::max(reach, range->max);
      info.minimumExtents.push_back(
          {static_cast<unsigned>(dim), stop + reach, stop});
    }
  }
  return info;
}
