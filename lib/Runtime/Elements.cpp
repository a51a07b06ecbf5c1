//===- Elements.cpp - Elements of a run-time type -------------------------===//

#include "Stencil/Runtime/Elements.h"

#include "llvm/ADT/APFloat.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace mlir::ps::runtime;

namespace {

/// The element at `address` as a T.
template <typename T> T load(const char *address) {
  T value;
  std::memcpy(&value, address, sizeof(T));
  return value;
}

template <typename T> void store(char *address, T value) {
  std::memcpy(address, &value, sizeof(T));
}

/// `value` truncated toward zero and saturated at T's range; NaN gives 0.
/// (A plain conversion of a double outside T's range is undefined.)
template <typename T> T toInteger(double value) {
  if (std::isnan(value))
    return 0;
  // The bounds as doubles: the upper one of int64_t rounds up to 2^63, so
  // compare with >= there.
  constexpr double lowest = double(std::numeric_limits<T>::min());
  constexpr double highest = double(std::numeric_limits<T>::max());
  if (value <= lowest)
    return std::numeric_limits<T>::min();
  if (value >= highest)
    return std::numeric_limits<T>::max();
  return T(value);
}

const llvm::fltSemantics &getHalfSemantics(ScalarType type) {
  return type == ScalarType::f16 ? llvm::APFloat::IEEEhalf()
                                 : llvm::APFloat::BFloat();
}

} // namespace

int64_t mlir::ps::runtime::readIntegerElement(const void *base,
                                              int64_t elementOffset,
                                              ScalarType type) {
  const char *address =
      static_cast<const char *>(base) + elementOffset * getByteSize(type);
  switch (type) {
  case ScalarType::i1:
  case ScalarType::i8:
    return load<int8_t>(address);
  case ScalarType::i16:
    return load<int16_t>(address);
  case ScalarType::i32:
    return load<int32_t>(address);
  default:
    return load<int64_t>(address);
  }
}

double mlir::ps::runtime::readElement(const void *base, int64_t elementOffset,
                                      ScalarType type) {
  const char *address =
      static_cast<const char *>(base) + elementOffset * getByteSize(type);
  switch (type) {
  case ScalarType::f64:
    return load<double>(address);
  case ScalarType::f32:
    return load<float>(address);
  case ScalarType::f16:
  case ScalarType::bf16:
    return llvm::APFloat(getHalfSemantics(type),
                         llvm::APInt(16, load<uint16_t>(address)))
        .convertToDouble();
  default:
    return double(readIntegerElement(base, elementOffset, type));
  }
}

void mlir::ps::runtime::writeElement(void *base, int64_t elementOffset,
                                     ScalarType type, double value) {
  char *address = static_cast<char *>(base) + elementOffset * getByteSize(type);
  switch (type) {
  case ScalarType::f64:
    return store<double>(address, value);
  case ScalarType::f32:
    return store<float>(address, float(value));
  case ScalarType::i64:
    return store<int64_t>(address, toInteger<int64_t>(value));
  case ScalarType::i32:
    return store<int32_t>(address, toInteger<int32_t>(value));
  case ScalarType::i16:
    return store<int16_t>(address, toInteger<int16_t>(value));
  case ScalarType::i8:
    return store<int8_t>(address, toInteger<int8_t>(value));
  case ScalarType::i1:
    return store<int8_t>(address, value != 0);
  case ScalarType::f16:
  case ScalarType::bf16: {
    llvm::APFloat half(value);
    bool losesInfo;
    half.convert(getHalfSemantics(type), llvm::APFloat::rmNearestTiesToEven,
                 &losesInfo);
    return store<uint16_t>(address,
                           uint16_t(half.bitcastToAPInt().getZExtValue()));
  }
  }
}
