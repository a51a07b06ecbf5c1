//===- CodegenEnums.h - Enumerated options of the ps lowerings --*- C++ -*-===//
//
// The choices that ps-vectorize, convert-ps-to-gpu and the pipelines take as
// options, with their command-line spellings declared once: the pass options
// (Passes.td), the pipeline options (Pipelines/Passes.h) and the tools' flags
// all parse and print them through these tables.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CONVERSION_CODEGENENUMS_H
#define STENCIL_CONVERSION_CODEGENENUMS_H

#include "llvm/Support/CommandLine.h"

namespace mlir::ps {

/// How ps-vectorize computes the last partial vector of a row.
enum class VectorRemainder {
  /// Masked loads and stores.
  Masked,
  /// A scalar loop.
  Scalar,
};

/// When ps-vectorize turns accesses with a stride in x into gathers (and
/// stores into scatters, where the instruction set has them).
enum class VectorGather {
  /// Never: such loops stay scalar, for LLVM's loop vectorizer.
  Never,
  /// Gathers for loads with a stride known only at run time (NumPy views);
  /// a constant stride and strided stores are left to LLVM's vectorizer,
  /// which is faster there (strided-bench, bench/README.md).
  Runtime,
  /// Gathers and scatters for every stride.
  Always,
};

/// What math functions (sin, cos, tanh, exp, log, pow, ...) on vectors call.
enum class VectorMath {
  /// The C library's scalar function for each lane: the scalar kernel's
  /// results, bit for bit.
  Libm,
  /// glibc's vector functions (libmvec, x86-64 and AArch64): one call per
  /// vector, with
  /// results within 4 ulp of the exact ones, not libm's bit for bit.
  Libmvec,
};

/// How the points of a dense iteration space are spread over GPU threads.
enum class GpuIndexingScheme {
  /// One thread per point; the innermost three loops go to x, y, z.
  Linear,
  /// One block per line of the contiguous dimension; threads walk the line
  /// with a block-stride loop, blockIdx.x/y/z are the next three dimensions.
  Blockwise,
};

/// The spellings of VectorRemainder, for llvm::cl and pass options.
inline auto getVectorRemainderValues() {
  return llvm::cl::values(
      clEnumValN(VectorRemainder::Masked, "masked", "masked loads and stores"),
      clEnumValN(VectorRemainder::Scalar, "scalar", "a scalar loop"));
}

/// The spellings of VectorGather, for llvm::cl and pass options.
inline auto getVectorGatherValues() {
  return llvm::cl::values(
      clEnumValN(VectorGather::Never, "never", "strided loops stay scalar"),
      clEnumValN(VectorGather::Runtime, "runtime",
                 "gathers for loads with strides known only at run time"),
      clEnumValN(VectorGather::Always, "always",
                 "gathers and scatters for every stride"));
}

/// The spellings of VectorMath, for llvm::cl and pass options.
inline auto getVectorMathValues() {
  return llvm::cl::values(
      clEnumValN(VectorMath::Libm, "libm", "libm's function for each lane"),
      clEnumValN(VectorMath::Libmvec, "libmvec",
                 "glibc's vector functions (x86-64, AArch64; within 4 ulp)"));
}

/// The spellings of GpuIndexingScheme, for llvm::cl and pass options.
inline auto getGpuIndexingSchemeValues() {
  return llvm::cl::values(
      clEnumValN(GpuIndexingScheme::Linear, "linear", "one thread per point"),
      clEnumValN(GpuIndexingScheme::Blockwise, "blockwise",
                 "a block per line of the contiguous dimension"));
}

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_CODEGENENUMS_H
