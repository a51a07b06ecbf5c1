//===- TimingSelectionTest.cpp - The tuner's choice from noisy timings ----===//

#include "Stencil/Tuner/TimingSelection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

using namespace mlir::ps::tuner;

namespace {

/// How much slower the machine is in each round than in its best: all
/// candidates timed in a round see the same factor.
constexpr double kMachine[] = {1.0, 1.4, 0.9, 1.2, 1.0, 1.6, 0.95, 1.1, 1.3};

/// A candidate's time per round: `seconds` times the machine's factor times
/// its own noise in that round (`own`, cycled; none if empty).
std::vector<double> rounds(double seconds, std::vector<double> own = {}) {
  std::vector<double> result;
  for (size_t r = 0; r < std::size(kMachine); ++r)
    result.push_back(seconds * kMachine[r] *
                     (own.empty() ? 1.0 : own[r % own.size()]));
  return result;
}

TEST(TimingSelection, Quartiles) {
  TimingSummary summary = summarize({5, 1, 4, 2, 3});
  EXPECT_EQ(summary.lower, 2);
  EXPECT_EQ(summary.median, 3);
  EXPECT_EQ(summary.upper, 4);
  TimingSummary one = summarize({7});
  EXPECT_EQ(one.lower, 7);
  EXPECT_EQ(one.upper, 7);
}

/// Candidates' times per round, and what the tuner takes.
struct SelectionCase {
  const char *what;
  std::vector<std::vector<double>> candidates;
  size_t choice;
  bool settled;
};

TEST(TimingSelection, Cases) {
  const SelectionCase cases[] = {
      {"a clearly faster candidate is settled",
       {rounds(1.0), rounds(0.7), rounds(0.9)}, 1, true},
      // The third is fastest by 1% in every round, within the margin: the
      // first (the options as given) stays.
      {"a tie keeps the first candidate",
       {rounds(1.0), rounds(1.3), rounds(0.99)}, 0, false},
      // The machine's factor spreads each candidate's times by 1.8x, but
      // the second is 10% faster in every round.
      {"10% faster in every round, through the machine's noise",
       {rounds(1.0), rounds(0.9)}, 1, true},
      {"faster by the median, but slower in half the rounds",
       {rounds(1.0), rounds(0.9, {0.8, 1.3})}, 0, false},
      // The first is apart; the fastest comes first of the two that tie.
      {"a tie behind the fastest keeps the fastest",
       {rounds(2.0), rounds(1.0), rounds(1.01)}, 1, false},
      {"no noise, 1% apart: within the 2% margin",
       {std::vector<double>(5, 1.0), std::vector<double>(5, 0.99)}, 0,
       false},
      {"no noise, 3% apart: beyond the margin",
       {std::vector<double>(5, 1.0), std::vector<double>(5, 0.97)}, 1, true},
  };
  for (const SelectionCase &test : cases) {
    Selection selection = selectFastest(test.candidates);
    EXPECT_EQ(selection.choice, test.choice) << test.what;
    EXPECT_EQ(selection.settled, test.settled) << test.what;
  }
}

/// The ratio of two candidates' times round by round, and when it is apart.
TEST(TimingSelection, CompareByRound) {
  PairedComparison slower = compareByRound(rounds(1.1), rounds(1.0));
  EXPECT_NEAR(slower.ratio.lower, 1.1, 1e-12);
  EXPECT_NEAR(slower.ratio.upper, 1.1, 1e-12);
  EXPECT_TRUE(slower.apart);
  // Slower in the median round, faster in one round of three.
  PairedComparison mixed =
      compareByRound(rounds(1.0, {1.2, 1.2, 0.9}), rounds(1.0));
  EXPECT_NEAR(mixed.ratio.median, 1.2, 1e-12);
  EXPECT_FALSE(mixed.apart);
  EXPECT_FALSE(compareByRound({}, {}).apart);
}

/// Each round's order is a permutation, the same in every run, and over the
/// rounds each candidate is timed in several places and after several
/// others.
TEST(TimingSelection, RoundOrderVariesThePlaces) {
  constexpr size_t kCount = 6;
  std::vector<std::set<size_t>> places(kCount), predecessors(kCount);
  for (unsigned round = 0; round < 12; ++round) {
    std::vector<size_t> order = roundOrder(kCount, round);
    EXPECT_EQ(order, roundOrder(kCount, round));
    std::vector<size_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (size_t c = 0; c < kCount; ++c)
      ASSERT_EQ(sorted[c], c) << "round " << round;
    for (size_t place = 0; place < kCount; ++place) {
      places[order[place]].insert(place);
      if (place > 0)
        predecessors[order[place]].insert(order[place - 1]);
    }
  }
  for (size_t c = 0; c < kCount; ++c) {
    EXPECT_GE(places[c].size(), 3u) << "candidate " << c;
    EXPECT_GE(predecessors[c].size(), 3u) << "candidate " << c;
  }
  EXPECT_TRUE(roundOrder(0, 3).empty());
}

} // namespace
