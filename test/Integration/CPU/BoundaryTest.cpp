//===- BoundaryTest.cpp - Boundary kernels over records against C++ -------===//
//
// The lattice Boltzmann boundaries of docs/examples: D2Q9 and D3Q19
// bounce-back and the D2Q9 moving wall, over index lists of records (x, y,
// [z,] d) built from a wall mask as lbmpy builds them (every fluid cell and
// direction whose neighbour is a wall), compiled scalar, with SIMD, with
// OpenMP threads and both, and run by the JIT. Every value of the lattice
// must equal a C++ reference that applies the rule entry by entry with its
// own direction tables (the inverse directions found by search, not copied
// from the kernel); the moving wall computes in the kernel's operation
// order, so it is bit-identical too. Then the run-time's record checks:
// a direction outside the tables and a record field of the wrong length are
// refused before anything is written.
//
//===----------------------------------------------------------------------===//

#include "../BoundaryLists.h"
#include "../RunAll.h"
#include "TestArrays.h"

#include "gtest/gtest.h"

#include <algorithm>

using namespace ps_test;

namespace {

struct Variant {
  const char *name;
  const char *options;
};
const Variant kVariants[] = {
    {"scalar", "vectorize=none"},
    {"SIMD", "vectorize=host"},
    {"OpenMP", "threads=2"},
    {"OpenMP dynamic", "threads=3 schedule=dynamic chunk=1"},
    {"SIMD + OpenMP", "vectorize=host threads=2"}};

/// The pdf field: components slowest (fzyx), as the kernels' layout.
Array<double> makeLattice(const std::vector<int64_t> &shape, size_t q) {
  std::vector<int64_t> full = shape;
  full.push_back(int64_t(q));
  std::vector<unsigned> order{unsigned(shape.size())};
  for (size_t d = shape.size(); d-- > 0;)
    order.push_back(unsigned(d));
  Array<double> f(full, order);
  f.fill(11);
  return f;
}

/// The index list of `records` as an (n, k) row-major int32 array.
Array<int32_t> makeList(const std::vector<std::vector<int64_t>> &records,
                        size_t members) {
  Array<int32_t> list({int64_t(records.size()), int64_t(members)}, {0, 1});
  for (size_t e = 0; e < records.size(); ++e)
    for (size_t k = 0; k < members; ++k)
      list.at({int64_t(e), int64_t(k)}) = int32_t(records[e][k]);
  return list;
}

std::vector<int64_t> at(const std::vector<int64_t> &point, int64_t component) {
  std::vector<int64_t> index = point;
  index.push_back(component);
  return index;
}

std::unique_ptr<JitModule> compileExample(const char *file,
                                          const char *options) {
  auto module = JitModule::compile(readFile(examplePath(file)),
                                   parseCompileOptions(options));
  if (!module) {
    ADD_FAILURE() << llvm::toString(module.takeError());
    return nullptr;
  }
  return std::move(*module);
}

void expectSameLattice(Array<double> &got, Array<double> &expected) {
  size_t mismatches = 0;
  forEachIndex(got.shape, [&](const std::vector<int64_t> &i) {
    if (got.at(i) != expected.at(i) && mismatches++ < 5)
      ADD_FAILURE() << "f at point " << i[0] << ", " << i[1] << " component "
                    << i.back() << ": got " << got.at(i) << ", expected "
                    << expected.at(i);
  });
  EXPECT_EQ(mismatches, 0u);
}

class Boundary : public ::testing::TestWithParam<Variant> {};

/// Bounce-back: f[x](inv(d)) = f[x + c_d](d) for every record.
void checkBounceBack(const char *file, const char *kernelName,
                     const std::vector<int64_t> &shape, const Stencil &stencil,
                     const char *options) {
  std::unique_ptr<JitModule> module = compileExample(file, options);
  ASSERT_TRUE(module);
  const Kernel *kernel = module->lookup(kernelName);
  ASSERT_TRUE(kernel);
  std::vector<std::vector<int64_t>> records = findBoundary(shape, stencil);
  ASSERT_GT(records.size(), 20u);
  Array<double> f = makeLattice(shape, stencil.c.size());
  Array<double> expected = f;
  std::vector<int> inv = stencil.inverse();
  for (const std::vector<int64_t> &record : records) {
    std::vector<int64_t> point(record.begin(), record.end() - 1);
    int64_t d = record.back();
    std::vector<int64_t> neighbour = point;
    for (size_t i = 0; i < shape.size(); ++i)
      neighbour[i] += stencil.c[d][i];
    expected.at(at(point, inv[d])) = f.at(at(neighbour, d));
  }
  Array<int32_t> list = makeList(records, shape.size() + 1);
  llvm::Error error =
      (*kernel)(ArgumentList().field("f", f.view()).field("list", list.view()));
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  expectSameLattice(f, expected);
}

TEST_P(Boundary, D2Q9BounceBack) {
  checkBounceBack("d2q9-bounce-back.mlir", "d2q9_bounce_back", {13, 10}, kD2Q9,
                  GetParam().options);
}

TEST_P(Boundary, D3Q19BounceBack) {
  checkBounceBack("d3q19-bounce-back.mlir", "d3q19_bounce_back", {9, 8, 7},
                  kD3Q19, GetParam().options);
}

/// The records of the moving wall as a NumPy structured array with
/// align=True lays them out: three int32 members, padding, two doubles.
struct WallRecord {
  int32_t x, y, d;
  double ux, uy;
};

TEST_P(Boundary, D2Q9MovingWall) {
  std::unique_ptr<JitModule> module =
      compileExample("d2q9-moving-wall.mlir", GetParam().options);
  ASSERT_TRUE(module);
  const Kernel *kernel = module->lookup("d2q9_moving_wall");
  ASSERT_TRUE(kernel);
  std::vector<int64_t> shape{13, 10};
  std::vector<std::vector<int64_t>> boundary = findBoundary(shape, kD2Q9);
  std::vector<WallRecord> records;
  for (auto [e, b] : llvm::enumerate(boundary))
    records.push_back({int32_t(b[0]), int32_t(b[1]), int32_t(b[2]),
                       0.01 * double(e % 7) - 0.03,
                       0.02 - 0.005 * double(e % 5)});
  const double weights[] = {4.0 / 9,  1.0 / 9,  1.0 / 9,  1.0 / 9, 1.0 / 9,
                            1.0 / 36, 1.0 / 36, 1.0 / 36, 1.0 / 36};
  const double rho = 1.25;
  Array<double> f = makeLattice(shape, 9);
  Array<double> expected = f;
  std::vector<int> inv = kD2Q9.inverse();
  for (const WallRecord &r : records) {
    int cx = kD2Q9.c[r.d][0], cy = kD2Q9.c[r.d][1];
    double cu = double(cx) * r.ux + double(cy) * r.uy;
    double correction = 6.0 * weights[r.d] * rho * cu;
    expected.at({r.x, r.y, inv[r.d]}) =
        f.at({r.x + cx, r.y + cy, r.d}) - correction;
  }
  constexpr int64_t stride = sizeof(WallRecord);
  auto *bytes = reinterpret_cast<char *>(records.data());
  int64_t n = int64_t(records.size());
  BufferView list{bytes, ScalarType::i32, {n, 3}, {stride / 4, 1}};
  BufferView ux{
      bytes + offsetof(WallRecord, ux), ScalarType::f64, {n}, {stride / 8}};
  BufferView uy{
      bytes + offsetof(WallRecord, uy), ScalarType::f64, {n}, {stride / 8}};
  llvm::Error error = (*kernel)(ArgumentList()
                                    .field("f", f.view())
                                    .field("list", list)
                                    .field("ux", ux)
                                    .field("uy", uy)
                                    .scalar("rho", rho));
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  expectSameLattice(f, expected);
}

INSTANTIATE_TEST_SUITE_P(Variants, Boundary, ::testing::ValuesIn(kVariants),
                         [](const auto &info) {
                           return toTestName(info.param.name);
                         });

/// A direction past the tables, or a record field shorter than the list,
/// is refused before the call, and nothing is written.
TEST(BoundaryChecks, RecordsAreCheckedBeforeTheCall) {
  std::unique_ptr<JitModule> module =
      compileExample("d2q9-moving-wall.mlir", "");
  ASSERT_TRUE(module);
  const Kernel *kernel = module->lookup("d2q9_moving_wall");
  ASSERT_TRUE(kernel);
  Array<double> f = makeLattice({6, 5}, 9);
  Array<double> before = f;
  Array<int32_t> list = makeList({{1, 1, 2}, {2, 1, 9}, {3, 1, 4}}, 3);
  Array<double> ux({3}, {0}), uy({3}, {0}), shortUy({2}, {0});
  ux.fill(1);
  uy.fill(2);
  auto call = [&](Array<int32_t> &l, Array<double> &v) {
    return (*kernel)(ArgumentList()
                         .field("f", f.view())
                         .field("list", l.view())
                         .field("ux", ux.view())
                         .field("uy", v.view())
                         .scalar("rho", 1.0));
  };
  llvm::Error direction = call(list, uy);
  ASSERT_TRUE(bool(direction));
  EXPECT_EQ(llvm::toString(std::move(direction)),
            "argument 'list': entry 1 has 9 in member [2], which the kernel "
            "uses as a component or table index: it must lie in [0, 8]");
  list.at({1, 2}) = 3;
  llvm::Error length = call(list, shortUy);
  ASSERT_TRUE(bool(length));
  EXPECT_EQ(llvm::toString(std::move(length)),
            "argument 'uy': it holds a member of the records of index list "
            "'list', so it needs 3 elements, one per entry, but has 2");
  expectSameLattice(f, before);
  llvm::Error ok = call(list, uy);
  EXPECT_FALSE(ok) << llvm::toString(std::move(ok));
}

} // namespace
