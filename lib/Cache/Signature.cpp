//===- Signature.cpp - What identifies a compiled kernel module -----------===//

#include "Stencil/Cache/Signature.h"

#include "mlir/IR/OperationSupport.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

#include "BuildId.inc"

#ifndef PS_VERSION_STRING
#define PS_VERSION_STRING "unknown"
#endif

const char *mlir::ps::cache::getProjectVersion() { return PS_VERSION_STRING; }

const char *mlir::ps::cache::getBuildId() { return PS_BUILD_ID; }

/// A SHA-256 over `fields`, each with its length, so that no two different
/// inputs concatenate to the same bytes.
static std::string hashFields(llvm::ArrayRef<llvm::StringRef> fields) {
  llvm::SHA256 hash;
  for (llvm::StringRef field : fields) {
    hash.update(std::to_string(field.size()) + ":");
    hash.update(field);
  }
  return llvm::toHex(hash.final(), /*LowerCase=*/true);
}

std::string mlir::ps::cache::printCanonical(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os, OpPrintingFlags().printGenericOpForm().enableDebugInfo(
                        /*enable=*/false));
  return text;
}

std::string mlir::ps::cache::computeSignature(const SignatureInputs &inputs) {
  return hashFields({inputs.canonicalIR, inputs.pipeline, inputs.target,
                     inputs.projectVersion, inputs.llvmVersion,
                     inputs.buildId});
}

std::string mlir::ps::cache::computeRequestKey(const RequestInputs &inputs) {
  return hashFields({"request", inputs.source, inputs.options, inputs.target,
                     inputs.backendOptions, getProjectVersion(),
                     LLVM_VERSION_STRING, getBuildId()});
}
