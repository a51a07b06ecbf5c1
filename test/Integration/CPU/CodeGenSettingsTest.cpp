//===- CodeGenSettingsTest.cpp - LLVM's settings for CPU kernels ----------===//
//
// CpuCodeGenScope turns LLVM's loop strength reduction off for the span of
// a CPU code generation, puts the process's value back after, and leaves
// alone an -disable-lsr the process gave itself.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Compiler/CodeGenSettings.h"
#include "Stencil/Compiler/JitModule.h"
#include "TestArrays.h"

#include "llvm/Support/CommandLine.h"

#include <gtest/gtest.h>

using namespace mlir::ps::runtime;

namespace {

llvm::cl::opt<bool> &getDisableLSR() {
  llvm::cl::Option *option = llvm::cl::getRegisteredOptions().lookup(
      "disable-lsr");
  EXPECT_NE(option, nullptr) << "LLVM no longer has -disable-lsr";
  return *static_cast<llvm::cl::opt<bool> *>(option);
}

TEST(CpuCodeGenScope, DisablesLoopStrengthReductionForItsSpan) {
  llvm::cl::opt<bool> &disableLSR = getDisableLSR();
  ASSERT_EQ(disableLSR.getNumOccurrences(), 0);
  ASSERT_FALSE(disableLSR);
  {
    CpuCodeGenScope scope;
    EXPECT_TRUE(scope.disablesLoopStrengthReduction());
    EXPECT_TRUE(disableLSR);
  }
  EXPECT_FALSE(disableLSR);
}

TEST(CpuCodeGenScope, KeepsTheProcesssOwnChoice) {
  llvm::cl::opt<bool> &disableLSR = getDisableLSR();
  // As ParseCommandLineOptions does for --disable-lsr=false.
  ASSERT_FALSE(disableLSR.addOccurrence(0, "disable-lsr", "false"));
  {
    CpuCodeGenScope scope;
    EXPECT_FALSE(scope.disablesLoopStrengthReduction());
    EXPECT_FALSE(disableLSR);
  }
  EXPECT_FALSE(disableLSR);
  disableLSR.reset();
  EXPECT_EQ(disableLSR.getNumOccurrences(), 0);
}

TEST(CpuCodeGenScope, JitCompilesRestoreTheSetting) {
  std::string source = ps_test::readFile(ps_test::examplePath("jacobi2d.mlir"));
  auto jit = JitModule::compile(source, CompileOptions());
  ASSERT_TRUE(static_cast<bool>(jit)) << llvm::toString(jit.takeError());
  EXPECT_FALSE(getDisableLSR());
}

} // namespace
