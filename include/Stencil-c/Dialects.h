//===- Dialects.h - C API of the ps dialect -----------------------*- C -*-===//
//
// The ps dialect, its types and its passes for programs written in C (and
// for bindings of other languages, which all speak C): the dialect handle,
// the `!ps.field` and `!ps.untyped` types, the comparison predicates of
// `ps.cmp`, the names of the kernel parameter attributes, and the ps passes.
// Link libStencilCAPI.so, which also holds the upstream MLIR C API (IR,
// Pass, Transforms, SCF) built against the same libMLIR.so.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_C_DIALECTS_H
#define STENCIL_C_DIALECTS_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// mlirGetDialectHandle__ps__(): register with
/// mlirDialectHandleRegisterDialect, load with mlirDialectHandleLoadDialect.
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Ps, ps);

//===----------------------------------------------------------------------===//
// Layouts
//===----------------------------------------------------------------------===//

/// How the dimensions of a field map to memory; the values are those of
/// mlir::ps::Layout.
enum MlirPsLayout {
  /// Structure of arrays (the default): components slowest, x contiguous.
  MlirPsLayoutFzyx = 0,
  /// Array of structures: components fastest, then x.
  MlirPsLayoutZyxf = 1,
  /// Row-major over all dimensions, the last one contiguous.
  MlirPsLayoutC = 2,
  /// Explicit strides, given to mlirPsFieldTypeGetStrided.
  MlirPsLayoutStrided = 3,
};
typedef enum MlirPsLayout MlirPsLayout;

/// The name of `layout` as the IR spells it ("fzyx", "zyxf", "c",
/// "strided"); an empty string for a value that is no layout.
MLIR_CAPI_EXPORTED MlirStringRef mlirPsLayoutGetName(MlirPsLayout layout);

/// Sets `*layout` to the layout called `name` and returns true, or returns
/// false (leaving `*layout` alone) if no layout has that name.
MLIR_CAPI_EXPORTED bool mlirPsLayoutFromName(MlirStringRef name,
                                             MlirPsLayout *layout);

//===----------------------------------------------------------------------===//
// !ps.field
//===----------------------------------------------------------------------===//

/// Returns true if `type` is a `!ps.field`.
MLIR_CAPI_EXPORTED bool mlirTypeIsAPsFieldType(MlirType type);

/// The TypeID of `!ps.field`.
MLIR_CAPI_EXPORTED MlirTypeID mlirPsFieldTypeGetTypeID(void);

/// Builds `!ps.field` with a named layout (fzyx, zyxf or c): `spatialRank`
/// extents in `shape` (x first; mlirShapedTypeGetDynamicSize() for `?`),
/// `indexRank` static component extents in `indexShape` (none for a scalar
/// field) and `ghostLayers` ghost layers. Invalid parameters (a bad rank,
/// extent, element type or layout, ghost layers that leave no interior)
/// are reported as an error at `loc` and give a null type.
MLIR_CAPI_EXPORTED MlirType mlirPsFieldTypeGetChecked(
    MlirLocation loc, MlirType elementType, intptr_t spatialRank,
    const int64_t *shape, intptr_t indexRank, const int64_t *indexShape,
    MlirPsLayout layout, int64_t ghostLayers);

/// As mlirPsFieldTypeGetChecked, with explicit strides in elements instead
/// of a named layout: `strides` holds spatialRank + indexRank entries, each
/// positive or mlirShapedTypeGetDynamicSize().
MLIR_CAPI_EXPORTED MlirType mlirPsFieldTypeGetStridedChecked(
    MlirLocation loc, MlirType elementType, intptr_t spatialRank,
    const int64_t *shape, intptr_t indexRank, const int64_t *indexShape,
    const int64_t *strides, int64_t ghostLayers);

/// As mlirPsFieldTypeGetChecked, with errors reported at an unknown
/// location of the element type's context; a null element type gives a null
/// type (there is no context to report to).
MLIR_CAPI_EXPORTED MlirType mlirPsFieldTypeGet(
    MlirType elementType, intptr_t spatialRank, const int64_t *shape,
    intptr_t indexRank, const int64_t *indexShape, MlirPsLayout layout,
    int64_t ghostLayers);

/// As mlirPsFieldTypeGetStridedChecked, with errors reported at an unknown
/// location.
MLIR_CAPI_EXPORTED MlirType mlirPsFieldTypeGetStrided(
    MlirType elementType, intptr_t spatialRank, const int64_t *shape,
    intptr_t indexRank, const int64_t *indexShape, const int64_t *strides,
    int64_t ghostLayers);

// The accessors below take a `!ps.field`; given another type they return a
// null type, 0 or MlirPsLayoutFzyx. Dimensions are numbered spatial first
// (x, y, z), then the index dimensions; a dimension out of range gives 0,
// which no extent or stride of a valid field is.

/// The element type.
MLIR_CAPI_EXPORTED MlirType mlirPsFieldTypeGetElementType(MlirType type);

/// Spatial plus index dimensions: the rank of the memref it lowers to.
MLIR_CAPI_EXPORTED intptr_t mlirPsFieldTypeGetRank(MlirType type);

/// The number of spatial dimensions (1 to 3).
MLIR_CAPI_EXPORTED intptr_t mlirPsFieldTypeGetSpatialRank(MlirType type);

/// The number of index (component) dimensions.
MLIR_CAPI_EXPORTED intptr_t mlirPsFieldTypeGetIndexRank(MlirType type);

/// The extent of dimension `dim`, mlirShapedTypeGetDynamicSize() for `?`.
MLIR_CAPI_EXPORTED int64_t mlirPsFieldTypeGetDimSize(MlirType type,
                                                     intptr_t dim);

/// Returns true if dimension `dim` has a dynamic extent.
MLIR_CAPI_EXPORTED bool mlirPsFieldTypeIsDynamicDim(MlirType type,
                                                    intptr_t dim);

/// The stride in elements of dimension `dim` as the type fixes it: the
/// explicit stride, or the one the named layout gives over the static
/// extents; mlirShapedTypeGetDynamicSize() where only the run time knows it.
MLIR_CAPI_EXPORTED int64_t mlirPsFieldTypeGetStride(MlirType type,
                                                    intptr_t dim);

/// The layout; MlirPsLayoutStrided for explicit strides.
MLIR_CAPI_EXPORTED MlirPsLayout mlirPsFieldTypeGetLayout(MlirType type);

/// The ghost-layer width.
MLIR_CAPI_EXPORTED int64_t mlirPsFieldTypeGetGhostLayers(MlirType type);

//===----------------------------------------------------------------------===//
// !ps.untyped
//===----------------------------------------------------------------------===//

/// Returns true if `type` is `!ps.untyped`.
MLIR_CAPI_EXPORTED bool mlirTypeIsAPsUntypedType(MlirType type);

/// The TypeID of `!ps.untyped`.
MLIR_CAPI_EXPORTED MlirTypeID mlirPsUntypedTypeGetTypeID(void);

/// `!ps.untyped` in `ctx` (loading the ps dialect if it is not).
MLIR_CAPI_EXPORTED MlirType mlirPsUntypedTypeGet(MlirContext ctx);

//===----------------------------------------------------------------------===//
// Comparison predicates of ps.cmp
//===----------------------------------------------------------------------===//

/// C's comparison operators; the values are those of mlir::ps::CmpPredicate.
enum MlirPsCmpPredicate {
  MlirPsCmpPredicateEq = 0,
  MlirPsCmpPredicateNe = 1,
  MlirPsCmpPredicateLt = 2,
  MlirPsCmpPredicateLe = 3,
  MlirPsCmpPredicateGt = 4,
  MlirPsCmpPredicateGe = 5,
};
typedef enum MlirPsCmpPredicate MlirPsCmpPredicate;

/// The `predicate` attribute of a ps.cmp built with mlirOperationCreate (an
/// i64 integer attribute). A value that is no predicate is reported as an
/// error and gives a null attribute.
MLIR_CAPI_EXPORTED MlirAttribute
mlirPsCmpPredicateAttrGet(MlirContext ctx, MlirPsCmpPredicate predicate);

/// Returns true if `attr` is a valid `predicate` attribute of ps.cmp.
MLIR_CAPI_EXPORTED bool mlirAttributeIsAPsCmpPredicate(MlirAttribute attr);

/// The predicate `attr` holds; MlirPsCmpPredicateEq if it holds none.
MLIR_CAPI_EXPORTED MlirPsCmpPredicate
mlirPsCmpPredicateAttrGetValue(MlirAttribute attr);

//===----------------------------------------------------------------------===//
// Kernel parameter attributes
//===----------------------------------------------------------------------===//

/// "ps.alignment": the byte alignment (i64) a caller guarantees for a
/// field's base pointer.
MLIR_CAPI_EXPORTED MlirStringRef mlirPsGetAlignmentAttrName(void);

/// "ps.contiguous": the field's memory has the strides of its layout.
MLIR_CAPI_EXPORTED MlirStringRef mlirPsGetContiguousAttrName(void);

/// "ps.name": the name by which a run time takes the argument.
MLIR_CAPI_EXPORTED MlirStringRef mlirPsGetNameAttrName(void);

#ifdef __cplusplus
}
#endif

/// mlirRegisterPsPasses() (every ps pass), and for each pass X of
/// Stencil/Transforms/Passes.td mlirCreatePsX() and mlirRegisterPsX(), e.g.
/// mlirCreatePsPsTypify(); generated from that file.
#include "Stencil-c/Passes.capi.h.inc"

#endif // STENCIL_C_DIALECTS_H
