//===- BoundaryLists.h - Boundary index lists for the tests ----*- C++ -*-===//
//
// The lattices of the boundary examples (D2Q9 and D3Q19 in their order) and
// index lists built from a wall mask as lbmpy builds them: every fluid cell
// and direction whose neighbour is a wall, one record (point, direction)
// each. The CPU and GPU integration tests share them.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_TEST_INTEGRATION_BOUNDARYLISTS_H
#define STENCIL_TEST_INTEGRATION_BOUNDARYLISTS_H

#include "CPU/TestArrays.h"

#include <algorithm>
#include <array>
#include <random>
#include <vector>

namespace ps_test {

/// A lattice's directions, in the examples' order.
struct Stencil {
  std::vector<std::array<int, 3>> c;
  /// The direction opposite to each, found by search.
  std::vector<int> inverse() const {
    std::vector<int> inv(c.size(), -1);
    for (size_t i = 0; i < c.size(); ++i)
      for (size_t j = 0; j < c.size(); ++j)
        if (c[j][0] == -c[i][0] && c[j][1] == -c[i][1] && c[j][2] == -c[i][2])
          inv[i] = int(j);
    return inv;
  }
};

inline const Stencil kD2Q9{{{0, 0, 0},
                            {1, 0, 0},
                            {0, 1, 0},
                            {-1, 0, 0},
                            {0, -1, 0},
                            {1, 1, 0},
                            {-1, 1, 0},
                            {-1, -1, 0},
                            {1, -1, 0}}};
inline const Stencil kD3Q19{{{0, 0, 0},
                             {0, 1, 0},
                             {0, -1, 0},
                             {-1, 0, 0},
                             {1, 0, 0},
                             {0, 0, 1},
                             {0, 0, -1},
                             {-1, 1, 0},
                             {1, 1, 0},
                             {-1, -1, 0},
                             {1, -1, 0},
                             {0, 1, 1},
                             {0, -1, 1},
                             {-1, 0, 1},
                             {1, 0, 1},
                             {0, 1, -1},
                             {0, -1, -1},
                             {-1, 0, -1},
                             {1, 0, -1}}};

/// Walls: the ghost layer and a block inside; everything else is fluid.
inline bool isWall(const std::vector<int64_t> &shape,
                   const std::vector<int64_t> &p) {
  bool inBlock = true;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (p[d] == 0 || p[d] == shape[d] - 1)
      return true;
    inBlock &= p[d] >= 3 && p[d] < 5;
  }
  return inBlock;
}

/// The records (point, direction) of every fluid cell and direction whose
/// neighbour is a wall, in a shuffled order.
inline std::vector<std::vector<int64_t>>
findBoundary(const std::vector<int64_t> &shape, const Stencil &stencil) {
  std::vector<std::vector<int64_t>> records;
  forEachIndex(shape, [&](const std::vector<int64_t> &p) {
    if (isWall(shape, p))
      return;
    for (size_t d = 1; d < stencil.c.size(); ++d) {
      std::vector<int64_t> neighbour = p;
      for (size_t i = 0; i < shape.size(); ++i)
        neighbour[i] += stencil.c[d][i];
      if (isWall(shape, neighbour)) {
        std::vector<int64_t> record = p;
        record.push_back(int64_t(d));
        records.push_back(record);
      }
    }
  });
  std::shuffle(records.begin(), records.end(), std::mt19937(7));
  return records;
}

} // namespace ps_test

#endif // STENCIL_TEST_INTEGRATION_BOUNDARYLISTS_H
