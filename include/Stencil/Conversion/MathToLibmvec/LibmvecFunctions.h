//===- LibmvecFunctions.h - What glibc's libmvec has ------------*- C++ -*-===//
//
// The math operations convert-math-to-libmvec calls glibc's vector
// functions for, by architecture and glibc version: ps-vectorize needs them
// for SVE, where LLVM has no scalable form of sin, tan, pow, ...
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CONVERSION_MATHTOLIBMVEC_LIBMVECFUNCTIONS_H
#define STENCIL_CONVERSION_MATHTOLIBMVEC_LIBMVECFUNCTIONS_H

#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace mlir::ps {

/// The glibc a pass option `glibc` means: `glibc` itself, or where empty the
/// first with libmvec on `abi` (x86_64: 2.22, aarch64: 2.38).
std::string resolveLibmvecGlibc(StringRef abi, StringRef glibc);

/// The names of the math operations (math.sin, ...) that glibc `glibc` has
/// vector functions for on `abi` (x86_64 or aarch64).
std::vector<std::string> getLibmvecOperations(StringRef abi, StringRef glibc);

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_MATHTOLIBMVEC_LIBMVECFUNCTIONS_H
