//===- Elements.h - Reading elements of a run-time type ---------*- C++ -*-===//

#ifndef STENCIL_RUNTIME_ELEMENTS_H
#define STENCIL_RUNTIME_ELEMENTS_H

#include "Stencil/Runtime/KernelInfo.h"

#include <cstdint>

namespace mlir::ps::runtime {

/// The integer element `elementOffset` elements after `base`, of the
/// integer type `type` (i1 and i8 are bytes), exactly.
int64_t readIntegerElement(const void *base, int64_t elementOffset,
                           ScalarType type);

} // namespace mlir::ps::runtime

#endif // STENCIL_RUNTIME_ELEMENTS_H
