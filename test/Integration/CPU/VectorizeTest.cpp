//===- VectorizeTest.cpp - SIMD kernels equal scalar ones -----------------===//
//
// Every kernel of the integration suite compiled with ps-vectorize, for each
// instruction set this machine has and each way of handling remainders,
// alignment and stores, gives byte for byte what the kernel without it gives
// (itself checked bit-identical against scalar C++ in CpuKernelsTest): the
// vector code performs the scalar operations in the same order. Every extent
// from 1 to 3 x lanes + 1 is run in every dimension, so that each path
// (peeling, unrolled vectors, single vectors, the partial vector) is taken
// with each length. Variants with fused multiply-adds (ps-contract) are
// compared with the scalar kernel compiled with ps-contract too. Jammed rows
// (jam) and planes (jam-planes) and blocks of rows (ps-block) run with every
// extent too, so that their leftover rows and planes are covered.
//
//===----------------------------------------------------------------------===//

#include "../RunAll.h"
#include "TestArrays.h"

#include "Stencil/Conversion/Vectorize/InstructionSets.h"

#include "llvm/Support/FormatVariadic.h"
#include "gtest/gtest.h"

#include <cmath>

using namespace ps_test;

namespace {

struct Variant {
  const char *name;
  /// ps-lower-to-llvm-pipeline's vectorize options.
  std::string vectorize;
  /// Elements the fields are shifted from a 64-byte boundary.
  size_t shift = 0;
  int threads = -1;
  /// ps-block's rows per block of 3D nests (0: none).
  unsigned blockRows = 0;
};

std::vector<Variant> getVariants(llvm::StringRef isa) {
  auto options = [&](unsigned lanes, const char *remainder, bool aligned,
                     bool nontemporal, unsigned unroll, bool reuse = false,
                     bool contract = false, unsigned jam = 1) {
    return llvm::formatv("vectorize={0} lanes={1} remainder={2} aligned={3} "
                         "nontemporal={4} unroll={5} reuse={6} contract={7} "
                         "jam={8}",
                         isa, lanes, remainder, aligned, nontemporal, unroll,
                         reuse, contract, jam)
        .str();
  };
  return {
      {"masked remainder, unroll 2", options(0, "masked", false, false, 2)},
      {"scalar remainder, unroll 1", options(0, "scalar", false, false, 1)},
      {"aligned, non-temporal, unroll 3, fields shifted by 1",
       options(0, "masked", true, true, 3), 1},
      {"aligned, scalar remainder, fields shifted by 3",
       options(0, "scalar", true, false, 2), 3},
      {"2 lanes, masked, 2 threads", options(2, "masked", false, false, 2), 0,
       2},
      // The sfence after streaming stores sits in the threads' loop body.
      {"non-temporal, 2 threads, fields shifted by 1",
       options(0, "masked", false, true, 2), 1, 2},
      {"row reuse, unroll 2", options(0, "masked", false, false, 2, true)},
      {"row reuse, unroll 1, scalar remainder",
       options(0, "scalar", false, false, 1, true)},
      {"row reuse, 2 lanes, unroll 3, aligned, fields shifted by 1",
       options(2, "masked", true, false, 3, true), 1},
      {"fused multiply-adds, masked, unroll 2",
       options(0, "masked", false, false, 2, false, true)},
      {"fused multiply-adds, non-temporal, scalar remainder, 2 threads, "
       "fields shifted by 1",
       options(0, "scalar", true, true, 1, false, true), 1, 2},
      // Jammed rows share loads; the rows left over run unjammed.
      {"jam 2, masked, unroll 2",
       options(0, "masked", false, false, 2, false, false, 2)},
      {"jam 3, blocks of 2 rows, non-temporal, 2 threads, fields shifted by 1",
       options(0, "scalar", false, true, 1, false, false, 3), 1, 2, 2},
      {"blocks of 3 rows, fused multiply-adds, jam 2",
       options(0, "masked", false, false, 2, false, true, 2), 0, -1, 3},
      // Jammed planes: the threads split pairs of planes, and the plane
      // left over runs in its own nest.
      {"2 planes and jam 3, masked, unroll 1, 2 threads",
       options(0, "masked", false, false, 1, false, false, 3) + " jam-planes=2",
       0, 2},
      {"2 planes, blocks of 2 rows, non-temporal, fields shifted by 1",
       options(0, "scalar", false, true, 2) + " jam-planes=2", 1, -1, 2},
      {"3 planes, jam 2, fused multiply-adds",
       options(0, "masked", false, false, 2, false, true, 2) + " jam-planes=3"},
  };
}

/// The smallest element size among the fields, which sets the most lanes.
size_t getSmallestElement(const JitModule &module) {
  size_t smallest = 8;
  for (const std::string &name : module.getKernelNames())
    for (const ParameterInfo &param : module.lookup(name)->getInfo().parameters)
      if (param.isField)
        smallest = std::min<size_t>(smallest, getByteSize(param.type));
  return smallest;
}

class Vectorize : public ::testing::TestWithParam<const char *> {};

TEST_P(Vectorize, EqualsScalar) {
  std::vector<mlir::ps::InstructionSet> sets =
      mlir::ps::getHostInstructionSets();
  if (sets.empty())
    GTEST_SKIP()
        << "this machine has no SIMD instruction set ps-vectorize knows";
  std::string file = GetParam();
  std::string source = readFile(std::string(PS_SOURCE_DIR) + "/" + file);
  auto scalar =
      JitModule::compile(source, parseCompileOptions("vectorize=none"));
  ASSERT_TRUE(bool(scalar)) << llvm::toString(scalar.takeError());
  auto contractedScalar = JitModule::compile(
      source, parseCompileOptions("vectorize=none contract=true"));
  ASSERT_TRUE(bool(contractedScalar))
      << llvm::toString(contractedScalar.takeError());
  std::vector<std::string> names = (*scalar)->getKernelNames();
  size_t element = getSmallestElement(**scalar);
  for (const mlir::ps::InstructionSet &set : sets) {
    for (const Variant &variant : getVariants(set.name)) {
      CompileOptions options = parseCompileOptions(
          llvm::formatv("{0} threads={1} block-rows={2}", variant.vectorize,
                        variant.threads, variant.blockRows)
              .str());
      auto vector = JitModule::compile(source, options);
      ASSERT_TRUE(bool(vector)) << llvm::toString(vector.takeError());
      int64_t lanes =
          options.lanes ? options.lanes : set.registerBits / (8 * element);
      for (int64_t extent = 1; extent <= 3 * lanes + 1; ++extent) {
        std::string error;
        const JitModule &reference =
            options.contract ? **contractedScalar : **scalar;
        auto want = runAll(reference, names, error, extent, variant.shift);
        ASSERT_TRUE(error.empty()) << error;
        auto got = runAll(**vector, names, error, extent, variant.shift);
        ASSERT_TRUE(error.empty()) << error;
        ASSERT_EQ(got, want) << file << ", " << set.name.str() << ", "
                             << variant.name << ", extent " << extent;
      }
    }
  }
}

// Code for an instruction set the CPU lacks would die of SIGILL: the JIT
// refuses to build it.
TEST(VectorizeHost, RefusesAnInstructionSetOfAnotherArchitecture) {
  std::vector<mlir::ps::InstructionSet> sets =
      mlir::ps::getHostInstructionSets();
  if (sets.empty())
    GTEST_SKIP()
        << "this machine has no SIMD instruction set ps-vectorize knows";
  // One of another architecture.
  const char *foreign = sets.front().arch == "x86_64" ? "neon" : "avx2";
  std::string source =
      readFile(std::string(PS_SOURCE_DIR) + "/docs/examples/jacobi2d.mlir");
  CompileOptions options;
  options.vectorize = foreign;
  auto module = JitModule::compile(source, options);
  ASSERT_FALSE(bool(module));
  std::string message = llvm::toString(module.takeError());
  EXPECT_NE(message.find(std::string("vectorize=") + foreign +
                         " is an instruction set of " +
                         (sets.front().arch == "x86_64" ? "aarch64" : "x86_64") +
                         ", not of the target "),
            std::string::npos)
      << message;
}

// A product minus a constant where the single rounding of a fused
// multiply-add shows: (1 + 2^-30)(1 - 2^-30) - 1 is -2^-60 exactly, but 0
// when the product is rounded first. Scalar, auto-vectorized and every
// instruction set must fuse it under ps-contract, and none may without.
TEST(VectorizeContract, FusesInEveryCodeGeneration) {
  const char *source = R"mlir(
    ps.kernel @fused(%src: !ps.field<?xf64> {ps.name = "src"},
                     %dst: !ps.field<?xf64> {ps.name = "dst"},
                     %b: f64 {ps.name = "b"}) {
      ps.iterate (%x) in %dst ghost 0 : !ps.field<?xf64> {
        %a = ps.load %src[0] : !ps.field<?xf64>
        %p = ps.mul %a, %b : f64
        %one = ps.constant 1.0 : f64
        %r = ps.sub %p, %one : f64
        ps.store %r, %dst[0] : !ps.field<?xf64>
      }
      ps.return
    })mlir";
  const double a = 1 + std::ldexp(1.0, -30), b = 1 - std::ldexp(1.0, -30);
  const double fused = -std::ldexp(1.0, -60);
  // Auto-vectorized, then each instruction set.
  std::vector<std::string> generations(1);
  for (const mlir::ps::InstructionSet &set : mlir::ps::getHostInstructionSets())
    generations.push_back(set.name.str());
  for (bool contract : {false, true}) {
    for (const std::string &isa : generations) {
      CompileOptions options;
      options.vectorize = isa;
      options.contract = contract;
      auto module = JitModule::compile(source, options);
      ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
      for (int64_t n = 1; n <= 33; ++n) {
        std::vector<double> src(n, a), dst(n, 7.0);
        llvm::Error error = (*(*module)->lookup("fused"))(
            ArgumentList()
                .field("src", BufferView{src.data(), ScalarType::f64, {n}, {1}})
                .field("dst", BufferView{dst.data(), ScalarType::f64, {n}, {1}})
                .scalar("b", b));
        ASSERT_FALSE(bool(error)) << llvm::toString(std::move(error));
        for (int64_t i = 0; i < n; ++i)
          ASSERT_EQ(dst[i], contract ? fused : 0.0)
              << options.str() << ", extent " << n << ", point " << i;
      }
    }
  }
}

// Fields with a stride in x known only at run time (NumPy views such as
// a[:, ::2]) are gathered, and written with scatters where the instruction
// set has them: for each instruction set of this machine, remainder,
// unrolling, alignment peeling and threads, and every x extent from 1 to
// 3 x 16 + 1, the result equals the scalar kernel's byte for byte, with
// source strides 2 and 3 and destination strides 1 and 2 (the elements
// between are left alone).
TEST(VectorizeStrided, GathersAndScattersEqualScalar) {
  // The destination strided too (scatters with gather=always), or dense
  // (gathered loads and vector stores by default).
  for (const char *dstType :
       {"!ps.field<?x?xf64, strides [?, ?]>", "!ps.field<?x?xf64>"}) {
    std::string source = llvm::formatv(R"mlir(
    ps.kernel @strided(%src: !ps.field<?x?xf64, strides [?, ?]>,
                       %dst: {0}, %w: f64) {
      ps.iterate (%x, %y) in %dst ghost 1 : {0} {
        %a = ps.load %src[-1, 0] : !ps.field<?x?xf64, strides [?, ?]>
        %b = ps.load %src[1, 1] : !ps.field<?x?xf64, strides [?, ?]>
        %c = ps.load %src[0, -1] : !ps.field<?x?xf64, strides [?, ?]>
        %s = ps.add %a, %b : f64
        %t = ps.mul %s, %w : f64
        %r = ps.sub %t, %c : f64
        ps.store %r, %dst[0, 0] : {0}
      }
      ps.return
    })mlir",
                                       dstType)
                             .str();
    bool denseDst = llvm::StringRef(dstType) == "!ps.field<?x?xf64>";
    auto scalar =
        JitModule::compile(source, parseCompileOptions("vectorize=none"));
    ASSERT_TRUE(bool(scalar)) << llvm::toString(scalar.takeError());
    std::vector<std::string> variants;
    for (const mlir::ps::InstructionSet &set :
         mlir::ps::getHostInstructionSets())
      for (const char *rest :
           {"", " unroll=1 remainder=scalar", " unroll=3 aligned=true",
            " gather=always", " gather=always remainder=scalar unroll=1",
            " threads=2"})
        variants.push_back("vectorize=" + set.name.str() + rest);
    for (const std::string &variant : variants) {
      auto vector = JitModule::compile(source, parseCompileOptions(variant));
      ASSERT_TRUE(bool(vector)) << llvm::toString(vector.takeError());
      for (int64_t sx : {2, 3})
        for (int64_t dx : {1, 2}) {
          if (denseDst && dx != 1)
            continue;
          for (int64_t nx = 3; nx <= 3 * 16 + 3; ++nx) {
            const int64_t ny = 4;
            std::vector<double> src(sx * nx * ny), out[2];
            for (size_t i = 0; i < src.size(); ++i)
              src[i] = double((i * 37) % 101) / 8.0;
            for (int run = 0; run < 2; ++run) {
              out[run].assign(dx * nx * ny, -3.0);
              llvm::Error error =
                  (*(run ? *vector : *scalar)->lookup("strided"))(
                      ArgumentList()
                          .field("src", BufferView{src.data(),
                                                   ScalarType::f64,
                                                   {nx, ny},
                                                   {sx, sx * nx}})
                          .field("dst", BufferView{out[run].data(),
                                                   ScalarType::f64,
                                                   {nx, ny},
                                                   {dx, dx * nx}})
                          .scalar("w", 0.75));
              ASSERT_FALSE(bool(error)) << llvm::toString(std::move(error));
            }
            ASSERT_EQ(out[0], out[1])
                << variant << ", " << dstType << ", strides " << sx << ", "
                << dx << ", extent " << nx;
          }
        }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Vectorize,
                         ::testing::ValuesIn(kDenseKernelFiles));

} // namespace
