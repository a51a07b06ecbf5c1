//===- KernelTuner.h - The fastest variant of a kernel, found once -*- C++ -*-//
//
// Which code generation wins (explicit SIMD or LLVM's, unrolling, streaming
// stores, blocking) depends on the kernel, the machine and the shapes, and
// changed between the machines the benchmarks ran on. The tuner compiles
// the candidate variants of a kernel (getCandidates, the cost model), times
// each on copies of the caller's arguments in interleaved rounds until the
// fastest stands apart from the rest (where none does, it keeps the first
// of those it cannot tell apart, the caller's own options first), and
// records the choice in the kernel cache's folder, keyed by the request, the kernel, the argument shapes and the host: later
// processes and ranks take it without timing again. Every candidate keeps
// the caller's contraction and target, so all compute the same bits.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_TUNER_KERNELTUNER_H
#define STENCIL_TUNER_KERNELTUNER_H

#include "Stencil/Cache/KernelCache.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir::ps::tuner {

/// A variant to time: a name ("simd-nt") and its options.
struct Candidate {
  std::string name;
  std::string options; // CompileOptions::str()
};

/// The variants worth timing for a kernel over `spatialRank`-dimensional
/// fields on this host, from `base`: `base` itself first, the host's
/// widest instruction set with 2 and 4 vectors per iteration, aligned
/// streaming stores, for 3D kernels blocking and jamming, and last LLVM's
/// vectorizer alone (unless `base` is that already). The
/// options `base` sets for the target, threads and contraction stay.
std::vector<Candidate> getCandidates(unsigned spatialRank,
                                     const cache::CacheOptions &base);

struct TuningResult {
  /// The fastest candidate and the module compiled with it.
  Candidate choice;
  std::shared_ptr<runtime::KernelModule> module;
  /// Taken from an earlier tuning's record: nothing was timed.
  bool fromRecord = false;
  /// Median seconds per call of each candidate timed, in order.
  std::vector<std::pair<std::string, double>> seconds;
  /// Interleaved rounds timed (3 to 12), and whether the fastest was apart
  /// from every other candidate (TimingSelection.h); if not, the choice is
  /// the first candidate that the timing could not tell from the fastest.
  unsigned rounds = 0;
  bool settled = false;
};

/// The choice an earlier tuning recorded for these arguments, the module
/// compiled with it (fromRecord set), or nothing if there is no record or
/// it cannot be used. Times nothing.
std::optional<TuningResult> findRecorded(cache::KernelCache &cache,
                                         llvm::StringRef source,
                                         llvm::StringRef name,
                                         const cache::CacheOptions &base,
                                         const runtime::ArgumentList &args);

/// Tunes kernel `name` of `source` for the arguments `args` (the shapes
/// and strides they have; their fields are copied, never written).
llvm::Expected<TuningResult> tune(cache::KernelCache &cache,
                                  llvm::StringRef source, llvm::StringRef name,
                                  const cache::CacheOptions &base,
                                  const runtime::ArgumentList &args);

} // namespace mlir::ps::tuner

#endif // STENCIL_TUNER_KERNELTUNER_H
