//===- ElementsTest.cpp - Tests of run-time typed elements ----------------===//

#include "Stencil/Runtime/Elements.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace mlir::ps::runtime;

namespace {

/// `value` written to an element of `type` and read back.
int64_t roundTrip(ScalarType type, double value) {
  alignas(8) char element[8] = {};
  writeElement(element, 0, type, value);
  return readIntegerElement(element, 0, type);
}

TEST(ElementsTest, IntegersTruncateTowardZero) {
  EXPECT_EQ(roundTrip(ScalarType::i32, 2.9), 2);
  EXPECT_EQ(roundTrip(ScalarType::i32, -2.9), -2);
  EXPECT_EQ(roundTrip(ScalarType::i8, 127.5), 127);
}

TEST(ElementsTest, IntegersSaturateOutsideTheirRange) {
  EXPECT_EQ(roundTrip(ScalarType::i8, 300), 127);
  EXPECT_EQ(roundTrip(ScalarType::i8, -300), -128);
  EXPECT_EQ(roundTrip(ScalarType::i16, 1e9), 32767);
  EXPECT_EQ(roundTrip(ScalarType::i32, -1e30), -2147483648LL);
  EXPECT_EQ(roundTrip(ScalarType::i64, 1e30),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(roundTrip(ScalarType::i64, 9223372036854775807.0),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(roundTrip(ScalarType::i64, -INFINITY),
            std::numeric_limits<int64_t>::min());
}

TEST(ElementsTest, NaNGivesZero) {
  EXPECT_EQ(roundTrip(ScalarType::i32, NAN), 0);
  EXPECT_EQ(roundTrip(ScalarType::i64, NAN), 0);
}

TEST(ElementsTest, BooleansAreOneForAnyValueButZero) {
  EXPECT_EQ(roundTrip(ScalarType::i1, 0), 0);
  EXPECT_EQ(roundTrip(ScalarType::i1, 2), 1);
  EXPECT_EQ(roundTrip(ScalarType::i1, -0.5), 1);
}

TEST(ElementsTest, FloatsRoundToNearest) {
  alignas(8) char element[8] = {};
  writeElement(element, 0, ScalarType::f16, 1.0 + 1.0 / 4096);
  EXPECT_EQ(readElement(element, 0, ScalarType::f16), 1.0);
  writeElement(element, 0, ScalarType::f32, 0.1);
  EXPECT_EQ(readElement(element, 0, ScalarType::f32), double(0.1f));
}

} // namespace
