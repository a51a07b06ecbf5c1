//===- KernelInfo.cpp - What a run-time knows about a kernel --------------===//

#include "Stencil/Runtime/KernelInfo.h"

using namespace mlir::ps;
using namespace mlir::ps::runtime;

const char *runtime::toString(ScalarType type) {
  switch (type) {
  case ScalarType::i1:
    return "i1";
  case ScalarType::i8:
    return "i8";
  case ScalarType::i16:
    return "i16";
  case ScalarType::i32:
    return "i32";
  case ScalarType::i64:
    return "i64";
  case ScalarType::f16:
    return "f16";
  case ScalarType::bf16:
    return "bf16";
  case ScalarType::f32:
    return "f32";
  case ScalarType::f64:
    return "f64";
  }
  return "?";
}

unsigned runtime::getByteSize(ScalarType type) {
  switch (type) {
  case ScalarType::i1:
  case ScalarType::i8:
    return 1;
  case ScalarType::i16:
  case ScalarType::f16:
  case ScalarType::bf16:
    return 2;
  case ScalarType::i32:
  case ScalarType::f32:
    return 4;
  case ScalarType::i64:
  case ScalarType::f64:
    return 8;
  }
  return 0;
}

bool runtime::isFloat(ScalarType type) {
  return type == ScalarType::f16 || type == ScalarType::bf16 ||
         type == ScalarType::f32 || type == ScalarType::f64;
}

const ParameterInfo *KernelInfo::findParameter(llvm::StringRef name) const {
  for (const ParameterInfo &param : parameters)
    if (param.name == name)
      return &param;
  return nullptr;
}


const char *mlir::ps::runtime::toString(ReductionOp op) {
  switch (op) {
  case ReductionOp::none:
    return "none";
  case ReductionOp::add:
    return "add";
  case ReductionOp::mul:
    return "mul";
  case ReductionOp::min:
    return "min";
  case ReductionOp::max:
    return "max";
  }
  return "none";
}
