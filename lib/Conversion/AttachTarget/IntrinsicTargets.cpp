//===- IntrinsicTargets.cpp - Intrinsics of other targets -----------------===//

#include "Stencil/Conversion/AttachTarget/IntrinsicTargets.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;

/// The target prefix of `intrinsic` ("x86" for llvm.x86.sse.sfence), or ""
/// for an intrinsic of every target or an unknown name.
static StringRef getTargetPrefix(StringRef intrinsic) {
  llvm::Intrinsic::ID id = llvm::Intrinsic::lookupIntrinsicID(intrinsic);
  if (id == llvm::Intrinsic::not_intrinsic ||
      !llvm::Intrinsic::isTargetIntrinsic(id))
    return "";
  return intrinsic.drop_front(StringRef("llvm.").size()).split('.').first;
}

LogicalResult mlir::ps::checkIntrinsicTargets(Operation *scope,
                                              const llvm::Triple &triple,
                                              StringRef pass) {
  StringRef prefix = llvm::Triple::getArchTypePrefix(triple.getArch());
  WalkResult result = scope->walk([&](LLVM::CallIntrinsicOp call) {
    if (call->getParentWithTrait<OpTrait::SymbolTable>() != scope)
      return WalkResult::advance();
    StringRef target = getTargetPrefix(call.getIntrin());
    if (target.empty() || target == prefix)
      return WalkResult::advance();
    call.emitError() << pass << ": '" << call.getIntrin()
                     << "' is an intrinsic of " << target
                     << ", not of the target " << triple.str();
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}
