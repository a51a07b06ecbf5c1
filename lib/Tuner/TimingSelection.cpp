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

Selection
mlir::ps::tuner::selectFastest(llvm::ArrayRef<std::vector<double>> times,
                               double margin) {
  std::vector<TimingSummary> summaries;
  for (const std::vector<double> &seconds : times)
    summaries.push_back(summarize(seconds));
  size_t fastest = 0;
  for (size_t c = 1; c < summaries.size(); ++c)
    if (summaries[c].median < summaries[fastest].median)
      fastest = c;
  const TimingSummary &best = summaries[fastest];
  auto isApart = [&](const TimingSummary &other) {
    return other.median > best.median * (1 + margin) &&
           other.lower > best.upper;
  };
  for (size_t c = 0; c < summaries.size(); ++c)
    if (c != fastest && !isApart(summaries[c]))
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
