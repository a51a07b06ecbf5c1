//===- Arguments.h - Arguments of a kernel call -----------------*- C++ -*-===//

#ifndef STENCIL_RUNTIME_ARGUMENTS_H
#define STENCIL_RUNTIME_ARGUMENTS_H

#include "Stencil/Runtime/KernelInfo.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <variant>

namespace mlir::ps::runtime {

/// A strided n-d array the caller owns: a pointer to its first element, its
/// element type, and its extents and strides in elements (spatial then index
/// dimensions, as the kernel's field type lists them).
struct BufferView {
  void *data = nullptr;
  ScalarType type = ScalarType::f64;
  std::vector<int64_t> shape;
  std::vector<int64_t> strides;
};

/// The arguments of one call, by parameter name.
class ArgumentList {
public:
  ArgumentList &field(llvm::StringRef name, BufferView view);
  /// A float scalar; it is rounded to the parameter's float type.
  ArgumentList &scalar(llvm::StringRef name, double value);
  /// An integer scalar; it must fit the parameter's integer type.
  ArgumentList &scalar(llvm::StringRef name, int64_t value);
  /// A reduction result: a pointer to one element of `type`, which the
  /// caller initializes (with the operator's identity, or a running value)
  /// and the kernel combines its points into. A one-element BufferView
  /// passed with field() is taken as well.
  ArgumentList &result(llvm::StringRef name, void *data, ScalarType type);

  using Value = std::variant<BufferView, double, int64_t>;
  const llvm::StringMap<Value> &values() const { return entries; }

private:
  llvm::StringMap<Value> entries;
};

/// The argument of one parameter in the form the lowered kernel takes it:
/// for a field the memref descriptor (pointer, pointer, offset, extents,
/// strides), for a reduction result a 0-d one (pointer, pointer, offset),
/// for a scalar its bits.
struct PackedArguments {
  std::vector<int64_t> words;
  std::vector<void *> pointers;
};

/// Checks `args` against `info` as pystencils' cpujit does: no missing or
/// unknown argument, element types, ranks, fixed extents, one spatial shape
/// for all fields, strides, alignment, index-list coordinates and minimum
/// extents; a reduction result is one element of its type, aligned to it. Each error names the argument, what was expected and what came.
llvm::Error checkArguments(const KernelInfo &info, const ArgumentList &args);

/// Packs checked arguments for ExecutionEngine::invokePacked.
PackedArguments packArguments(const KernelInfo &info, const ArgumentList &args);

} // namespace mlir::ps::runtime

#endif // STENCIL_RUNTIME_ARGUMENTS_H
