//===- PsOps.cpp - Operations of the ps dialect ---------------------------===//

#include "Stencil/IR/PsOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/FunctionImplementation.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Error.h"

using namespace mlir;
using namespace mlir::ps;

#include "Stencil/IR/PsInterfaces.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared assembly helpers
//===----------------------------------------------------------------------===//

/// Parses the access indices of ps.load and ps.store: `[o0, %o1 : i32, ...]`
/// and, for multi-component fields, `(c0, ...)`; each index is a constant or
/// a value with its type.
static ParseResult parseAccessIndices(
    OpAsmParser &parser,
    SmallVectorImpl<OpAsmParser::UnresolvedOperand> &dynamicOffsets,
    SmallVectorImpl<Type> &dynamicOffsetTypes, DenseI64ArrayAttr &offsets,
    SmallVectorImpl<OpAsmParser::UnresolvedOperand> &dynamicComponents,
    SmallVectorImpl<Type> &dynamicComponentTypes,
    DenseI64ArrayAttr &components) {
  return failure(
      parseDynamicIndexList(parser, dynamicOffsets, offsets,
                            &dynamicOffsetTypes) ||
      parseDynamicIndexList(parser, dynamicComponents, components,
                            &dynamicComponentTypes,
                            AsmParser::Delimiter::OptionalParen));
}

static void printAccessIndices(OpAsmPrinter &p, Operation *op,
                               OperandRange dynamicOffsets,
                               TypeRange dynamicOffsetTypes,
                               DenseI64ArrayAttr offsets,
                               OperandRange dynamicComponents,
                               TypeRange dynamicComponentTypes,
                               DenseI64ArrayAttr components) {
  printDynamicIndexList(p, op, dynamicOffsets, offsets, dynamicOffsetTypes);
  if (!components.empty())
    printDynamicIndexList(p, op, dynamicComponents, components,
                          dynamicComponentTypes, AsmParser::Delimiter::Paren);
}

/// Parses the member of ps.load_record: `(k, ...)`, or nothing for a field
/// without components.
static ParseResult parseRecordMember(OpAsmParser &parser,
                                     DenseI64ArrayAttr &components) {
  SmallVector<int64_t> values;
  if (parser.parseCommaSeparatedList(
          OpAsmParser::Delimiter::OptionalParen, [&]() -> ParseResult {
            return parser.parseInteger(values.emplace_back());
          }))
    return failure();
  components = parser.getBuilder().getDenseI64ArrayAttr(values);
  return success();
}

static void printRecordMember(OpAsmPrinter &p, Operation *,
                              DenseI64ArrayAttr components) {
  if (components.empty())
    return;
  p << '(';
  llvm::interleaveComma(components.asArrayRef(), p);
  p << ')';
}

/// Parses the type list of ps.store and ps.reduce: the target type alone
/// (a `TargetType`, named `expected` in the error) when the value has its
/// element type, else the value type and the target type.
template <typename TargetType>
static ParseResult parseValueAndTargetTypes(OpAsmParser &parser,
                                            Type &valueType, Type &targetType,
                                            const char *expected) {
  SMLoc loc = parser.getCurrentLocation();
  Type first;
  if (parser.parseType(first))
    return failure();
  if (succeeded(parser.parseOptionalComma())) {
    valueType = first;
    return parser.parseType(targetType);
  }
  auto target = dyn_cast<TargetType>(first);
  if (!target)
    return parser.emitError(loc, "expected a ") << expected << " type, got "
                                                << first;
  targetType = target;
  valueType = target.getElementType();
  return success();
}

/// Prints what parseValueAndTargetTypes reads: the value type only when it
/// is not the target's element type.
template <typename TargetType>
static void printValueAndTargetTypes(OpAsmPrinter &p, Type valueType,
                                     Type targetType) {
  auto target = dyn_cast<TargetType>(targetType);
  if (!target || target.getElementType() != valueType)
    p << valueType << ", ";
  p << targetType;
}

static ParseResult parseStoreTypes(OpAsmParser &parser, Type &valueType,
                                   Type &fieldType) {
  return parseValueAndTargetTypes<FieldType>(parser, valueType, fieldType,
                                             "!ps.field");
}

static void printStoreTypes(OpAsmPrinter &p, Operation *, Type valueType,
                            Type fieldType) {
  printValueAndTargetTypes<FieldType>(p, valueType, fieldType);
}

static ParseResult parseReduceTypes(OpAsmParser &parser, Type &valueType,
                                    Type &targetType) {
  return parseValueAndTargetTypes<ReductionType>(parser, valueType, targetType,
                                                 "!ps.reduction");
}

static void printReduceTypes(OpAsmPrinter &p, Operation *, Type valueType,
                             Type targetType) {
  printValueAndTargetTypes<ReductionType>(p, valueType, targetType);
}

/// Parses `: T` (every type of the group is T) or `: (T1, T2, ...) [-> T]`.
static ParseResult parseGroupTypes(OpAsmParser &parser, unsigned numOperands,
                                   bool withResult,
                                   SmallVectorImpl<Type> &operandTypes,
                                   Type &resultType) {
  if (parser.parseColon())
    return failure();
  SMLoc loc = parser.getCurrentLocation();
  if (failed(parser.parseOptionalLParen())) {
    Type type;
    if (parser.parseType(type))
      return failure();
    operandTypes.assign(numOperands, type);
    resultType = type;
    return success();
  }
  if (parser.parseTypeList(operandTypes) || parser.parseRParen())
    return failure();
  if (operandTypes.size() != numOperands)
    return parser.emitError(loc, "expected ")
           << numOperands << " operand types, got " << operandTypes.size();
  if (withResult)
    return failure(parser.parseArrow() || parser.parseType(resultType));
  return success();
}

static void printGroupTypes(OpAsmPrinter &p, TypeRange operandTypes,
                            Type resultType) {
  p << " : ";
  bool uniform = llvm::all_equal(operandTypes) &&
                 (!resultType || resultType == operandTypes.front());
  if (uniform) {
    p << operandTypes.front();
    return;
  }
  p << '(';
  llvm::interleaveComma(operandTypes, p);
  p << ')';
  if (resultType)
    p << " -> " << resultType;
}

/// Checks that all typed members of a group agree: strict C typing has no
/// implicit conversion between them.
static LogicalResult verifySameTypeOrUntyped(Operation *op, TypeRange types) {
  Type common;
  for (Type type : types) {
    if (isa<UntypedType>(type))
      continue;
    if (!common) {
      common = type;
      continue;
    }
    if (type != common)
      return op->emitOpError("operand and result types must agree (strict C "
                             "typing: no implicit casts), got ")
             << common << " and " << type << "; convert with ps.cast";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

ParseResult mlir::ps::detail::parseElementwiseOp(OpAsmParser &parser,
                                                 OperationState &result,
                                                 unsigned numBoolOperands,
                                                 bool boolResult) {
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  SMLoc operandsLoc = parser.getCurrentLocation();
  if (parser.parseOperandList(operands) ||
      parser.parseOptionalAttrDict(result.attributes))
    return failure();
  if (operands.size() < numBoolOperands)
    return parser.emitError(operandsLoc, "expected at least ")
           << numBoolOperands << " operands";
  SmallVector<Type> groupTypes;
  Type resultType;
  if (parseGroupTypes(parser, operands.size() - numBoolOperands, !boolResult,
                      groupTypes, resultType))
    return failure();
  Type i1 = parser.getBuilder().getI1Type();
  SmallVector<Type> operandTypes(numBoolOperands, i1);
  llvm::append_range(operandTypes, groupTypes);
  result.addTypes(boolResult ? i1 : resultType);
  return parser.resolveOperands(operands, operandTypes, operandsLoc,
                                result.operands);
}

void mlir::ps::detail::printElementwiseOp(OpAsmPrinter &p, Operation *op,
                                          unsigned numBoolOperands,
                                          bool boolResult) {
  p << ' ';
  p.printOperands(op->getOperands());
  p.printOptionalAttrDict(op->getAttrs());
  printGroupTypes(p, TypeRange(op->getOperands().drop_front(numBoolOperands)),
                  boolResult ? Type() : op->getResult(0).getType());
}

LogicalResult mlir::ps::detail::verifyElementwiseOp(Operation *op,
                                                    unsigned numBoolOperands,
                                                    bool boolResult) {
  SmallVector<Type> group(
      TypeRange(op->getOperands().drop_front(numBoolOperands)));
  if (!boolResult)
    group.push_back(op->getResult(0).getType());
  return verifySameTypeOrUntyped(op, group);
}

//===----------------------------------------------------------------------===//
// CmpOp
//===----------------------------------------------------------------------===//

ParseResult CmpOp::parse(OpAsmParser &parser, OperationState &result) {
  SMLoc predLoc = parser.getCurrentLocation();
  StringRef predName;
  if (parser.parseKeyword(&predName) || parser.parseComma())
    return failure();
  std::optional<CmpPredicate> predicate = symbolizeCmpPredicate(predName);
  if (!predicate)
    return parser.emitError(predLoc, "unknown comparison predicate '")
           << predName << "', expected eq, ne, lt, le, gt or ge";
  result.addAttribute(
      getPredicateAttrName(result.name),
      parser.getBuilder().getI64IntegerAttr(static_cast<int64_t>(*predicate)));
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  SMLoc operandsLoc = parser.getCurrentLocation();
  SmallVector<Type> types;
  Type unused;
  if (parser.parseOperandList(operands, 2) ||
      parser.parseOptionalAttrDict(result.attributes) ||
      parseGroupTypes(parser, 2, /*withResult=*/false, types, unused))
    return failure();
  result.addTypes(parser.getBuilder().getI1Type());
  return parser.resolveOperands(operands, types, operandsLoc, result.operands);
}

void CmpOp::print(OpAsmPrinter &p) {
  p << ' ' << stringifyCmpPredicate(getPredicate()) << ", " << getLhs() << ", "
    << getRhs();
  p.printOptionalAttrDict((*this)->getAttrs(), {getPredicateAttrName()});
  printGroupTypes(p, getOperandTypes(), Type());
}

LogicalResult CmpOp::verify() {
  return verifySameTypeOrUntyped(*this, getOperandTypes());
}

//===----------------------------------------------------------------------===//
// Speculation of integer division
//===----------------------------------------------------------------------===//

/// Integer division by zero is undefined behaviour, so it must not be moved
/// where it would run when the original program would not run it.
static Speculation::Speculatability divisionSpeculatability(Type type) {
  return isa<FloatType>(type) ? Speculation::Speculatable
                              : Speculation::NotSpeculatable;
}

Speculation::Speculatability DivOp::getSpeculatability() {
  return divisionSpeculatability(getType());
}

Speculation::Speculatability RemOp::getSpeculatability() {
  return divisionSpeculatability(getType());
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

/// Prints a float so that it parses back to the same value: the shortest
/// decimal that round-trips through the parser (which reads a double and
/// rounds it to the type), always with a `.`, `E`, `inf` or `nan` so that it
/// reads as a float.
static void printFloatLiteral(raw_ostream &os, const APFloat &value) {
  if (value.isNaN()) {
    os << "nan";
    return;
  }
  if (value.isInfinity()) {
    os << (value.isNegative() ? "-inf" : "inf");
    return;
  }
  SmallString<32> text;
  for (unsigned precision = 1; precision <= 17; ++precision) {
    text.clear();
    value.toString(text, precision);
    APFloat parsed(APFloat::IEEEdouble());
    llvm::Expected<APFloat::opStatus> status =
        parsed.convertFromString(text, APFloat::rmNearestTiesToEven);
    if (!status) {
      llvm::consumeError(status.takeError());
      continue;
    }
    bool losesInfo;
    parsed.convert(value.getSemantics(), APFloat::rmNearestTiesToEven,
                   &losesInfo);
    if (parsed.bitwiseIsEqual(value))
      break;
  }
  StringRef str = text;
  if (!str.contains_insensitive('e') && !str.contains('.'))
    text += ".0";
  os << text;
}

ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &result) {
  SMLoc loc = parser.getCurrentLocation();
  bool negative = succeeded(parser.parseOptionalMinus());
  enum class Kind { Bool, Integer, Float } kind;
  APInt intValue;
  double floatValue = 0;
  bool boolValue = false;
  if (!negative && succeeded(parser.parseOptionalKeyword("true"))) {
    kind = Kind::Bool;
    boolValue = true;
  } else if (!negative && succeeded(parser.parseOptionalKeyword("false"))) {
    kind = Kind::Bool;
  } else if (succeeded(parser.parseOptionalKeyword("inf"))) {
    kind = Kind::Float;
    floatValue = std::numeric_limits<double>::infinity();
  } else if (!negative && succeeded(parser.parseOptionalKeyword("nan"))) {
    kind = Kind::Float;
    floatValue = std::numeric_limits<double>::quiet_NaN();
  } else {
    OptionalParseResult isInt = parser.parseOptionalInteger(intValue);
    if (isInt.has_value()) {
      if (failed(*isInt))
        return failure();
      kind = Kind::Integer;
    } else {
      if (parser.parseFloat(floatValue))
        return failure();
      kind = Kind::Float;
    }
  }
  Type type;
  if (parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.parseType(type))
    return failure();

  Builder &b = parser.getBuilder();
  if (kind == Kind::Integer) {
    // Integer literals are parsed at the smallest width that holds them; the
    // sign bit is the top bit.
    if (negative)
      intValue = -intValue.sext(intValue.getBitWidth() + 1);
  }
  if (negative && kind == Kind::Float)
    floatValue = -floatValue;

  TypedAttr value;
  if (isa<UntypedType>(type)) {
    if (kind == Kind::Bool)
      return parser.emitError(loc, "bool constants are typed: use ': i1'");
    if (kind == Kind::Integer) {
      if (intValue.getSignificantBits() > 64)
        return parser.emitError(loc, "integer literal does not fit in 64 bits");
      value = b.getI64IntegerAttr(intValue.sextOrTrunc(64).getSExtValue());
    } else {
      value = b.getF64FloatAttr(floatValue);
    }
  } else if (auto intType = dyn_cast<IntegerType>(type)) {
    unsigned width = intType.getWidth();
    if (kind == Kind::Float)
      return parser.emitError(loc, "float literal cannot have integer type ")
             << type;
    if (width == 1) {
      if (kind != Kind::Bool)
        return parser.emitError(loc, "i1 constants are 'true' or 'false'");
      value = b.getBoolAttr(boolValue);
    } else {
      if (kind == Kind::Bool)
        return parser.emitError(loc, "'true' and 'false' have type i1");
      if (intValue.getSignificantBits() > width)
        return parser.emitError(loc, "integer literal does not fit in ")
               << type;
      value = b.getIntegerAttr(type, intValue.sextOrTrunc(width));
    }
  } else if (auto floatType = dyn_cast<FloatType>(type)) {
    if (kind == Kind::Bool)
      return parser.emitError(loc, "'true' and 'false' have type i1");
    APFloat converted(0.0);
    if (kind == Kind::Integer) {
      converted = APFloat(floatType.getFloatSemantics());
      converted.convertFromAPInt(intValue, /*IsSigned=*/true,
                                 APFloat::rmNearestTiesToEven);
    } else {
      converted = APFloat(floatValue);
      bool losesInfo;
      converted.convert(floatType.getFloatSemantics(),
                        APFloat::rmNearestTiesToEven, &losesInfo);
    }
    value = b.getFloatAttr(type, converted);
  } else {
    return parser.emitError(loc, "expected a bool, integer, float or "
                                 "!ps.untyped constant type, got ")
           << type;
  }
  result.addAttribute(getValueAttrName(result.name), value);
  result.addTypes(type);
  return success();
}

void ConstantOp::print(OpAsmPrinter &p) {
  p << ' ';
  Attribute value = getValue();
  if (auto boolAttr = dyn_cast<BoolAttr>(value))
    p << (boolAttr.getValue() ? "true" : "false");
  else if (auto intAttr = dyn_cast<IntegerAttr>(value))
    p << intAttr.getValue().getSExtValue();
  else if (auto floatAttr = dyn_cast<FloatAttr>(value))
    printFloatLiteral(p.getStream(), floatAttr.getValue());
  p.printOptionalAttrDict((*this)->getAttrs(), {getValueAttrName()});
  p << " : " << getType();
}

LogicalResult ConstantOp::verify() {
  Type type = getType();
  TypedAttr value = getValue();
  if (isa<UntypedType>(type)) {
    if (!value.getType().isF64() && !value.getType().isInteger(64))
      return emitOpError("an untyped constant holds an f64 or i64 literal, "
                         "got one of type ")
             << value.getType();
  } else if (value.getType() != type) {
    return emitOpError("value type ")
           << value.getType() << " differs from result type " << type;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

LogicalResult CastOp::verify() {
  if (isa<UntypedType>(getType()))
    return emitOpError("the target type of a cast must be a concrete type");
  return success();
}

//===----------------------------------------------------------------------===//
// KernelOp
//===----------------------------------------------------------------------===//

void KernelOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                     FunctionType type) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addAttribute(getFunctionTypeAttrName(state.name), TypeAttr::get(type));
  Region *body = state.addRegion();
  Block *entry = new Block();
  body->push_back(entry);
  for (Type input : type.getInputs())
    entry->addArgument(input, state.location);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(entry);
  ReturnOp::create(builder, state.location);
}

std::string KernelOp::getParameterName(unsigned index) {
  if (auto name =
          getArgAttrOfType<StringAttr>(index, PsDialect::getNameAttrName()))
    return name.str();
  return "arg" + std::to_string(index);
}

/// Whether `name` prints as an SSA name (`%name`) and so needs no
/// attribute.
static bool isBareIdentifier(StringRef name) {
  if (name.empty() || !(llvm::isAlpha(name.front()) || name.front() == '_'))
    return false;
  return llvm::all_of(name, [](char c) {
    return llvm::isAlnum(c) || c == '_' || c == '$' || c == '.';
  });
}

void KernelOp::getAsmBlockArgumentNames(Region &region,
                                        OpAsmSetValueNameFn setNameFn) {
  // A name that is no SSA name stays an attribute; its parameter shows as
  // arg<N>.
  for (BlockArgument arg : region.getArguments()) {
    std::string name = getParameterName(arg.getArgNumber());
    setNameFn(arg, isBareIdentifier(name)
                       ? name
                       : "arg" + std::to_string(arg.getArgNumber()));
  }
}

ParseResult KernelOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &builder = parser.getBuilder();
  (void)impl::parseOptionalVisibilityKeyword(parser, result.attributes);
  StringAttr symbol;
  if (parser.parseSymbolName(symbol, SymbolTable::getSymbolAttrName(),
                             result.attributes))
    return failure();
  SmallVector<OpAsmParser::Argument> arguments;
  SmallVector<Type> resultTypes;
  SmallVector<DictionaryAttr> resultAttrs;
  bool isVariadic = false;
  if (function_interface_impl::parseFunctionSignatureWithArguments(
          parser, /*allowVariadic=*/false, arguments, isVariadic, resultTypes,
          resultAttrs))
    return failure();
  // Each parameter is named by its SSA name unless it has a ps.name; the
  // default name (arg<N>) needs no attribute.
  for (auto [index, argument] : llvm::enumerate(arguments)) {
    StringRef ssaName = argument.ssaName.name.drop_front(); // the '%'
    NamedAttrList attrs(argument.attrs);
    if (!attrs.get(PsDialect::getNameAttrName()) && isBareIdentifier(ssaName) &&
        ssaName != "arg" + std::to_string(index))
      attrs.set(PsDialect::getNameAttrName(), builder.getStringAttr(ssaName));
    argument.attrs = attrs.getDictionary(builder.getContext());
  }
  SmallVector<Type> argTypes;
  for (const OpAsmParser::Argument &argument : arguments)
    argTypes.push_back(argument.type);
  result.addAttribute(getFunctionTypeAttrName(result.name),
                      TypeAttr::get(builder.getFunctionType(argTypes,
                                                            resultTypes)));
  if (parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  call_interface_impl::addArgAndResultAttrs(
      builder, result, arguments, resultAttrs, getArgAttrsAttrName(result.name),
      getResAttrsAttrName(result.name));
  Region *body = result.addRegion();
  if (parser.parseRegion(*body, arguments, /*enableNameShadowing=*/false))
    return failure();
  if (!body->empty())
    ensureTerminator(*body, builder, result.location);
  return success();
}

void KernelOp::print(OpAsmPrinter &p) {
  p << ' ';
  if (auto visibility = getSymVisibilityAttr())
    p << visibility.getValue() << ' ';
  p.printSymbolName(getSymName());
  // The signature, without the ps.name that the SSA name already shows.
  p << '(';
  for (auto [index, arg] : llvm::enumerate(getBody().getArguments())) {
    if (index)
      p << ", ";
    SmallVector<NamedAttribute> attrs;
    for (NamedAttribute attr : getArgAttrDict(index)
                                   ? getArgAttrDict(index).getValue()
                                   : ArrayRef<NamedAttribute>())
      if (attr.getName() != PsDialect::getNameAttrName() ||
          !isBareIdentifier(cast<StringAttr>(attr.getValue()).getValue()))
        attrs.push_back(attr);
    p.printRegionArgument(arg, attrs);
  }
  p << ')';
  function_interface_impl::printFunctionAttributes(
      p, *this,
      {getFunctionTypeAttrName(), getArgAttrsAttrName(), getResAttrsAttrName(),
       getSymVisibilityAttrName()});
  p << ' ';
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/true);
}

LogicalResult KernelOp::verify() {
  if (getFunctionType().getNumResults() != 0)
    return emitOpError("a kernel has no results: its effect is what it "
                       "stores to fields");
  llvm::StringMap<unsigned> names;
  for (auto [index, type] : llvm::enumerate(getArgumentTypes())) {
    std::string name = getParameterName(index);
    if (!isa<FieldType, ReductionType, UntypedType>(type) &&
        !isPsScalarType(type))
      return emitOpError("parameter '")
             << name << "' must be a field, a reduction result or a scalar, "
             << "got " << type;
    // A reduction result is written only by combining into it: reading it
    // would make a point depend on the order of the others.
    if (isa<ReductionType>(type))
      for (Operation *user : getArgument(index).getUsers())
        if (!isa<ReduceOp>(user))
          return user->emitOpError("uses the reduction result '")
                 << name << "', which only ps.reduce may use";
    auto [previous, inserted] = names.try_emplace(name, index);
    if (!inserted)
      return emitOpError("parameters #")
             << previous->second << " and #" << index << " are both named '"
             << name << "': callers pass arguments by name";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Iteration spaces: shared parts
//===----------------------------------------------------------------------===//

/// Parses `(%x, %y [: type])`, the counters of an iteration space.
static ParseResult
parseCounters(OpAsmParser &parser,
              SmallVectorImpl<OpAsmParser::Argument> &counters) {
  if (parser.parseLParen())
    return failure();
  if (parser.parseCommaSeparatedList([&]() -> ParseResult {
        return parser.parseArgument(counters.emplace_back());
      }))
    return failure();
  Type type = UntypedType::get(parser.getContext());
  if (succeeded(parser.parseOptionalColon()) && parser.parseType(type))
    return failure();
  for (OpAsmParser::Argument &counter : counters)
    counter.type = type;
  return parser.parseRParen();
}

static void printCounters(OpAsmPrinter &p, Block *body) {
  p << " (";
  llvm::interleaveComma(body->getArguments(), p,
                        [&](BlockArgument arg) { p.printOperand(arg); });
  if (body->getNumArguments() != 0 &&
      !isa<UntypedType>(body->getArgument(0).getType()))
    p << " : " << body->getArgument(0).getType();
  p << ')';
}

/// Checks that the counters are one per dimension and of one integer type.
static LogicalResult verifyCounters(Operation *op, Block *body,
                                    unsigned expectedRank) {
  if (body->getNumArguments() != expectedRank)
    return op->emitOpError("expected ")
           << expectedRank << " counters (one per spatial dimension), got "
           << body->getNumArguments();
  Type first = body->getArgument(0).getType();
  for (BlockArgument counter : body->getArguments()) {
    Type type = counter.getType();
    if (!isa<UntypedType>(type) &&
        !(isa<IntegerType>(type) && isPsScalarType(type) && !type.isInteger(1)))
      return op->emitOpError("counters must be of an integer type or "
                             "untyped, got ")
             << type;
    if (type != first)
      return op->emitOpError("all counters must have one type, got ")
             << first << " and " << type;
  }
  return success();
}

/// Names the counters %x, %y, %z in printed IR.
static void nameCounters(Block *body, OpAsmSetValueNameFn setNameFn) {
  static constexpr StringLiteral names[] = {"x", "y", "z"};
  for (auto [index, counter] : llvm::enumerate(body->getArguments()))
    if (index < std::size(names))
      setNameFn(counter, names[index]);
}

//===----------------------------------------------------------------------===//
// IterateOp
//===----------------------------------------------------------------------===//

void IterateOp::getAsmBlockArgumentNames(Region &region,
                                         OpAsmSetValueNameFn setNameFn) {
  nameCounters(getBody(), setNameFn);
}

/// Adds the body of an iteration space: one block with `rank` counters of
/// `counterType`, ended by ps.yield.
template <typename OpTy>
static void addCounterBody(OpBuilder &builder, OperationState &state,
                           unsigned rank, Type counterType) {
  Region *body = state.addRegion();
  Block *block = new Block();
  body->push_back(block);
  for (unsigned i = 0; i < rank; ++i)
    block->addArgument(counterType, state.location);
  OpTy::ensureTerminator(*body, builder, state.location);
}

/// Adds the per-dimension slice of a ps.iterate.
static void addSliceAttributes(Builder &builder, OperationState &state,
                               ArrayRef<int64_t> starts,
                               ArrayRef<int64_t> stops,
                               ArrayRef<int64_t> steps) {
  state.addAttribute(IterateOp::getStartsAttrName(state.name),
                     builder.getDenseI64ArrayAttr(starts));
  state.addAttribute(IterateOp::getStopsAttrName(state.name),
                     builder.getDenseI64ArrayAttr(stops));
  state.addAttribute(IterateOp::getStepsAttrName(state.name),
                     builder.getDenseI64ArrayAttr(steps));
}

void IterateOp::build(OpBuilder &builder, OperationState &state, Value field,
                      ArrayRef<int64_t> starts, ArrayRef<int64_t> stops,
                      ArrayRef<int64_t> steps, Type counterType) {
  state.addOperands(field);
  addSliceAttributes(builder, state, starts, stops, steps);
  addCounterBody<IterateOp>(builder, state, starts.size(), counterType);
}

std::optional<int64_t> IterateOp::getUniformGhostLayers() {
  ArrayRef<int64_t> starts = getStarts(), stops = getStops(),
                    steps = getSteps();
  if (starts.empty())
    return std::nullopt;
  int64_t width = starts.front();
  for (auto [start, stop, step] : llvm::zip(starts, stops, steps))
    if (start != width || stop != -width || step != 1)
      return std::nullopt;
  return width;
}

/// Parses `[start:stop:step, ...]`; a left-out stop means the end (stored as
/// 0), a left-out step means 1.
static ParseResult parseSliceList(OpAsmParser &parser,
                                  SmallVectorImpl<int64_t> &starts,
                                  SmallVectorImpl<int64_t> &stops,
                                  SmallVectorImpl<int64_t> &steps) {
  return parser.parseCommaSeparatedList(
      OpAsmParser::Delimiter::Square, [&]() -> ParseResult {
        int64_t start, stop = 0, step = 1;
        if (parser.parseInteger(start) || parser.parseColon())
          return failure();
        SMLoc stopLoc = parser.getCurrentLocation();
        OptionalParseResult hasStop = parser.parseOptionalInteger(stop);
        if (hasStop.has_value()) {
          if (failed(*hasStop))
            return failure();
          if (stop == 0)
            return parser.emitError(stopLoc,
                                    "a stop of 0 leaves nothing to iterate; "
                                    "leave the stop out to mean the end");
        }
        if (succeeded(parser.parseOptionalColon()) && parser.parseInteger(step))
          return failure();
        starts.push_back(start);
        stops.push_back(stop);
        steps.push_back(step);
        return success();
      });
}

ParseResult IterateOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> counters;
  OpAsmParser::UnresolvedOperand field;
  Type fieldType;
  SmallVector<int64_t> starts, stops, steps;
  std::optional<int64_t> ghost;
  if (parseCounters(parser, counters) || parser.parseKeyword("in") ||
      parser.parseOperand(field))
    return failure();
  if (succeeded(parser.parseOptionalKeyword("ghost"))) {
    if (parser.parseInteger(ghost.emplace()))
      return failure();
  } else if (succeeded(parser.parseOptionalKeyword("slice"))) {
    if (parseSliceList(parser, starts, stops, steps))
      return failure();
  }
  SMLoc typeLoc;
  if (parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.getCurrentLocation(&typeLoc) || parser.parseType(fieldType) ||
      parser.resolveOperand(field, fieldType, result.operands))
    return failure();
  auto fieldTy = dyn_cast<FieldType>(fieldType);
  if (!fieldTy)
    return parser.emitError(typeLoc, "expected a !ps.field type, got ")
           << fieldType;
  if (starts.empty()) {
    int64_t width = ghost.value_or(fieldTy.getGhostLayers());
    unsigned rank = fieldTy.getSpatialRank();
    starts.assign(rank, width);
    stops.assign(rank, -width);
    steps.assign(rank, 1);
  }
  Builder &b = parser.getBuilder();
  addSliceAttributes(b, result, starts, stops, steps);
  Region *body = result.addRegion();
  if (parser.parseRegion(*body, counters))
    return failure();
  ensureTerminator(*body, b, result.location);
  return success();
}

void IterateOp::print(OpAsmPrinter &p) {
  printCounters(p, getBody());
  p << " in " << getField();
  if (std::optional<int64_t> ghost = getUniformGhostLayers()) {
    p << " ghost " << *ghost;
  } else {
    p << " slice [";
    llvm::interleaveComma(llvm::zip(getStarts(), getStops(), getSteps()), p,
                          [&](auto slice) {
                            auto [start, stop, step] = slice;
                            p << start << ':';
                            if (stop != 0)
                              p << stop;
                            if (step != 1)
                              p << ':' << step;
                          });
    p << ']';
  }
  p.printOptionalAttrDict(
      (*this)->getAttrs(),
      {getStartsAttrName(), getStopsAttrName(), getStepsAttrName()});
  p << " : " << getField().getType() << ' ';
  p.printRegion(getBodyRegion(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/false);
}

LogicalResult IterateOp::verify() {
  FieldType field = getFieldType();
  unsigned rank = field.getSpatialRank();
  ArrayRef<int64_t> starts = getStarts(), stops = getStops(),
                    steps = getSteps();
  if (starts.size() != rank || stops.size() != rank || steps.size() != rank)
    return emitOpError("expected a slice per spatial dimension of the field (")
           << rank << "), got " << starts.size();
  auto outOfRange = [](int64_t value) {
    return value > kMaxIndexMagnitude || value < -kMaxIndexMagnitude;
  };
  if (llvm::any_of(starts, outOfRange) || llvm::any_of(stops, outOfRange) ||
      llvm::any_of(steps, outOfRange))
    return emitOpError("slice bounds and steps are limited to ")
           << kMaxIndexMagnitude << " in magnitude";
  for (unsigned d = 0; d < rank; ++d) {
    if (starts[d] < 0)
      return emitOpError("slice start must not be negative, got ")
             << starts[d] << " in dimension " << d;
    if (steps[d] < 1)
      return emitOpError("slice step must be positive, got ")
             << steps[d] << " in dimension " << d;
    int64_t extent = field.getShape()[d];
    if (ShapedType::isDynamic(extent)) {
      if (stops[d] > 0 && stops[d] <= starts[d])
        return emitOpError("empty slice ")
               << starts[d] << ':' << stops[d] << " in dimension " << d;
      continue;
    }
    int64_t end = stops[d] > 0 ? stops[d] : extent + stops[d];
    if (end > extent)
      return emitOpError("slice stop ") << stops[d] << " lies past the extent "
                                        << extent << " of dimension " << d;
    if (end <= starts[d])
      return emitOpError("empty slice in dimension ")
             << d << ": it runs from " << starts[d] << " to " << end
             << " of extent " << extent;
  }
  return success();
}

LogicalResult IterateOp::verifyRegions() {
  return verifyCounters(*this, getBody(), getFieldType().getSpatialRank());
}

std::optional<SmallVector<int64_t>> IterateOp::getLatticeSteps() {
  return SmallVector<int64_t>(getSteps());
}

SmallVector<Region *> IterateOp::getLoopRegions() { return {&getBodyRegion()}; }

//===----------------------------------------------------------------------===//
// IterateSparseOp
//===----------------------------------------------------------------------===//

void IterateSparseOp::build(OpBuilder &builder, OperationState &state,
                            Value indexList, unsigned rank, Type counterType) {
  state.addOperands(indexList);
  addCounterBody<IterateSparseOp>(builder, state, rank, counterType);
}

ParseResult IterateSparseOp::parse(OpAsmParser &parser,
                                   OperationState &result) {
  SmallVector<OpAsmParser::Argument> counters;
  OpAsmParser::UnresolvedOperand list;
  Type listType;
  if (parseCounters(parser, counters) || parser.parseKeyword("in") ||
      parser.parseOperand(list))
    return failure();
  if (succeeded(parser.parseOptionalKeyword("disjoint")))
    result.addAttribute(getDisjointAttrName(result.name),
                        parser.getBuilder().getUnitAttr());
  if (parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.parseType(listType) ||
      parser.resolveOperand(list, listType, result.operands))
    return failure();
  Region *body = result.addRegion();
  if (parser.parseRegion(*body, counters))
    return failure();
  ensureTerminator(*body, parser.getBuilder(), result.location);
  return success();
}

void IterateSparseOp::print(OpAsmPrinter &p) {
  printCounters(p, getBody());
  p << " in " << getIndexList();
  if (getDisjoint())
    p << " disjoint";
  p.printOptionalAttrDict((*this)->getAttrs(), {getDisjointAttrName()});
  p << " : " << getIndexList().getType() << ' ';
  p.printRegion(getBodyRegion(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/false);
}

LogicalResult IterateSparseOp::verify() {
  FieldType list = getIndexListType();
  unsigned rank = getBody()->getNumArguments();
  if (list.getSpatialRank() != 1 || list.getIndexRank() != 1)
    return emitOpError("the index list must be a one-dimensional field with "
                       "one index dimension, got ")
           << list;
  if (!isa<IntegerType>(list.getElementType()))
    return emitOpError("index list entries must be integers, got ")
           << list.getElementType();
  if (rank < 1 || rank > 3)
    return emitOpError("expected 1 to 3 counters, got ") << rank;
  if (list.getIndexShape()[0] < static_cast<int64_t>(rank))
    return emitOpError("index list entries have ")
           << list.getIndexShape()[0] << " components, too few for " << rank
           << " coordinates";
  return verifyCounters(*this, getBody(), rank);
}

void IterateSparseOp::getAsmBlockArgumentNames(Region &region,
                                               OpAsmSetValueNameFn setNameFn) {
  nameCounters(getBody(), setNameFn);
}

std::optional<SmallVector<int64_t>> IterateSparseOp::getLatticeSteps() {
  return std::nullopt;
}

SmallVector<Region *> IterateSparseOp::getLoopRegions() {
  return {&getBodyRegion()};
}

//===----------------------------------------------------------------------===//
// LoadOp / StoreOp
//===----------------------------------------------------------------------===//

/// Checks a field access: it lies in an iteration space of the field's rank,
/// with one offset per spatial dimension and a valid component index per
/// index dimension. Dynamic indices are checked by ps-analyze, which bounds
/// them.
template <typename AccessOp>
static LogicalResult verifyAccess(AccessOp op) {
  auto field = cast<FieldType>(op.getField().getType());
  ArrayRef<int64_t> offsets = op.getOffsets();
  ArrayRef<int64_t> components = op.getComponents();
  auto space = op->template getParentOfType<IterationSpaceOpInterface>();
  if (!space)
    return op->emitOpError("must be nested in an iteration space "
                           "(ps.iterate or ps.iterate_sparse)");
  // The dynamic marker is INT64_MIN: a literal of that value parses as a
  // marker without its value.
  if (llvm::count(offsets, ShapedType::kDynamic) >
      static_cast<int64_t>(op.getDynamicOffsets().size()))
    return op->emitOpError("offsets are limited to ")
           << kMaxIndexMagnitude << " in magnitude, got "
           << ShapedType::kDynamic;
  if (llvm::count(components, ShapedType::kDynamic) >
      static_cast<int64_t>(op.getDynamicComponents().size()))
    return op->emitOpError("component index ")
           << ShapedType::kDynamic << " is out of range";
  if (failed(verifyListOfOperandsOrIntegers(op, "offset", offsets.size(),
                                            offsets, op.getDynamicOffsets())) ||
      failed(verifyListOfOperandsOrIntegers(op, "component", components.size(),
                                            components,
                                            op.getDynamicComponents())))
    return failure();
  for (int64_t offset : offsets)
    if (!ShapedType::isDynamic(offset) &&
        (offset > kMaxIndexMagnitude || offset < -kMaxIndexMagnitude))
      return op->emitOpError("offsets are limited to ")
             << kMaxIndexMagnitude << " in magnitude, got " << offset;
  if (offsets.size() != field.getSpatialRank())
    return op->emitOpError("expected ")
           << field.getSpatialRank()
           << " offsets (one per spatial dimension), got " << offsets.size();
  if (space.getSpatialRank() != field.getSpatialRank())
    return op->emitOpError("accesses a field of ")
           << field.getSpatialRank()
           << " spatial dimensions in an iteration space of "
           << space.getSpatialRank();
  if (components.size() != field.getIndexRank())
    return op->emitOpError("expected ")
           << field.getIndexRank() << " component indices, got "
           << components.size();
  for (auto [dim, component] : llvm::enumerate(components))
    if (!ShapedType::isDynamic(component) &&
        (component < 0 || component >= field.getIndexShape()[dim]))
      return op->emitOpError("component index ")
             << component << " is out of range [0, "
             << field.getIndexShape()[dim] << ")";
  return success();
}

void LoadOp::build(OpBuilder &builder, OperationState &state, Value field,
                   ArrayRef<int64_t> offsets, ArrayRef<int64_t> components) {
  build(builder, state, field, ValueRange(), ValueRange(),
        builder.getDenseI64ArrayAttr(offsets),
        builder.getDenseI64ArrayAttr(components));
}

void LoadOp::build(OpBuilder &builder, OperationState &state, Value field,
                   ArrayRef<OpFoldResult> offsets,
                   ArrayRef<OpFoldResult> components) {
  auto [staticOffsets, dynamicOffsets] = decomposeMixedValues(offsets);
  auto [staticComponents, dynamicComponents] = decomposeMixedValues(components);
  build(builder, state, field, dynamicOffsets, dynamicComponents,
        builder.getDenseI64ArrayAttr(staticOffsets),
        builder.getDenseI64ArrayAttr(staticComponents));
}

LogicalResult LoadOp::verify() { return verifyAccess(*this); }

void StoreOp::build(OpBuilder &builder, OperationState &state, Value value,
                    Value field, ArrayRef<int64_t> offsets,
                    ArrayRef<int64_t> components) {
  build(builder, state, value, field, ValueRange(), ValueRange(),
        builder.getDenseI64ArrayAttr(offsets),
        builder.getDenseI64ArrayAttr(components));
}

void StoreOp::build(OpBuilder &builder, OperationState &state, Value value,
                    Value field, ArrayRef<OpFoldResult> offsets,
                    ArrayRef<OpFoldResult> components) {
  auto [staticOffsets, dynamicOffsets] = decomposeMixedValues(offsets);
  auto [staticComponents, dynamicComponents] = decomposeMixedValues(components);
  build(builder, state, value, field, dynamicOffsets, dynamicComponents,
        builder.getDenseI64ArrayAttr(staticOffsets),
        builder.getDenseI64ArrayAttr(staticComponents));
}

LogicalResult StoreOp::verify() {
  auto field = cast<FieldType>(getField().getType());
  Type valueType = getValue().getType();
  if (!isa<UntypedType>(valueType) && valueType != field.getElementType())
    return emitOpError("stored value has type ")
           << valueType << " but the field holds " << field.getElementType()
           << " (strict C typing: no implicit casts; convert with ps.cast)";
  return verifyAccess(*this);
}

//===----------------------------------------------------------------------===//
// LoadRecordOp
//===----------------------------------------------------------------------===//

LogicalResult LoadRecordOp::verify() {
  if (!(*this)->getParentOfType<IterateSparseOp>())
    return emitOpError("must be nested in a sparse iteration space "
                       "(ps.iterate_sparse): only its entries have records");
  FieldType field = getFieldType();
  if (field.getSpatialRank() != 1)
    return emitOpError("reads a record of a one-dimensional field (the index "
                       "list or a field as long as it), got ")
           << field;
  ArrayRef<int64_t> components = getComponents();
  if (components.size() != field.getIndexRank())
    return emitOpError("expected ")
           << field.getIndexRank() << " component indices, got "
           << components.size();
  for (auto [dim, component] : llvm::enumerate(components))
    if (component < 0 || component >= field.getIndexShape()[dim])
      return emitOpError("component index ")
             << component << " is out of range [0, "
             << field.getIndexShape()[dim] << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// LookupOp
//===----------------------------------------------------------------------===//

LogicalResult LookupOp::inferReturnTypes(
    MLIRContext *, std::optional<Location>, ValueRange operands,
    DictionaryAttr attributes, OpaqueProperties properties,
    RegionRange regions, SmallVectorImpl<Type> &inferredReturnTypes) {
  LookupOp::Adaptor adaptor(operands, attributes, properties, regions);
  ElementsAttr table = adaptor.getTable();
  if (!table)
    return failure();
  inferredReturnTypes.push_back(table.getElementType());
  return success();
}

LogicalResult LookupOp::verify() {
  auto type = cast<ShapedType>(getTable().getType());
  if (type.getRank() != 1 || type.getNumElements() == 0)
    return emitOpError("the table must be a non-empty one-dimensional "
                       "constant, got ")
           << type;
  Type element = type.getElementType();
  if (!isa<IntegerType, FloatType>(element) || element.isInteger(1))
    return emitOpError("table elements must be integers or floats, got ")
           << element;
  return success();
}

OpFoldResult LookupOp::fold(FoldAdaptor adaptor) {
  auto index = dyn_cast_if_present<IntegerAttr>(adaptor.getIndex());
  if (!index)
    return {};
  int64_t position = index.getValue().getSExtValue();
  if (position < 0 || position >= getTableSize())
    return {};
  return getTable().getValues<Attribute>()[position];
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceOp::verify() {
  Type valueType = getValue().getType();
  Type element = getTargetType().getElementType();
  if (!isa<UntypedType>(valueType) && valueType != element)
    return emitOpError("reduced value has type ")
           << valueType << " but the result holds " << element
           << " (strict C typing: no implicit casts; convert with ps.cast)";
  if (!isa<BlockArgument>(getTarget()) ||
      !isa<KernelOp>(getTarget().getParentBlock()->getParentOp()))
    return emitOpError("reduces into a value that is not a parameter of the "
                       "kernel");
  return success();
}

#define GET_OP_CLASSES
#include "Stencil/IR/PsOps.cpp.inc"
