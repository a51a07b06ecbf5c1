//===- BlockNest.h - Spatial blocking of one 3D loop nest -------*- C++ -*-===//
//
// ps-block splits the loop over rows of a 3D nest into blocks and moves the
// loop over blocks outside the loop over planes, so that a sweep over the
// planes reuses the neighbouring planes' rows from the caches. The cost
// model of ps-vectorize blocks the copy of a nest for large arrays where
// every row starts on a cache line (versionNests). Both use these.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CONVERSION_BLOCK_BLOCKNEST_H
#define STENCIL_CONVERSION_BLOCK_BLOCKNEST_H

#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::ps {

/// The loop over rows directly inside the loop over planes `outer` (y in z
/// for the default layout, the second index in the first for NumPy's C
/// layout), if it is the only loop there, runs over the iteration space
/// around a third loop of it, steps by a constant and has bounds defined
/// outside `outer`; null otherwise.
scf::ForOp getBlockableRows(scf::ForOp outer);

/// How many planes away from the current one the loads of the loop over
/// planes `outer` read: the largest constant added to its counter in an
/// index.
int64_t getPlaneReach(scf::ForOp outer);

/// Splits `rows` (getBlockableRows of `outer`) into blocks of `blockRows`
/// iterations and moves `outer` into a new loop over the blocks, which it
/// returns.
scf::ForOp blockNest(scf::ForOp outer, scf::ForOp rows, unsigned blockRows);

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_BLOCK_BLOCKNEST_H
