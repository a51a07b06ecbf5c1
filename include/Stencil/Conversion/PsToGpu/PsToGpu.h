//===- PsToGpu.h - Map ps iteration spaces to GPU launches ------*- C++ -*-===//

#ifndef STENCIL_CONVERSION_PSTOGPU_PSTOGPU_H
#define STENCIL_CONVERSION_PSTOGPU_PSTOGPU_H

#include "Stencil/Conversion/CodegenEnums.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::ps {

/// Replaces the loop nest that convert-ps-to-scf made from one iteration
/// space (outermost loop `outer`, loops carrying `ps.dim`) by a gpu.launch
/// with the index translation of `scheme` and guards for partial blocks.
/// `blockSize` has three positive entries.
LogicalResult mapLoopNestToGpu(scf::ForOp outer, GpuIndexingScheme scheme,
                               ArrayRef<int64_t> blockSize,
                               RewriterBase &rewriter);

/// The name of the libdevice bitcode below a CUDA toolkit folder.
inline llvm::StringRef getLibdeviceRelativePath() {
  return "nvvm/libdevice/libdevice.10.bc";
}
/// The folder of the ROCm device library bitcode below a ROCm folder.
inline llvm::StringRef getRocmBitcodeRelativePath() { return "amdgcn/bitcode"; }

/// The CUDA toolkit folder used when none is given: CUDA_HOME, CUDA_PATH or
/// /usr/local/cuda.
std::string getDefaultCudaPath();
/// The ROCm folder used when none is given: ROCM_PATH, else the folder the
/// build prepared from Debian's rocm-device-libs and ld.lld, else /opt/rocm.
std::string getDefaultRocmPath();

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_PSTOGPU_PSTOGPU_H
