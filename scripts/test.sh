#!/usr/bin/env bash
# Runs every test suite: the lit/FileCheck tests (test/, including the
# GoogleTest unit tests), a check that the generated reference in docs/ is up
# to date, and a short fuzzing run of ps-opt. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x build/bin/ps-opt ]; then
  echo "test: build/ is missing; run scripts/setup.sh first" >&2
  exit 1
fi
cmake --build build -j "$(nproc)"

status=0
echo "== lit tests (check-ps)"
lit_log=$(mktemp)
/usr/lib/llvm-22/bin/lit -v build/test build/test/Unit | tee "$lit_log" || status=1

echo "== generated docs are up to date"
if scripts/update-docs.sh --check; then
  echo "docs: up to date"
else
  status=1
fi

echo "== install into a scratch prefix and build examples/embed-stencil against it"
scripts/check-install.sh || status=1

echo "== fuzzing ps-opt (truncated, shuffled, mutated and random inputs)"
# A fixed number of iterations keeps the run deterministic.
python3 scripts/fuzz-ps-opt.py --seed 1 --iterations "${PS_FUZZ_ITERATIONS:-150}" --seconds 900 \
  --check-diagnostics || status=1

echo "== python tests (psmlir, with Debian's /usr/bin/python3)"
# Long runs are behind PS_PYTHON_LONG_TESTS=1; the default run takes about
# 20 s on 2 cores. The kernel cache of the run is a scratch folder.
if /usr/bin/python3 -c "import pytest" 2>/dev/null; then
  py_cache=$(mktemp -d)
  PS_CACHE_DIR="$py_cache" /usr/bin/python3 -m pytest -q -p no:cacheprovider python/tests || status=1
  rm -rf "$py_cache"
else
  echo "python tests: pytest is missing (apt-get install python3-pytest)" >&2
  status=1
fi

# One closing line for all suites: lit's counts plus the two checks above.
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$lit_log")
failed=$(grep -cE '^(FAIL|XPASS|UNRESOLVED|TIMEOUT):' "$lit_log" || true)
rm -f "$lit_log"
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit $status
