//===- TestArrays.h - Strided arrays for the integration tests -*- C++ -*-===//

#ifndef STENCIL_TEST_INTEGRATION_TESTARRAYS_H
#define STENCIL_TEST_INTEGRATION_TESTARRAYS_H

#include "Stencil/Compiler/JitModule.h"

#include <cctype>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ps_test {

/// The dense kernels of the integration suite (source-relative paths), run
/// by the threaded and vectorized tests against the plain JIT.
inline const char *const kDenseKernelFiles[] = {
    "docs/examples/jacobi2d.mlir",   "docs/examples/heat3d.mlir",
    "docs/examples/d3q19.mlir",      "docs/examples/redblack.mlir",
    "docs/examples/coordinate.mlir", "bench/kernels/box27.mlir",
    "bench/kernels/star19.mlir"};

using mlir::ps::runtime::BufferView;
using mlir::ps::runtime::ScalarType;

template <typename T> constexpr ScalarType scalarTypeOf();
template <> constexpr ScalarType scalarTypeOf<double>() {
  return ScalarType::f64;
}
template <> constexpr ScalarType scalarTypeOf<float>() {
  return ScalarType::f32;
}
template <> constexpr ScalarType scalarTypeOf<int32_t>() {
  return ScalarType::i32;
}
template <> constexpr ScalarType scalarTypeOf<int64_t>() {
  return ScalarType::i64;
}

/// An n-d array with a given memory order (slowest dimension first) and
/// optional padding of the fastest dimension, so that views are strided.
template <typename T> struct Array {
  std::vector<int64_t> shape, strides;
  std::vector<T> storage;
  /// The first element, 64-byte aligned within `storage`.
  int64_t base = 0;

  Array(std::vector<int64_t> shape, std::vector<unsigned> order,
        int64_t padding = 0)
      : shape(shape), strides(shape.size()) {
    int64_t running = 1;
    for (size_t i = order.size(); i-- > 0;) {
      unsigned dim = order[i];
      strides[dim] = running;
      running *= shape[dim] + (i + 1 == order.size() ? padding : 0);
    }
    storage.assign(running + 1 + 64, T(-77));
    while (reinterpret_cast<uintptr_t>(&storage[base]) % 64 != 0)
      ++base;
  }

  T &at(const std::vector<int64_t> &index) {
    int64_t linear = base;
    for (size_t d = 0; d < index.size(); ++d)
      linear += index[d] * strides[d];
    return storage[linear];
  }

  /// Deterministic values in [-1, 1) (integers in [-50, 50)).
  void fill(uint64_t seed) {
    uint64_t state = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    for (T &value : storage) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      int64_t bits = static_cast<int64_t>((state >> 33) % 100000);
      if constexpr (std::is_floating_point_v<T>)
        value = static_cast<T>(bits) / T(50000) - T(1);
      else
        value = static_cast<T>(bits % 100 - 50);
    }
  }

  BufferView view() {
    return BufferView{&storage[base], scalarTypeOf<T>(), shape, strides};
  }
};

/// Calls `fn` for every index of `shape` (the last dimension fastest).
template <typename Fn>
void forEachIndex(const std::vector<int64_t> &shape, Fn fn) {
  std::vector<int64_t> index(shape.size(), 0);
  for (int64_t extent : shape)
    if (extent == 0)
      return;
  while (true) {
    fn(index);
    size_t d = shape.size();
    while (d-- > 0) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
    if (d == size_t(-1))
      return;
  }
}

/// A variant's name as a GoogleTest parameter name: letters and digits,
/// everything else `_` ("SIMD + OpenMP" is SIMD___OpenMP).
inline std::string toTestName(std::string name) {
  for (char &ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)))
      ch = '_';
  return name;
}

inline std::string readFile(const std::string &path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string examplePath(const std::string &name) {
  return std::string(PS_SOURCE_DIR) + "/docs/examples/" + name;
}

} // namespace ps_test

#endif // STENCIL_TEST_INTEGRATION_TESTARRAYS_H
