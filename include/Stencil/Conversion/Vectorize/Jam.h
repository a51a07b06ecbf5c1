//===- Jam.h - Unroll-and-jam of the loops around an innermost loop -*- C++
//-*-//
//
// ps-vectorize{jam=N jam-planes=M}: neighbouring rows of a 3D stencil read
// mostly the same rows of their inputs (a 27-point box at y and y+1 shares 6
// of its 9 rows per point, at z and z+1 as many). Jamming N iterations of the
// middle (y) loop, and M of the outermost (z) one, into one innermost loop
// lets each shared row be loaded once for the points it feeds.
// Upstream's scf loopUnrollJamByFactor needs a constant trip count that the
// factor divides and shares no loads; the rows of a kernel are only known at
// run time, and the shared loads are the point.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CONVERSION_VECTORIZE_JAM_H
#define STENCIL_CONVERSION_VECTORIZE_JAM_H

#include "mlir/Dialect/SCF/IR/SCF.h"

#include <string>

namespace mlir::ps {

/// The innermost loops that replace a jammed one.
struct JammedLoops {
  /// Computes `factor` rows of the enclosing loop per iteration.
  scf::ForOp jammed;
  /// A copy of the original, in the rows left over after the whole groups.
  scf::ForOp remainder;
};

/// Unrolls the loop that directly encloses `inner` by `factor` and jams the
/// copies into one innermost loop, whose body computes the `factor` points
/// of neighbouring rows, the copies' operations alternating (each copy in
/// the body's order), so that a shared load is used soon after it is made
/// and does not stay live across a whole copy. A load the copies repeat (the
/// same memref at the same index, counting `y + 1 - 1` as `y`) is made once,
/// unless a store to that memref lies between them. This assumes what
/// ps-vectorize assumes: the points of the space are independent and distinct
/// fields do not overlap. The enclosing loop must be the middle loop of a
/// lowered nest (the outermost one is the one threads split), step 1, with only
/// side-effect free code beside `inner`. On failure nothing changes and
/// `reason` says why.
FailureOr<JammedLoops> jamEnclosingLoop(scf::ForOp inner, unsigned factor,
                                        std::string &reason);

/// Unrolls the loop over planes (z) of the 3D nest around `inner` by
/// `factor` and jams the copies into the loop over rows, and its body into
/// one innermost loop, as jamEnclosingLoop does for the rows: a 27-point box
/// at planes z and z+1 loads 4 planes of rows, not 6. The loop over planes
/// is the outermost one, which ps-parallelize splits among threads (each
/// then takes groups of planes), or in a blocked nest the one inside the
/// blocks of rows. The planes left over run in a copy of the original
/// nest, after the groups. A jam of rows may follow on both innermost
/// loops.
FailureOr<JammedLoops> jamPlanes(scf::ForOp inner, unsigned factor,
                                 std::string &reason);

/// The loads of one iteration of the innermost loop that a jam of `rows`
/// (jamEnclosingLoop) and of `planes` (jamPlanes) would build, and of the
/// rows x planes iterations of `inner` unjammed: what a jam saves (box27's
/// jam of 2 rows makes 36 loads where the rows alone make 54). Checks
/// nothing and changes nothing.
struct JamLoads {
  unsigned jammed = 0, unjammed = 0;
};
JamLoads countJamLoads(scf::ForOp inner, unsigned rows, unsigned planes = 1);

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_VECTORIZE_JAM_H
