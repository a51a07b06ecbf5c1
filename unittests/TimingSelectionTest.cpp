//===- TimingSelectionTest.cpp - The tuner's choice from noisy timings ----===//

#include "Stencil/Tuner/TimingSelection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

using namespace mlir::ps::tuner;

namespace {

/// `count` calls around `median` seconds, spread by `spread` (relative).
std::vector<double> calls(double median, double spread, int count = 9) {
  std::vector<double> result;
  for (int i = 0; i < count; ++i)
    result.push_back(median * (1 + spread * (i - count / 2) / (count / 2)));
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

/// Candidates' calls as (median, spread) pairs, and what the tuner takes.
struct SelectionCase {
  const char *what;
  std::vector<std::pair<double, double>> candidates;
  size_t choice;
  bool settled;
};

TEST(TimingSelection, Cases) {
  const SelectionCase cases[] = {
      {"a clearly faster candidate is settled",
       {{1.0, 0.05}, {0.7, 0.05}, {0.9, 0.05}}, 1, true},
      // The third is fastest by 1%, within the noise: the first (the
      // options as given) stays.
      {"a tie keeps the first candidate",
       {{1.0, 0.1}, {1.3, 0.02}, {0.99, 0.1}}, 0, false},
      {"10% faster by the median, but the calls overlap",
       {{1.0, 0.3}, {0.9, 0.3}}, 0, false},
      // The first is apart; the fastest comes first of the two that tie.
      {"a tie behind the fastest keeps the fastest",
       {{2.0, 0.01}, {1.0, 0.05}, {1.01, 0.05}}, 1, false},
      {"no spread, 1% apart: within the 2% margin",
       {{1.0, 0}, {0.99, 0}}, 0, false},
      {"no spread, 3% apart: beyond the margin", {{1.0, 0}, {0.97, 0}}, 1,
       true},
  };
  for (const SelectionCase &test : cases) {
    std::vector<std::vector<double>> times;
    for (auto [median, spread] : test.candidates)
      times.push_back(calls(median, spread));
    Selection selection = selectFastest(times);
    EXPECT_EQ(selection.choice, test.choice) << test.what;
    EXPECT_EQ(selection.settled, test.settled) << test.what;
  }
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
