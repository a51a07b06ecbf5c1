//===- Elements.h - Elements of a run-time type -----------------*- C++ -*-===//
//
// Reading and writing one element of a buffer whose element type is known
// only at run time (a kernel parameter's ScalarType): for tools that fill
// and print fields, and distributed fields of any type.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_RUNTIME_ELEMENTS_H
#define STENCIL_RUNTIME_ELEMENTS_H

#include "Stencil/Runtime/KernelInfo.h"

#include <cstdint>

namespace mlir::ps::runtime {

/// The integer element `elementOffset` elements after `base`, of the
/// integer type `type` (i1 and i8 are bytes), exactly.
int64_t readIntegerElement(const void *base, int64_t elementOffset,
                           ScalarType type);

/// The element `elementOffset` elements after `base`, of type `type`, as a
/// double (exact for every float type and integers up to 2^53).
double readElement(const void *base, int64_t elementOffset, ScalarType type);

/// Writes `value` to the element `elementOffset` elements after `base`,
/// converted to `type`: floats round to nearest; integers truncate toward
/// zero and saturate at the type's range (NaN gives 0); i1 is 1 for any
/// value but 0.
void writeElement(void *base, int64_t elementOffset, ScalarType type,
                  double value);

} // namespace mlir::ps::runtime

#endif // STENCIL_RUNTIME_ELEMENTS_H
