//===- DescribeKernel.h - Kernel descriptions from typed ps IR --*- C++ -*-===//
//
// What the run-time needs to know of a kernel (Runtime/KernelInfo.h), read
// off the typed ps IR before it is lowered.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_COMPILER_DESCRIBEKERNEL_H
#define STENCIL_COMPILER_DESCRIBEKERNEL_H

#include "Stencil/IR/PsOps.h"
#include "Stencil/Runtime/KernelInfo.h"

namespace mlir::ps::runtime {

/// The run-time type of a ps scalar type; std::nullopt for others.
std::optional<ScalarType> toScalarType(Type type);

/// Describes a typed kernel. Parameters without a `ps.name` are called
/// `arg<N>`.
FailureOr<KernelInfo> describeKernel(KernelOp kernel);

} // namespace mlir::ps::runtime

#endif // STENCIL_COMPILER_DESCRIBEKERNEL_H
