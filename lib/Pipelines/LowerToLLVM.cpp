//===- LowerToLLVM.cpp - ps kernels to the LLVM dialect for CPUs ----------===//

#include "Stencil/Conversion/MathToLibmvec/LibmvecFunctions.h"
#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/Vectorize/InstructionSets.h"
#include "Stencil/Pipelines/Passes.h"
#include "Stencil/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

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
  buildLowerPreparedKernelsToLLVMPipeline(pm, options);
}

/// convert-math-to-libmvec for the instruction set the loops were vectorized
/// for (`host` resolved: its architecture, registers and whether they are
/// scalable) and the glibc the kernels will run with: the compiling
/// machine's when they are for its CPU, else the oldest with libmvec on the
/// architecture.
static ConvertMathToLibmvecOptions
getLibmvecOptions(const LowerToLLVMPipelineOptions &options) {
  ConvertMathToLibmvecOptions libmvec;
  std::string name = options.getVectorizeInstructionSet();
  std::optional<InstructionSet> set =
      name == "host" ? getHostInstructionSet() : lookupInstructionSet(name);
  if (set) {
    libmvec.registerBits = set->registerBits;
    libmvec.abi = set->arch.str();
    libmvec.scalable = set->scalable;
  }
#ifdef __GLIBC__
  if (options.triple.empty())
    libmvec.glibc = gnu_get_libc_version();
#endif
  return libmvec;
}

/// ps-block, ps-vectorize and ps-parallelize with the pipeline's options.
static void addLoopTransforms(OpPassManager &pm,
                              const LowerToLLVMPipelineOptions &options) {
  if (options.blockRows != 0) {
    PsBlockOptions block;
    block.rows = options.blockRows;
    pm.addPass(createPsBlock(block));
  } else if (options.vectorize == "auto" && options.isVectorized()) {
    // The cost model's blocking: memory-bound 3D nests that read two or
    // more planes away in z keep those in the caches in blocks of 32 rows.
    // Nests of reach 1 (three planes) lost up to 30% with blocks on a
    // machine whose L3 serves them fast, and gained nothing elsewhere.
    PsBlockOptions block;
    block.rows = 32;
    block.minReach = 2;
    if (std::optional<InstructionSet> set =
            lookupInstructionSet(options.getVectorizeInstructionSet()))
      block.memoryBoundOnly = set->registerBits;
    pm.addPass(createPsBlock(block));
  }
  if (options.isVectorized()) {
    PsVectorizeOptions vectorize;
    vectorize.isa = options.getVectorizeInstructionSet();
    vectorize.lanes = options.lanes;
    vectorize.remainder = options.remainder;
    vectorize.aligned = options.aligned;
    vectorize.nontemporal = options.nontemporal;
    vectorize.unroll = options.unroll;
    vectorize.reuse = options.reuse;
    vectorize.alignRows = options.alignRows;
    vectorize.jam = options.jam;
    vectorize.jamPlanes = options.jamPlanes;
    vectorize.prefetch = options.prefetch;
    vectorize.gather = options.gather;
    vectorize.streamingAbove = options.streamingAbove;
    if (options.vectorMath == VectorMath::Libmvec) {
      // SVE loops with sin, pow, ... vectorize where libmvec will have a
      // function for them.
      ConvertMathToLibmvecOptions libmvec = getLibmvecOptions(options);
      if (libmvec.scalable) {
        std::vector<std::string> operations =
            getLibmvecOperations(libmvec.abi, libmvec.glibc);
        vectorize.vectorFunctions.assign(operations.begin(), operations.end());
      }
    }
    if (options.vectorize == "auto") {
      // The choices the cost model makes (docs/Rationale.md), quietly: the
      // user asked for none of them.
      vectorize.remarks = false;
      vectorize.costModel = true;
      if (options.streamingAbove == 0 && !options.nontemporal)
        vectorize.streamingAbove = getHostStreamingThresholdKiB();
    }
    pm.addPass(createPsVectorize(vectorize));
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }
  if (options.isParallel()) {
    PsParallelizeOptions parallel;
    parallel.numThreads = options.threads;
    parallel.schedule = options.schedule;
    parallel.chunk = options.chunk;
    parallel.dim = options.parallelDim;
    pm.addPass(createPsParallelize(parallel));
    // The OpenMP lowering needs the canonical form of omp regions.
    pm.addPass(createCanonicalizerPass());
  }
}

void mlir::ps::buildLowerPreparedKernelsToLLVMPipeline(
    OpPassManager &pm, const LowerToLLVMPipelineOptions &options) {
  if (options.contract)
    pm.nest<KernelOp>().addPass(createPsContract());
  pm.addPass(createConvertPsToScf());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  addLoopTransforms(pm, options);
  if (options.vectorMath == VectorMath::Libmvec)
    pm.addPass(createConvertMathToLibmvec(getLibmvecOptions(options)));
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
  if (options.isParallel())
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createPsMarkNoAlias());
  PsAttachTargetOptions target;
  target.triple = options.triple;
  target.cpu = options.cpu;
  target.features = options.features;
  // A cross compile for a named instruction set gets its features.
  if (target.features.empty() && !options.triple.empty())
    if (std::optional<InstructionSet> set =
            lookupInstructionSet(options.vectorize))
      target.features = set->features.str();
  pm.addPass(createPsAttachTarget(target));
}

bool LowerToLLVMPipelineOptions::isVectorized() const {
  return !getVectorizeInstructionSet().empty();
}

std::string LowerToLLVMPipelineOptions::getVectorizeInstructionSet() const {
  if (vectorize == "none")
    return "";
  if (vectorize != "auto")
    return vectorize;
  // Only for the host CPU as detected: a named CPU, features or a triple
  // may lack the host's sets.
  if (!triple.empty() || !cpu.empty() || !features.empty())
    return "";
  std::optional<InstructionSet> host = getHostInstructionSet();
  return host ? host->name.str() : "";
}

LogicalResult
mlir::ps::verifyOptions(const LowerToLLVMPipelineOptions &options,
                        function_ref<LogicalResult(const Twine &)> error) {
  if (options.optLevel > 3)
    return error("opt-level must be 0, 1, 2 or 3");
  if (options.threads < -1)
    return error("threads must be -1 (sequential), 0 (the OpenMP run-time's "
                 "choice) or a positive number");
  if (options.isVectorized() &&
      failed(checkVectorizeRanges(options.lanes, options.unroll, options.jam,
                                  options.jamPlanes, options.prefetch, error)))
    return failure();
  // An instruction set of another architecture: LLVM would drop its
  // features with a warning per function and compile generic code.
  llvm::Triple triple(options.triple.empty()
                          ? llvm::sys::getDefaultTargetTriple()
                          : std::string(options.triple));
  if (std::optional<InstructionSet> set =
          lookupInstructionSet(options.vectorize))
    if (triple.getArch() != llvm::Triple(set->arch).getArch())
      return error("vectorize=" + options.vectorize +
                   " is an instruction set "
                   "of " +
                   set->arch + ", not of the target " + triple.str());
  // Options of a pass that does not run would be dropped without a word.
  LowerToLLVMPipelineOptions defaults;
  auto changed = [](const auto &option, const auto &initial) {
    return option.getValue() != initial.getValue();
  };
  auto refuseUnused =
      [&](bool runs, llvm::StringRef pass, llvm::StringRef enabler,
          std::initializer_list<std::pair<llvm::StringRef, bool>> used) {
        if (!runs)
          for (auto [name, differs] : used)
            if (differs)
              return error(name + " is an option of " + pass +
                           ", which runs only with " + enabler);
        return success();
      };
  if (failed(refuseUnused(
          options.isVectorized(), "ps-vectorize", "vectorize=<instruction set>",
          {{"lanes", changed(options.lanes, defaults.lanes)},
           {"remainder", changed(options.remainder, defaults.remainder)},
           {"aligned", changed(options.aligned, defaults.aligned)},
           {"nontemporal", changed(options.nontemporal, defaults.nontemporal)},
           {"unroll", changed(options.unroll, defaults.unroll)},
           {"reuse", changed(options.reuse, defaults.reuse)},
           {"align-rows", changed(options.alignRows, defaults.alignRows)},
           {"jam", changed(options.jam, defaults.jam)},
           {"jam-planes", changed(options.jamPlanes, defaults.jamPlanes)},
           {"prefetch", changed(options.prefetch, defaults.prefetch)},
           {"gather", changed(options.gather, defaults.gather)},
           {"streaming-above",
            changed(options.streamingAbove, defaults.streamingAbove)},
           {"vector-math", changed(options.vectorMath, defaults.vectorMath)}})))
    return failure();
  if (failed(refuseUnused(
          options.isParallel(), "ps-parallelize", "threads=0 or more",
          {{"schedule", changed(options.schedule, defaults.schedule)},
           {"chunk", changed(options.chunk, defaults.chunk)},
           {"parallel-dim",
            changed(options.parallelDim, defaults.parallelDim)}})))
    return failure();
  return success();
}

void mlir::ps::registerPsCpuPipelines() {
  registerPassPipeline(
      "ps-lower-to-llvm-pipeline",
      "Lower ps kernels to the LLVM dialect for a CPU target (typify, analyse, "
      "simplify, convert-ps-to-scf, then to LLVM, and record the target)",
      [](OpPassManager &pm, llvm::StringRef text,
         function_ref<LogicalResult(const Twine &)> errorHandler) {
        LowerToLLVMPipelineOptions options;
        if (failed(options.parseFromString(text)))
          return failure();
        auto error = [&](const Twine &message) {
          return errorHandler("ps-lower-to-llvm-pipeline: " + message);
        };
        if (failed(verifyOptions(options, error)))
          return failure();
        buildLowerToLLVMPipeline(pm, options);
        return success();
      },
      [](function_ref<void(const mlir::detail::PassOptions &)> print) {
        print(LowerToLLVMPipelineOptions());
      });
}
