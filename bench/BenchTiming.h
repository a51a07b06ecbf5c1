//===- BenchTiming.h - Timing helpers of the benchmarks ---------*- C++ -*-===//
//
// What every benchmark of bench/ times with: the seconds of one call, and
// the median of repeated, interleaved ones (the machines are shared and
// noisy, so medians, never means).
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_BENCH_BENCHTIMING_H
#define STENCIL_BENCH_BENCHTIMING_H

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace bench {

/// Seconds `fn` takes, on a steady clock.
inline double seconds(const std::function<void()> &fn) {
  auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

/// The median of `values` (the upper one of an even count).
inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

} // namespace bench

#endif // STENCIL_BENCH_BENCHTIMING_H
