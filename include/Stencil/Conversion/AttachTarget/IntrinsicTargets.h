//===- IntrinsicTargets.h - Intrinsics of other targets ---------*- C++ -*-===//
//
// LLVM's instruction selection ends the process on an intrinsic of another
// target ("Cannot select: intrinsic %llvm.x86.sse.sfence" for AArch64 or
// NVPTX); ps-attach-target and ps-check-gpu-toolkit refuse them first, at
// their location.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CONVERSION_ATTACHTARGET_INTRINSICTARGETS_H
#define STENCIL_CONVERSION_ATTACHTARGET_INTRINSICTARGETS_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

namespace llvm {
class Triple;
} // namespace llvm

namespace mlir::ps {

/// Emits an error, prefixed by `pass`, at the first call of an intrinsic of
/// a target other than `triple`'s in the code of the symbol table `scope`
/// (not in symbol tables nested in it, such as a module's GPU modules).
LogicalResult checkIntrinsicTargets(Operation *scope,
                                    const llvm::Triple &triple, StringRef pass);

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_ATTACHTARGET_INTRINSICTARGETS_H
