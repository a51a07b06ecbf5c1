//===- CostModel.h - What bounds a vectorized stencil loop ------*- C++ -*-===//
//
// The cost model of vectorize=auto (docs/Rationale.md): whether the
// innermost loop of a nest, vectorized, is limited by the core (the longest
// chain of dependent floating-point operations of a point, in the strict C
// order) or by memory (the bytes its stores move). ps-vectorize gives
// compute-bound loops more vectors in flight, or a jam of rows where it
// saves loads, and memory-bound ones streaming stores for large arrays;
// ps-block blocks memory-bound nests only.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CONVERSION_VECTORIZE_COSTMODEL_H
#define STENCIL_CONVERSION_VECTORIZE_COSTMODEL_H

#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::ps {

/// True if the scalar body of `loop`, computed in vectors of `lanes` with
/// `unroll` vectors in flight, takes longer in the core than moving its
/// bytes: its longest chain of dependent floating-point operations at 4
/// cycles each, over lanes x unroll points, against 3 elements per store
/// (the store with write-allocate and one stream read) at 4 bytes per
/// cycle, what one core of the machines in bench/README.md gets.
bool isComputeBound(scf::ForOp loop, unsigned lanes, unsigned unroll);

/// Streaming stores pay off for loops that store to at most this many
/// arrays (or components) per point. Each stream of streaming stores holds
/// a write-combining buffer until its line is written, and the core has few
/// of them: on the Zen 5 machine of bench/README.md one stream ran 1.3x
/// faster with them, two the same, and 4, 8, 12 and D3Q19's 20 slower by
/// 1.25-2.1x.
constexpr unsigned kMaxStreamingStores = 2;

/// True if `loop` stores to few enough rows for streaming stores
/// (kMaxStreamingStores): counts its store operations.
bool hasFewStoreStreams(scf::ForOp loop);

/// A jam of rows pays where it saves at least this share of the loads. In
/// cache, box27's loop (27 loads per point, two of three crossing a cache
/// line) is bound by the load port, not by its multiplies: a jam of 2 rows
/// saves a third of its loads and ran 1.2-1.4x faster on the Zen 5 machine
/// of bench/README.md, one of 3 rows saves 44% and ran 1.1x faster again
/// (one of 4: no faster than 3, and slower in cache). star19's jam of 3
/// would save a fifth: it adds live registers for the rows and saves too
/// little.
constexpr double kMinJamSavedLoads = 0.25;
constexpr unsigned kJamRows = 3;

/// The rows of the middle loop to jam around `loop` (ps-vectorize's jam):
/// kJamRows for a compute-bound loop (isComputeBound) whose jam saves
/// kMinJamSavedLoads of its loads (countJamLoads), else 1.
unsigned chooseJam(scf::ForOp loop, unsigned lanes, unsigned unroll);

/// Planes of the outermost loop to jam as well where rows are jammed, and
/// the vectors per iteration of the loops that jam both: 2 planes of 3 rows
/// load 10 vectors per point where the rows alone load 15, and 6
/// accumulators beside box27's 27 weights are what AVX-512's 32 registers
/// hold. Only for arrays beyond the last-level cache: the kernel's arrays
/// together exceed it where the one stored to spans 1 / kPlaneJamShare of
/// the streaming threshold. On the Zen 5 machine of bench/README.md, box27
/// ran 1.02-1.30x the jam of rows alone at 130^3 and 256^3, and 0.92-0.95x
/// at 66^3 (bench/paired.py).
constexpr unsigned kJamPlanes = 2;
constexpr unsigned kPlaneJamUnroll = 1;
constexpr unsigned kPlaneJamShare = 2;

/// Planes to jam in a memory-bound nest that is blocked (ps-block: the cost
/// model blocks nests that read 2 or more planes away in z): each row of
/// the column in z is then loaded once for 2 points. star19 (3 planes away)
/// ran 1.12-1.30x faster with it on the Zen 5 machine at 130^3 and 256^3,
/// on 1 and 2 threads, and 1.06x at 66^3; 3 planes 1.24x, 4 planes 1.08x
/// (bench/paired.py). heat3d, whose nest is not blocked, ran 0.99-1.04x.
constexpr unsigned kBlockedJamPlanes = 2;

/// Rows per block of the copy of a memory-bound nest for large arrays
/// that the cost model blocks where every row of every field starts on a
/// cache line (versionNests): heat3d, which reads one plane away and which
/// ps-block leaves whole, then loads each row aligned after the peel and
/// keeps a block's three planes in L2. On the Zen 5 machine of
/// bench/README.md (bench/paired.py, block-rows=64 against the default):
/// 1.11-1.28x at 256^3 on 1 thread and 1.18-1.21x on 2, 1.07x at 320^3,
/// 1.03x at 192^3; 32 rows 1.12-1.17x. Where rows are not whole lines
/// (258^3) the blocked nest's jam of planes exceeds the aligned-row rule
/// (kAlignedRowRegisterShare) and its loads straddle lines: 0.65-0.79x,
/// hence the check at run time.
constexpr unsigned kWholeLineBlockRows = 64;

/// Bytes ahead of the leading rows (ps-vectorize's prefetch) that the cost
/// model prefetches in memory-bound loops. The hardware prefetcher starts
/// late on each row and stops at its end; a software prefetch 4 KiB ahead
/// keeps the stream from memory going across rows. On the Zen 5 machine of
/// bench/README.md (bench/paired.py, 256^3 unless said): heat3d ran 1.35x
/// faster on 1 thread, 1.15x on 2 and 1.23x at 130^3, star19 1.05x and
/// 1.18x, jacobi2d 4096^2 1.18-1.40x on 1 thread and the same on 2; 2 KiB
/// ahead gave heat3d 1.26x, 8 KiB 1.32x. Arrays in cache (66^3) ran
/// 0.97-0.98x, within the noise. Edges whose rows are not whole cache
/// lines (252, 258, 262) lost 4-10% with streaming stores.
constexpr unsigned kPrefetchBytes = 4096;

/// Loads per point from which a loop with streaming stores peels with
/// masked vectors rather than a scalar loop (in loops without, the peel is
/// always masked on x86). A scalar peel of up to 7 points costs a row their
/// dependent chains and a mispredicted exit; under a stream from memory it
/// hides behind the misses when the chains are short. On the Zen 5 machine
/// of bench/README.md (bench/paired.py, masked against scalar peel): star19
/// (19 loads) 1.23x at 256^3 on 1 and 2 threads and 1.05-1.06x at 258^3,
/// box27 with `aligned` 1.10x at 256^3; heat3d (7 loads) 0.94-0.96x at
/// 256^3 on 1 thread and 0.97-1.01x elsewhere, jacobi2d (4) 1.00-1.02x;
/// in the caches heat3d at 64^3 with `aligned` 1.16x, box27 1.15x.
constexpr unsigned kMaskedPeelMinLoads = 12;

/// The cost model's row reuse from aligned addresses (align-rows) holds at
/// most 1 / kAlignedRowRegisterShare of the vector registers in row
/// vectors (those carried plus those each iteration loads), the rest left
/// to the arithmetic. On the Zen 5 machine of bench/README.md at 258^3
/// (bench/paired.py --fixed both): heat3d (5 rows, 16 of 32 registers) ran
/// 1.42x faster on 1 thread and 1.53x on 2, 1.38x at 262^3 and 1.10x at
/// 250^3; star19's jam of 2 planes (16 carried vectors beside 4 loaded per
/// row) ran 0.97x on 1 thread carried, 1.26-1.35x with each iteration
/// loading all it cuts from, which the loops past the limit do. Only in the
/// copy of a nest for arrays beyond the last-level cache: in the caches
/// heat3d at 66^3 ran 0.83-0.85x.
constexpr unsigned kAlignedRowRegisterShare = 2;

/// True if the innermost `loop` is in a blocked nest: a loop of the
/// iteration space around it runs over the same dimension as the rows.
bool isInBlockedNest(scf::ForOp loop);

/// The planes to jam (jamPlanes) around `loop` beside a jam of `rows`
/// rows: kJamPlanes where that saves kMinJamSavedLoads of the loads per
/// point that the rows' jam alone makes, else 1.
unsigned choosePlaneJam(scf::ForOp loop, unsigned rows);

/// The elements of the widest type `loop` loads or stores that fit in a
/// register of `registerBits`.
unsigned getLanesOfWidestElement(scf::ForOp loop, unsigned registerBits);

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_VECTORIZE_COSTMODEL_H
