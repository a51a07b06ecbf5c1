//===- Signature.cpp - What identifies a compiled kernel module -----------===//

#include "Stencil/Cache/Signature.h"

#include "mlir/IR/OperationSupport.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

#ifndef PS_VERSION_STRING
#define PS_VERSION_STRING "unknown"
#endif

const char *mlir::ps::cache::getProjectVersion() { return PS_VERSION_STRING; }

std::string mlir::ps::cache::printCanonical(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os, OpPrintingFlags().printGenericOpForm().enableDebugInfo(
                        /*enable=*/false));
  return text;
}

std::string mlir::ps::cache::computeSignature(const SignatureInputs &inputs) {
  llvm::SHA256 hash;
  // Each field with its length, so that no two different inputs concatenate
  // to the same bytes.
  for (llvm::StringRef field :
       {llvm::StringRef(inputs.canonicalIR), llvm::StringRef(inputs.pipeline),
        llvm::StringRef(inputs.target), llvm::StringRef(inputs.projectVersion),
        llvm::StringRef(inputs.llvmVersion)}) {
    hash.update(std::to_string(field.size()) + ":");
    hash.update(field);
  }
  return llvm::toHex(hash.final(), /*LowerCase=*/true);
}
