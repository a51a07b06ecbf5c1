//===- TimingSelection.h - The fastest candidate from noisy timings -*- C++ -*-//
//
// The machines the tuner runs on are shared: the same binary's time swings
// by up to 2x between minutes, and candidates a few percent apart swap
// places between runs. Taking the smallest median of three rounds then picks
// a different variant in each fresh cache. The tuner instead keeps timing
// until the fastest candidate is apart from every other by more than the
// spread of their calls, and where that does not happen within its rounds,
// takes the first of the candidates it could not tell apart: the caller's
// own options come first, so a tie keeps what the caller asked for.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_TUNER_TIMINGSELECTION_H
#define STENCIL_TUNER_TIMINGSELECTION_H

#include "llvm/ADT/ArrayRef.h"

#include <cstddef>
#include <vector>

namespace mlir::ps::tuner {

/// The quartiles of one candidate's seconds per call.
struct TimingSummary {
  double lower = 0, median = 0, upper = 0;
};
TimingSummary summarize(std::vector<double> seconds);

struct Selection {
  /// The candidate chosen.
  size_t choice = 0;
  /// The fastest median is apart from every other candidate: more rounds
  /// would not change the choice.
  bool settled = false;
};

/// Chooses among candidates by their seconds per call, `times[c]` for
/// candidate c (each non-empty). Candidate c is apart from the fastest f if
/// its median is slower by more than `margin` (relative) and its lower
/// quartile is above f's upper one; the choice is settled when all others
/// are apart from f, and is otherwise the first candidate, in order, that
/// is not apart from f.
Selection selectFastest(llvm::ArrayRef<std::vector<double>> times,
                        double margin = 0.02);

/// The order in which round `round` times `count` candidates: a
/// pseudo-random permutation per round, the same in every run. What ran
/// just before a candidate can change its time (caches, prefetchers,
/// clocks); in a fixed order each candidate would always follow the same
/// one, and such a bias would not average out over the rounds.
std::vector<size_t> roundOrder(size_t count, unsigned round);

} // namespace mlir::ps::tuner

#endif // STENCIL_TUNER_TIMINGSELECTION_H
