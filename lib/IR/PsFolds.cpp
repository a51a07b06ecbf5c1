//===- PsFolds.cpp - Constant folding of the ps dialect -------------------===//
//
// Folds are exact in IEEE arithmetic: a fold gives the bits that the
// generated code would compute, in the type of the operation, with
// round-to-nearest-even. Functions that libm does not round correctly (exp,
// log, sin, cos, pow) are not folded. Identities such as x + 0.0 -> x, which
// are wrong for x = -0.0, apply only to operations marked `fastmath`.
// Untyped operations are never folded: their precision is not known yet.
//
//===----------------------------------------------------------------------===//

#include "Stencil/IR/PsOps.h"

#include "mlir/Dialect/CommonFolders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/ADT/APSInt.h"

#include <cmath>

using namespace mlir;
using namespace mlir::ps;

static bool isTyped(Type type) { return !isa<UntypedType>(type); }

/// True if `value` is a constant float equal to `expected`, with its sign.
static bool isFloatConstant(Attribute attr, double expected) {
  auto floatAttr = dyn_cast_or_null<FloatAttr>(attr);
  if (!floatAttr)
    return false;
  APFloat value = floatAttr.getValue();
  bool losesInfo;
  APFloat want(expected);
  want.convert(value.getSemantics(), APFloat::rmNearestTiesToEven, &losesInfo);
  return value.bitwiseIsEqual(want);
}

static bool isIntConstant(Attribute attr, int64_t expected) {
  auto intAttr = dyn_cast_or_null<IntegerAttr>(attr);
  return intAttr && intAttr.getValue().getSExtValue() == expected &&
         !intAttr.getType().isInteger(1);
}

/// Folds a binary op over constant operands with one function for floats and
/// one for integers; either may decline by returning std::nullopt.
template <typename FloatFn, typename IntFn>
static Attribute foldBinary(Type type, ArrayRef<Attribute> operands,
                            FloatFn floatFn, IntFn intFn) {
  if (!isTyped(type) || operands.size() != 2 || !operands[0] || !operands[1])
    return {};
  if (isa<FloatType>(type)) {
    auto lhs = dyn_cast<FloatAttr>(operands[0]);
    auto rhs = dyn_cast<FloatAttr>(operands[1]);
    if (!lhs || !rhs || lhs.getType() != type || rhs.getType() != type)
      return {};
    std::optional<APFloat> result = floatFn(lhs.getValue(), rhs.getValue());
    return result ? FloatAttr::get(type, *result) : Attribute();
  }
  auto lhs = dyn_cast<IntegerAttr>(operands[0]);
  auto rhs = dyn_cast<IntegerAttr>(operands[1]);
  if (!lhs || !rhs || lhs.getType() != type || rhs.getType() != type)
    return {};
  std::optional<APInt> result = intFn(lhs.getValue(), rhs.getValue());
  return result ? IntegerAttr::get(type, *result) : Attribute();
}

template <typename FloatFn, typename IntFn>
static Attribute foldUnary(Type type, Attribute operand, FloatFn floatFn,
                           IntFn intFn) {
  if (!isTyped(type) || !operand)
    return {};
  if (auto floatAttr = dyn_cast<FloatAttr>(operand)) {
    if (floatAttr.getType() != type)
      return {};
    std::optional<APFloat> result = floatFn(floatAttr.getValue());
    return result ? FloatAttr::get(type, *result) : Attribute();
  }
  if (auto intAttr = dyn_cast<IntegerAttr>(operand)) {
    if (intAttr.getType() != type)
      return {};
    std::optional<APInt> result = intFn(intAttr.getValue());
    return result ? IntegerAttr::get(type, *result) : Attribute();
  }
  return {};
}

static constexpr auto kNoIntFold = [](auto...) -> std::optional<APInt> {
  return std::nullopt;
};
static constexpr auto kNoFloatFold = [](auto...) -> std::optional<APFloat> {
  return std::nullopt;
};

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  Type type = getType();
  Attribute rhs = adaptor.getRhs();
  if (isTyped(type) && getLhs().getType() == type &&
      getRhs().getType() == type) {
    // x + 0 is x for integers; for floats only x + (-0.0) is (0.0 + -0.0 is
    // +0.0), unless fast-math allows it.
    if (isIntConstant(rhs, 0) || isFloatConstant(rhs, -0.0) ||
        (getFastmath() && isFloatConstant(rhs, 0.0)))
      return getLhs();
  }
  return foldBinary(
      type, adaptor.getOperands(),
      [](APFloat a, const APFloat &b) -> std::optional<APFloat> {
        a.add(b, APFloat::rmNearestTiesToEven);
        return a;
      },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a + b;
      });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  Type type = getType();
  Attribute rhs = adaptor.getRhs();
  if (isTyped(type) && getLhs().getType() == type &&
      getRhs().getType() == type) {
    if (isIntConstant(rhs, 0) || isFloatConstant(rhs, 0.0) ||
        (getFastmath() && isFloatConstant(rhs, -0.0)))
      return getLhs();
    // x - x is 0 for integers; for floats it is NaN for infinities and NaNs.
    if (getLhs() == getRhs() && (isa<IntegerType>(type) || getFastmath())) {
      Builder b(getContext());
      return isa<IntegerType>(type) ? Attribute(b.getIntegerAttr(type, 0))
                                    : Attribute(b.getFloatAttr(type, 0.0));
    }
  }
  return foldBinary(
      type, adaptor.getOperands(),
      [](APFloat a, const APFloat &b) -> std::optional<APFloat> {
        a.subtract(b, APFloat::rmNearestTiesToEven);
        return a;
      },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a - b;
      });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  Type type = getType();
  Attribute rhs = adaptor.getRhs();
  if (isTyped(type) && getLhs().getType() == type &&
      getRhs().getType() == type) {
    if (isIntConstant(rhs, 1) || isFloatConstant(rhs, 1.0))
      return getLhs();
    // x * 0 is 0 for integers; for floats it is -0.0 or NaN for some x.
    if (isIntConstant(rhs, 0) || (getFastmath() && isFloatConstant(rhs, 0.0)))
      return rhs;
  }
  return foldBinary(
      type, adaptor.getOperands(),
      [](APFloat a, const APFloat &b) -> std::optional<APFloat> {
        a.multiply(b, APFloat::rmNearestTiesToEven);
        return a;
      },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a * b;
      });
}

/// C's signed division and remainder are undefined for a zero divisor and
/// for INT_MIN / -1: such operations are left for run time.
static bool isUndefinedDivision(const APInt &a, const APInt &b) {
  return b.isZero() || (a.isMinSignedValue() && b.isAllOnes());
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  Type type = getType();
  if (isTyped(type) && getLhs().getType() == type &&
      getRhs().getType() == type &&
      (isIntConstant(adaptor.getRhs(), 1) ||
       isFloatConstant(adaptor.getRhs(), 1.0)))
    return getLhs();
  return foldBinary(
      type, adaptor.getOperands(),
      [](APFloat a, const APFloat &b) -> std::optional<APFloat> {
        a.divide(b, APFloat::rmNearestTiesToEven);
        return a;
      },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        if (isUndefinedDivision(a, b))
          return std::nullopt;
        return a.sdiv(b);
      });
}

OpFoldResult RemOp::fold(FoldAdaptor adaptor) {
  return foldBinary(getType(), adaptor.getOperands(), kNoFloatFold,
                    [](const APInt &a, const APInt &b) -> std::optional<APInt> {
                      if (isUndefinedDivision(a, b))
                        return std::nullopt;
                      return a.srem(b);
                    });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs() && isTyped(getType()))
    return getLhs();
  return foldBinary(
      getType(), adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return llvm::minnum(a, b);
      },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a.slt(b) ? a : b;
      });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs() && isTyped(getType()))
    return getLhs();
  return foldBinary(
      getType(), adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return llvm::maxnum(a, b);
      },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a.sgt(b) ? a : b;
      });
}

OpFoldResult AndOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs() && isTyped(getType()))
    return getLhs();
  return foldBinary(getType(), adaptor.getOperands(), kNoFloatFold,
                    [](const APInt &a, const APInt &b) -> std::optional<APInt> {
                      return a & b;
                    });
}

OpFoldResult OrOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs() && isTyped(getType()))
    return getLhs();
  return foldBinary(getType(), adaptor.getOperands(), kNoFloatFold,
                    [](const APInt &a, const APInt &b) -> std::optional<APInt> {
                      return a | b;
                    });
}

OpFoldResult XorOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs() && isTyped(getType()))
    return IntegerAttr::get(getType(), 0);
  return foldBinary(getType(), adaptor.getOperands(), kNoFloatFold,
                    [](const APInt &a, const APInt &b) -> std::optional<APInt> {
                      return a ^ b;
                    });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      getType(), adaptor.getOperand(),
      [](APFloat a) -> std::optional<APFloat> {
        a.changeSign();
        return a;
      },
      [](const APInt &a) -> std::optional<APInt> { return -a; });
}

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      getType(), adaptor.getOperand(),
      [](APFloat a) -> std::optional<APFloat> {
        a.clearSign();
        return a;
      },
      [](const APInt &a) -> std::optional<APInt> { return a.abs(); });
}

/// sqrt is correctly rounded in IEEE 754, so the host's sqrt in the same
/// precision gives the same bits as the target's.
OpFoldResult SqrtOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      getType(), adaptor.getOperand(),
      [](const APFloat &a) -> std::optional<APFloat> {
        if (&a.getSemantics() == &APFloat::IEEEdouble())
          return APFloat(std::sqrt(a.convertToDouble()));
        if (&a.getSemantics() == &APFloat::IEEEsingle())
          return APFloat(std::sqrt(a.convertToFloat()));
        return std::nullopt;
      },
      kNoIntFold);
}


OpFoldResult FloorOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      getType(), adaptor.getOperand(),
      [](APFloat a) -> std::optional<APFloat> {
        a.roundToIntegral(APFloat::rmTowardNegative);
        return a;
      },
      kNoIntFold);
}

OpFoldResult CeilOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      getType(), adaptor.getOperand(),
      [](APFloat a) -> std::optional<APFloat> {
        a.roundToIntegral(APFloat::rmTowardPositive);
        return a;
      },
      kNoIntFold);
}

OpFoldResult NotOp::fold(FoldAdaptor adaptor) {
  if (auto value = dyn_cast_or_null<BoolAttr>(adaptor.getOperand()))
    return BoolAttr::get(getContext(), !value.getValue());
  return {};
}

OpFoldResult FmaOp::fold(FoldAdaptor adaptor) {
  auto a = dyn_cast_or_null<FloatAttr>(adaptor.getA());
  auto b = dyn_cast_or_null<FloatAttr>(adaptor.getB());
  auto c = dyn_cast_or_null<FloatAttr>(adaptor.getC());
  Type type = getType();
  if (!a || !b || !c || !isTyped(type) || a.getType() != type ||
      b.getType() != type || c.getType() != type)
    return {};
  APFloat result = a.getValue();
  result.fusedMultiplyAdd(b.getValue(), c.getValue(),
                          APFloat::rmNearestTiesToEven);
  return FloatAttr::get(type, result);
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (!isTyped(getType()) || getTrueValue().getType() != getType() ||
      getFalseValue().getType() != getType())
    return {};
  if (getTrueValue() == getFalseValue())
    return getTrueValue();
  if (auto condition = dyn_cast_or_null<BoolAttr>(adaptor.getCondition()))
    return condition.getValue() ? getTrueValue() : getFalseValue();
  return {};
}

OpFoldResult CmpOp::fold(FoldAdaptor adaptor) {
  auto lhs = dyn_cast_or_null<TypedAttr>(adaptor.getLhs());
  auto rhs = dyn_cast_or_null<TypedAttr>(adaptor.getRhs());
  if (!lhs || !rhs || lhs.getType() != rhs.getType() ||
      !isTyped(getLhs().getType()) || getLhs().getType() != getRhs().getType())
    return {};
  CmpPredicate pred = getPredicate();
  bool result;
  if (auto lhsFloat = dyn_cast<FloatAttr>(lhs)) {
    APFloat::cmpResult cmp =
        lhsFloat.getValue().compare(cast<FloatAttr>(rhs).getValue());
    switch (pred) {
    case CmpPredicate::eq:
      result = cmp == APFloat::cmpEqual;
      break;
    case CmpPredicate::ne:
      result = cmp != APFloat::cmpEqual;
      break;
    case CmpPredicate::lt:
      result = cmp == APFloat::cmpLessThan;
      break;
    case CmpPredicate::le:
      result = cmp == APFloat::cmpLessThan || cmp == APFloat::cmpEqual;
      break;
    case CmpPredicate::gt:
      result = cmp == APFloat::cmpGreaterThan;
      break;
    case CmpPredicate::ge:
      result = cmp == APFloat::cmpGreaterThan || cmp == APFloat::cmpEqual;
      break;
    }
  } else {
    const APInt &a = cast<IntegerAttr>(lhs).getValue();
    const APInt &b = cast<IntegerAttr>(rhs).getValue();
    switch (pred) {
    case CmpPredicate::eq:
      result = a.eq(b);
      break;
    case CmpPredicate::ne:
      result = a.ne(b);
      break;
    case CmpPredicate::lt:
      result = a.slt(b);
      break;
    case CmpPredicate::le:
      result = a.sle(b);
      break;
    case CmpPredicate::gt:
      result = a.sgt(b);
      break;
    case CmpPredicate::ge:
      result = a.sge(b);
      break;
    }
  }
  return BoolAttr::get(getContext(), result);
}

/// True if converting from `from` to `to` and back gives the original value
/// for every input: a widening of floats or of integers.
static bool isExactWidening(Type from, Type to) {
  if (auto fromFloat = dyn_cast<FloatType>(from)) {
    auto toFloat = dyn_cast<FloatType>(to);
    return toFloat &&
           APFloat::isRepresentableAsNormalIn(fromFloat.getFloatSemantics(),
                                              toFloat.getFloatSemantics());
  }
  auto fromInt = dyn_cast<IntegerType>(from);
  auto toInt = dyn_cast<IntegerType>(to);
  return fromInt && toInt && fromInt.getWidth() > 1 &&
         toInt.getWidth() > fromInt.getWidth();
}

/// Converts a constant with C's rules; std::nullopt where C leaves the result
/// undefined (a float out of an integer's range, or NaN).
static Attribute castConstant(Attribute input, Type to) {
  Builder b(to.getContext());
  if (auto intAttr = dyn_cast<IntegerAttr>(input)) {
    const APInt &value = intAttr.getValue();
    bool fromBool = intAttr.getType().isInteger(1);
    if (to.isInteger(1))
      return b.getBoolAttr(!value.isZero());
    if (auto intType = dyn_cast<IntegerType>(to))
      return b.getIntegerAttr(to, fromBool
                                      ? value.zext(intType.getWidth())
                                      : value.sextOrTrunc(intType.getWidth()));
    auto floatType = cast<FloatType>(to);
    APFloat result(floatType.getFloatSemantics());
    result.convertFromAPInt(value, /*IsSigned=*/!fromBool,
                            APFloat::rmNearestTiesToEven);
    return b.getFloatAttr(to, result);
  }
  auto floatAttr = dyn_cast<FloatAttr>(input);
  if (!floatAttr)
    return {};
  APFloat value = floatAttr.getValue();
  if (to.isInteger(1))
    return b.getBoolAttr(!value.isZero());
  if (auto intType = dyn_cast<IntegerType>(to)) {
    APSInt result(intType.getWidth(), /*isUnsigned=*/false);
    bool exact;
    if (value.convertToInteger(result, APFloat::rmTowardZero, &exact) &
        APFloat::opInvalidOp)
      return {};
    return b.getIntegerAttr(to, result);
  }
  bool losesInfo;
  value.convert(cast<FloatType>(to).getFloatSemantics(),
                APFloat::rmNearestTiesToEven, &losesInfo);
  return b.getFloatAttr(to, value);
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  Type from = getInput().getType(), to = getType();
  if (!isTyped(from))
    return {};
  if (from == to)
    return getInput();
  if (auto inner = getInput().getDefiningOp<CastOp>())
    if (inner.getInput().getType() == to && isExactWidening(to, from))
      return inner.getInput();
  if (adaptor.getInput())
    return castConstant(adaptor.getInput(), to);
  return {};
}
