//===- LowerToGPU.cpp - ps kernels to NVPTX and AMDGPU binaries -----------===//

#include "Stencil/Conversion/Passes.h"
#include "Stencil/Pipelines/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::ps;

//===----------------------------------------------------------------------===//
// GPU pipelines
//===----------------------------------------------------------------------===//

namespace {

/// Checks the options both GPU pipelines share.
template <typename Options>
LogicalResult
verifyCommonGpuOptions(const Options &options,
                       function_ref<LogicalResult(const Twine &)> error) {
  if (options.blockSize.size() > 3)
    return error("block-size takes at most 3 entries (x, y, z)");
  int64_t threads = 1;
  for (int64_t size : options.blockSize) {
    if (size <= 0)
      return error("block-size entries must be positive");
    threads *= size;
    if (threads > 1024)
      return error("block-size asks for more than 1024 threads per block");
  }
  if (options.scheme == GpuIndexingScheme::Blockwise &&
      options.blockSize.size() > 1)
    return error("the blockwise scheme takes one block size (threads along "
                 "the contiguous dimension)");
  if (options.optLevel > 3)
    return error("opt-level must be 0, 1, 2 or 3");
  return success();
}

/// The passes both GPU pipelines run before the target-specific ones:
/// prepare the kernels, map them to gpu.launch, outline the kernels.
template <typename Options>
void buildGpuCommonPipeline(OpPassManager &pm, const Options &options) {
  buildPrepareKernelsPipeline(pm, options.optimize);
  ConvertPsToGpuOptions toGpu;
  toGpu.scheme = options.scheme;
  toGpu.blockSize = llvm::to_vector(options.blockSize);
  pm.addPass(createConvertPsToGpu(toGpu));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createGpuKernelOutliningPass());
}

/// The passes after the target is attached: lower host and device code as
/// upstream's gpu-lower-to-nvvm-pipeline does, with the device lowering
/// `lowerDevice` in between, then check the toolkit and serialize.
void buildGpuLoweringPipeline(OpPassManager &pm,
                              function_ref<void(OpPassManager &)> lowerDevice,
                              llvm::StringRef toolkit, llvm::StringRef format) {
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createArithToLLVMConversionPass());
  ConvertIndexToLLVMPassOptions index;
  index.indexBitwidth = 64;
  pm.addPass(createConvertIndexToLLVMPass(index));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  OpPassManager &device = pm.nest<gpu::GPUModuleOp>();
  lowerDevice(device);
  device.addPass(createCanonicalizerPass());
  device.addPass(createCSEPass());
  device.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  // Fields never overlap: the kernels' pointers are noalias.
  PsMarkNoAliasOptions noAlias;
  noAlias.gpuKernels = true;
  pm.addPass(createPsMarkNoAlias(noAlias));
  PsCheckGpuToolkitOptions check;
  check.toolkit = toolkit.str();
  check.format = format.str();
  pm.addPass(createPsCheckGpuToolkit(check));
  GpuModuleToBinaryPassOptions binary;
  binary.toolkitPath = toolkit.str();
  binary.compilationTarget = format.str();
  pm.addPass(createGpuModuleToBinaryPass(binary));
}

const char *const kFormats[] = {"isa", "bin", "fatbin", "llvm", "offloading"};

} // namespace

LogicalResult
mlir::ps::verifyOptions(const LowerToNVVMPipelineOptions &options,
                        function_ref<LogicalResult(const Twine &)> error) {
  if (failed(verifyCommonGpuOptions(options, error)))
    return failure();
  llvm::StringRef chip = options.chip;
  unsigned version = 0;
  if (!chip.consume_front("sm_") || chip.consumeInteger(10, version) ||
      !(chip.empty() || chip == "a" || chip == "f"))
    return error("chip '" + options.chip +
                 "' is not an NVIDIA architecture such as sm_80 or sm_90a");
  if (version < 75)
    return error("chip '" + options.chip +
                 "' is older than sm_75, which CUDA 13's ptxas no longer "
                 "accepts");
  llvm::StringRef features = options.features;
  unsigned ptx = 0;
  if (!features.empty() &&
      (!features.consume_front("+ptx") || features.consumeInteger(10, ptx) ||
       !features.empty()))
    return error("features '" + options.features +
                 "' is not a PTX version such as +ptx80");
  if (!llvm::is_contained(kFormats, options.format.getValue()))
    return error("format '" + options.format +
                 "' is none of isa, bin, fatbin, llvm, offloading");
  return success();
}

LogicalResult
mlir::ps::verifyOptions(const LowerToROCDLPipelineOptions &options,
                        function_ref<LogicalResult(const Twine &)> error) {
  if (failed(verifyCommonGpuOptions(options, error)))
    return failure();
  llvm::StringRef chip = options.chip;
  if (!chip.consume_front("gfx") || chip.size() < 3 ||
      !llvm::all_of(chip, llvm::isAlnum))
    return error("chip '" + options.chip +
                 "' is not an AMDGPU architecture such as gfx90a or gfx942");
  if (options.format == "fatbin" ||
      !llvm::is_contained(kFormats, options.format.getValue()))
    return error("format '" + options.format +
                 "' is none of isa, bin, llvm, offloading");
  return success();
}

std::string mlir::ps::getDefaultPtxFeatures(llvm::StringRef chip) {
  unsigned version = 0;
  if (!chip.consume_front("sm_") || chip.consumeInteger(10, version))
    return "+ptx80";
  if (version < 100)
    return "+ptx80"; // PTX 8.0: sm_90a
  if (version >= 110 && version < 120)
    return "+ptx90"; // PTX 9.0: sm_110
  return "+ptx88";   // PTX 8.8: sm_100 to sm_103, sm_120, sm_121
}

void mlir::ps::buildLowerToNVVMPipeline(
    OpPassManager &pm, const LowerToNVVMPipelineOptions &options) {
  buildGpuCommonPipeline(pm, options);
  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.features.empty()
                        ? getDefaultPtxFeatures(options.chip)
                        : options.features.getValue();
  target.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(target));
  std::string toolkit = options.cudaPath.empty() ? getDefaultCudaPath()
                                                 : options.cudaPath.getValue();
  buildGpuLoweringPipeline(
      pm,
      [](OpPassManager &device) {
        ConvertGpuOpsToNVVMOpsOptions nvvm;
        nvvm.indexBitwidth = 64;
        device.addPass(createConvertGpuOpsToNVVMOps(nvvm));
      },
      toolkit, options.format);
}

void mlir::ps::buildLowerToROCDLPipeline(
    OpPassManager &pm, const LowerToROCDLPipelineOptions &options) {
  buildGpuCommonPipeline(pm, options);
  GpuROCDLAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = options.optLevel;
  // Code object version 5: the newest that Debian's rocm-device-libs (5.2)
  // has an oclc_abi_version library for.
  target.abiVersion = "500";
  pm.addPass(createGpuROCDLAttachTarget(target));
  std::string toolkit = options.rocmPath.empty() ? getDefaultRocmPath()
                                                 : options.rocmPath.getValue();
  std::string chip = options.chip;
  buildGpuLoweringPipeline(
      pm,
      [chip](OpPassManager &device) {
        // Every math function of the dialect from the device library
        // (convert-gpu-to-rocdl maps only some).
        PsGpuMathToROCDLOptions math;
        math.chipset = chip;
        device.addPass(createPsGpuMathToROCDL(math));
        ConvertGpuOpsToROCDLOpsOptions rocdl;
        rocdl.chipset = chip;
        rocdl.indexBitwidth = 64;
        rocdl.runtime = gpu::amd::Runtime::HIP;
        device.addPass(createConvertGpuOpsToROCDLOps(rocdl));
      },
      toolkit, options.format);
}

/// Registers a pipeline whose options are checked before it is built.
template <typename Options>
static void
registerCheckedPipeline(llvm::StringRef name, llvm::StringRef description,
                        void (*build)(OpPassManager &, const Options &)) {
  registerPassPipeline(
      name, description,
      [build, name](OpPassManager &pm, llvm::StringRef text,
                    function_ref<LogicalResult(const Twine &)> errorHandler) {
        Options options;
        if (failed(options.parseFromString(text)))
          return failure();
        auto error = [&](const Twine &message) {
          return errorHandler(name + ": " + message);
        };
        if (failed(verifyOptions(options, error)))
          return failure();
        build(pm, options);
        return success();
      },
      [](function_ref<void(const mlir::detail::PassOptions &)> print) {
        print(Options());
      });
}

void mlir::ps::registerPsGpuPipelines() {
  registerCheckedPipeline<LowerToNVVMPipelineOptions>(
      "ps-lower-to-nvvm-pipeline",
      "Lower ps kernels to a host module in the LLVM dialect that launches "
      "NVPTX kernels (PTX, cubin or fatbin in gpu.binary ops)",
      buildLowerToNVVMPipeline);
  registerCheckedPipeline<LowerToROCDLPipelineOptions>(
      "ps-lower-to-rocdl-pipeline",
      "Lower ps kernels to a host module in the LLVM dialect that launches "
      "AMDGPU kernels (assembly or HSA code objects in gpu.binary ops)",
      buildLowerToROCDLPipeline);
}
