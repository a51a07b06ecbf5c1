//===- CandidatesTest.cpp - The variants the tuner times ------------------===//

#include "Stencil/Pipelines/Passes.h"
#include "Stencil/Tuner/KernelTuner.h"

#include <gtest/gtest.h>

#include <string>

using namespace mlir::ps;
using namespace mlir::ps::tuner;

namespace {

cache::CacheOptions parse(llvm::StringRef text) {
  cache::CacheOptions options;
  EXPECT_TRUE(succeeded(options.parseFromString(text))) << text.str();
  return options;
}

const Candidate *named(const std::vector<Candidate> &candidates,
                       llvm::StringRef name) {
  for (const Candidate &candidate : candidates)
    if (candidate.name == name)
      return &candidate;
  return nullptr;
}

/// Whether the options of `candidate` contain `text`; either way the
/// message shows them.
testing::AssertionResult hasOption(const Candidate &candidate,
                                   llvm::StringRef text) {
  bool found = llvm::StringRef(candidate.options).contains(text);
  return (found ? testing::AssertionSuccess() : testing::AssertionFailure())
         << candidate.name << " has options '" << candidate.options << "'";
}

/// The caller's options come first, as given; the other candidates keep
/// its target, threads and contraction but not its code generation, so a
/// streaming request does not make every candidate stream, and LLVM's
/// vectorizer gets no ps-vectorize option it would refuse.
TEST(Candidates, KeepTheTargetAndThreadsNotTheCodeGeneration) {
  cache::CacheOptions base =
      parse("vectorize=sse4.2 nontemporal=true aligned=true unroll=4 "
            "threads=2 contract=true");
  std::vector<Candidate> candidates = getCandidates(3, base);
  ASSERT_FALSE(candidates.empty());
  EXPECT_EQ(candidates.front().name, "as-given");
  EXPECT_TRUE(hasOption(candidates.front(), "nontemporal=true"));
  for (llvm::StringRef name :
       {"simd", "simd-u4", "simd-blk", "simd-jam2", "simd-jam-planes"}) {
    const Candidate *candidate = named(candidates, name);
    ASSERT_TRUE(candidate) << name.str();
    EXPECT_FALSE(hasOption(*candidate, "nontemporal"));
    EXPECT_TRUE(hasOption(*candidate, "threads=2"));
    EXPECT_TRUE(hasOption(*candidate, "contract=true"));
  }
  const Candidate *llvm = named(candidates, "llvm");
  ASSERT_TRUE(llvm);
  EXPECT_FALSE(hasOption(*llvm, "aligned"));
  EXPECT_FALSE(hasOption(*llvm, "unroll"));
  EXPECT_TRUE(
      succeeded(verifyOptions(parse(llvm->options), [](const llvm::Twine &) {
        return mlir::failure();
      })));
  // Already LLVM's vectorizer: no second copy of it.
  EXPECT_FALSE(named(getCandidates(3, parse("vectorize=none")), "llvm"));
}

/// The default (vectorize=auto) is also timed without its prefetch, without
/// its streaming stores, with one vector per iteration, with row reuse and,
/// in 3D, in blocks; an explicit instruction set, prefetch, streaming,
/// unrolling, reuse or blocking is not.
TEST(Candidates, TheDefaultIsTimedWithoutItsPrefetchOrStreaming) {
  std::vector<Candidate> candidates = getCandidates(3, parse("threads=2"));
  const Candidate *without = named(candidates, "auto-no-prefetch");
  ASSERT_TRUE(without);
  EXPECT_TRUE(hasOption(*without, "prefetch=0"));
  EXPECT_TRUE(hasOption(*without, "threads=2"));
  const Candidate *direct = named(candidates, "auto-no-streaming");
  ASSERT_TRUE(direct);
  EXPECT_TRUE(hasOption(*direct, "streaming-above=4294967295"));
  EXPECT_TRUE(hasOption(*direct, "threads=2"));
  const Candidate *single = named(candidates, "auto-u1");
  ASSERT_TRUE(single);
  EXPECT_TRUE(hasOption(*single, "unroll=1"));
  EXPECT_TRUE(hasOption(*single, "threads=2"));
  EXPECT_FALSE(named(getCandidates(3, parse("unroll=4")), "auto-u1"));
  const Candidate *reusing = named(candidates, "auto-reuse");
  ASSERT_TRUE(reusing);
  EXPECT_TRUE(hasOption(*reusing, "reuse=true"));
  EXPECT_TRUE(hasOption(*reusing, "threads=2"));
  EXPECT_FALSE(named(getCandidates(3, parse("reuse=true")), "auto-reuse"));
  const Candidate *blocked = named(candidates, "auto-blk");
  ASSERT_TRUE(blocked);
  EXPECT_TRUE(hasOption(*blocked, "block-rows=64"));
  EXPECT_TRUE(hasOption(*blocked, "threads=2"));
  EXPECT_FALSE(named(getCandidates(2, parse("threads=2")), "auto-blk"));
  EXPECT_FALSE(named(getCandidates(3, parse("block-rows=16")), "auto-blk"));
  EXPECT_FALSE(
      named(getCandidates(3, parse("vectorize=avx2")), "auto-no-prefetch"));
  EXPECT_FALSE(
      named(getCandidates(3, parse("nontemporal=true")), "auto-no-streaming"));
  EXPECT_FALSE(
      named(getCandidates(3, parse("prefetch=2048")), "auto-no-prefetch"));
}

} // namespace
