//===- Signature.h - What identifies a compiled kernel module ---*- C++ -*-===//

#ifndef STENCIL_CACHE_SIGNATURE_H
#define STENCIL_CACHE_SIGNATURE_H

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mlir::ps::cache {

/// Everything a compiled artifact depends on. Any change of any field gives
/// another signature, so a cache never serves a stale binary.
struct SignatureInputs {
  /// The kernel module printed canonically (generic form, no locations), so
  /// that comments, layout and SSA names do not matter.
  std::string canonicalIR;
  /// The pass pipeline and its options.
  std::string pipeline;
  /// Target triple, CPU (or GPU chip) and features.
  std::string target;
  std::string projectVersion;
  std::string llvmVersion;
};

/// The canonical text of `module`.
std::string printCanonical(ModuleOp module);

/// A SHA-256 over the inputs, as 64 lower-case hex digits.
std::string computeSignature(const SignatureInputs &inputs);

/// The version of this project, for signatures and `ps-cache version`.
const char *getProjectVersion();

} // namespace mlir::ps::cache

#endif // STENCIL_CACHE_SIGNATURE_H
