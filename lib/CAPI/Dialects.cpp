//===- Dialects.cpp - C API of the ps dialect -----------------------------===//
//
// Thin wrappers over the C++ classes of the ps dialect. Every argument a C
// caller gives is checked here: a bad one is a diagnostic or a null result,
// never an assert in the C++ API underneath.
//
//===----------------------------------------------------------------------===//

#include "Stencil-c/Dialects.h"
#include "Stencil/IR/PsDialect.h"
#include "Stencil/IR/PsTypes.h"

#include "mlir-c/BuiltinTypes.h"
#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace mlir::ps;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Ps, ps, PsDialect)

// The C enums mirror the C++ ones value by value, so that a cast converts.
static_assert(MlirPsLayoutFzyx == static_cast<int>(Layout::fzyx) &&
                  MlirPsLayoutZyxf == static_cast<int>(Layout::zyxf) &&
                  MlirPsLayoutC == static_cast<int>(Layout::c) &&
                  MlirPsLayoutStrided == static_cast<int>(Layout::strided),
              "MlirPsLayout must match mlir::ps::Layout");
static_assert(MlirPsCmpPredicateEq == static_cast<int>(CmpPredicate::eq) &&
                  MlirPsCmpPredicateNe == static_cast<int>(CmpPredicate::ne) &&
                  MlirPsCmpPredicateLt == static_cast<int>(CmpPredicate::lt) &&
                  MlirPsCmpPredicateLe == static_cast<int>(CmpPredicate::le) &&
                  MlirPsCmpPredicateGt == static_cast<int>(CmpPredicate::gt) &&
                  MlirPsCmpPredicateGe == static_cast<int>(CmpPredicate::ge),
              "MlirPsCmpPredicate must match mlir::ps::CmpPredicate");

//===----------------------------------------------------------------------===//
// Layouts
//===----------------------------------------------------------------------===//

/// The C++ layout of a C value, which may be any integer a C caller passed.
static std::optional<Layout> toLayout(MlirPsLayout layout) {
  if (static_cast<int>(layout) < 0)
    return std::nullopt;
  return symbolizeLayout(static_cast<uint64_t>(layout));
}

MlirStringRef mlirPsLayoutGetName(MlirPsLayout layout) {
  std::optional<Layout> cppLayout = toLayout(layout);
  return wrap(cppLayout ? stringifyLayout(*cppLayout) : StringRef());
}

bool mlirPsLayoutFromName(MlirStringRef name, MlirPsLayout *layout) {
  std::optional<Layout> cppLayout = symbolizeLayout(unwrap(name));
  if (!cppLayout || !layout)
    return false;
  *layout = static_cast<MlirPsLayout>(*cppLayout);
  return true;
}

//===----------------------------------------------------------------------===//
// !ps.field
//===----------------------------------------------------------------------===//

/// Reads `size` entries from the C array `data`, or reports at `loc` why it
/// cannot: FieldType's verifier sees only well-formed arrays.
static FailureOr<ArrayRef<int64_t>>
readArray(Location loc, StringRef what, intptr_t size, const int64_t *data) {
  if (size < 0)
    return emitError(loc) << "field type: the number of " << what
                          << " must not be negative, got " << size;
  if (size > 0 && !data)
    return emitError(loc) << "field type: " << what << " is null but " << size
                          << " entries were given";
  return ArrayRef<int64_t>(data, size);
}

/// Builds a field type from C arguments; `strides` is null for a named
/// layout. Every failure is an error at `loc` and a null type.
static MlirType getFieldType(Location loc, MlirType elementType,
                             intptr_t spatialRank, const int64_t *shape,
                             intptr_t indexRank, const int64_t *indexShape,
                             MlirPsLayout layout, const int64_t *strides,
                             int64_t ghostLayers) {
  if (mlirTypeIsNull(elementType)) {
    emitError(loc) << "field type: the element type is null";
    return MlirType{nullptr};
  }
  std::optional<Layout> cppLayout = toLayout(layout);
  if (!cppLayout) {
    emitError(loc) << "field type: unknown layout " << static_cast<int>(layout);
    return MlirType{nullptr};
  }
  if (!strides && *cppLayout == Layout::strided) {
    emitError(loc) << "field type: the strided layout needs strides "
                      "(mlirPsFieldTypeGetStrided)";
    return MlirType{nullptr};
  }
  FailureOr<ArrayRef<int64_t>> spatial =
      readArray(loc, "spatial extents", spatialRank, shape);
  FailureOr<ArrayRef<int64_t>> index =
      readArray(loc, "component extents", indexRank, indexShape);
  if (failed(spatial) || failed(index))
    return MlirType{nullptr};
  ArrayRef<int64_t> strideArray;
  if (strides)
    strideArray = ArrayRef<int64_t>(strides, spatialRank + indexRank);
  // A caller that forgot to load the dialect gets the type, not a fatal
  // error from the type uniquer.
  loc.getContext()->getOrLoadDialect<PsDialect>();
  return wrap(FieldType::getChecked(
      mlir::detail::getDefaultDiagnosticEmitFn(loc), loc.getContext(), *spatial,
      unwrap(elementType), *index, *cppLayout, strideArray, ghostLayers));
}

/// An unknown location in the context of `elementType`, for the variants
/// without a location; null if the type is null.
static MlirLocation unknownLocOf(MlirType elementType) {
  if (mlirTypeIsNull(elementType))
    return MlirLocation{nullptr};
  return wrap(Location(UnknownLoc::get(unwrap(elementType).getContext())));
}

bool mlirTypeIsAPsFieldType(MlirType type) {
  return !mlirTypeIsNull(type) && isa<FieldType>(unwrap(type));
}

MlirTypeID mlirPsFieldTypeGetTypeID(void) {
  return wrap(FieldType::getTypeID());
}

MlirType mlirPsFieldTypeGetChecked(MlirLocation loc, MlirType elementType,
                                   intptr_t spatialRank, const int64_t *shape,
                                   intptr_t indexRank,
                                   const int64_t *indexShape,
                                   MlirPsLayout layout, int64_t ghostLayers) {
  if (mlirLocationIsNull(loc))
    return MlirType{nullptr};
  return getFieldType(unwrap(loc), elementType, spatialRank, shape, indexRank,
                      indexShape, layout, /*strides=*/nullptr, ghostLayers);
}

MlirType
mlirPsFieldTypeGetStridedChecked(MlirLocation loc, MlirType elementType,
                                 intptr_t spatialRank, const int64_t *shape,
                                 intptr_t indexRank, const int64_t *indexShape,
                                 const int64_t *strides, int64_t ghostLayers) {
  if (mlirLocationIsNull(loc))
    return MlirType{nullptr};
  // A null array would mean "named layout" to getFieldType.
  if (!strides) {
    emitError(unwrap(loc)) << "field type: strides is null";
    return MlirType{nullptr};
  }
  return getFieldType(unwrap(loc), elementType, spatialRank, shape, indexRank,
                      indexShape, MlirPsLayoutStrided, strides, ghostLayers);
}

MlirType mlirPsFieldTypeGet(MlirType elementType, intptr_t spatialRank,
                            const int64_t *shape, intptr_t indexRank,
                            const int64_t *indexShape, MlirPsLayout layout,
                            int64_t ghostLayers) {
  return mlirPsFieldTypeGetChecked(unknownLocOf(elementType), elementType,
                                   spatialRank, shape, indexRank, indexShape,
                                   layout, ghostLayers);
}

MlirType mlirPsFieldTypeGetStrided(MlirType elementType, intptr_t spatialRank,
                                   const int64_t *shape, intptr_t indexRank,
                                   const int64_t *indexShape,
                                   const int64_t *strides,
                                   int64_t ghostLayers) {
  return mlirPsFieldTypeGetStridedChecked(
      unknownLocOf(elementType), elementType, spatialRank, shape, indexRank,
      indexShape, strides, ghostLayers);
}

/// The field `type` is, or null: the accessors answer neutrally for other
/// types instead of asserting in cast<>.
static FieldType asField(MlirType type) {
  if (mlirTypeIsNull(type))
    return {};
  return dyn_cast<FieldType>(unwrap(type));
}

/// Entry `dim` of `values`, or 0 if out of range.
static int64_t entryOrZero(ArrayRef<int64_t> values, intptr_t dim) {
  if (dim < 0 || static_cast<size_t>(dim) >= values.size())
    return 0;
  return values[dim];
}

MlirType mlirPsFieldTypeGetElementType(MlirType type) {
  FieldType field = asField(type);
  return wrap(field ? field.getElementType() : Type());
}

intptr_t mlirPsFieldTypeGetRank(MlirType type) {
  FieldType field = asField(type);
  return field ? field.getRank() : 0;
}

intptr_t mlirPsFieldTypeGetSpatialRank(MlirType type) {
  FieldType field = asField(type);
  return field ? field.getSpatialRank() : 0;
}

intptr_t mlirPsFieldTypeGetIndexRank(MlirType type) {
  FieldType field = asField(type);
  return field ? field.getIndexRank() : 0;
}

int64_t mlirPsFieldTypeGetDimSize(MlirType type, intptr_t dim) {
  FieldType field = asField(type);
  return field ? entryOrZero(field.getFullShape(), dim) : 0;
}

bool mlirPsFieldTypeIsDynamicDim(MlirType type, intptr_t dim) {
  return ShapedType::isDynamic(mlirPsFieldTypeGetDimSize(type, dim));
}

int64_t mlirPsFieldTypeGetStride(MlirType type, intptr_t dim) {
  FieldType field = asField(type);
  return field ? entryOrZero(field.getStaticStrides(), dim) : 0;
}

MlirPsLayout mlirPsFieldTypeGetLayout(MlirType type) {
  FieldType field = asField(type);
  return field ? static_cast<MlirPsLayout>(field.getLayout())
               : MlirPsLayoutFzyx;
}

int64_t mlirPsFieldTypeGetGhostLayers(MlirType type) {
  FieldType field = asField(type);
  return field ? field.getGhostLayers() : 0;
}

//===----------------------------------------------------------------------===//
// !ps.untyped
//===----------------------------------------------------------------------===//

bool mlirTypeIsAPsUntypedType(MlirType type) {
  return !mlirTypeIsNull(type) && isa<UntypedType>(unwrap(type));
}

MlirTypeID mlirPsUntypedTypeGetTypeID(void) {
  return wrap(UntypedType::getTypeID());
}

MlirType mlirPsUntypedTypeGet(MlirContext ctx) {
  // As for fields: loading the dialect on demand beats a fatal error.
  unwrap(ctx)->getOrLoadDialect<PsDialect>();
  return wrap(UntypedType::get(unwrap(ctx)));
}

//===----------------------------------------------------------------------===//
// Comparison predicates of ps.cmp
//===----------------------------------------------------------------------===//

MlirAttribute mlirPsCmpPredicateAttrGet(MlirContext ctx,
                                        MlirPsCmpPredicate predicate) {
  MLIRContext *context = unwrap(ctx);
  int value = static_cast<int>(predicate);
  if (value < 0 || !symbolizeCmpPredicate(static_cast<uint64_t>(value))) {
    emitError(UnknownLoc::get(context))
        << "unknown comparison predicate " << value;
    return MlirAttribute{nullptr};
  }
  return wrap(IntegerAttr::get(IntegerType::get(context, 64), value));
}

/// The predicate `attr` holds, if it is a valid predicate attribute: an i64
/// integer with the value of a CmpPredicate, as ps.cmp verifies it.
static std::optional<CmpPredicate> getPredicate(MlirAttribute attr) {
  if (mlirAttributeIsNull(attr))
    return std::nullopt;
  auto intAttr = dyn_cast<IntegerAttr>(unwrap(attr));
  if (!intAttr || !intAttr.getType().isSignlessInteger(64) ||
      intAttr.getInt() < 0)
    return std::nullopt;
  return symbolizeCmpPredicate(static_cast<uint64_t>(intAttr.getInt()));
}

bool mlirAttributeIsAPsCmpPredicate(MlirAttribute attr) {
  return getPredicate(attr).has_value();
}

MlirPsCmpPredicate mlirPsCmpPredicateAttrGetValue(MlirAttribute attr) {
  std::optional<CmpPredicate> predicate = getPredicate(attr);
  return predicate ? static_cast<MlirPsCmpPredicate>(*predicate)
                   : MlirPsCmpPredicateEq;
}

//===----------------------------------------------------------------------===//
// Kernel parameter attributes
//===----------------------------------------------------------------------===//

MlirStringRef mlirPsGetAlignmentAttrName(void) {
  return wrap(PsDialect::getAlignmentAttrName());
}

MlirStringRef mlirPsGetContiguousAttrName(void) {
  return wrap(PsDialect::getContiguousAttrName());
}

MlirStringRef mlirPsGetNameAttrName(void) {
  return wrap(PsDialect::getNameAttrName());
}
