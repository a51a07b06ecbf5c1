//===- KernelBuilderTest.cpp - Tests of the C++ kernel builder ------------===//

#include "Stencil/Builder/KernelBuilder.h"
#include "Stencil/InitAll.h"
#include "Stencil/Transforms/Passes.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::ps;

namespace {

class KernelBuilderTest : public ::testing::Test {
protected:
  KernelBuilderTest() {
    DialectRegistry registry;
    registerPsDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
    module = ModuleOp::create(UnknownLoc::get(&context));
  }

  /// Runs ps-analyze and ps-typify on the module, collecting diagnostics.
  LogicalResult typifyAndAnalyze() {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      diagnostics.push_back(diag.str());
      return success();
    });
    PassManager pm(&context);
    OpPassManager &kernelPm = pm.nest<KernelOp>();
    kernelPm.addPass(createPsTypify());
    kernelPm.addPass(createPsAnalyze());
    return pm.run(*module);
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::vector<std::string> diagnostics;
};

TEST_F(KernelBuilderTest, BuildsAndTypifiesJacobi2D) {
  KernelBuilder kb(*module, "jacobi2d");
  Type f64 = kb.getBuilder().getF64Type();
  auto fieldType = FieldType::get({ShapedType::kDynamic, ShapedType::kDynamic},
                                  f64, {}, Layout::fzyx, {}, 1);
  Value src = kb.addField("src", fieldType);
  Value dst =
      kb.addField("dst", fieldType, {/*alignment=*/64, /*contiguous=*/true});
  ValueRange counters = kb.beginIterate(dst, /*ghostLayers=*/1);
  EXPECT_EQ(counters.size(), 2u);
  Value sum = kb.add(kb.add(kb.load(src, {-1, 0}), kb.load(src, {1, 0})),
                     kb.add(kb.load(src, {0, -1}), kb.load(src, {0, 1})));
  Value mean = kb.mul(sum, kb.constant(0.25));
  EXPECT_TRUE(isa<UntypedType>(mean.getType()));
  kb.store(mean, dst, {0, 0});
  kb.endIterationSpace();
  ASSERT_TRUE(succeeded(kb.verify()));

  ASSERT_TRUE(succeeded(typifyAndAnalyze()));
  EXPECT_EQ(mean.getType(), f64);
  EXPECT_EQ(counters[0].getType(), kb.getBuilder().getI64Type());
  KernelOp kernel = kb.getKernel();
  EXPECT_EQ(kernel.getNumArguments(), 2u);
  // Callers pass arguments by these names, and diagnostics use them.
  EXPECT_EQ(kernel.getParameterName(0), "src");
  EXPECT_EQ(kernel.getParameterName(1), "dst");
  EXPECT_EQ(
      kernel.getArgAttrOfType<IntegerAttr>(1, PsDialect::getAlignmentAttrName())
          .getInt(),
      64);
  auto constant = cast<ConstantOp>(
      cast<MulOp>(mean.getDefiningOp()).getRhs().getDefiningOp());
  EXPECT_EQ(constant.getValue(), FloatAttr::get(f64, 0.25));
}

TEST_F(KernelBuilderTest, UntypedSymbolsTakeTheDefaultType) {
  KernelBuilder kb(*module, "scale");
  Type f32 = kb.getBuilder().getF32Type();
  Value f = kb.addField("f", FieldType::get({8}, f32));
  // Unnamed: the parameter is called arg1.
  Value s = kb.addSymbol("");
  kb.beginIterate(f, 0);
  kb.store(kb.mul(kb.load(f, {0}), s), f, {0});
  kb.endIterationSpace();
  ASSERT_TRUE(succeeded(kb.verify()));
  // The symbol defaults to f64 and meets an f32: strict typing rejects it.
  EXPECT_TRUE(failed(typifyAndAnalyze()));
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_NE(diagnostics.front().find("mixes types"), std::string::npos)
      << diagnostics.front();
  EXPECT_EQ(kb.getKernel().getParameterName(1), "arg1");
}

TEST_F(KernelBuilderTest, AnalysisRejectsInPlaceGaussSeidel) {
  KernelBuilder kb(*module, "gauss_seidel");
  Type f64 = kb.getBuilder().getF64Type();
  Value u = kb.addField("u", FieldType::get({ShapedType::kDynamic}, f64));
  kb.beginIterate(u, 1);
  Value avg =
      kb.mul(kb.add(kb.load(u, {-1}), kb.load(u, {1})), kb.constant(0.5, f64));
  kb.store(avg, u, {0});
  kb.endIterationSpace();
  ASSERT_TRUE(succeeded(kb.verify()));
  EXPECT_TRUE(failed(typifyAndAnalyze()));
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_NE(diagnostics[0].find("loop-carried dependence: parameter 'u'"),
            std::string::npos)
      << diagnostics[0];
}

TEST_F(KernelBuilderTest, BuildsSlicesAndSparseSpaces) {
  KernelBuilder kb(*module, "mixed");
  Type f64 = kb.getBuilder().getF64Type();
  Type i64 = kb.getBuilder().getI64Type();
  Value u = kb.addField(
      "u", FieldType::get({ShapedType::kDynamic, ShapedType::kDynamic}, f64));
  Value list =
      kb.addField("list", FieldType::get({ShapedType::kDynamic}, i64, {2}));
  kb.beginIterate(u, {Slice{1, -1, 2}, Slice{1, -1, 2}});
  kb.store(kb.constant(int64_t(1)), u, {0, 0});
  kb.endIterationSpace();
  ValueRange counters = kb.beginIterateSparse(list, 2);
  Value xf = kb.cast(counters[0], f64);
  kb.store(xf, u, {0, 0});
  kb.endIterationSpace();
  ASSERT_TRUE(succeeded(kb.verify()));
  ASSERT_TRUE(succeeded(typifyAndAnalyze()));
  auto spaces = kb.getKernel().getBody().getOps<IterateOp>();
  IterateOp dense = *spaces.begin();
  EXPECT_EQ(dense.getSteps(), ArrayRef<int64_t>({2, 2}));
  EXPECT_EQ(counters[0].getType(), i64);
}

TEST_F(KernelBuilderTest, MismatchedTypesFailVerificationWithADiagnostic) {
  KernelBuilder kb(*module, "bad");
  Type f32 = kb.getBuilder().getF32Type();
  Type f64 = kb.getBuilder().getF64Type();
  Value f = kb.addField("f", FieldType::get({4}, f64));
  kb.beginIterate(f, 0);
  kb.store(kb.load(f, {0}), f, {0});
  Value mixed = kb.add(kb.constant(1.0, f32), kb.constant(2.0, f64));
  (void)mixed;
  kb.endIterationSpace();
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    diagnostics.push_back(diag.str());
    return success();
  });
  EXPECT_TRUE(failed(kb.verify()));
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_NE(diagnostics.front().find("no implicit casts"), std::string::npos)
      << diagnostics.front();
}

} // namespace
