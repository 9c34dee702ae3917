#!/usr/bin/env bash
# The main job on the embedded sample, with no server and no keys: listings -> one catalogue
# (dedup) -> a taste profile (Spotify responses + picks) -> ranked shows with reasons.
# Sample data lives in examples/data/ (our own, not captured payloads).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build -q --locked -p gigradar-cli
gigradar="$CARGO_TARGET_DIR/debug/gigradar"
data=examples/data
profile="$(mktemp)"
trap 'rm -f "$profile"' EXIT

"$gigradar" profile \
  --spotify-top "$data/spotify_top_short_term.json" \
  --spotify-top "$data/spotify_top_long_term.json" \
  --spotify-following "$data/spotify_following.json" \
  --picks "$data/picks.json" > "$profile"

"$gigradar" dedup "$data/sample_events.jsonl" \
  | "$gigradar" rank --profile "$profile" --events - \
      --now "${GIGRADAR_NOW:-2026-12-02T18:00:00Z}" --near 51.5465,-0.1058 -k 10 --format table
