//===- CodeGenSettings.cpp - LLVM's settings for CPU kernels --------------===//

#include "Stencil/Compiler/CodeGenSettings.h"

using namespace mlir::ps::runtime;

/// The one lock of all scopes: the option is one for the process.
static std::mutex &getScopeLock() {
  static std::mutex lock;
  return lock;
}

/// LLVM's -disable-lsr (a cl::opt<bool> of TargetPassConfig.cpp), or null.
static llvm::cl::opt<bool> *getDisableLSROption() {
  static auto *option = static_cast<llvm::cl::opt<bool> *>(
      llvm::cl::getRegisteredOptions().lookup("disable-lsr"));
  return option;
}

CpuCodeGenScope::CpuCodeGenScope() : lock(getScopeLock()) {
  llvm::cl::opt<bool> *disableLSR = getDisableLSROption();
  if (!disableLSR || disableLSR->getNumOccurrences() != 0)
    return;
  option = disableLSR;
  previous = option->getValue();
  option->setValue(true);
}

CpuCodeGenScope::~CpuCodeGenScope() {
  if (option)
    option->setValue(previous);
}
