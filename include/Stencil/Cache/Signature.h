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
  /// The build of the compiler (getBuildId).
  std::string buildId;
};

/// The canonical text of `module`.
std::string printCanonical(ModuleOp module);

/// A SHA-256 over the inputs, as 64 lower-case hex digits.
std::string computeSignature(const SignatureInputs &inputs);

/// The version of this project, for signatures and `ps-cache version`.
const char *getProjectVersion();

/// A hash of the compiler's sources, the compiler that built them and the
/// LLVM version (cmake/ComputeBuildId.cmake): two builds share entries only
/// if they would compile the same code.
const char *getBuildId();

/// The inputs of a request as the caller gives them: the source text,
/// the options (CompileOptions::str), the resolved target, and the backend
/// options. Equal requests have equal signatures, so the cache may look a
/// signature up by this key without parsing the source.
struct RequestInputs {
  std::string source, options, target, backendOptions;
};

/// A SHA-256 over the request and the build (version, LLVM, build id).
std::string computeRequestKey(const RequestInputs &inputs);

} // namespace mlir::ps::cache

#endif // STENCIL_CACHE_SIGNATURE_H
