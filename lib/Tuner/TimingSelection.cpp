//===- TimingSelection.cpp - The fastest candidate from noisy timings -----===//

#include "Stencil/Tuner/TimingSelection.h"

#include <algorithm>
#include <numeric>
#include <random>

using namespace mlir::ps::tuner;

TimingSummary mlir::ps::tuner::summarize(std::vector<double> seconds) {
  std::sort(seconds.begin(), seconds.end());
  size_t last = seconds.size() - 1;
  return {seconds[last / 4], seconds[last / 2], seconds[(3 * last + 3) / 4]};
}

PairedComparison
mlir::ps::tuner::compareByRound(llvm::ArrayRef<double> other,
                                llvm::ArrayRef<double> fastest,
                                double margin) {
  std::vector<double> ratios;
  for (size_t r = 0; r < std::min(other.size(), fastest.size()); ++r)
    ratios.push_back(other[r] / fastest[r]);
  PairedComparison result;
  if (ratios.empty())
    return result;
  result.ratio = summarize(ratios);
  result.apart = result.ratio.median > 1 + margin && result.ratio.lower > 1;
  return result;
}

Selection
mlir::ps::tuner::selectFastest(llvm::ArrayRef<std::vector<double>> times,
                               double margin) {
  size_t fastest = 0;
  for (size_t c = 1; c < times.size(); ++c)
    if (summarize(times[c]).median < summarize(times[fastest]).median)
      fastest = c;
  for (size_t c = 0; c < times.size(); ++c)
    if (c != fastest && !compareByRound(times[c], times[fastest], margin).apart)
      return {std::min(c, fastest), /*settled=*/false};
  return {fastest, /*settled=*/true};
}

std::vector<size_t> mlir::ps::tuner::roundOrder(size_t count, unsigned round) {
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), size_t(0));
  std::mt19937 generator(round + 1);
  std::shuffle(order.begin(), order.end(), generator);
  return order;
}
