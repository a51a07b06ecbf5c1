#!/usr/bin/env bash
# Installs build/ into a scratch prefix, builds examples/embed-stencil against
# the installed CMake package and runs it: the JIT example, and an
# ahead-of-time kernel called by a program that links the run-time only (and
# must not load libMLIR). Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
prefix="$scratch/prefix"
cmake --install build --prefix "$prefix" > "$scratch/install.log"
cmake -S examples/embed-stencil -B "$scratch/build" -G Ninja \
  -DCMAKE_CXX_COMPILER=clang++-22 \
  -DStencil_DIR="$prefix/lib/cmake/stencil" > "$scratch/configure.log"
cmake --build "$scratch/build" > "$scratch/build.log"

"$scratch/build/embed-jacobi"
# The installed tools start from the prefix (RUNPATH finds libMLIR).
"$prefix/bin/ps-compile" docs/examples/jacobi2d.mlir --emit=shared \
  -o "$scratch/libjacobi2d.so"
"$scratch/build/run-aot" "$scratch/libjacobi2d.so"
if ldd "$scratch/build/run-aot" | grep -q libMLIR; then
  echo "check-install: run-aot links libMLIR; the run-time must not" >&2
  exit 1
fi
echo "check-install: installed package, downstream build and both programs OK"
