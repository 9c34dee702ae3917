#!/usr/bin/env bash
# Every test gigradar has: Rust, then each binding in its own language. Installs what it needs
# (a venv with maturin and pytest, npm ci, Maven artefacts) and reuses one target directory.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

echo "== rust: tests"
cargo test --workspace --locked
echo "== rust: benchmarks compile (never run here; dev profile, so the test build is reused)"
cargo build --workspace --benches --locked

for binding in python node mobile; do
  if [ -x "bindings/$binding/test.sh" ]; then
    echo "== bindings/$binding"
    "bindings/$binding/test.sh"
  fi
done
echo "== all tests passed"
