//===- KernelBuilder.h - Build ps kernels from C++ --------------*- C++ -*-===//
//
// The API a front end uses to construct kernels programmatically, the way
// pystencils' freeze stage builds its IR: parameters, iteration spaces, field
// accesses and expressions, any of them still untyped. Run ps-typify (and
// ps-analyze) on the result.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_BUILDER_KERNELBUILDER_H
#define STENCIL_BUILDER_KERNELBUILDER_H

#include "Stencil/IR/PsOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::ps {

/// What a caller must honour for a field parameter; a run-time checks it.
struct FieldRequirements {
  /// Byte alignment of the base pointer; 0 for none.
  int64_t alignment = 0;
  /// The strides are those of the field's layout.
  bool contiguous = false;
};

/// One dimension of a dense iteration space, as `start:stop:step`; a stop of
/// 0 or below counts from the end (0 is the end), a positive one is absolute.
struct Slice {
  int64_t start = 0;
  int64_t stop = 0;
  int64_t step = 1;
};

class KernelBuilder {
public:
  /// Starts the kernel `name` at the end of `module`.
  KernelBuilder(ModuleOp module, StringRef name);

  KernelOp getKernel() { return kernel; }
  OpBuilder &getBuilder() { return builder; }
  MLIRContext *getContext() { return builder.getContext(); }
  Type getUntypedType() { return UntypedType::get(getContext()); }

  /// Parameters, by the names callers pass arguments by (empty: arg<N>).
  /// They may be added at any time; they come in order.
  Value addField(StringRef name, FieldType type,
                 FieldRequirements requirements = {});
  /// A scalar symbol; untyped if `type` is null.
  Value addSymbol(StringRef name, Type type = {});

  /// Opens a dense iteration space over `field`, leaving out `ghostLayers`
  /// at both ends of every dimension; the builder then inserts into its
  /// body until endIterationSpace(). Returns the counters.
  ValueRange beginIterate(Value field, int64_t ghostLayers,
                          Type counterType = {});
  ValueRange beginIterate(Value field, ArrayRef<Slice> slices,
                          Type counterType = {});
  /// Opens a sparse iteration space over the points of `indexList`.
  ValueRange beginIterateSparse(Value indexList, unsigned rank,
                                Type counterType = {});
  /// Continues after the innermost open iteration space.
  void endIterationSpace();

  /// Expressions. Untyped constants take their type in ps-typify; operation
  /// results are typed when the operands agree on a type, else untyped.
  Value constant(double value, Type type = {});
  Value constant(int64_t value, Type type = {});
  Value constant(bool value);
  Value load(Value field, ArrayRef<int64_t> offsets,
             ArrayRef<int64_t> components = {});
  void store(Value value, Value field, ArrayRef<int64_t> offsets,
             ArrayRef<int64_t> components = {});
  Value cast(Value value, Type type);

  template <typename OpTy> Value binary(Value lhs, Value rhs) {
    return OpTy::create(builder, loc, commonType({lhs, rhs}), lhs, rhs);
  }
  template <typename OpTy> Value unary(Value operand) {
    return OpTy::create(builder, loc, operand.getType(), operand);
  }
  Value add(Value a, Value b) { return binary<AddOp>(a, b); }
  Value sub(Value a, Value b) { return binary<SubOp>(a, b); }
  Value mul(Value a, Value b) { return binary<MulOp>(a, b); }
  Value div(Value a, Value b) { return binary<DivOp>(a, b); }
  Value fma(Value a, Value b, Value c);
  Value cmp(CmpPredicate predicate, Value lhs, Value rhs);
  Value select(Value condition, Value trueValue, Value falseValue);

  /// Verifies the kernel; diagnostics go to the context's handler.
  LogicalResult verify();

private:
  Type commonType(ArrayRef<Value> values);
  ValueRange enter(Operation *space);

  OpBuilder builder;
  Location loc;
  KernelOp kernel;
  SmallVector<OpBuilder::InsertPoint> openSpaces;
};

} // namespace mlir::ps

#endif // STENCIL_BUILDER_KERNELBUILDER_H
