//===- DriverHooks.cpp - What a tool's command line adds to the driver ----===//

#include "Stencil/Compiler/DriverHooks.h"

using namespace mlir::ps::runtime;

static DriverHooks &hooks() {
  static DriverHooks instance;
  return instance;
}

void mlir::ps::runtime::setDriverHooks(DriverHooks newHooks) {
  hooks() = std::move(newHooks);
}

const DriverHooks &mlir::ps::runtime::getDriverHooks() { return hooks(); }
