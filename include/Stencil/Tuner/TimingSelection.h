//===- TimingSelection.h - The fastest candidate from noisy timings -*- C++ -*-//
//
// The machines the tuner runs on are shared: the same binary's time swings
// by up to 2x between minutes, and candidates a few percent apart swap
// places between runs. Taking the smallest median of three rounds then picks
// a different variant in each fresh cache. The tuner instead keeps timing
// until the fastest candidate is apart from every other, and where that does
// not happen within its rounds, takes the first of the candidates it could
// not tell apart: the caller's own options come first, so a tie keeps what
// the caller asked for. Candidates are compared round by round: every round
// times each once, so a slow minute of the machine slows all of them alike
// and cancels in the ratio of two candidates' times in that round, where it
// would blur a comparison of their spreads.
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

/// Candidate `other` against `fastest`, one time of each per round.
struct PairedComparison {
  /// The quartiles of other's time over fastest's in the same round.
  TimingSummary ratio;
  /// Slower by more than `margin` in the median round and slower in at
  /// least three rounds of four.
  bool apart = false;
};
PairedComparison compareByRound(llvm::ArrayRef<double> other,
                                llvm::ArrayRef<double> fastest,
                                double margin = 0.02);

struct Selection {
  /// The candidate chosen.
  size_t choice = 0;
  /// The fastest median is apart from every other candidate: more rounds
  /// would not change the choice.
  bool settled = false;
};

/// Chooses among candidates by their seconds per call, `times[c][r]` for
/// candidate c in round r (every candidate timed in the same, non-zero
/// number of rounds). The fastest f has the smallest median; candidate c is
/// apart from it as compareByRound says. The choice is settled when all
/// others are apart from f, and is otherwise the first candidate, in
/// order, that is not apart from f.
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
