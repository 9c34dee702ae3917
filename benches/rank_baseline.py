"""The ranking benchmark's scoring written the natural way in NumPy (vectorized) and in pure
Python, on the data the Rust bench exports, timed in the same run.

    GIGRADAR_RANK_EXPORT=/tmp/rankdata cargo bench -p gigradar-benches --bench rank
    .venv/bin/python benches/rank_baseline.py /tmp/rankdata

Same scoring as gigradar's rank (weights from meta.json): distance part linear in the chord
(0 at the radius), time part w / (1 + days / scale), the best liked genre, every performer's
affinity times the headliner or support weight, then the top k with at most
`max_per_headliner` dates per headliner, ties by event id. The baselines get the profile already
resolved to per-artist and per-genre tables (the Rust timing includes that preparation).
Prints the time of each and checks that its top k is Rust's.
"""

import heapq
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

R = 6371.0088


def load(d):
    meta = json.loads((d / "meta.json").read_text())

    def arr(name, dtype):
        return np.fromfile(d / name, dtype=dtype)

    data = {
        "lat": arr("lat.f64", "<f8"),
        "lon": arr("lon.f64", "<f8"),
        "start": arr("start.i64", "<i8"),
        "g_off": arr("g_off.u32", "<u4").astype(np.int64),
        "g_ids": arr("g_ids.u32", "<u4").astype(np.int64),
        "p_off": arr("p_off.u32", "<u4").astype(np.int64),
        "p_artist": arr("p_artist.u32", "<u4").astype(np.int64),
        "p_support": arr("p_support.u32", "<u4"),
        "aff": arr("artist_aff.f64", "<f8"),
        "genre_val": arr("genre_val.f64", "<f8"),
    }
    ids = (d / "ids.txt").read_text().split("\n")[: meta["events"]]
    return meta, data, ids


def pick_top(order, headliner, ids, k, cap):
    """Greedy: best first, at most `cap` dates per headliner (0: no limit)."""
    per, out = {}, []
    for i in order:
        h = headliner[i]
        if cap and per.get(h, 0) >= cap:
            continue
        per[h] = per.get(h, 0) + 1
        out.append(i)
        if len(out) == k:
            break
    return out


def numpy_rank(meta, x, ids):
    w = meta["weights"]
    now, k, cap = meta["now"], meta["k"], meta["max_per_headliner"]
    radius = meta["radius_km"]
    la0, lo0 = math.radians(meta["lat"]), math.radians(meta["lon"])
    cmax = 2 * math.sin(radius / (2 * R))
    la, lo = np.radians(x["lat"]), np.radians(x["lon"])
    h = np.sin((la - la0) / 2) ** 2 + np.cos(la) * math.cos(la0) * np.sin((lo - lo0) / 2) ** 2
    d = 2 * R * np.arcsin(np.sqrt(h))
    chord = 2 * np.sin(d / (2 * R))
    ok = (d <= radius) & (x["start"] > now)
    dist = w["distance"] * (1 - chord / cmax)
    dt = np.maximum(x["start"] - now, 0) / (w["time_scale_days"] * 86400)
    tpart = w["time"] / (1 + dt)
    genre = np.maximum.reduceat(w["genre"] * x["genre_val"][x["g_ids"]], x["g_off"][:-1])
    role_w = np.where(x["p_support"] == 1, w["support"], w["headliner"])
    artist = np.add.reduceat(role_w * x["aff"][x["p_artist"]], x["p_off"][:-1])
    score = np.where(ok, dist + tpart + np.maximum(genre, 0) + artist, -np.inf)
    want = min(len(score), max(16 * k, 256))
    cand = np.argpartition(-score, want - 1)[:want]
    order = sorted(cand.tolist(), key=lambda i: (-score[i], ids[i]))
    headliner = x["p_artist"][x["p_off"][:-1]]
    return [(ids[i], float(score[i])) for i in pick_top(order, headliner, ids, k, cap)]


def python_rank(meta, rows, ids):
    w = meta["weights"]
    now, k, cap = meta["now"], meta["k"], meta["max_per_headliner"]
    radius = meta["radius_km"]
    la0, lo0 = math.radians(meta["lat"]), math.radians(meta["lon"])
    cos0 = math.cos(la0)
    cmax = 2 * math.sin(radius / (2 * R))
    lat, lon, start, g_off, g_ids, p_off, p_artist, p_support, aff, gval = rows
    scores = []
    for i in range(len(lat)):
        la, lo = math.radians(lat[i]), math.radians(lon[i])
        h = math.sin((la - la0) / 2) ** 2 + math.cos(la) * cos0 * math.sin((lo - lo0) / 2) ** 2
        d = 2 * R * math.asin(math.sqrt(h))
        if d > radius or start[i] <= now:
            continue
        s = w["distance"] * (1 - 2 * math.sin(d / (2 * R)) / cmax)
        s += w["time"] / (1 + max(start[i] - now, 0) / (w["time_scale_days"] * 86400))
        s += max(0.0, max(w["genre"] * gval[g] for g in g_ids[g_off[i] : g_off[i + 1]]))
        for j in range(p_off[i], p_off[i + 1]):
            s += (w["support"] if p_support[j] else w["headliner"]) * aff[p_artist[j]]
        scores.append((s, i))
    want = max(16 * k, 256)
    best = heapq.nlargest(want, scores)
    order = [i for _, i in sorted(best, key=lambda t: (-t[0], ids[t[1]]))]
    score = dict((i, s) for s, i in best)
    headliner = {i: p_artist[p_off[i]] for i in order}
    return [(ids[i], score[i]) for i in pick_top(order, headliner, ids, k, cap)]


def timed(f, repeat):
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.thread_time()
        out = f()
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.thread_time() - c0)
    return out, best_wall, best_cpu


def same_top(name, got, rust):
    want = [r["id"] for r in rust]
    ids = [g[0] for g in got]
    overlap = len(set(ids) & set(want))
    print(f"{name}: top {len(want)} agrees with Rust on {overlap}/{len(want)}"
          f"{' (same order)' if ids == want else ''}")


def main():
    d = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/rankdata")
    meta, x, ids = load(d)
    n = meta["events"]
    print(f"{n} events; NumPy {np.__version__}; Python {sys.version.split()[0]}")
    top, wall, cpu = timed(lambda: numpy_rank(meta, x, ids), 5)
    print(f"numpy: {wall * 1e3:.1f} ms wall, {cpu * 1e3:.1f} ms CPU (best of 5)")
    same_top("numpy", top, meta["rust_top"])
    rows = [x[k].tolist() for k in
            ("lat", "lon", "start", "g_off", "g_ids", "p_off", "p_artist", "p_support", "aff",
             "genre_val")]
    top, wall, cpu = timed(lambda: python_rank(meta, rows, ids), 1)
    print(f"pure python: {wall * 1e3:.0f} ms wall, {cpu * 1e3:.0f} ms CPU (1 run)")
    same_top("pure python", top, meta["rust_top"])


if __name__ == "__main__":
    main()
