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
  PassOptions::Option<int> threads{
      *this, "threads",
      llvm::cl::desc("OpenMP threads: -1 runs sequentially (the default), 0 "
                     "leaves the number to the OpenMP run-time "
                     "(OMP_NUM_THREADS), N uses N threads"),
      llvm::cl::init(-1)};
  PassOptions::Option<std::string> schedule{
      *this, "schedule",
      llvm::cl::desc("OpenMP loop schedule: static or dynamic"),
      llvm::cl::init("static")};
  PassOptions::Option<unsigned> chunk{
      *this, "chunk", llvm::cl::desc("OpenMP schedule chunk (0: default)"),
      llvm::cl::init(0)};
  PassOptions::Option<int> parallelDim{
      *this, "parallel-dim",
      llvm::cl::desc("Spatial dimension whose loop the threads split (-1: "
                     "the outermost)"),
      llvm::cl::init(-1)};
  PassOptions::Option<std::string> vectorize{
      *this, "vectorize",
      llvm::cl::desc("ps-vectorize's instruction set (sse4.2, avx2, avx512f, "
                     "neon, sve, host); empty (the default) leaves the loops "
                     "to LLVM's auto-vectorizer"),
      llvm::cl::init("")};
  PassOptions::Option<unsigned> lanes{
      *this, "lanes",
      llvm::cl::desc("ps-vectorize: elements per vector (0: a register)"),
      llvm::cl::init(0)};
  PassOptions::Option<std::string> remainder{
      *this, "remainder",
      llvm::cl::desc("ps-vectorize: the last partial vector, masked or scalar"),
      llvm::cl::init("masked")};
  PassOptions::Option<bool> aligned{
      *this, "aligned",
      llvm::cl::desc("ps-vectorize: peel until the first store is aligned"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> nontemporal{
      *this, "nontemporal",
      llvm::cl::desc("ps-vectorize: non-temporal (streaming) vector stores"),
      llvm::cl::init(false)};
  PassOptions::Option<unsigned> unroll{
      *this, "unroll",
      llvm::cl::desc("ps-vectorize: vectors per main-loop iteration"),
      llvm::cl::init(2)};
  PassOptions::Option<bool> reuse{
      *this, "reuse",
      llvm::cl::desc("ps-vectorize: load rows read at several x offsets once "
                     "and shuffle"),
      llvm::cl::init(false)};
  PassOptions::Option<unsigned> blockRows{
      *this, "block-rows",
      llvm::cl::desc("ps-block: rows of y per block of a 3D loop nest (0, "
                     "the default: no blocking)"),
      llvm::cl::init(0)};
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
