//===- NestVersions.h - Copies of loops chosen at run time ------*- C++ -*-===//
//
// Some choices of vectorize=auto pay only for arrays beyond the caches:
// streaming stores in memory-bound nests, a jam of planes in compute-bound
// ones. ps-vectorize then versions the nest on the size of the array it
// stores to, once per call of the kernel, and marks the copy for large
// arrays; the loops in it make those choices. Innermost loops are versioned
// too, where a choice holds only for some addresses (versionLoop).
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_LIB_CONVERSION_VECTORIZE_NESTVERSIONS_H
#define STENCIL_LIB_CONVERSION_VECTORIZE_NESTVERSIONS_H

#include "LoopVectorizer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::ps::vectorize {

/// Mark the outermost loop of a nest's copy for large arrays: one that
/// streams, one that jams planes.
constexpr llvm::StringLiteral kStreamingNest = "ps.streaming_nest";
constexpr llvm::StringLiteral kPlaneJamNest = "ps.plane_jam_nest";
/// Marks the copy for large arrays that runs where every row of its arrays
/// starts on a cache line, in blocks (kWholeLineBlockRows): its loops are
/// vectorized with VectorizeConfig::rowsOnLines.
constexpr llvm::StringLiteral kWholeLineNest = "ps.whole_line_nest";

/// Puts `loop` under an `scf.if` on `condition` (defined before it), with a
/// copy of it in the other branch. Returns {then, else}: the copy, and `loop`
/// itself, which analyses of it stay valid for.
std::pair<scf::ForOp, scf::ForOp> versionLoop(scf::ForOp loop, Value condition);

/// The outermost loop of the nest that `loop` belongs to.
scf::ForOp getOutermostSpaceLoop(scf::ForOp loop);

/// streaming-above: versions every loop nest of `func` that stores on the
/// size of its first store's array where `config`'s cost model says a copy
/// for large arrays pays, and marks that copy (kStreamingNest,
/// kPlaneJamNest); with the cost model, blocks a copy of the first for
/// arrays whose rows start on cache lines (kWholeLineNest).
void versionNests(func::FuncOp func, const VectorizeConfig &config);

/// Removes the marks of versionNests from `func`.
void removeNestMarks(func::FuncOp func);

} // namespace mlir::ps::vectorize

#endif // STENCIL_LIB_CONVERSION_VECTORIZE_NESTVERSIONS_H
