//===- KernelBuilder.cpp - Build ps kernels from C++ ----------------------===//

#include "Stencil/Builder/KernelBuilder.h"

#include "mlir/IR/Verifier.h"

using namespace mlir;
using namespace mlir::ps;

KernelBuilder::KernelBuilder(ModuleOp module, StringRef name)
    : builder(module.getContext()), loc(module.getLoc()) {
  builder.setInsertionPointToEnd(module.getBody());
  kernel =
      KernelOp::create(builder, loc, name, builder.getFunctionType({}, {}));
  builder.setInsertionPoint(kernel.getBody().front().getTerminator());
}

/// The ps.name attribute of `name`, if any.
static void addName(OpBuilder &builder, StringRef name,
                    SmallVectorImpl<NamedAttribute> &attrs) {
  if (!name.empty())
    attrs.push_back(builder.getNamedAttr(PsDialect::getNameAttrName(),
                                         builder.getStringAttr(name)));
}

Value KernelBuilder::addField(StringRef name, FieldType type,
                              FieldRequirements requirements) {
  SmallVector<NamedAttribute> attrs;
  addName(builder, name, attrs);
  if (requirements.alignment > 0)
    attrs.push_back(builder.getNamedAttr(
        PsDialect::getAlignmentAttrName(),
        builder.getI64IntegerAttr(requirements.alignment)));
  if (requirements.contiguous)
    attrs.push_back(builder.getNamedAttr(PsDialect::getContiguousAttrName(),
                                         builder.getUnitAttr()));
  unsigned index = kernel.getNumArguments();
  (void)kernel.insertArgument(index, type, builder.getDictionaryAttr(attrs),
                              loc);
  return kernel.getArgument(index);
}

Value KernelBuilder::addSymbol(StringRef name, Type type) {
  SmallVector<NamedAttribute> attrs;
  addName(builder, name, attrs);
  unsigned index = kernel.getNumArguments();
  (void)kernel.insertArgument(index, type ? type : getUntypedType(),
                              builder.getDictionaryAttr(attrs), loc);
  return kernel.getArgument(index);
}

ValueRange KernelBuilder::enter(Operation *space) {
  openSpaces.push_back(builder.saveInsertionPoint());
  Block *body = &space->getRegion(0).front();
  builder.setInsertionPoint(body->getTerminator());
  return body->getArguments();
}

ValueRange KernelBuilder::beginIterate(Value field, int64_t ghostLayers,
                                       Type counterType) {
  unsigned rank = llvm::cast<FieldType>(field.getType()).getSpatialRank();
  SmallVector<Slice> slices(rank, Slice{ghostLayers, -ghostLayers, 1});
  return beginIterate(field, slices, counterType);
}

ValueRange KernelBuilder::beginIterate(Value field, ArrayRef<Slice> slices,
                                       Type counterType) {
  SmallVector<int64_t> starts, stops, steps;
  for (const Slice &slice : slices) {
    starts.push_back(slice.start);
    stops.push_back(slice.stop);
    steps.push_back(slice.step);
  }
  auto space = IterateOp::create(builder, loc, field, starts, stops, steps,
                                 counterType ? counterType : getUntypedType());
  return enter(space);
}

ValueRange KernelBuilder::beginIterateSparse(Value indexList, unsigned rank,
                                             Type counterType) {
  auto space =
      IterateSparseOp::create(builder, loc, indexList, rank,
                              counterType ? counterType : getUntypedType());
  return enter(space);
}

void KernelBuilder::endIterationSpace() {
  if (openSpaces.empty())
    return;
  builder.restoreInsertionPoint(openSpaces.pop_back_val());
}

Value KernelBuilder::constant(double value, Type type) {
  if (!type)
    return ConstantOp::create(builder, loc, builder.getF64FloatAttr(value),
                              getUntypedType());
  return ConstantOp::create(builder, loc, builder.getFloatAttr(type, value),
                            type);
}

Value KernelBuilder::constant(int64_t value, Type type) {
  if (!type)
    return ConstantOp::create(builder, loc, builder.getI64IntegerAttr(value),
                              getUntypedType());
  if (isa<FloatType>(type))
    return constant(static_cast<double>(value), type);
  return ConstantOp::create(builder, loc, builder.getIntegerAttr(type, value),
                            type);
}

Value KernelBuilder::constant(bool value) {
  return ConstantOp::create(builder, loc, builder.getBoolAttr(value),
                            builder.getI1Type());
}

Value KernelBuilder::load(Value field, ArrayRef<int64_t> offsets,
                          ArrayRef<int64_t> components) {
  return LoadOp::create(builder, loc, field, offsets, components);
}

void KernelBuilder::store(Value value, Value field, ArrayRef<int64_t> offsets,
                          ArrayRef<int64_t> components) {
  StoreOp::create(builder, loc, value, field, offsets, components);
}

Value KernelBuilder::cast(Value value, Type type) {
  return CastOp::create(builder, loc, type, value);
}

Value KernelBuilder::fma(Value a, Value b, Value c) {
  return FmaOp::create(builder, loc, commonType({a, b, c}), a, b, c);
}

Value KernelBuilder::cmp(CmpPredicate predicate, Value lhs, Value rhs) {
  return CmpOp::create(builder, loc, predicate, lhs, rhs);
}

Value KernelBuilder::select(Value condition, Value trueValue,
                            Value falseValue) {
  return SelectOp::create(builder, loc, commonType({trueValue, falseValue}),
                          condition, trueValue, falseValue);
}

LogicalResult KernelBuilder::verify() { return mlir::verify(kernel); }

Type KernelBuilder::commonType(ArrayRef<Value> values) {
  Type first = values.front().getType();
  for (Value value : values.drop_front())
    if (value.getType() != first)
      return getUntypedType();
  return first;
}
