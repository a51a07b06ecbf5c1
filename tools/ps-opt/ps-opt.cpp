//===- ps-opt.cpp - The mlir-opt of the ps dialect ------------------------===//
//
// Parses, verifies, transforms and prints IR holding the ps dialect and the
// upstream dialects it lowers to, with every ps and upstream pass available.
//
//===----------------------------------------------------------------------===//

#include "Stencil/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::ps::registerAllPsPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::ps::registerPsDialects(registry);
  mlir::ps::registerPsGpuDialects(registry);

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "ps-opt: the optimizer driver of the ps stencil dialect\n",
      registry));
}
