//===- PsTypes.h - Types of the ps dialect ----------------------*- C++ -*-===//

#ifndef STENCIL_IR_PSTYPES_H
#define STENCIL_IR_PSTYPES_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"

#include "Stencil/IR/PsEnums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "Stencil/IR/PsOpsTypes.h.inc"

namespace mlir::ps {
/// Bound on the magnitude of extents, strides, ghost widths, slice bounds and
/// access offsets, so that the index arithmetic of verifiers, analyses and
/// lowerings on them cannot overflow 64 bits.
constexpr int64_t kMaxIndexMagnitude = int64_t(1) << 40;

/// Fields and iteration spaces have one to three spatial dimensions.
constexpr unsigned kMaxSpatialRank = 3;

/// True for the scalar types that values of the ps dialect may have once
/// typed: i1, i8 to i64, f16, bf16, f32 and f64.
bool isPsScalarType(Type type);
} // namespace mlir::ps

#endif // STENCIL_IR_PSTYPES_H
