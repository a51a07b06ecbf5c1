//===- CpuKernelsTest.cpp - Run kernels on the CPU, compare with C++ ------===//
//
// Every kernel is compiled with the JIT, run on deterministic inputs, and
// every value of every output array (its padding included) is compared with
// a reference computed here in plain scalar C++ in the same order of
// operations: the results must be bit-identical.
//
//===----------------------------------------------------------------------===//

#include "TestArrays.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace ps_test;
using namespace mlir::ps::runtime;

namespace {

std::unique_ptr<JitModule> compileOrDie(const std::string &source) {
  auto jit = JitModule::compile(source);
  if (!jit) {
    ADD_FAILURE() << llvm::toString(jit.takeError());
    return nullptr;
  }
  return std::move(*jit);
}

std::unique_ptr<JitModule> compileExample(const std::string &name) {
  return compileOrDie(readFile(examplePath(name)));
}

void expectCall(const Kernel &kernel, const ArgumentList &args) {
  llvm::Error error = kernel(args);
  EXPECT_FALSE(bool(error)) << llvm::toString(std::move(error));
}

const std::vector<int64_t> kSizes = {1, 2, 3, 4, 5, 8};
/// For 3D kernels: 1, 2, 3 and odd sizes in every dimension.
const std::vector<int64_t> kSizes3D = {1, 2, 3, 5};

//===----------------------------------------------------------------------===//
// The example kernels of docs/examples
//===----------------------------------------------------------------------===//

TEST(CpuKernels, Jacobi2D) {
  auto jit = compileExample("jacobi2d.mlir");
  ASSERT_TRUE(jit);
  const Kernel *kernel = jit->lookup("jacobi2d");
  ASSERT_TRUE(kernel);
  for (int64_t padding : {0, 3})
    for (int64_t nx : kSizes)
      for (int64_t ny : kSizes) {
        Array<double> src({nx, ny}, {1, 0}, padding);
        Array<double> dst({nx, ny}, {1, 0}, padding);
        src.fill(1);
        dst.fill(2);
        Array<double> ref = dst;
        for (int64_t x = 1; x < nx - 1; ++x)
          for (int64_t y = 1; y < ny - 1; ++y)
            ref.at({x, y}) = ((src.at({x - 1, y}) + src.at({x + 1, y})) +
                              (src.at({x, y - 1}) + src.at({x, y + 1}))) *
                             0.25;
        expectCall(
            *kernel,
            ArgumentList().field("src", src.view()).field("dst", dst.view()));
        EXPECT_EQ(dst.storage, ref.storage)
            << "nx=" << nx << " ny=" << ny << " padding=" << padding;
      }
}

TEST(CpuKernels, Heat3D) {
  auto jit = compileExample("heat3d.mlir");
  ASSERT_TRUE(jit);
  const Kernel *kernel = jit->lookup("heat3d");
  ASSERT_TRUE(kernel);
  const double alpha = 0.1875;
  for (int64_t nx : kSizes)
    for (int64_t ny : kSizes3D)
      for (int64_t nz : kSizes3D) {
        Array<double> u({nx, ny, nz}, {2, 1, 0});
        Array<double> out({nx, ny, nz}, {2, 1, 0});
        u.fill(3);
        out.fill(4);
        Array<double> ref = out;
        for (int64_t x = 1; x < nx - 1; ++x)
          for (int64_t y = 1; y < ny - 1; ++y)
            for (int64_t z = 1; z < nz - 1; ++z) {
              double c = u.at({x, y, z});
              double s0 = u.at({x - 1, y, z}) + u.at({x + 1, y, z});
              double s1 = u.at({x, y - 1, z}) + u.at({x, y + 1, z});
              double s2 = u.at({x, y, z - 1}) + u.at({x, y, z + 1});
              double lap = ((s0 + s1) + s2) - 6.0 * c;
              ref.at({x, y, z}) = c + alpha * lap;
            }
        expectCall(*kernel, ArgumentList()
                                .field("u", u.view())
                                .field("out", out.view())
                                .scalar("alpha", alpha));
        EXPECT_EQ(out.storage, ref.storage)
            << "nx=" << nx << " ny=" << ny << " nz=" << nz;
      }
}

TEST(CpuKernels, D3Q19Streaming) {
  auto jit = compileExample("d3q19.mlir");
  ASSERT_TRUE(jit);
  const Kernel *kernel = jit->lookup("d3q19_stream");
  ASSERT_TRUE(kernel);
  static const int c[19][3] = {{0, 0, 0},   {1, 0, 0},  {-1, 0, 0}, {0, 1, 0},
                               {0, -1, 0},  {0, 0, 1},  {0, 0, -1}, {1, 1, 0},
                               {-1, -1, 0}, {1, -1, 0}, {-1, 1, 0}, {1, 0, 1},
                               {-1, 0, -1}, {1, 0, -1}, {-1, 0, 1}, {0, 1, 1},
                               {0, -1, -1}, {0, 1, -1}, {0, -1, 1}};
  for (int64_t nx : kSizes3D)
    for (int64_t ny : kSizes3D)
      for (int64_t nz : kSizes3D) {
        const int64_t n = nx * 100 + ny * 10 + nz;
        Array<double> src({nx, ny, nz, 19}, {3, 2, 1, 0});
        Array<double> dst({nx, ny, nz, 19}, {3, 2, 1, 0});
        Array<double> rho({nx, ny, nz}, {2, 1, 0});
        src.fill(5);
        dst.fill(6);
        rho.fill(7);
        Array<double> refDst = dst, refRho = rho;
        for (int64_t x = 1; x < nx - 1; ++x)
          for (int64_t y = 1; y < ny - 1; ++y)
            for (int64_t z = 1; z < nz - 1; ++z) {
              double f[19];
              for (int i = 0; i < 19; ++i) {
                f[i] = src.at({x - c[i][0], y - c[i][1], z - c[i][2], i});
                refDst.at({x, y, z, i}) = f[i];
              }
              double sum = f[0] + f[1];
              for (int i = 2; i < 19; ++i)
                sum = sum + f[i];
              refRho.at({x, y, z}) = sum;
            }
        expectCall(*kernel, ArgumentList()
                                .field("src", src.view())
                                .field("dst", dst.view())
                                .field("rho", rho.view()));
        EXPECT_EQ(dst.storage, refDst.storage) << "n=" << n;
        EXPECT_EQ(rho.storage, refRho.storage) << "n=" << n;
      }
}

/// Index-list entries (x, y, direction) for the sparse boundary kernel.
Array<int64_t>
makeIndexList(const std::vector<std::array<int64_t, 2>> &points) {
  Array<int64_t> list({static_cast<int64_t>(points.size()), 3}, {0, 1});
  for (size_t e = 0; e < points.size(); ++e) {
    list.at({int64_t(e), 0}) = points[e][0];
    list.at({int64_t(e), 1}) = points[e][1];
    list.at({int64_t(e), 2}) = int64_t(e % 4);
  }
  return list;
}

TEST(CpuKernels, SparseBoundary) {
  auto jit = compileExample("sparse.mlir");
  ASSERT_TRUE(jit);
  const Kernel *kernel = jit->lookup("boundary");
  ASSERT_TRUE(kernel);
  const int64_t nx = 7, ny = 5;
  Array<double> u({nx, ny}, {1, 0}), v({nx, ny}, {1, 0}), g({nx, ny}, {1, 0});
  u.fill(8);
  v.fill(9);
  g.fill(10);
  Array<int64_t> list = makeIndexList({{0, 0}, {5, 4}, {3, 2}, {0, 4}, {2, 2}});
  const double value = 1.25;
  Array<double> refU = u, refV = v;
  for (int64_t e = 0; e < list.shape[0]; ++e) {
    int64_t x = list.at({e, 0}), y = list.at({e, 1});
    refU.at({x, y}) = value;
    refV.at({x, y}) = 2.0 * value - g.at({x + 1, y});
  }
  expectCall(*kernel, ArgumentList()
                          .field("u", u.view())
                          .field("v", v.view())
                          .field("g", g.view())
                          .field("list", list.view())
                          .scalar("value", value));
  EXPECT_EQ(u.storage, refU.storage);
  EXPECT_EQ(v.storage, refV.storage);

  // An entry whose east neighbour lies outside the fields is refused, and
  // nothing is written.
  Array<int64_t> bad = makeIndexList({{1, 1}, {6, 0}});
  Array<double> before = u;
  llvm::Error error = (*kernel)(ArgumentList()
                                    .field("u", u.view())
                                    .field("v", v.view())
                                    .field("g", g.view())
                                    .field("list", bad.view())
                                    .scalar("value", value));
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "argument 'list': entry 1 has coordinate 6 in dimension 0; with "
            "the kernel's offsets 1 to 1 there into argument 'g' it "
            "reaches outside [0, 7)");
  EXPECT_EQ(u.storage, before.storage);
}

TEST(CpuKernels, RedBlackGaussSeidel) {
  auto jit = compileExample("redblack.mlir");
  ASSERT_TRUE(jit);
  const Kernel *kernel = jit->lookup("redblack_red");
  ASSERT_TRUE(kernel);
  const double h2 = 0.015625;
  for (int64_t nx : {1, 2, 3, 4, 7, 8})
    for (int64_t ny : {1, 3, 5, 6}) {
      Array<double> u({nx, ny}, {1, 0}), f({nx, ny}, {1, 0});
      u.fill(11);
      f.fill(12);
      Array<double> ref = u;
      auto update = [&](int64_t x, int64_t y) {
        double c = (ref.at({x - 1, y}) + ref.at({x + 1, y})) +
                   (ref.at({x, y - 1}) + ref.at({x, y + 1}));
        ref.at({x, y}) = std::fma(h2, f.at({x, y}), c) * 0.25;
      };
      for (int64_t x = 1; x < nx - 1; x += 2)
        for (int64_t y = 1; y < ny - 1; y += 2)
          update(x, y);
      for (int64_t x = 2; x < nx - 1; x += 2)
        for (int64_t y = 2; y < ny - 1; y += 2)
          update(x, y);
      expectCall(*kernel, ArgumentList()
                              .field("u", u.view())
                              .field("f", f.view())
                              .scalar("h2", h2));
      EXPECT_EQ(u.storage, ref.storage) << "nx=" << nx << " ny=" << ny;
    }
}

TEST(CpuKernels, CoordinateDependent) {
  auto jit = compileExample("coordinate.mlir");
  ASSERT_TRUE(jit);
  const Kernel *kernel = jit->lookup("init");
  ASSERT_TRUE(kernel);
  for (int64_t nx : {1, 2, 5})
    for (int64_t ny : {1, 3, 8}) {
      Array<float> f({nx, ny}, {1, 0});
      Array<int32_t> mask({nx, ny}, {1, 0});
      f.fill(13);
      mask.fill(14);
      const float h = 0.3f;
      const int64_t half = 7;
      Array<float> refF = f;
      Array<int32_t> refMask = mask;
      for (int64_t x = 0; x < nx; ++x)
        for (int64_t y = 0; y < ny; ++y) {
          refF.at({x, y}) = std::sin(static_cast<float>(x) * h) *
                            std::cos(static_cast<float>(y) * h);
          refMask.at({x, y}) = y < (2 * half) / 2 ? 1 : 0;
        }
      expectCall(*kernel, ArgumentList()
                              .field("f", f.view())
                              .field("mask", mask.view())
                              .scalar("h", double(h))
                              .scalar("ny", int64_t(2 * half)));
      EXPECT_EQ(f.storage, refF.storage) << "nx=" << nx << " ny=" << ny;
      EXPECT_EQ(mask.storage, refMask.storage);
    }
}

//===----------------------------------------------------------------------===//
// Kernels written here
//===----------------------------------------------------------------------===//

/// The 27 offsets of a 3D box, z fastest.
std::vector<std::array<int, 3>> boxOffsets() {
  std::vector<std::array<int, 3>> offsets;
  for (int dx = -1; dx <= 1; ++dx)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dz = -1; dz <= 1; ++dz)
        offsets.push_back({dx, dy, dz});
  return offsets;
}

/// A 27-point box stencil with variable coefficients: a 27-component field
/// holds the weights of every point.
std::string box27Source() {
  std::string field = "!ps.field<?x?x?xf64>";
  std::string coef = "!ps.field<?x?x?xf64, components [27]>";
  std::string text =
      "ps.kernel @box27(%src: " + field +
      " {ps.name = \"src\"}, %dst: " + field +
      " {ps.name = \"dst\"}, %coef: " + coef +
      " {ps.name = \"coef\"}) {\n  ps.iterate (%x, %y, %z) in %dst ghost 1 : " +
      field + " {\n";
  auto offsets = boxOffsets();
  for (size_t i = 0; i < offsets.size(); ++i) {
    auto [dx, dy, dz] = offsets[i];
    text += "    %s" + std::to_string(i) + " = ps.load %src[" +
            std::to_string(dx) + ", " + std::to_string(dy) + ", " +
            std::to_string(dz) + "] : " + field + "\n";
    text += "    %w" + std::to_string(i) + " = ps.load %coef[0, 0, 0](" +
            std::to_string(i) + ") : " + coef + "\n";
    text += "    %p" + std::to_string(i) + " = ps.mul %w" + std::to_string(i) +
            ", %s" + std::to_string(i) + " : f64\n";
    if (i == 0)
      text += "    %a0 = ps.add %p0, %p0 : f64\n"
              "    %h0 = ps.constant 0.5 : f64\n"
              "    %acc0 = ps.mul %a0, %h0 : f64\n";
    else
      text += "    %acc" + std::to_string(i) + " = ps.add %acc" +
              std::to_string(i - 1) + ", %p" + std::to_string(i) + " : f64\n";
  }
  text += "    ps.store %acc26, %dst[0, 0, 0] : " + field + "\n  }\n}\n";
  return text;
}

TEST(CpuKernels, Box27VariableCoefficients) {
  auto jit = compileOrDie(box27Source());
  ASSERT_TRUE(jit);
  const Kernel *kernel = jit->lookup("box27");
  ASSERT_TRUE(kernel);
  auto offsets = boxOffsets();
  for (int64_t nx : kSizes3D)
    for (int64_t ny : kSizes3D)
      for (int64_t nz : {1, 2, 3, 4, 7}) {
        Array<double> src({nx, ny, nz}, {2, 1, 0}),
            dst({nx, ny, nz}, {2, 1, 0});
        Array<double> coef({nx, ny, nz, 27}, {3, 2, 1, 0});
        src.fill(15);
        dst.fill(16);
        coef.fill(17);
        Array<double> ref = dst;
        for (int64_t x = 1; x < nx - 1; ++x)
          for (int64_t y = 1; y < ny - 1; ++y)
            for (int64_t z = 1; z < nz - 1; ++z) {
              double acc = 0;
              for (size_t i = 0; i < offsets.size(); ++i) {
                auto [dx, dy, dz] = offsets[i];
                double p = coef.at({x, y, z, int64_t(i)}) *
                           src.at({x + dx, y + dy, z + dz});
                // (p + p) * 0.5 == p exactly: the kernel folds nothing away.
                acc = i == 0 ? (p + p) * 0.5 : acc + p;
              }
              ref.at({x, y, z}) = acc;
            }
        expectCall(*kernel, ArgumentList()
                                .field("src", src.view())
                                .field("dst", dst.view())
                                .field("coef", coef.view()));
        EXPECT_EQ(dst.storage, ref.storage)
            << "nx=" << nx << " ny=" << ny << " nz=" << nz;
      }
}

/// A 19-point star (offsets up to 3 along each axis) with weights as
/// scalar parameters, over a slice with step 2 in x and an odd stop.
std::string star19Source() {
  std::string field = "!ps.field<?x?x?xf32, layout c>";
  std::string text = "ps.kernel @star19(%src: " + field +
                     " {ps.name = \"src\"}, %dst: " + field +
                     " {ps.name = \"dst\"}";
  for (int i = 0; i < 19; ++i)
    text += ", %w" + std::to_string(i) + ": f32 {ps.name = \"w" +
            std::to_string(i) + "\"}";
  text +=
      ") {\n  ps.iterate (%x, %y, %z) in %dst slice [3:-3:2, 3:-3, 3:-4] : " +
      field + " {\n";
  int i = 0;
  auto term = [&](int dx, int dy, int dz) {
    std::string n = std::to_string(i);
    text += "    %s" + n + " = ps.load %src[" + std::to_string(dx) + ", " +
            std::to_string(dy) + ", " + std::to_string(dz) + "] : " + field +
            "\n";
    text += "    %p" + n + " = ps.mul %w" + n + ", %s" + n + " : f32\n";
    if (i == 0)
      text += "    %acc0 = ps.add %p0, %p0 : f32\n";
    else
      text += "    %acc" + n + " = ps.add %acc" + std::to_string(i - 1) +
              ", %p" + n + " : f32\n";
    ++i;
  };
  term(0, 0, 0);
  for (int r = 1; r <= 3; ++r) {
    term(-r, 0, 0);
    term(r, 0, 0);
    term(0, -r, 0);
    term(0, r, 0);
    term(0, 0, -r);
    term(0, 0, r);
  }
  text += "    ps.store %acc18, %dst[0, 0, 0] : " + field + "\n  }\n}\n";
  return text;
}

TEST(CpuKernels, Star19WithStepsAndOddStops) {
  auto jit = compileOrDie(star19Source());
  ASSERT_TRUE(jit);
  const Kernel *kernel = jit->lookup("star19");
  ASSERT_TRUE(kernel);
  float w[19];
  for (int i = 0; i < 19; ++i)
    w[i] = 0.0625f * float(i + 1) - 0.5f;
  for (int64_t nx : {6, 7, 9, 12})
    for (int64_t ny : {7, 8})
      for (int64_t nz : {7, 9, 10}) {
        Array<float> src({nx, ny, nz}, {0, 1, 2}), dst({nx, ny, nz}, {0, 1, 2});
        src.fill(18);
        dst.fill(19);
        Array<float> ref = dst;
        for (int64_t x = 3; x < nx - 3; x += 2)
          for (int64_t y = 3; y < ny - 3; ++y)
            for (int64_t z = 3; z < nz - 4; ++z) {
              int i = 0;
              float acc = 0;
              auto term = [&](int dx, int dy, int dz) {
                float p = w[i] * src.at({x + dx, y + dy, z + dz});
                acc = i == 0 ? p + p : acc + p;
                ++i;
              };
              term(0, 0, 0);
              for (int r = 1; r <= 3; ++r) {
                term(-r, 0, 0);
                term(r, 0, 0);
                term(0, -r, 0);
                term(0, r, 0);
                term(0, 0, -r);
                term(0, 0, r);
              }
              ref.at({x, y, z}) = acc;
            }
        ArgumentList args;
        args.field("src", src.view()).field("dst", dst.view());
        for (int k = 0; k < 19; ++k)
          args.scalar("w" + std::to_string(k), double(w[k]));
        expectCall(*kernel, args);
        EXPECT_EQ(dst.storage, ref.storage)
            << "nx=" << nx << " ny=" << ny << " nz=" << nz;
      }
}

} // namespace
