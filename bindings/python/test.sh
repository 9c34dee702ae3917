#!/usr/bin/env bash
# Python binding: build gigradar._native into the repo's .venv (maturin, dev profile, the shared
# target dir), check the committed _native.pyi is what the build generates, type-check a usage
# file with mypy --strict, then run pytest. Installs what it needs on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
venv="$root/.venv"
stub=bindings/python/python/gigradar/_native.pyi

echo "-- python: venv $venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r bindings/python/requirements-dev.txt
export VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH"

echo "-- python: build gigradar._native and regenerate $stub"
maturin develop --quiet --manifest-path bindings/python/Cargo.toml --generate-stubs

echo "-- python: stub drift and completeness"
if ! git diff --exit-code -- "$stub" || ! git ls-files --error-unmatch "$stub" >/dev/null 2>&1; then
  echo "FAIL: $stub differs from what the build generates; commit the regenerated file" >&2
  exit 1
fi
if grep -nE '\bIncomplete\b|\bAny\b' "$stub"; then
  echo "FAIL: $stub leaves a public name untyped (Incomplete/Any above)" >&2
  exit 1
fi

echo "-- python: mypy --strict over a usage of every public name"
(cd bindings/python && mypy --strict typecheck/usage.py python/gigradar)

echo "-- python: pytest"
status=0
(cd bindings/python && python -m pytest -q -p no:cacheprovider) || status=$?
if [ "$status" -eq 5 ]; then
  echo "FAIL: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
