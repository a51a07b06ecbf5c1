//===- embed-jacobi.cpp - Use ps from another program ---------------------===//
//
// Registers the ps dialect and passes, builds a 2D Jacobi kernel with
// KernelBuilder, typifies it with a PassManager, compiles it with the JIT
// (explicit SIMD for this machine, two OpenMP threads) and compares every
// value with a scalar loop.
//
//===----------------------------------------------------------------------===//

#include "JacobiReference.h"
#include "Stencil/Builder/KernelBuilder.h"
#include "Stencil/Compiler/JitModule.h"
#include "Stencil/IR/PsDialect.h"
#include "Stencil/Transforms/Passes.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

int main() {
  registerPsPasses();
  MLIRContext context;
  context.loadDialect<PsDialect>();
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(&context));

  KernelBuilder kb(*module, "jacobi2d");
  Type f64 = kb.getBuilder().getF64Type();
  auto field = FieldType::get({ShapedType::kDynamic, ShapedType::kDynamic}, f64,
                              {}, Layout::fzyx, {}, 1);
  Value src = kb.addField("src", field);
  Value dst = kb.addField("dst", field);
  kb.beginIterate(dst, /*ghostLayers=*/1);
  Value sum = kb.add(kb.add(kb.load(src, {-1, 0}), kb.load(src, {1, 0})),
                     kb.add(kb.load(src, {0, -1}), kb.load(src, {0, 1})));
  kb.store(kb.mul(sum, kb.constant(0.25)), dst, {0, 0});
  kb.endIterationSpace();

  PassManager pm(&context);
  pm.nest<KernelOp>().addPass(createPsTypify());
  if (failed(kb.verify()) || failed(pm.run(*module)))
    return 1;
  std::string source;
  llvm::raw_string_ostream os(source);
  module->print(os);

  // Code generation options: those of ps-lower-to-llvm-pipeline.
  mlir::ps::runtime::CompileOptions options;
  options.vectorize = "host";
  options.threads = 2;
  if (failed(options.parseFromString("remainder=scalar jam=2")))
    return 1;
  auto jit = mlir::ps::runtime::JitModule::compile(source, options);
  if (!jit) {
    llvm::errs() << llvm::toString(jit.takeError()) << "\n";
    return 1;
  }
  const int64_t nx = 7, ny = 5;
  std::vector<double> in(nx * ny), out(nx * ny, 0.0);
  for (int64_t i = 0; i < nx * ny; ++i)
    in[i] = double(i % 11) * 0.5;
  llvm::Error error = (*(*jit)->lookup("jacobi2d"))(
      ArgumentList()
          .field("src", BufferView{in.data(), ScalarType::f64, {nx, ny}, {1, nx}})
          .field("dst",
                 BufferView{out.data(), ScalarType::f64, {nx, ny}, {1, nx}}));
  if (error) {
    llvm::errs() << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  int wrong = countWrongJacobiPoints(in.data(), out.data(), nx, ny);
  llvm::outs() << "embed-jacobi: " << (nx - 2) * (ny - 2) << " points, "
               << wrong << " wrong\n";
  return wrong != 0;
}
