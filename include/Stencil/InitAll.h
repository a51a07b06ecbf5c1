//===- InitAll.h - Register everything of the project -----------*- C++ -*-===//
//
// One place that registers the ps dialect, its passes and pipelines, and the
// upstream dialects and extensions the lowering needs; shared by ps-opt, the
// JIT and the unit tests.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_INITALL_H
#define STENCIL_INITALL_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::ps {
/// Adds the ps dialect and the upstream dialects a ps pipeline produces.
void registerPsDialects(DialectRegistry &registry);
/// Adds what the GPU pipelines need beyond registerPsDialects: the gpu,
/// nvvm, rocdl and llvm dialects, their translations to LLVM IR, and the
/// NVVM and ROCDL target interfaces that gpu-module-to-binary serializes
/// with.
void registerPsGpuDialects(DialectRegistry &registry);
/// Registers the ps passes with the global pass registry.
void registerAllPsPasses();
} // namespace mlir::ps

#endif // STENCIL_INITALL_H
