#!/usr/bin/env bash
# Every test gigradar has: Rust, then each binding in its own language. Installs what it needs
# (a venv with maturin and pytest, npm ci, Maven artefacts) and reuses one target directory.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# The Python and Node extension modules link only inside their host; their tests are pytest and
# node --test below, which build them into the same target directory.
host_only=(--exclude gigradar-python --exclude gigradar-node)

echo "== rust: tests"
cargo test --workspace "${host_only[@]}" --locked
echo "== rust: benchmarks compile (never run here; dev profile, so the test build is reused)"
cargo build --workspace "${host_only[@]}" --benches --locked
echo "== rust: done in ${SECONDS}s"

for binding in python node mobile; do
  if [ -x "bindings/$binding/test.sh" ]; then
    echo "== bindings/$binding"
    start=$SECONDS
    "bindings/$binding/test.sh"
    echo "== bindings/$binding: done in $((SECONDS - start))s"
  fi
done
echo "== all tests passed in ${SECONDS}s"
