//===- Passes.h - Pipelines of the ps dialect -------------------*- C++ -*-===//

#ifndef STENCIL_PIPELINES_PASSES_H
#define STENCIL_PIPELINES_PASSES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::ps {

/// Options of ps-lower-to-llvm-pipeline.
struct LowerToLLVMPipelineOptions
    : public PassPipelineOptions<LowerToLLVMPipelineOptions> {
  PassOptions::Option<std::string> triple{
      *this, "triple", llvm::cl::desc("Target triple (default: the host's)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> cpu{
      *this, "cpu", llvm::cl::desc("Target CPU (default: the host's)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("Target features, e.g. +avx2,+fma (default: the host "
                     "CPU's)"),
      llvm::cl::init("")};
  PassOptions::Option<bool> optimize{
      *this, "optimize",
      llvm::cl::desc("Run ps-eliminate-constants, ps-hoist-invariants and "
                     "canonicalization before lowering"),
      llvm::cl::init(true)};
};

/// Takes a module of ps kernels to the LLVM dialect: typify and analyse each
/// kernel, simplify, lower to loops (convert-ps-to-scf) and then to LLVM, and
/// record the target.
void buildLowerToLLVMPipeline(OpPassManager &pm,
                              const LowerToLLVMPipelineOptions &options);

/// The part before convert-ps-to-scf: typify, analyse and (optionally)
/// simplify each kernel.
void buildPrepareKernelsPipeline(OpPassManager &pm, bool optimize);

/// Registers ps-lower-to-llvm-pipeline.
void registerPsPipelines();

} // namespace mlir::ps

#endif // STENCIL_PIPELINES_PASSES_H
