//===- CheckGpuToolkit.cpp - Check tools and device libraries -------------===//
//
// gpu-module-to-binary leaves calls to device library functions unresolved
// when it finds no library (the PTX then fails to load on the device), and
// says little about what is missing when it finds no ptxas or ld.lld. This
// pass looks at what the lowered GPU modules call and at the format asked
// for, and says what to install before any binary is made.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Conversion/AttachTarget/IntrinsicTargets.h"
#include "Stencil/Conversion/Passes.h"
#include "Stencil/Conversion/PsToGpu/PsToGpu.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/LLVMIR/ROCDLDialect.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/TargetParser/Triple.h"

namespace mlir::ps {
#define GEN_PASS_DEF_PSCHECKGPUTOOLKIT
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;
using namespace mlir::ps;

namespace {

std::string joinPath(llvm::StringRef folder, llvm::StringRef relative) {
  llvm::SmallString<256> path(folder);
  llvm::sys::path::append(path, relative);
  return std::string(path);
}

/// `<toolkit>/bin/<tool>`, else the tool on PATH; empty if neither exists.
std::string findTool(llvm::StringRef toolkit, llvm::StringRef tool) {
  std::string inToolkit = joinPath(joinPath(toolkit, "bin"), tool);
  if (llvm::sys::fs::can_execute(inToolkit))
    return inToolkit;
  if (llvm::ErrorOr<std::string> onPath = llvm::sys::findProgramByName(tool))
    return *onPath;
  return "";
}

/// The external functions `module` calls, by the prefix of their name.
struct ExternalCalls {
  std::string libdevice, rocm, other;
};

ExternalCalls getExternalCalls(gpu::GPUModuleOp module) {
  ExternalCalls calls;
  for (auto func : module.getOps<LLVM::LLVMFuncOp>()) {
    if (!func.isExternal())
      continue;
    llvm::StringRef name = func.getSymName();
    std::string &slot =
        name.starts_with("__nv_") ? calls.libdevice
        : name.starts_with("__ocml_") || name.starts_with("__ockl_")
            ? calls.rocm
            : calls.other;
    if (slot.empty())
      slot = name.str();
  }
  return calls;
}

struct PsCheckGpuToolkitPass
    : ps::impl::PsCheckGpuToolkitBase<PsCheckGpuToolkitPass> {
  using Base::Base;

  /// Intrinsics of the host (a kernel body's x86 fence) or of another GPU
  /// would end the process in the device's instruction selection.
  LogicalResult checkIntrinsics(gpu::GPUModuleOp module, StringRef triple) {
    return ps::checkIntrinsicTargets(module, llvm::Triple(triple),
                                     "ps-check-gpu-toolkit");
  }

  LogicalResult checkNvvm(gpu::GPUModuleOp module, NVVM::NVVMTargetAttr) {
    std::string cuda = toolkit.empty() ? getDefaultCudaPath() : toolkit;
    ExternalCalls calls = getExternalCalls(module);
    if (!calls.libdevice.empty()) {
      std::string libdevice = joinPath(cuda, getLibdeviceRelativePath());
      if (!llvm::sys::fs::exists(libdevice))
        return module.emitError()
               << "GPU module @" << module.getName() << " calls "
               << calls.libdevice << " from libdevice, but " << libdevice
               << " does not exist: install the CUDA toolkit (its "
                  "nvvm/libdevice) or point cuda-path (CUDA_HOME) at it";
    }
    if (format == "bin" || format == "fatbin") {
      for (llvm::StringRef tool : {"ptxas", "fatbinary"}) {
        if (tool == "fatbinary" && format != "fatbin")
          continue;
        if (findTool(cuda, tool).empty())
          return module.emitError()
                 << "format " << format << " needs " << tool
                 << ", found neither in " << joinPath(cuda, "bin")
                 << " nor on PATH: install the CUDA toolkit, point "
                    "cuda-path (CUDA_HOME) at it, or use format=isa (PTX)";
      }
    }
    return success();
  }

  LogicalResult checkRocdl(gpu::GPUModuleOp module,
                           ROCDL::ROCDLTargetAttr target) {
    std::string rocm = toolkit.empty() ? getDefaultRocmPath() : toolkit;
    ExternalCalls calls = getExternalCalls(module);
    if (!calls.rocm.empty()) {
      std::string bitcode = joinPath(rocm, getRocmBitcodeRelativePath());
      llvm::StringRef chip = target.getChip();
      llvm::StringRef version = chip;
      version.consume_front("gfx");
      std::string isa = "oclc_isa_version_" + version.str() + ".bc";
      for (llvm::StringRef file :
           {llvm::StringRef("ocml.bc"), llvm::StringRef("ockl.bc"),
            llvm::StringRef(isa)})
        if (!llvm::sys::fs::exists(joinPath(bitcode, file)))
          return module.emitError()
                 << "GPU module @" << module.getName() << " calls "
                 << calls.rocm << " from the ROCm device libraries, but "
                 << joinPath(bitcode, file)
                 << " does not exist: install the ROCm device libraries "
                    "for "
                 << chip
                 << " (Debian: rocm-device-libs) or point rocm-path "
                    "(ROCM_PATH) at them";
    }
    if (format == "bin") {
      std::string lld = joinPath(rocm, "llvm/bin/ld.lld");
      if (!llvm::sys::fs::can_execute(lld))
        return module.emitError()
               << "format bin needs " << lld
               << " to link the AMDGPU code object: install ROCm, or point "
                  "rocm-path at a folder whose llvm/bin/ld.lld is LLVM's "
                  "ld.lld (Debian: lld-22), or use format=isa";
    }
    return success();
  }

  void runOnOperation() override {
    if (!llvm::is_contained({"isa", "bin", "fatbin", "llvm", "offloading"},
                            format)) {
      getOperation().emitError()
          << "ps-check-gpu-toolkit: unknown format '" << format
          << "' (expected isa, bin, fatbin, llvm or offloading)";
      return signalPassFailure();
    }
    WalkResult result = getOperation().walk([&](gpu::GPUModuleOp module) {
      ArrayAttr targets = module.getTargetsAttr();
      if (!targets || targets.empty()) {
        module.emitError() << "GPU module @" << module.getName()
                           << " has no target: attach one with "
                              "nvvm-attach-target or rocdl-attach-target";
        return WalkResult::interrupt();
      }
      std::string other = getExternalCalls(module).other;
      if (!other.empty()) {
        module.emitError() << "GPU module @" << module.getName() << " calls "
                           << other
                           << ", which no device library provides: the "
                              "binary would have an unresolved symbol";
        return WalkResult::interrupt();
      }
      for (Attribute attr : targets) {
        LogicalResult checked = success();
        if (auto nvvm = dyn_cast<NVVM::NVVMTargetAttr>(attr))
          checked = checkIntrinsics(module, nvvm.getTriple());
        else if (auto rocdl = dyn_cast<ROCDL::ROCDLTargetAttr>(attr))
          checked = checkIntrinsics(module, rocdl.getTriple());
        if (failed(checked))
          return WalkResult::interrupt();
        if (auto nvvm = dyn_cast<NVVM::NVVMTargetAttr>(attr))
          checked = checkNvvm(module, nvvm);
        else if (auto rocdl = dyn_cast<ROCDL::ROCDLTargetAttr>(attr))
          checked = checkRocdl(module, rocdl);
        if (failed(checked))
          return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
