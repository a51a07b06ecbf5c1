//===- Typify.cpp - Types for untyped values under strict C typing --------===//
//
// Type inference by unification: every untyped value is a type variable;
// an operation that requires its operands (and result) to share a type puts
// them in one class. A class is fixed by a typed member, by an untyped
// symbol (default type) or counter (index type); two different fixed types in
// one class are an error at the operation that joined them. A class of only
// constants takes the default type.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Transforms/Passes.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Verifier.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSTYPIFY
#include "Stencil/Transforms/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {

/// Union-find over the untyped values of a kernel.
class TypeClasses {
public:
  /// Joins the classes of `a` and `b` because `op` needs them to have one
  /// type; fails (with a diagnostic at `op`) if they are fixed differently.
  LogicalResult unify(Value a, Value b, Operation *op) {
    if (!isUntyped(a) && !isUntyped(b)) {
      if (a.getType() == b.getType())
        return success();
      return mismatch(op, a.getType(), b.getType(), std::nullopt);
    }
    if (!isUntyped(a))
      return fix(b, a.getType(), op->getLoc(), op);
    if (!isUntyped(b))
      return fix(a, b.getType(), op->getLoc(), op);
    unsigned ra = find(node(a)), rb = find(node(b));
    if (ra == rb)
      return success();
    if (classes[ra].fixed && classes[rb].fixed &&
        classes[ra].fixed != classes[rb].fixed)
      return mismatch(op, classes[ra].fixed, classes[rb].fixed,
                      classes[rb].fixedAt);
    if (!classes[rb].fixed) {
      classes[rb].fixed = classes[ra].fixed;
      classes[rb].fixedAt = classes[ra].fixedAt;
    }
    classes[ra].parent = rb;
    return success();
  }

  /// Gives the class of the untyped `value` the type `type`, because of the
  /// operation or parameter at `origin`.
  LogicalResult fix(Value value, Type type, Location origin, Operation *op) {
    if (!isUntyped(value)) {
      if (value.getType() == type)
        return success();
      return mismatch(op, value.getType(), type, origin);
    }
    unsigned root = find(node(value));
    if (!classes[root].fixed) {
      classes[root].fixed = type;
      classes[root].fixedAt = origin;
      return success();
    }
    if (classes[root].fixed == type)
      return success();
    return mismatch(op, classes[root].fixed, type, classes[root].fixedAt);
  }

  /// The type the class of `value` resolves to, `fallback` if nothing fixed
  /// it.
  Type resolve(Value value, Type fallback) {
    if (!isUntyped(value))
      return value.getType();
    Type fixed = classes[find(node(value))].fixed;
    return fixed ? fixed : fallback;
  }

  static bool isUntyped(Value value) {
    return isa<UntypedType>(value.getType());
  }

private:
  struct Class {
    unsigned parent;
    Type fixed;
    std::optional<Location> fixedAt;
  };

  LogicalResult mismatch(Operation *op, Type a, Type b,
                         std::optional<Location> origin) {
    InFlightDiagnostic diag =
        op->emitOpError("mixes types ")
        << a << " and " << b
        << ": strict C typing allows no implicit casts; convert one operand "
           "with ps.cast";
    if (origin)
      diag.attachNote(*origin) << "the type " << a << " comes from here";
    return failure();
  }

  unsigned node(Value value) {
    auto [it, inserted] = ids.try_emplace(value, classes.size());
    if (inserted)
      classes.push_back({it->second, Type(), std::nullopt});
    return it->second;
  }

  unsigned find(unsigned id) {
    while (classes[id].parent != id) {
      classes[id].parent = classes[classes[id].parent].parent;
      id = classes[id].parent;
    }
    return id;
  }

  DenseMap<Value, unsigned> ids;
  SmallVector<Class> classes;
};

/// Number of leading i1 operands and whether the result is an i1, for the
/// ops whose other operands and result share one type.
std::optional<std::pair<unsigned, bool>> getSameTypeGroup(Operation *op) {
  if (isa<AddOp, SubOp, MulOp, DivOp, RemOp, MinOp, MaxOp, PowOp, AndOp, OrOp,
          XorOp, NegOp, AbsOp, SqrtOp, ExpOp, LogOp, SinOp, CosOp, TanOp,
          AsinOp, AcosOp, AtanOp, SinhOp, CoshOp, TanhOp, Atan2Op, FloorOp,
          CeilOp, NotOp, FmaOp>(op))
    return std::make_pair(0u, false);
  if (isa<SelectOp>(op))
    return std::make_pair(1u, false);
  if (isa<CmpOp>(op))
    return std::make_pair(0u, true);
  return std::nullopt;
}

/// Parses a pass option naming a scalar type.
FailureOr<Type> parseTypeOption(MLIRContext *ctx, StringRef option,
                                StringRef text, bool integerOnly) {
  Type type = parseType(text, ctx, /*numRead=*/nullptr,
                        /*isKnownNullTerminated=*/false);
  bool valid = type && isPsScalarType(type) && !type.isInteger(1) &&
               (!integerOnly || isa<IntegerType>(type));
  if (!valid) {
    emitError(UnknownLoc::get(ctx))
        << "ps-typify: invalid " << option << " '" << text << "': expected "
        << (integerOnly ? "i8, i16, i32 or i64"
                        : "i8, i16, i32, i64, f16, bf16, f32 or f64");
    return failure();
  }
  return type;
}

struct PsTypifyPass : ps::impl::PsTypifyBase<PsTypifyPass> {
  using PsTypifyBase::PsTypifyBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    FailureOr<Type> def = parseTypeOption(ctx, "default-type", defaultType,
                                          /*integerOnly=*/false);
    FailureOr<Type> index = parseTypeOption(ctx, "index-type", indexType,
                                            /*integerOnly=*/true);
    if (failed(def) || failed(index))
      return failure();
    defaultTy = *def;
    indexTy = *index;
    return success();
  }

  void runOnOperation() override {
    KernelOp kernel = getOperation();
    if (failed(unifyKernel(kernel)) || failed(applyTypes(kernel)) ||
        failed(verify(kernel)))
      signalPassFailure();
  }

  /// Builds the type classes of the whole kernel.
  LogicalResult unifyKernel(KernelOp kernel) {
    for (BlockArgument param : kernel.getArguments())
      if (TypeClasses::isUntyped(param) &&
          failed(classes.fix(param, defaultTy, param.getLoc(), kernel)))
        return failure();
    WalkResult result = kernel.walk<WalkOrder::PreOrder>([&](Operation *op) {
      return failed(unifyOp(op)) ? WalkResult::interrupt()
                                 : WalkResult::advance();
    });
    return failure(result.wasInterrupted());
  }

  LogicalResult unifyOp(Operation *op) {
    if (auto space = dyn_cast<IterationSpaceOpInterface>(op)) {
      // Counters typed by the front end keep their type.
      for (BlockArgument counter : space.getCounters())
        if (TypeClasses::isUntyped(counter) &&
            failed(classes.fix(counter, indexTy, op->getLoc(), op)))
          return failure();
      return success();
    }
    if (auto group = getSameTypeGroup(op)) {
      auto [numBool, boolResult] = *group;
      SmallVector<Value> members(op->getOperands().drop_front(numBool));
      if (!boolResult)
        members.push_back(op->getResult(0));
      for (Value member : ArrayRef(members).drop_front())
        if (failed(classes.unify(members.front(), member, op)))
          return failure();
      return success();
    }
    // Offsets, components and table indices are integers: untyped ones
    // take the index type, as counters do.
    if (auto load = dyn_cast<LoadOp>(op))
      return fixIndices(load->getOperands().drop_front(), op);
    if (auto store = dyn_cast<StoreOp>(op)) {
      Type element =
          cast<FieldType>(store.getField().getType()).getElementType();
      if (failed(classes.fix(store.getValue(), element, op->getLoc(), op)))
        return failure();
      return fixIndices(store->getOperands().drop_front(2), op);
    }
    if (auto lookup = dyn_cast<LookupOp>(op))
      return fixIndices(lookup.getIndex(), op);
    // A reduced value takes the result's type, as a stored value takes the
    // field's: the result's type is part of the kernel's signature.
    if (auto reduce = dyn_cast<ReduceOp>(op))
      return classes.fix(reduce.getValue(),
                         reduce.getTargetType().getElementType(), op->getLoc(),
                         op);
    if (auto yield = dyn_cast<scf::YieldOp>(op)) {
      if (!isa<scf::IfOp>(op->getParentOp()))
        return success();
      for (auto [operand, result] :
           llvm::zip(yield.getOperands(), op->getParentOp()->getResults()))
        if (failed(classes.unify(operand, result, op)))
          return failure();
      return success();
    }
    if (isa<ConstantOp, CastOp, LoadRecordOp, KernelOp, ReturnOp, YieldOp,
            scf::IfOp>(op))
      return success();
    auto isUntyped = [](Type type) { return isa<UntypedType>(type); };
    if (llvm::any_of(op->getOperandTypes(), isUntyped) ||
        llvm::any_of(op->getResultTypes(), isUntyped))
      return op->emitOpError("cannot be typified: it takes or yields untyped "
                             "values but is not an operation of the ps "
                             "dialect");
    return success();
  }

  /// Gives the untyped ones of `indices` (integers by their use) the index
  /// type.
  LogicalResult fixIndices(ValueRange indices, Operation *op) {
    for (Value index : indices)
      if (TypeClasses::isUntyped(index) &&
          failed(classes.fix(index, indexTy, op->getLoc(), op)))
        return failure();
    return success();
  }

  /// Gives every untyped value its type and converts untyped literals.
  LogicalResult applyTypes(KernelOp kernel) {
    bool ok = true;
    auto retype = [&](Value value) {
      if (TypeClasses::isUntyped(value))
        value.setType(classes.resolve(value, defaultTy));
    };
    kernel.walk([&](Operation *op) {
      if (auto constant = dyn_cast<ConstantOp>(op);
          constant && constant.isUntyped())
        ok &= succeeded(
            typeConstant(constant, classes.resolve(constant, defaultTy)));
      for (Region &region : op->getRegions())
        for (Block &block : region)
          for (BlockArgument arg : block.getArguments())
            retype(arg);
      for (Value result : op->getResults())
        retype(result);
    });
    for (BlockArgument param : kernel.getArguments())
      retype(param);
    kernel.setFunctionType(FunctionType::get(
        kernel.getContext(), kernel.getBody().getArgumentTypes(), {}));
    return success(ok);
  }

  /// Converts an untyped literal to `type`: integers to any numeric type
  /// they fit, floats to float types only.
  LogicalResult typeConstant(ConstantOp constant, Type type) {
    TypedAttr literal = constant.getValue();
    Builder b(constant.getContext());
    TypedAttr value;
    if (auto floatType = dyn_cast<FloatType>(type)) {
      APFloat converted(floatType.getFloatSemantics());
      if (auto intAttr = dyn_cast<IntegerAttr>(literal)) {
        converted.convertFromAPInt(intAttr.getValue(), /*IsSigned=*/true,
                                   APFloat::rmNearestTiesToEven);
      } else {
        converted = cast<FloatAttr>(literal).getValue();
        bool losesInfo;
        converted.convert(floatType.getFloatSemantics(),
                          APFloat::rmNearestTiesToEven, &losesInfo);
      }
      value = b.getFloatAttr(type, converted);
    } else {
      auto intType = cast<IntegerType>(type);
      auto intAttr = dyn_cast<IntegerAttr>(literal);
      if (!intAttr) {
        SmallString<16> text;
        cast<FloatAttr>(literal).getValue().toString(text);
        return constant.emitOpError("float literal ")
               << text << " cannot take the integer type " << type
               << " its context requires; a float never converts implicitly";
      }
      const APInt &literalValue = intAttr.getValue();
      if (literalValue.getSignificantBits() > intType.getWidth())
        return constant.emitOpError("integer literal ")
               << literalValue.getSExtValue() << " does not fit in " << type;
      value = b.getIntegerAttr(type, literalValue.trunc(intType.getWidth()));
    }
    constant.setValueAttr(value);
    return success();
  }

  TypeClasses classes;
  Type defaultTy, indexTy;
};

} // namespace
