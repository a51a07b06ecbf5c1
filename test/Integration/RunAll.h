//===- RunAll.h - Run every kernel of a module on fixed inputs --*- C++ -*-===//

#ifndef STENCIL_TEST_INTEGRATION_RUNALL_H
#define STENCIL_TEST_INTEGRATION_RUNALL_H

#include "Stencil/Compiler/JitModule.h"

#include <string>
#include <vector>

namespace ps_test {
using namespace mlir::ps::runtime;

/// Compile options from the text ps-lower-to-llvm-pipeline takes
/// ("vectorize=avx2 threads=2"); an empty text gives the defaults.
inline CompileOptions parseCompileOptions(llvm::StringRef text) {
  CompileOptions options;
  if (mlir::failed(options.parseFromString(text)))
    llvm::report_fatal_error("bad compile options in a test: " + text);
  return options;
}

/// Runs every kernel of `module` named in `names` on deterministic inputs
/// (fields of extent 9, scalars 0.375 or 3) and returns the bytes of every
/// field afterwards; sets `error` on failure. Each field starts 64-byte
/// aligned plus `shift` elements (unless the kernel requires an alignment),
/// so that callers can vary the alignment.

inline std::vector<std::vector<uint8_t>>
runAll(const KernelModule &module, const std::vector<std::string> &names,
       std::string &error, int64_t extent = 9, size_t shift = 0) {
  std::vector<std::vector<uint8_t>> outputs;
  for (const std::string &name : names) {
    const Kernel *kernel = module.lookup(name);
    if (!kernel) {
      error = "no kernel " + name;
      return {};
    }
    const KernelInfo &info = kernel->getInfo();
    std::vector<std::vector<uint8_t>> storage;
    std::vector<std::pair<size_t, size_t>> offsets;
    storage.reserve(info.parameters.size());
    ArgumentList args;
    for (const ParameterInfo &param : info.parameters) {
      if (!param.isField) {
        if (isFloat(param.type))
          args.scalar(param.name, 0.375);
        else
          args.scalar(param.name, int64_t(3));
        continue;
      }
      std::vector<int64_t> shape, strides(param.shape.size());
      for (size_t d = 0; d < param.shape.size(); ++d)
        shape.push_back(param.shape[d] != kDynamic ? param.shape[d]
                        : d < param.spatialRank    ? extent
                                                   : 1);
      int64_t running = 1;
      for (unsigned dim : llvm::reverse(param.memoryOrder)) {
        strides[dim] = running;
        running *= shape[dim];
      }
      size_t bytes = running * getByteSize(param.type);
      size_t shiftBytes = param.alignment ? 0 : shift * getByteSize(param.type);
      std::vector<uint8_t> data(bytes + 64 + shiftBytes);
      size_t offset = 0;
      while (reinterpret_cast<uintptr_t>(data.data() + offset) % 64)
        ++offset;
      offset += shiftBytes;
      // The pattern is relative to the aligned start, so that both runs see
      // the same inputs; only the array itself is compared afterwards.
      for (size_t i = 0; i < bytes; ++i)
        data[offset + i] = uint8_t((i * 37 + name.size()) % 61);
      storage.push_back(std::move(data));
      offsets.push_back({offset, bytes});
      uint8_t *base = storage.back().data() + offset;
      args.field(param.name, BufferView{base, param.type, shape, strides});
    }
    if (llvm::Error callError = (*kernel)(args)) {
      error = llvm::toString(std::move(callError));
      return {};
    }
    for (auto [data, range] : llvm::zip(storage, offsets))
      outputs.emplace_back(data.begin() + range.first,
                           data.begin() + range.first + range.second);
  }
  return outputs;
}

} // namespace ps_test

#endif // STENCIL_TEST_INTEGRATION_RUNALL_H
