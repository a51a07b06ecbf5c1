//===- PsPlugin.cpp - The ps dialect and passes as mlir-opt plugins -------===//
//
// Lets an mlir-opt built elsewhere (Debian's mlir-opt-22) read and transform
// ps kernels:
//   mlir-opt --load-dialect-plugin=libPsPlugin.so \
//            --load-pass-plugin=libPsPlugin.so ...
// The plugin links the same libMLIR.so as the tool, so the ps types live in
// the tool's one copy of MLIR. The ps pipelines are not here: they need the
// conversion libraries, which are ps-opt's.
//
//===----------------------------------------------------------------------===//

#include "Stencil/IR/PsDialect.h"
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

/// The entry point of --load-pass-plugin: the ps-* passes of
/// Stencil/Transforms/Passes.td.
extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "PsPasses", PS_VERSION_STRING,
          [] { ps::registerPsPasses(); }};
}
