//===- Pipelines.cpp - Pipelines of the ps dialect ------------------------===//

#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/Vectorize/InstructionSets.h"
#include "Stencil/Pipelines/Passes.h"
#include "Stencil/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::ps;

void mlir::ps::buildPrepareKernelsPipeline(OpPassManager &pm, bool optimize) {
  OpPassManager &kernels = pm.nest<KernelOp>();
  kernels.addPass(createPsTypify());
  kernels.addPass(createPsAnalyze());
  if (!optimize)
    return;
  kernels.addPass(createPsEliminateConstants());
  kernels.addPass(createPsHoistInvariants());
  kernels.addPass(createCanonicalizerPass());
}

void mlir::ps::buildLowerToLLVMPipeline(
    OpPassManager &pm, const LowerToLLVMPipelineOptions &options) {
  buildPrepareKernelsPipeline(pm, options.optimize);
  pm.addPass(createConvertPsToScf());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (options.blockRows != 0) {
    PsBlockOptions block;
    block.rows = options.blockRows;
    pm.addPass(createPsBlock(block));
  }
  if (!options.vectorize.empty()) {
    PsVectorizeOptions vectorize;
    vectorize.isa = options.vectorize;
    vectorize.lanes = options.lanes;
    vectorize.remainder = options.remainder;
    vectorize.aligned = options.aligned;
    vectorize.nontemporal = options.nontemporal;
    vectorize.unroll = options.unroll;
    vectorize.reuse = options.reuse;
    pm.addPass(createPsVectorize(vectorize));
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }
  if (options.threads >= 0) {
    PsParallelizeOptions parallel;
    parallel.numThreads = options.threads;
    parallel.schedule = options.schedule;
    parallel.chunk = options.chunk;
    parallel.dim = options.parallelDim;
    pm.addPass(createPsParallelize(parallel));
    // The OpenMP lowering needs the canonical form of omp regions.
    pm.addPass(createCanonicalizerPass());
  }
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // scf.for survives convert-to-llvm unless it goes to cf first.
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (options.threads >= 0)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createPsMarkNoAlias());
  PsAttachTargetOptions target;
  target.triple = options.triple;
  target.cpu = options.cpu;
  // A cross compile does not tune for the host's CPU.
  if (target.cpu.empty() && !options.triple.empty() &&
      options.triple != llvm::sys::getDefaultTargetTriple())
    target.cpu = "generic";
  target.features = options.features;
  // A cross compile for a named instruction set gets its features.
  if (target.features.empty() && !options.triple.empty())
    if (std::optional<InstructionSet> set =
            lookupInstructionSet(options.vectorize))
      target.features = set->features.str();
  pm.addPass(createPsAttachTarget(target));
}

void mlir::ps::registerPsPipelines() {
  PassPipelineRegistration<LowerToLLVMPipelineOptions>(
      "ps-lower-to-llvm-pipeline",
      "Lower ps kernels to the LLVM dialect for a CPU target (typify, analyse, "
      "simplify, convert-ps-to-scf, then to LLVM, and record the target)",
      buildLowerToLLVMPipeline);
}
