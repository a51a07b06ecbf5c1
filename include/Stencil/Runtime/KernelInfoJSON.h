//===- KernelInfoJSON.h - Kernel descriptions as JSON -----------*- C++ -*-===//
//
// The form in which kernel descriptions travel: in the cache's meta.json and
// in the `_ps_kernel_descriptions` string of every shared library that
// ps-compile or the cache links, so that a program loads a library with its
// argument checks and without the compiler.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_RUNTIME_KERNELINFOJSON_H
#define STENCIL_RUNTIME_KERNELINFOJSON_H

#include "Stencil/Runtime/KernelInfo.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace mlir::ps::runtime {

llvm::json::Value toJSON(const KernelInfo &kernel);
/// False if `value` is not a kernel description.
bool fromJSON(const llvm::json::Value &value, KernelInfo &kernel);

/// The descriptions as a JSON array, and back; the error says which entry
/// is malformed.
llvm::json::Array toJSON(llvm::ArrayRef<KernelInfo> kernels);
llvm::Expected<std::vector<KernelInfo>>
fromJSON(const llvm::json::Array &array);

/// A JSON array of the descriptions, on one line.
std::string writeKernelsJSON(llvm::ArrayRef<KernelInfo> kernels);
/// The descriptions of writeKernelsJSON's text; an error if malformed.
llvm::Expected<std::vector<KernelInfo>> readKernelsJSON(llvm::StringRef text);

} // namespace mlir::ps::runtime

#endif // STENCIL_RUNTIME_KERNELINFOJSON_H
