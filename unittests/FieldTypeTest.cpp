//===- FieldTypeTest.cpp - Tests of !ps.field -----------------------------===//

#include "Stencil/IR/PsOps.h"

#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::ps;

namespace {

class FieldTypeTest : public ::testing::Test {
protected:
  FieldTypeTest() { context.loadDialect<PsDialect>(); }
  MLIRContext context;
  Type f64 = Float64Type::get(&context);
  static constexpr int64_t dyn = ShapedType::kDynamic;
};

TEST_F(FieldTypeTest, FzyxMakesXContiguousAndComponentsSlowest) {
  auto field = FieldType::get({4, 5, 6}, f64, {19});
  EXPECT_EQ(field.getRank(), 4u);
  EXPECT_EQ(field.getStaticStrides(), (SmallVector<int64_t>{1, 4, 20, 120}));
  EXPECT_EQ(field.getContiguousDim(), 0u);
}

TEST_F(FieldTypeTest, ZyxfMakesComponentsContiguous) {
  auto field = FieldType::get({4, 5, 6}, f64, {19}, Layout::zyxf);
  EXPECT_EQ(field.getStaticStrides(), (SmallVector<int64_t>{19, 76, 380, 1}));
  EXPECT_EQ(field.getContiguousDim(), 3u);
}

TEST_F(FieldTypeTest, CLayoutIsRowMajor) {
  auto field = FieldType::get({4, 5}, f64, {}, Layout::c);
  EXPECT_EQ(field.getStaticStrides(), (SmallVector<int64_t>{5, 1}));
}

TEST_F(FieldTypeTest, DynamicExtentsGiveDynamicOuterStrides) {
  auto field = FieldType::get({dyn, dyn}, f64);
  EXPECT_EQ(field.getStaticStrides(), (SmallVector<int64_t>{1, dyn}));
  EXPECT_EQ(field.getContiguousDim(), 0u);
}

TEST_F(FieldTypeTest, ExplicitStridesAreKept) {
  auto field = FieldType::get({dyn, dyn}, f64, {}, Layout::strided, {dyn, dyn});
  EXPECT_EQ(field.getStaticStrides(), (SmallVector<int64_t>{dyn, dyn}));
  EXPECT_FALSE(field.getContiguousDim().has_value());
}

TEST_F(FieldTypeTest, InvalidParametersAreDiagnosedNotAsserted) {
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  Location loc = UnknownLoc::get(&context);
  EXPECT_FALSE(FieldType::getChecked(loc, &context, ArrayRef<int64_t>{4}, f64,
                                     ArrayRef<int64_t>{}, Layout::fzyx,
                                     ArrayRef<int64_t>{}, int64_t(2)));
  EXPECT_NE(message.find("leave no interior"), std::string::npos) << message;
  EXPECT_FALSE(FieldType::getChecked(loc, &context, ArrayRef<int64_t>{}, f64,
                                     ArrayRef<int64_t>{}, Layout::fzyx,
                                     ArrayRef<int64_t>{}, int64_t(0)));
  EXPECT_NE(message.find("1 to 3 spatial dimensions"), std::string::npos)
      << message;
  // The parser always pairs strides with the strided layout; the C++ API
  // can mix them up, and the verifier says so.
  EXPECT_FALSE(FieldType::getChecked(loc, &context, ArrayRef<int64_t>{4}, f64,
                                     ArrayRef<int64_t>{}, Layout::c,
                                     ArrayRef<int64_t>{1}, int64_t(0)));
  EXPECT_NE(message.find("explicit strides need the strided layout"),
            std::string::npos)
      << message;
}

} // namespace
