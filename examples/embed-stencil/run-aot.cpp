//===- run-aot.cpp - Call an ahead-of-time kernel with the run-time only --===//
//
// Loads a shared library that `ps-compile --emit=shared` built from
// docs/examples/jacobi2d.mlir, takes the kernel descriptions from the
// library itself, and calls the kernel with checked arguments. It links
// MLIRPsRuntime and LLVM's Support library, no MLIR.
//
//===----------------------------------------------------------------------===//

#include "JacobiReference.h"
#include "Stencil/Runtime/KernelModule.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <vector>

using namespace mlir::ps::runtime;

int main(int argc, char **argv) {
  if (argc != 2) {
    llvm::errs() << "usage: run-aot <libjacobi2d.so>\n";
    return 2;
  }
  auto module = KernelModule::loadSharedLibrary(argv[1]);
  if (!module) {
    llvm::errs() << "run-aot: " << llvm::toString(module.takeError()) << "\n";
    return 1;
  }
  const Kernel *kernel = (*module)->lookup("jacobi2d");
  if (!kernel) {
    llvm::errs() << "run-aot: no kernel jacobi2d\n";
    return 1;
  }
  const int64_t nx = 6, ny = 5;
  // jacobi2d asks for a 64-byte aligned destination.
  double *out = static_cast<double *>(std::aligned_alloc(64, 64 * 8));
  std::vector<double> in(nx * ny);
  for (int64_t i = 0; i < nx * ny; ++i) {
    in[i] = double(i);
    out[i] = 0;
  }
  // A wrong shape is refused before anything runs.
  llvm::Error refused = (*kernel)(ArgumentList().field(
      "src", BufferView{in.data(), ScalarType::f32, {nx, ny}, {1, nx}}));
  llvm::outs() << "refused: " << llvm::toString(std::move(refused)) << "\n";
  llvm::Error error = (*kernel)(
      ArgumentList()
          .field("src", BufferView{in.data(), ScalarType::f64, {nx, ny}, {1, nx}})
          .field("dst", BufferView{out, ScalarType::f64, {nx, ny}, {1, nx}}));
  if (error) {
    llvm::errs() << "run-aot: " << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  int wrong = countWrongJacobiPoints(in.data(), out, nx, ny);
  std::free(out);
  llvm::outs() << "run-aot: " << (nx - 2) * (ny - 2) << " points, " << wrong
               << " wrong\n";
  return wrong != 0;
}
