//===- InitAll.cpp - Register everything of the project -------------------===//

#include "Stencil/InitAll.h"
#include "Stencil/Conversion/Passes.h"
#include "Stencil/IR/PsDialect.h"
#include "Stencil/Pipelines/Passes.h"
#include "Stencil/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

void mlir::ps::registerAllDialects(DialectRegistry &registry) {
  registry.insert<PsDialect, arith::ArithDialect, func::FuncDialect,
                  math::MathDialect, memref::MemRefDialect, scf::SCFDialect>();
}

void mlir::ps::registerAllPasses() {
  registerPsPasses();
  registerPsConversionPasses();
  registerPsPipelines();
}
