#!/usr/bin/env bash
# Regenerates the dialect and pass reference in docs/reference/ from ODS
# (the mlir-doc target), or with --check fails if docs/reference/ is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target mlir-doc >/dev/null
generated=(build/docs/Dialects/PsDialect.md build/docs/PsPasses.md
           build/docs/PsConversionPasses.md)
mkdir -p docs/reference
if [ "${1:-}" = "--check" ]; then
  ok=0
  for file in "${generated[@]}"; do
    if ! cmp -s "$file" "docs/reference/$(basename "$file")"; then
      echo "docs/reference/$(basename "$file") is stale: run scripts/update-docs.sh" >&2
      ok=1
    fi
  done
  exit $ok
fi
cp "${generated[@]}" docs/reference/
echo "docs/reference updated"
