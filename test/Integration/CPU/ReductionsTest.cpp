//===- ReductionsTest.cpp - Reductions against C++ references -------------===//
//
// Sum, product, minimum and maximum over 1D to 3D spaces of f32, f64 and
// i64, compiled scalar, with SIMD (ps-vectorize: unrolled, masked and scalar
// remainders), with OpenMP threads and with both, and run by the JIT against
// a C++ reference that combines the points in the scalar kernel's order
// (z, y, x, x fastest, starting at the operator's identity, then
// `result = initial op partial`). What must hold:
//
// - integers: exactly the reference in every variant (wrapping + and * are
//   associative and commutative);
// - min and max: bit-identical in every variant (they are exact);
// - float + and *: bit-identical in the scalar kernel, whose order is the
//   reference's; in the variants that reassociate (vector lanes, threads),
//   within the bound any association of n terms allows: each computed sum
//   is within gamma(n) * sum |terms| of the exact one, gamma(n) =
//   n u / (1 - n u) (u the unit roundoff), so two are within twice that;
//   each computed product of positive factors is within a relative
//   gamma(n) of the exact one, so two are within 2 gamma(n) / (1 - gamma(n))
//   of the reference, relatively.
//
// Then the two kernels of the issue's "done when": a Jacobi step with its
// residual norm (the field bit-identical, the norm as a sum) and the
// maximum velocity of a D3Q19 lattice (bit-identical everywhere).
//
//===----------------------------------------------------------------------===//

#include "../RunAll.h"
#include "TestArrays.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace ps_test;

namespace {

enum class Kind { add, mul, min, max };
constexpr Kind kKinds[] = {Kind::add, Kind::mul, Kind::min, Kind::max};
const char *kindName(Kind kind) {
  static const char *names[] = {"add", "mul", "min", "max"};
  return names[int(kind)];
}

/// The spatial shapes, with one ghost layer: interiors of 65, 17 x 4 and
/// 9 x 3 x 2 points, none a multiple of a vector width.
const std::vector<std::vector<int64_t>> kShapes = {
    {67}, {19, 6}, {11, 5, 4}};

struct Variant {
  const char *name;
  const char *options;
  /// False where the points are combined in another order than the scalar
  /// kernel's.
  bool fixedOrder;
};
const Variant kVariants[] = {
    {"scalar", "vectorize=none", true},
    {"SIMD", "vectorize=host unroll=1", false},
    {"SIMD unroll 2", "vectorize=host unroll=2", false},
    {"SIMD scalar remainder", "vectorize=host remainder=scalar", false},
    {"SIMD aligned", "vectorize=host aligned=true", false},
    {"OpenMP", "threads=2", false},
    {"OpenMP dynamic", "threads=3 schedule=dynamic chunk=1", false},
    {"SIMD + OpenMP", "vectorize=host threads=2", false}};

std::string typeName(ScalarType type) {
  return mlir::ps::runtime::toString(type);
}

std::string kernelName(Kind kind, ScalarType type, size_t rank) {
  return std::string("reduce_") + kindName(kind) + "_" + typeName(type) + "_" +
         std::to_string(rank) + "d";
}

/// A kernel reducing the field's value at every interior point.
std::string kernelSource(Kind kind, ScalarType type, size_t rank) {
  std::string extents;
  for (size_t d = 0; d < rank; ++d)
    extents += "?x";
  std::string field = "!ps.field<" + extents + typeName(type) + ", ghost 1>";
  std::string result =
      std::string("!ps.reduction<") + kindName(kind) + ", " + typeName(type) +
      ">";
  const char *counters[] = {"%x", "%y", "%z"};
  std::string point, offsets;
  for (size_t d = 0; d < rank; ++d) {
    point += std::string(d ? ", " : "") + counters[d];
    offsets += d ? ", 0" : "0";
  }
  return "ps.kernel @" + kernelName(kind, type, rank) + "(%u: " + field +
         ", %r: " + result + ") {\n  ps.iterate (" + point + ") in %u : " +
         field + " {\n    %v = ps.load %u[" + offsets + "] : " + field +
         "\n    ps.reduce %v, %r : " + result + "\n  }\n}\n";
}

/// Values that keep every reduction finite and meaningful: sums of mixed
/// signs, products of factors near 1 (or small integers, whose products
/// wrap), and extremes in a wide range.
template <typename T> T makeValue(Kind kind, std::mt19937_64 &rng) {
  if constexpr (std::is_floating_point_v<T>) {
    std::uniform_real_distribution<double> sum(-1, 1), factor(0.9, 1.1),
        extreme(-100, 100);
    return T(kind == Kind::add   ? sum(rng)
             : kind == Kind::mul ? factor(rng)
                                 : extreme(rng));
  } else {
    std::uniform_int_distribution<int64_t> sum(-1000, 1000), factor(1, 3),
        sign(0, 1), extreme(-1000000, 1000000);
    if (kind == Kind::mul)
      return T(factor(rng) * (sign(rng) ? 1 : -1));
    return T(kind == Kind::add ? sum(rng) : extreme(rng));
  }
}

template <typename T> T identity(Kind kind) {
  if constexpr (std::is_floating_point_v<T>) {
    switch (kind) {
    case Kind::add:
      return T(-0.0);
    case Kind::mul:
      return T(1);
    case Kind::min:
      return std::numeric_limits<T>::infinity();
    case Kind::max:
      return -std::numeric_limits<T>::infinity();
    }
  } else {
    switch (kind) {
    case Kind::add:
      return 0;
    case Kind::mul:
      return 1;
    case Kind::min:
      return std::numeric_limits<T>::max();
    case Kind::max:
      return std::numeric_limits<T>::min();
    }
  }
  return T();
}

template <typename T> T combine(Kind kind, T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    switch (kind) {
    case Kind::add:
      return a + b;
    case Kind::mul:
      return a * b;
    case Kind::min:
      return std::fmin(a, b);
    case Kind::max:
      return std::fmax(a, b);
    }
  } else {
    // Wrapping arithmetic, as the generated code does.
    switch (kind) {
    case Kind::add:
      return T(uint64_t(a) + uint64_t(b));
    case Kind::mul:
      return T(uint64_t(a) * uint64_t(b));
    case Kind::min:
      return std::min(a, b);
    case Kind::max:
      return std::max(a, b);
    }
  }
  return T();
}

/// The value the result starts at: not the identity, so that the test sees
/// the kernel combine into what the caller passes.
template <typename T> T initialValue(Kind kind) {
  switch (kind) {
  case Kind::add:
    return T(7);
  case Kind::mul:
    return T(2);
  case Kind::min:
    return T(50);
  case Kind::max:
    return T(-50);
  }
  return T();
}

template <typename T> bool sameBits(T a, T b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

/// The field (x fastest) and the reference: the interior in the scalar
/// kernel's loop order, z outermost.
template <typename T> struct Case {
  Kind kind;
  std::vector<int64_t> shape, strides;
  std::vector<T> data;
  T reference;
  /// sum |terms| (for add), |reference| (for mul), and the term count.
  double magnitude = 0;
  int64_t terms = 0;

  Case(Kind kind, const std::vector<int64_t> &shape, std::mt19937_64 &rng)
      : kind(kind), shape(shape) {
    int64_t size = 1;
    for (int64_t extent : shape) {
      strides.push_back(size);
      size *= extent;
    }
    for (int64_t i = 0; i < size; ++i)
      data.push_back(makeValue<T>(kind, rng));
    std::vector<int64_t> lo(3, 0), hi(3, 1);
    for (size_t d = 0; d < shape.size(); ++d) {
      lo[d] = 1;
      hi[d] = shape[d] - 1;
    }
    T partial = identity<T>(kind);
    magnitude = std::fabs(double(initialValue<T>(kind)));
    for (int64_t z = lo[2]; z < hi[2]; ++z)
      for (int64_t y = lo[1]; y < hi[1]; ++y)
        for (int64_t x = lo[0]; x < hi[0]; ++x) {
          int64_t index = x;
          if (shape.size() > 1)
            index += y * strides[1];
          if (shape.size() > 2)
            index += z * strides[2];
          partial = combine(kind, partial, data[index]);
          magnitude += std::fabs(double(data[index]));
          ++terms;
        }
    reference = combine(kind, initialValue<T>(kind), partial);
    if (kind == Kind::mul)
      magnitude = std::fabs(double(reference));
  }

  /// What association may change: see the file comment.
  double bound() const {
    double u = std::numeric_limits<T>::epsilon() / 2;
    double n = double(terms + 1);
    double gamma = n * u / (1 - n * u);
    return kind == Kind::add ? 2 * gamma * magnitude
                             : 2 * gamma / (1 - gamma) * magnitude;
  }
};

template <typename T>
void checkCase(const KernelModule &module, Kind kind, size_t rank,
               const Variant &variant, uint64_t seed) {
  ScalarType type = scalarTypeOf<T>();
  std::mt19937_64 rng(seed);
  Case<T> c(kind, kShapes[rank - 1], rng);
  std::string name = kernelName(kind, type, rank);
  const Kernel *kernel = module.lookup(name);
  ASSERT_NE(kernel, nullptr) << name;
  T result = initialValue<T>(kind);
  llvm::Error error =
      (*kernel)(ArgumentList()
                    .field("u", BufferView{c.data.data(), type, c.shape,
                                           c.strides})
                    .result("r", &result, type));
  ASSERT_FALSE(bool(error)) << llvm::toString(std::move(error));
  std::string where = name + ", " + variant.name;
  bool exact = !std::is_floating_point_v<T> || kind == Kind::min ||
               kind == Kind::max || variant.fixedOrder;
  if (exact) {
    EXPECT_TRUE(sameBits(result, c.reference))
        << where << ": got " << double(result) << ", expected "
        << double(c.reference);
    return;
  }
  double difference = std::fabs(double(result) - double(c.reference));
  EXPECT_LE(difference, c.bound())
      << where << ": got " << double(result) << ", expected "
      << double(c.reference) << " within " << c.bound();
}

class Reductions : public ::testing::TestWithParam<Variant> {};

TEST_P(Reductions, MatchReferences) {
  const Variant &variant = GetParam();
  std::string source;
  for (Kind kind : kKinds)
    for (ScalarType type : {ScalarType::f32, ScalarType::f64, ScalarType::i64})
      for (size_t rank = 1; rank <= 3; ++rank)
        source += kernelSource(kind, type, rank);
  auto module = JitModule::compile(source, parseCompileOptions(variant.options));
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  uint64_t seed = 1;
  for (Kind kind : kKinds)
    for (size_t rank = 1; rank <= 3; ++rank) {
      checkCase<float>(**module, kind, rank, variant, seed++);
      checkCase<double>(**module, kind, rank, variant, seed++);
      checkCase<int64_t>(**module, kind, rank, variant, seed++);
    }
}

INSTANTIATE_TEST_SUITE_P(Variants, Reductions, ::testing::ValuesIn(kVariants),
                         [](const auto &info) {
                           return toTestName(info.param.name);
                         });

//===----------------------------------------------------------------------===//
// The kernels of the issue
//===----------------------------------------------------------------------===//

class DoneWhen : public ::testing::TestWithParam<Variant> {};

/// docs/examples/<file> compiled with the variant's options (a failure is
/// reported and gives null).
std::unique_ptr<JitModule> compileExample(const char *file,
                                          const Variant &variant) {
  std::string source =
      readFile(std::string(PS_SOURCE_DIR) + "/docs/examples/" + file);
  auto module = JitModule::compile(source, parseCompileOptions(variant.options));
  if (!module) {
    ADD_FAILURE() << llvm::toString(module.takeError());
    return nullptr;
  }
  return std::move(*module);
}

TEST_P(DoneWhen, JacobiWithResidualNorm) {
  const Variant &variant = GetParam();
  std::unique_ptr<JitModule> module = compileExample("jacobi2d-residual.mlir", variant);
  ASSERT_TRUE(module);
  const Kernel *kernel = module->lookup("jacobi2d_residual");
  ASSERT_NE(kernel, nullptr);
  for (auto [nx, ny] : {std::pair<int64_t, int64_t>{34, 9}, {7, 5}, {3, 3}}) {
    std::mt19937_64 rng(nx * 100 + ny);
    std::uniform_real_distribution<double> value(-1, 1);
    std::vector<double> src(nx * ny), dst(nx * ny, 0), want(nx * ny, 0);
    for (double &v : src)
      v = value(rng);
    double residual = 0, reference = -0.0, magnitude = 0;
    int64_t terms = 0;
    for (int64_t y = 1; y < ny - 1; ++y)
      for (int64_t x = 1; x < nx - 1; ++x) {
        auto at = [&](int64_t i, int64_t j) { return src[i + j * nx]; };
        double mean =
            ((at(x - 1, y) + at(x + 1, y)) + (at(x, y - 1) + at(x, y + 1))) *
            0.25;
        want[x + y * nx] = mean;
        double change = mean - at(x, y);
        reference = reference + change * change;
        magnitude += change * change;
        ++terms;
      }
    llvm::Error error =
        (*kernel)(ArgumentList()
                      .field("src", BufferView{src.data(), ScalarType::f64,
                                               {nx, ny}, {1, nx}})
                      .field("dst", BufferView{dst.data(), ScalarType::f64,
                                               {nx, ny}, {1, nx}})
                      .result("residual", &residual, ScalarType::f64));
    ASSERT_FALSE(bool(error)) << llvm::toString(std::move(error));
    EXPECT_EQ(std::memcmp(dst.data(), want.data(), dst.size() * 8), 0)
        << variant.name << ": the Jacobi step differs";
    reference = 0 + reference;
    if (variant.fixedOrder) {
      EXPECT_TRUE(sameBits(residual, reference))
          << variant.name << ": " << residual << " vs " << reference;
    } else {
      double u = std::numeric_limits<double>::epsilon() / 2;
      double n = double(terms + 1);
      EXPECT_LE(std::fabs(residual - reference),
                2 * n * u / (1 - n * u) * magnitude)
          << variant.name << ": " << residual << " vs " << reference;
    }
  }
}

TEST_P(DoneWhen, D3Q19MaxVelocity) {
  const Variant &variant = GetParam();
  std::unique_ptr<JitModule> module = compileExample("d3q19-max-velocity.mlir", variant);
  ASSERT_TRUE(module);
  const Kernel *kernel = module->lookup("d3q19_max_velocity");
  ASSERT_NE(kernel, nullptr);
  static const int c[19][3] = {
      {0, 0, 0},  {1, 0, 0},  {-1, 0, 0}, {0, 1, 0},   {0, -1, 0},
      {0, 0, 1},  {0, 0, -1}, {1, 1, 0},  {-1, -1, 0}, {1, -1, 0},
      {-1, 1, 0}, {1, 0, 1},  {-1, 0, -1}, {1, 0, -1}, {-1, 0, 1},
      {0, 1, 1},  {0, -1, -1}, {0, 1, -1}, {0, -1, 1}};
  for (auto shape : {std::vector<int64_t>{13, 6, 5}, {4, 3, 3}}) {
    int64_t nx = shape[0], ny = shape[1], nz = shape[2];
    int64_t cells = nx * ny * nz;
    std::mt19937_64 rng(cells);
    std::uniform_real_distribution<double> pdf(0.01, 0.1);
    std::vector<double> data(cells * 19);
    for (double &v : data)
      v = pdf(rng);
    double reference = -std::numeric_limits<double>::infinity();
    for (int64_t z = 1; z < nz - 1; ++z)
      for (int64_t y = 1; y < ny - 1; ++y)
        for (int64_t x = 1; x < nx - 1; ++x) {
          int64_t cell = x + nx * (y + ny * z);
          auto f = [&](int i) { return data[cell + i * cells]; };
          double rho = f(0);
          for (int i = 1; i < 19; ++i)
            rho = rho + f(i);
          double u2[3];
          for (int d = 0; d < 3; ++d) {
            double j = 0;
            bool first = true;
            for (int i = 0; i < 19; ++i) {
              if (c[i][d] == 0)
                continue;
              j = first ? f(i) : c[i][d] > 0 ? j + f(i) : j - f(i);
              first = false;
            }
            double velocity = j / rho;
            u2[d] = velocity * velocity;
          }
          double u = std::sqrt((u2[0] + u2[1]) + u2[2]);
          reference = std::fmax(reference, u);
        }
    double umax = -std::numeric_limits<double>::infinity();
    llvm::Error error =
        (*kernel)(ArgumentList()
                      .field("pdf", BufferView{data.data(), ScalarType::f64,
                                               {nx, ny, nz, 19},
                                               {1, nx, nx * ny, cells}})
                      .result("umax", &umax, ScalarType::f64));
    ASSERT_FALSE(bool(error)) << llvm::toString(std::move(error));
    EXPECT_TRUE(sameBits(umax, reference))
        << variant.name << ": " << umax << " vs " << reference;
  }
}

INSTANTIATE_TEST_SUITE_P(Variants, DoneWhen, ::testing::ValuesIn(kVariants),
                         [](const auto &info) {
                           return toTestName(info.param.name);
                         });

//===----------------------------------------------------------------------===//
// Argument checks of reduction results
//===----------------------------------------------------------------------===//

TEST(ReductionArguments, CheckedByName) {
  auto module = JitModule::compile(kernelSource(Kind::add, ScalarType::f64, 1));
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  const Kernel *kernel = (*module)->lookup("reduce_add_f64_1d");
  ASSERT_NE(kernel, nullptr);
  const mlir::ps::runtime::ParameterInfo *r = kernel->getInfo().findParameter("r");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->reduction, mlir::ps::runtime::ReductionOp::add);
  EXPECT_FALSE(r->isField);
  std::vector<double> u(8, 1.0);
  BufferView field{u.data(), ScalarType::f64, {8}, {1}};
  auto message = [&](ArgumentList args) {
    llvm::Error error = (*kernel)(args);
    return error ? llvm::toString(std::move(error)) : std::string();
  };
  EXPECT_EQ(message(ArgumentList().field("u", field)),
            "missing argument 'r' (a reduction result (add): a pointer to one "
            "f64)");
  EXPECT_EQ(message(ArgumentList().field("u", field).scalar("r", 1.0)),
            "argument 'r' must be a reduction result (add): a pointer to one "
            "f64, got a scalar");
  float single = 0;
  EXPECT_EQ(message(ArgumentList().field("u", field).result("r", &single,
                                                            ScalarType::f32)),
            "argument 'r': element type f32, expected f64");
  double two[2] = {0, 0};
  EXPECT_EQ(message(ArgumentList().field("u", field).field(
                "r", BufferView{two, ScalarType::f64, {2}, {1}})),
            "argument 'r': 2 elements, expected one (a reduction result)");
  EXPECT_EQ(message(ArgumentList().field("u", field).result(
                "r", nullptr, ScalarType::f64)),
            "argument 'r': the result pointer is null");
  EXPECT_EQ(message(ArgumentList().field("u", field).result(
                "r", u.data() + 3, ScalarType::f64)),
            "arguments 'u' and 'r' overlap in memory; the fields of a kernel "
            "must not alias");
  // A one-element view is a result as well; the sum is 6 (8 minus the
  // ghost layers) plus the initial value.
  double result = 0.5;
  EXPECT_EQ(message(ArgumentList().field("u", field).field(
                "r", BufferView{&result, ScalarType::f64, {1}, {1}})),
            "");
  EXPECT_EQ(result, 6.5);
}

} // namespace
