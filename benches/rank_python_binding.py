"""Ranking 1M events from Python through the binding, against Rust's own figure from the same run.

    cargo run --release --locked -p gigradar-benches --bin rank-jsonl -- --out /tmp/rankjsonl
    .venv/bin/maturin develop --release --manifest-path bindings/python/Cargo.toml
    .venv/bin/python benches/rank_python_binding.py /tmp/rankjsonl

The data is the rank bench's (`cargo bench --bench rank`: 1M events, seed 1; the 300-artist,
100-genre profile, seed 2; central London, 50 km, top 20, two dates per headliner). The set is
built once with `EventSet.from_jsonl`; then `gigradar.rank` is timed 30 times, in CPU time of the
calling thread (the Rust work runs on it while the GIL is released; a busy machine's other
processes do not count) and in wall time. The binding's top 20 must be Rust's. Run by hand, never
by the tests. Build the module with `--release` first: the test build is unoptimized.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import gigradar


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = Path(sys.argv[1])
    meta = json.loads((d / "meta.json").read_text())

    t, c = time.perf_counter(), time.thread_time()
    events = gigradar.EventSet.from_jsonl((d / "events.jsonl").read_bytes())
    load_wall, load_cpu = time.perf_counter() - t, time.thread_time() - c
    profile = gigradar.Profile.from_json((d / "profile.json").read_text())
    args = (profile, events, meta["now"], meta["lat"], meta["lon"])
    kwargs = {"radius_km": meta["radius_km"], "k": meta["k"], "max_per_headliner": meta["max_per_headliner"]}

    top = gigradar.rank(*args, **kwargs)
    got = [(r.event.id, r.score) for r in top]
    want = [(r["id"], r["score"]) for r in meta["rust_top"]]
    if got != want:
        sys.exit(f"the binding's top {len(got)} differs from Rust's:\n{got}\n{want}")

    cpu, wall = [], []
    for _ in range(30):
        t, c = time.perf_counter(), time.thread_time()
        gigradar.rank(*args, **kwargs)
        wall.append((time.perf_counter() - t) * 1e3)
        cpu.append((time.thread_time() - c) * 1e3)

    rust = meta["rust_rank_cpu_ms"]
    median = statistics.median(cpu)
    print(f"events: {len(events):,}; EventSet.from_jsonl {load_wall:.1f} s wall, {load_cpu:.1f} s CPU")
    print(f"rank via Python: {median:.1f} ms CPU median, {min(cpu):.1f} best; {statistics.median(wall):.1f} ms wall median (30 runs)")
    print(f"rank in Rust (same data, same run of rank-jsonl): {rust['median']:.1f} ms CPU median, {rust['best']:.1f} best")
    print(f"binding / Rust: {median / rust['median']:.2f}x (median), {min(cpu) / rust['best']:.2f}x (best); top {len(got)} identical")


if __name__ == "__main__":
    main()
