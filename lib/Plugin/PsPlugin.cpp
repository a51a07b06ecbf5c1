//===- PsPlugin.cpp - The ps dialect and passes as mlir-opt plugins -------===//
//
// Lets an mlir-opt built elsewhere (Debian's mlir-opt-22) read and transform
// ps kernels:
//   mlir-opt --load-dialect-plugin=libPsPlugin.so \
//            --load-pass-plugin=libPsPlugin.so ...
// The plugin links the same libMLIR.so as the tool, so the ps types live in
// the tool's one copy of MLIR. The pass plugin has the ps passes, the
// conversions out of ps and ps-lower-to-llvm-pipeline; the GPU pipelines
// stay with ps-opt (they need the GPU targets' translations registered).
//
//===----------------------------------------------------------------------===//

#include "Stencil/Conversion/Passes.h"
#include "Stencil/IR/PsDialect.h"
#include "Stencil/Pipelines/Passes.h"
#include "Stencil/Transforms/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

using namespace mlir;

/// The ps dialect and scf, whose scf.if and scf.yield a kernel may hold for
/// conditional code. The ps passes declare no dependent dialects: they
/// create ps operations only.
static void registerPsDialects(DialectRegistry *registry) {
  registry->insert<ps::PsDialect, scf::SCFDialect>();
}

/// The entry point of --load-dialect-plugin.
extern "C" LLVM_ATTRIBUTE_WEAK DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "PsDialect", PS_VERSION_STRING,
          registerPsDialects};
}

/// The entry point of --load-pass-plugin: the passes of
/// Stencil/Transforms/Passes.td and Stencil/Conversion/Passes.td, and the
/// CPU pipeline.
extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "PsPasses", PS_VERSION_STRING, [] {
            ps::registerPsPasses();
            ps::registerPsConversionPasses();
            ps::registerPsCpuPipelines();
          }};
}
