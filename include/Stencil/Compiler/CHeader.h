//===- CHeader.h - C declarations of compiled kernels -----------*- C++ -*-===//

#ifndef STENCIL_COMPILER_CHEADER_H
#define STENCIL_COMPILER_CHEADER_H

#include "Stencil/Runtime/KernelInfo.h"

#include "llvm/Support/raw_ostream.h"

namespace mlir::ps::runtime {

/// Writes a C header declaring `kernels` as compiled ahead of time: the
/// memref descriptor structs, the `_mlir_ciface_<kernel>` entry points, and
/// for each kernel a `ps_<kernel>` inline function that takes each field as
/// a pointer with its extents and strides (in elements) and each scalar by
/// value. Each kernel's comment lists what its arguments must satisfy; the
/// ahead-of-time path does not check them at run time.
void emitCHeader(llvm::ArrayRef<KernelInfo> kernels, llvm::StringRef guard,
                 llvm::raw_ostream &os);

} // namespace mlir::ps::runtime

#endif // STENCIL_COMPILER_CHEADER_H
