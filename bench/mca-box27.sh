#!/usr/bin/env bash
# llvm-mca on the innermost loop of box27 (27 run-time weights, strict
# order: 27 multiplies and 26 adds per vector) for AVX2 on Zen 3, with 1, 2
# and 4 vectors per iteration and with a jam of 2 rows: cycles per point
# from the simulated schedule beside the resource bound (Block
# RThroughput). Usage: bench/mca-box27.sh [CPU]
set -euo pipefail
cd "$(dirname "$0")/.."
cpu=${1:-znver3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-12s %8s %14s %14s %12s\n' variant points cycles/iter bound/iter cycles/point
for variant in "u1:--unroll=1:4" "u2:--unroll=2:8" "u4:--unroll=4:16" "u2-jam2:--unroll=2 --jam=2:16"; do
  IFS=: read -r name flags points <<< "$variant"
  # shellcheck disable=SC2086
  build/bin/ps-compile bench/kernels/box27.mlir --emit=asm \
    --triple=x86_64-unknown-linux-gnu --cpu="$cpu" --vectorize=avx2 $flags \
    -o "$work/$name.s"
  /usr/bin/python3 bench/hottest-block.py "$work/$name.s" > "$work/$name.hot.s"
  report=$(/usr/lib/llvm-22/bin/llvm-mca -mcpu="$cpu" -iterations=200 "$work/$name.hot.s")
  cycles=$(sed -n 's/^Total Cycles: *//p' <<< "$report")
  bound=$(sed -n 's/^Block RThroughput: *//p' <<< "$report")
  /usr/bin/python3 -c "import sys; c=$cycles/200; print('%-12s %8d %14.1f %14s %12.2f' % ('$name', $points, c, '$bound', c/$points))"
done
