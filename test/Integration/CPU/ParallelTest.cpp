//===- ParallelTest.cpp - Threaded kernels equal sequential ones ----------===//
//
// Every kernel of the integration suite compiled with OpenMP threads
// (ps-parallelize through the JIT) gives, byte for byte, what the sequential
// kernel gives (itself checked bit-identical against scalar C++ in
// CpuKernelsTest), for several sizes, schedules and split dimensions.
//
//===----------------------------------------------------------------------===//

#include "../RunAll.h"
#include "TestArrays.h"

#include "gtest/gtest.h"

using namespace ps_test;

namespace {

struct Variant {
  const char *name;
  /// ps-lower-to-llvm-pipeline's options.
  const char *options;
};

class Parallel : public ::testing::TestWithParam<const char *> {};

TEST_P(Parallel, EqualsSequential) {
  std::string file = GetParam();
  std::string source = readFile(std::string(PS_SOURCE_DIR) + "/" + file);
  auto sequential = JitModule::compile(source);
  ASSERT_TRUE(bool(sequential)) << llvm::toString(sequential.takeError());
  std::vector<Variant> variants = {
      {"2 threads static", "threads=2 schedule=static"},
      {"2 threads dynamic chunk 3", "threads=2 schedule=dynamic chunk=3"},
      {"3 threads, split the y loop", "threads=3 parallel-dim=1"},
      {"OpenMP default threads", "threads=0"}};
  for (const Variant &variant : variants) {
    auto threaded =
        JitModule::compile(source, parseCompileOptions(variant.options));
    ASSERT_TRUE(bool(threaded)) << llvm::toString(threaded.takeError());
    std::vector<std::string> names = (*sequential)->getKernelNames();
    for (int64_t extent : {1, 2, 3, 7, 12}) {
      std::string error;
      auto want = runAll(**sequential, names, error, extent);
      auto got = runAll(**threaded, names, error, extent);
      ASSERT_TRUE(error.empty()) << error;
      EXPECT_EQ(got, want) << file << ", " << variant.name << ", extent "
                           << extent;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Parallel,
                         ::testing::ValuesIn(kDenseKernelFiles));

} // namespace
