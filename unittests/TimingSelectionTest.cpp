//===- TimingSelectionTest.cpp - The tuner's choice from noisy timings ----===//

#include "Stencil/Tuner/TimingSelection.h"

#include <gtest/gtest.h>

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

TEST(TimingSelection, AClearlyFasterCandidateIsSettled) {
  Selection selection =
      selectFastest({calls(1.0, 0.05), calls(0.7, 0.05), calls(0.9, 0.05)});
  EXPECT_EQ(selection.choice, 1u);
  EXPECT_TRUE(selection.settled);
}

TEST(TimingSelection, ATieKeepsTheFirstCandidate) {
  // The third is fastest by 1%, within the noise: the first (the options
  // as given) stays.
  Selection selection =
      selectFastest({calls(1.0, 0.1), calls(1.3, 0.02), calls(0.99, 0.1)});
  EXPECT_EQ(selection.choice, 0u);
  EXPECT_FALSE(selection.settled);
}

TEST(TimingSelection, OverlappingSpreadsAreNotApart) {
  // 10% faster by the median, but the calls overlap.
  Selection selection = selectFastest({calls(1.0, 0.3), calls(0.9, 0.3)});
  EXPECT_EQ(selection.choice, 0u);
  EXPECT_FALSE(selection.settled);
}

TEST(TimingSelection, ATieBehindTheFastestKeepsTheFastest) {
  // The first is apart; the fastest and the last tie: the fastest comes
  // first of the two.
  Selection selection =
      selectFastest({calls(2.0, 0.01), calls(1.0, 0.05), calls(1.01, 0.05)});
  EXPECT_EQ(selection.choice, 1u);
  EXPECT_FALSE(selection.settled);
}

TEST(TimingSelection, AMarginBelowTheNoiseFloorIsATie) {
  // No spread at all, 1% apart: within the 2% margin.
  Selection selection = selectFastest({calls(1.0, 0), calls(0.99, 0)});
  EXPECT_EQ(selection.choice, 0u);
  EXPECT_FALSE(selection.settled);
  EXPECT_TRUE(selectFastest({calls(1.0, 0), calls(0.97, 0)}).settled);
}

} // namespace
