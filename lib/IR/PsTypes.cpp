//===- PsTypes.cpp - Types of the ps dialect ------------------------------===//

#include "Stencil/IR/PsTypes.h"
#include "Stencil/IR/PsDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::ps;

#include "Stencil/IR/PsEnums.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "Stencil/IR/PsOpsTypes.cpp.inc"

void PsDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "Stencil/IR/PsOpsTypes.cpp.inc"
      >();
}

bool mlir::ps::isPsScalarType(Type type) {
  if (auto intType = dyn_cast<IntegerType>(type))
    return intType.isSignless() &&
           llvm::is_contained({1u, 8u, 16u, 32u, 64u}, intType.getWidth());
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64();
}

//===----------------------------------------------------------------------===//
// FieldType
//===----------------------------------------------------------------------===//

/// Parses `[e0, e1, ...]` where each entry is an integer or, if
/// `allowDynamic`, `?`.
static ParseResult parseExtentList(AsmParser &parser,
                                   SmallVectorImpl<int64_t> &values,
                                   bool allowDynamic) {
  return parser.parseCommaSeparatedList(
      AsmParser::Delimiter::Square, [&]() -> ParseResult {
        if (allowDynamic && succeeded(parser.parseOptionalQuestion())) {
          values.push_back(ShapedType::kDynamic);
          return success();
        }
        int64_t value;
        if (parser.parseInteger(value))
          return failure();
        values.push_back(value);
        return success();
      });
}

static void printExtentList(AsmPrinter &printer, ArrayRef<int64_t> values) {
  printer << '[';
  llvm::interleaveComma(values, printer, [&](int64_t value) {
    if (ShapedType::isDynamic(value))
      printer << '?';
    else
      printer << value;
  });
  printer << ']';
}

Type FieldType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<int64_t> shape, indexShape, strides;
  Type elementType;
  std::optional<Layout> layout;
  int64_t ghostLayers = 0;
  if (parser.parseLess() ||
      parser.parseDimensionList(shape, /*allowDynamic=*/true,
                                /*withTrailingX=*/true) ||
      parser.parseType(elementType))
    return {};

  llvm::StringSet<> seen;
  while (succeeded(parser.parseOptionalComma())) {
    SMLoc keyLoc = parser.getCurrentLocation();
    StringRef key;
    if (parser.parseKeyword(&key))
      return {};
    if (!seen.insert(key).second) {
      parser.emitError(keyLoc, "'") << key << "' is given twice";
      return {};
    }
    if (key == "components") {
      if (parseExtentList(parser, indexShape, /*allowDynamic=*/false))
        return {};
    } else if (key == "layout") {
      StringRef name;
      SMLoc nameLoc = parser.getCurrentLocation();
      if (parser.parseKeyword(&name))
        return {};
      layout = symbolizeLayout(name);
      if (!layout || *layout == Layout::strided) {
        parser.emitError(nameLoc, "unknown layout '")
            << name << "', expected fzyx, zyxf or c (or give `strides [...]`)";
        return {};
      }
    } else if (key == "strides") {
      if (parseExtentList(parser, strides, /*allowDynamic=*/true))
        return {};
    } else if (key == "ghost") {
      if (parser.parseInteger(ghostLayers))
        return {};
    } else {
      parser.emitError(keyLoc, "unknown field type parameter '")
          << key << "', expected components, layout, strides or ghost";
      return {};
    }
  }
  if (parser.parseGreater())
    return {};
  if (seen.contains("strides")) {
    if (layout) {
      parser.emitError(loc, "a field has either a named layout or explicit "
                            "strides, not both");
      return {};
    }
    layout = Layout::strided;
  }
  return parser.getChecked<FieldType>(
      loc, parser.getContext(), shape, elementType, indexShape,
      layout.value_or(Layout::fzyx), strides, ghostLayers);
}

void FieldType::print(AsmPrinter &printer) const {
  printer << '<';
  for (int64_t extent : getShape()) {
    if (ShapedType::isDynamic(extent))
      printer << '?';
    else
      printer << extent;
    printer << 'x';
  }
  printer << getElementType();
  if (!getIndexShape().empty()) {
    printer << ", components ";
    printExtentList(printer, getIndexShape());
  }
  if (getLayout() == Layout::strided) {
    printer << ", strides ";
    printExtentList(printer, getStrides());
  } else if (getLayout() != Layout::fzyx) {
    printer << ", layout " << stringifyLayout(getLayout());
  }
  if (getGhostLayers() != 0)
    printer << ", ghost " << getGhostLayers();
  printer << '>';
}

LogicalResult FieldType::verify(function_ref<InFlightDiagnostic()> emitError,
                                ArrayRef<int64_t> shape, Type elementType,
                                ArrayRef<int64_t> indexShape, Layout layout,
                                ArrayRef<int64_t> strides,
                                int64_t ghostLayers) {
  if (shape.empty() || shape.size() > kMaxSpatialRank)
    return emitError() << "a field has 1 to " << kMaxSpatialRank
                       << " spatial dimensions, got " << shape.size();
  auto tooLarge = [](int64_t value) {
    return !ShapedType::isDynamic(value) && value > kMaxIndexMagnitude;
  };
  for (int64_t extent : shape)
    if (!ShapedType::isDynamic(extent) && extent <= 0)
      return emitError() << "spatial extents must be positive or '?', got "
                         << extent;
  if (llvm::any_of(shape, tooLarge) || llvm::any_of(indexShape, tooLarge) ||
      llvm::any_of(strides, tooLarge) || tooLarge(ghostLayers))
    return emitError() << "extents, strides and ghost widths are limited to "
                       << kMaxIndexMagnitude;
  if (!isPsScalarType(elementType) || elementType.isInteger(1))
    return emitError() << "field element type must be an integer (i8 to i64) "
                          "or a float (f16, bf16, f32, f64), got "
                       << elementType;
  for (int64_t extent : indexShape)
    if (extent <= 0)
      return emitError() << "component extents must be positive, got "
                         << extent;
  // Each extent is bounded, their product is not: a dense layout's strides
  // and byte offsets are products of extents, which must not wrap.
  std::optional<int64_t> bytes =
      int64_t(std::max<unsigned>(1, elementType.getIntOrFloatBitWidth() / 8));
  for (int64_t extent : llvm::concat<const int64_t>(shape, indexShape))
    if (!ShapedType::isDynamic(extent) && bytes)
      bytes = llvm::checkedMul(*bytes, extent);
  if (!bytes)
    return emitError() << "a field of static extents "
                       << llvm::join(llvm::map_range(
                                         llvm::concat<const int64_t>(
                                             shape, indexShape),
                                         [](int64_t extent) {
                                           return ShapedType::isDynamic(extent)
                                                      ? std::string("?")
                                                      : std::to_string(extent);
                                         }),
                                     "x")
                       << " of " << elementType
                       << " has more bytes than 64-bit offsets can address";
  unsigned rank = shape.size() + indexShape.size();
  if (layout == Layout::strided) {
    if (strides.size() != rank)
      return emitError() << "expected " << rank
                         << " strides (spatial and index dimensions), got "
                         << strides.size();
    for (int64_t stride : strides)
      if (!ShapedType::isDynamic(stride) && stride <= 0)
        return emitError() << "strides must be positive or '?', got " << stride;
  } else if (!strides.empty()) {
    return emitError() << "explicit strides need the strided layout";
  }
  if (ghostLayers < 0)
    return emitError() << "ghost-layer width must not be negative, got "
                       << ghostLayers;
  for (int64_t extent : shape)
    if (!ShapedType::isDynamic(extent) && 2 * ghostLayers >= extent)
      return emitError() << "ghost layers of width " << ghostLayers
                         << " leave no interior in an extent of " << extent;
  return success();
}

SmallVector<int64_t> FieldType::getFullShape() const {
  SmallVector<int64_t> full(getShape());
  llvm::append_range(full, getIndexShape());
  return full;
}

SmallVector<unsigned> FieldType::getMemoryOrder() const {
  unsigned spatial = getSpatialRank(), rank = getRank();
  SmallVector<unsigned> order;
  auto appendSpatialReversed = [&] {
    for (unsigned d = spatial; d-- > 0;)
      order.push_back(d);
  };
  auto appendIndex = [&] {
    for (unsigned d = spatial; d < rank; ++d)
      order.push_back(d);
  };
  switch (getLayout()) {
  case Layout::fzyx:
    appendIndex();
    appendSpatialReversed();
    break;
  case Layout::zyxf:
    appendSpatialReversed();
    appendIndex();
    break;
  case Layout::c:
    for (unsigned d = 0; d < rank; ++d)
      order.push_back(d);
    break;
  case Layout::strided:
    break;
  }
  return order;
}

SmallVector<int64_t> FieldType::getStaticStrides() const {
  if (getLayout() == Layout::strided)
    return SmallVector<int64_t>(getStrides());
  SmallVector<int64_t> full = getFullShape();
  SmallVector<int64_t> strides(full.size(), ShapedType::kDynamic);
  int64_t running = 1;
  SmallVector<unsigned> order = getMemoryOrder();
  for (unsigned dim : llvm::reverse(order)) {
    strides[dim] = running;
    if (ShapedType::isDynamic(running) || ShapedType::isDynamic(full[dim]))
      running = ShapedType::kDynamic;
    else
      running *= full[dim];
  }
  return strides;
}

std::optional<unsigned> FieldType::getContiguousDim() const {
  SmallVector<int64_t> strides = getStaticStrides();
  for (auto [dim, stride] : llvm::enumerate(strides))
    if (stride == 1)
      return dim;
  return std::nullopt;
}

SmallVector<unsigned> FieldType::getSpatialLoopOrder() const {
  unsigned spatial = getSpatialRank();
  SmallVector<unsigned> order;
  if (getLayout() != Layout::strided) {
    for (unsigned dim : getMemoryOrder())
      if (dim < spatial)
        order.push_back(dim);
    return order;
  }
  for (unsigned d = spatial; d-- > 0;)
    order.push_back(d);
  ArrayRef<int64_t> strides = getStrides();
  auto key = [&](unsigned dim) {
    int64_t stride = strides[dim];
    return ShapedType::isDynamic(stride) ? std::numeric_limits<int64_t>::max()
                                         : stride;
  };
  llvm::stable_sort(order,
                    [&](unsigned a, unsigned b) { return key(a) > key(b); });
  return order;
}

//===----------------------------------------------------------------------===//
// ReductionType
//===----------------------------------------------------------------------===//

LogicalResult
ReductionType::verify(function_ref<InFlightDiagnostic()> emitError,
                      ReductionKind kind, Type elementType) {
  // i1 has no arithmetic in ps (ps.add rejects it); half floats would
  // accumulate in a precision too short for a sum over a grid.
  if (!isPsScalarType(elementType) || elementType.isInteger(1) ||
      elementType.isF16() || elementType.isBF16())
    return emitError() << "a reduction result is an integer (i8 to i64) or "
                          "an f32 or f64, got "
                       << elementType;
  return success();
}
