#!/usr/bin/env bash
# Node binding: npm ci, build the addon with `napi build --platform` (dev profile, the shared
# target dir), check the committed index.js/index.d.ts are what the build generates, type-check a
# usage file with tsc --noEmit, then run node --test over __test__/.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

echo "-- node: npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "-- node: build the addon and regenerate index.js, index.d.ts"
npx napi build --platform

echo "-- node: generated-file drift and completeness"
for f in index.js index.d.ts; do
  if ! git ls-files --error-unmatch "$f" >/dev/null 2>&1 || ! git diff --exit-code -- "$f"; then
    echo "FAIL: bindings/node/$f differs from what napi build generates; commit the regenerated file" >&2
    exit 1
  fi
done
if grep -nE ':\s*any\b|<any>|\bany\[\]' index.d.ts; then
  echo "FAIL: index.d.ts leaves a public name typed as any (above)" >&2
  exit 1
fi

echo "-- node: tsc --noEmit over a usage of every public name"
npx tsc --noEmit -p typecheck

echo "-- node: node --test"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
node --test __test__/ | tee "$log"
if ! grep -qE '^# pass [1-9]' "$log"; then
  echo "FAIL: node --test ran no tests" >&2
  exit 1
fi
