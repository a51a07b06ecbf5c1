#!/usr/bin/env bash
# Installs the Debian packages the project needs, then configures and builds
# it into build/ (ps-opt at build/bin/ps-opt). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake ninja-build git binutils
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
  clang-22 lld-22 libomp-22-dev
  libgtest-dev python3
  python3-dev pybind11-dev python3-numpy python3-sympy python3-pytest
  libclang-rt-22-dev
  rocm-device-libs
  libopenmpi-dev openmpi-bin python3-mpi4py
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

LLVM_PREFIX=/usr/lib/llvm-22
cmake -S . -B build -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 \
  -DCMAKE_CXX_COMPILER=clang++-22 \
  -DLLVM_USE_LINKER=lld \
  -DMLIR_DIR="$LLVM_PREFIX/lib/cmake/mlir" \
  -DLLVM_DIR="$LLVM_PREFIX/lib/cmake/llvm" \
  -DLLVM_EXTERNAL_LIT="$LLVM_PREFIX/bin/lit"
cmake --build build -j "$(nproc)"
# The Python front end: /usr/bin/python3 (Debian's, which has python3-numpy
# and python3-sympy) finds the package python/psmlir and its extension in
# build/python through a .pth file in its dist-packages.
PTH="/usr/lib/python3/dist-packages/psmlir.pth"
ROOT="$(pwd -P)"
if [ -d "$(dirname "$PTH")" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  printf '%s\n%s\n' "$ROOT/python" "$ROOT/build/python" | $SUDO tee "$PTH" >/dev/null ||
    echo "setup: warning: cannot write $PTH; set PYTHONPATH=$ROOT/python" >&2
fi
echo "setup: built build/bin/ps-opt"
