//===- ArgumentChecksTest.cpp - Every argument error of the JIT -----------===//
//
// Each check the run-time makes before a call has a test here: the call is
// refused with a message naming the argument, what was expected and what
// came, and nothing is written.
//
//===----------------------------------------------------------------------===//

#include "TestArrays.h"

#include "llvm/Support/FormatVariadic.h"
#include "gtest/gtest.h"

using namespace ps_test;
using namespace mlir::ps::runtime;

namespace {

const char *kChecksKernel = R"mlir(
ps.kernel @checks(%a: !ps.field<?x5xf64> {ps.name = "a"},
                  %b: !ps.field<?x?xf64, layout c> {ps.name = "b", ps.alignment = 64 : i64, ps.contiguous},
                  %n: i8 {ps.name = "n"}, %s: f32 {ps.name = "s"}) {
  ps.iterate (%x, %y) in %a slice [0:3, 0:] : !ps.field<?x5xf64> {
    %v = ps.load %a[1, 0] : !ps.field<?x5xf64>
    %nf = ps.cast %n : i8 to f64
    %sf = ps.cast %s : f32 to f64
    %t = ps.add %v, %nf : f64
    %u = ps.mul %t, %sf : f64
    ps.store %u, %b[0, 0] : !ps.field<?x?xf64, layout c>
  }
}
)mlir";

class ArgumentChecks : public ::testing::Test {
protected:
  void SetUp() override {
    auto compiled = JitModule::compile(kChecksKernel);
    ASSERT_TRUE(bool(compiled)) << llvm::toString(compiled.takeError());
    jit = std::move(*compiled);
    kernel = jit->lookup("checks");
    ASSERT_TRUE(kernel);
    a.fill(1);
    b.fill(2);
  }

  ArgumentList validArgs() {
    return ArgumentList()
        .field("a", a.view())
        .field("b", b.view())
        .scalar("n", int64_t(3))
        .scalar("s", 0.5);
  }

  /// Calls with `args`, expects `message`, and checks nothing was written.
  void expectError(const ArgumentList &args, const std::string &message) {
    std::vector<double> before = b.storage;
    llvm::Error error = (*kernel)(args);
    ASSERT_TRUE(bool(error)) << "expected: " << message;
    EXPECT_EQ(llvm::toString(std::move(error)), message);
    EXPECT_EQ(b.storage, before);
  }

  std::unique_ptr<JitModule> jit;
  const Kernel *kernel = nullptr;
  Array<double> a{{4, 5}, {1, 0}};
  Array<double> b{{4, 5}, {0, 1}};
};

TEST_F(ArgumentChecks, ValidCallComputes) {
  Array<double> ref = b;
  for (int64_t x = 0; x < 3; ++x)
    for (int64_t y = 0; y < 5; ++y)
      ref.at({x, y}) = (a.at({x + 1, y}) + 3.0) * 0.5;
  llvm::Error error = (*kernel)(validArgs());
  ASSERT_FALSE(bool(error)) << llvm::toString(std::move(error));
  EXPECT_EQ(b.storage, ref.storage);
}

TEST_F(ArgumentChecks, MissingArgument) {
  ArgumentList args = ArgumentList()
                          .field("a", a.view())
                          .field("b", b.view())
                          .scalar("n", int64_t(3));
  expectError(args, "missing argument 's' (a scalar of type f32)");
}

TEST_F(ArgumentChecks, UnknownArgument) {
  expectError(validArgs().scalar("t", 1.0),
              "unknown argument 't'; kernel 'checks' takes: a, b, n, s");
}

TEST_F(ArgumentChecks, ScalarForField) {
  expectError(validArgs().scalar("a", 1.0),
              "argument 'a' must be a field of f64 with 2 spatial and 0 index "
              "dimensions, got a scalar");
}

TEST_F(ArgumentChecks, FieldForScalar) {
  expectError(validArgs().field("s", a.view()),
              "argument 's' must be a scalar of type f32, got a field");
}

TEST_F(ArgumentChecks, NullData) {
  BufferView view = a.view();
  view.data = nullptr;
  expectError(validArgs().field("a", view),
              "argument 'a': the data pointer is null");
}

TEST_F(ArgumentChecks, ElementType) {
  Array<float> wrong({4, 5}, {1, 0});
  expectError(validArgs().field("a", wrong.view()),
              "argument 'a': element type f32, expected f64");
}

TEST_F(ArgumentChecks, Rank) {
  Array<double> wrong({4, 5, 2}, {2, 1, 0});
  expectError(validArgs().field("a", wrong.view()),
              "argument 'a': 3 dimensions, expected 2 (2 spatial and 0 index)");
}

TEST_F(ArgumentChecks, StrideCount) {
  BufferView view = a.view();
  view.strides.pop_back();
  expectError(validArgs().field("a", view),
              "argument 'a': 2 extents but 1 strides");
}

TEST_F(ArgumentChecks, NegativeExtent) {
  BufferView view = a.view();
  view.shape[0] = -4;
  expectError(validArgs().field("a", view),
              "argument 'a': negative extent -4 in dimension 0");
}

TEST_F(ArgumentChecks, FixedExtent) {
  Array<double> wrong({4, 6}, {1, 0});
  expectError(validArgs().field("a", wrong.view()),
              "argument 'a': extent 6 in dimension 1, expected 5");
}

TEST_F(ArgumentChecks, NonPositiveStride) {
  BufferView view = a.view();
  view.strides[1] = 0;
  expectError(
      validArgs().field("a", view),
      "argument 'a': stride 0 in dimension 1; strides must be positive");
}

TEST_F(ArgumentChecks, LayoutStride) {
  // `a` is fzyx: x (dimension 0) must be contiguous.
  Array<double> wrong({4, 5}, {0, 1});
  expectError(validArgs().field("a", wrong.view()),
              "argument 'a': stride 5 in dimension 0, expected 1 (the field's "
              "layout)");
}

TEST_F(ArgumentChecks, StridedViewAllowedWhereTheKernelAllowsIt) {
  Array<double> padded({4, 5}, {1, 0}, /*padding=*/3);
  padded.fill(1);
  llvm::Error error = (*kernel)(validArgs().field("a", padded.view()));
  EXPECT_FALSE(bool(error)) << llvm::toString(std::move(error));
}

TEST_F(ArgumentChecks, Contiguous) {
  Array<double> padded({4, 5}, {0, 1}, /*padding=*/2);
  expectError(validArgs().field("b", padded.view()),
              "argument 'b': stride 7 in dimension 0, expected 5: the kernel "
              "requires contiguous memory");
}

TEST_F(ArgumentChecks, Alignment) {
  BufferView view = b.view();
  view.data = static_cast<double *>(view.data) + 1;
  std::string pointer = llvm::formatv("{0}", view.data).str();
  expectError(validArgs().field("b", view), "argument 'b': data pointer " +
                                                pointer +
                                                " is not aligned to 64 bytes");
}

TEST_F(ArgumentChecks, ElementAlignment) {
  BufferView view = a.view();
  view.data = static_cast<char *>(view.data) + 4;
  std::string pointer = llvm::formatv("{0}", view.data).str();
  expectError(validArgs().field("a", view),
              "argument 'a': data pointer " + pointer +
                  " is not aligned to its element size 8");
}

TEST_F(ArgumentChecks, SharedSpatialShape) {
  Array<double> other({5, 5}, {0, 1});
  expectError(validArgs().field("b", other.view()),
              "argument 'b': spatial shape [5, 5] differs from [4, 5] of "
              "argument 'a'; the fields of a kernel share one shape");
}

TEST_F(ArgumentChecks, MinimumExtent) {
  Array<double> smallA({3, 5}, {1, 0}), smallB({3, 5}, {0, 1});
  expectError(ArgumentList()
                  .field("a", smallA.view())
                  .field("b", smallB.view())
                  .scalar("n", int64_t(3))
                  .scalar("s", 0.5),
              "argument 'a': extent 3 in dimension 0 is too small: a slice "
              "stops at 3 and its accesses reach 1 beyond, so at least 4 are "
              "needed");
}

TEST_F(ArgumentChecks, Aliasing) {
  // `b` viewed over `a`'s memory: the kernel may not see aliasing fields.
  BufferView overA{a.view().data, ScalarType::f64, {4, 5}, {5, 1}};
  expectError(validArgs().field("b", overA),
              "arguments 'a' and 'b' overlap in memory; the fields of a "
              "kernel must not alias");
}

TEST_F(ArgumentChecks, IntegerRange) {
  expectError(validArgs().scalar("n", int64_t(300)),
              "argument 'n': 300 does not fit the parameter type i8");
}

TEST_F(ArgumentChecks, FloatForInteger) {
  expectError(validArgs().scalar("n", 2.5),
              "argument 'n': expected an integer for a parameter of type i8, "
              "got the float 2.5");
}

TEST(JitCompile, DiagnosticsComeBackAsErrors) {
  auto compiled = JitModule::compile(R"mlir(
ps.kernel @bad(%u: !ps.field<?xf64>) {
  ps.iterate (%x) in %u ghost 1 : !ps.field<?xf64> {
    %v = ps.load %u[-1] : !ps.field<?xf64>
    ps.store %v, %u[0] : !ps.field<?xf64>
  }
}
)mlir");
  ASSERT_FALSE(bool(compiled));
  std::string message = llvm::toString(compiled.takeError());
  EXPECT_NE(message.find("preparing and lowering the kernels failed"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("loop-carried dependence"), std::string::npos)
      << message;
}

} // namespace
