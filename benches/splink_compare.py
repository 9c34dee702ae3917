#!/usr/bin/env python3
"""gigradar dedup vs Splink (DuckDB backend) on the same generated listings.

Run by hand (never by the test command); it installs Splink into benches/.venv-splink on first
use:

    cargo build --release -p gigradar-cli -p gigradar-benches
    python3 benches/splink_compare.py --seed 2 --listings 10000

It generates the set with `gen-listings` (JSON Lines + truth CSV under benches/data/), runs
`gigradar dedup` on it (wall time of the whole command: reading, dedup, writing), runs Splink on
the same listings, and prints pairwise precision, recall, F1, hard-negative merges and wall time
for both.

Splink gets what an expert would give it: normalized fields (accents, case and punctuation
folded; "at Venue", "Presents:", "(18+)", tour and package suffixes cut from titles), blocking on
the local night (06:00 to 06:00) and city, plus night and act name; comparisons per field:
Jaro-Winkler on title, headliner and venue name, distance between venues, difference of local
start times; u from random sampling, m by expectation maximisation on two blocking rules, and a
match-probability threshold for clustering chosen on seed 1 (--threshold).
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "benches", ".venv-splink")
DATA = os.path.join(ROOT, "benches", "data")
RELEASE = os.path.join(ROOT, "target", "release")


def ensure_splink():
    """Re-run this script inside benches/.venv-splink, creating it on first use."""
    py = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.prefix) == os.path.abspath(VENV):
        return
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([py, "-m", "pip", "install", "-q", "splink", "duckdb", "pandas"])
    os.execv(py, [py] + sys.argv)


def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("&", " and ")
    return re.sub(r"[^\w]+", " ", s).strip()


TITLE_NOISE = re.compile(
    r"\b(vip packages?|restaurant (tickets|tables)|resale|world tour|tour 2026|north american tour|"
    r"summer tour|farewell tour|18|21)\b"
)


def title_core(title):
    t = re.split(r" (?:at|@) ", title, maxsplit=1, flags=re.I)[0]
    t = re.sub(r"\([^)]*\)", " ", t)
    parts = [p for p in re.split(r":| - ", t) if p.strip()]
    parts = [p for p in parts if not p.strip().lower().endswith("presents")] or parts
    return TITLE_NOISE.sub(" ", fold(parts[0] if parts else t)).strip()


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            v = e.get("venue") or {}
            date, tm = e.get("local_date"), e.get("local_time")
            if not date:
                continue
            y, m, d = map(int, date.split("-"))
            hh, mm = (int(tm[:2]), int(tm[3:5])) if tm else (20, 0)
            wall = (time.mktime((y, m, d, hh, mm, 0, 0, 0, 0)) - time.mktime((1970, 1, 1, 0, 0, 0, 0, 0, 0))) // 60
            performers = e.get("performers") or []
            rows.append(
                {
                    "unique_id": f"{e['sources'][0]['provider']}:{e['sources'][0]['id']}",
                    "title": title_core(e["title"]),
                    "headliner": fold(performers[0]["name"]) if performers else title_core(e["title"]),
                    "venue": fold(v.get("name")),
                    "city": fold(v.get("city")),
                    "lat": v.get("lat"),
                    "lon": v.get("lon"),
                    "start_min": int(wall),
                    "night": int((wall - 360) // 1440),
                }
            )
    return rows


def truth(path):
    with open(path, encoding="utf-8") as f:
        return {r["source"]: (r["performance"], r["family"], r["kind"]) for r in csv.DictReader(f)}


def quality(cluster_of, labels):
    """Pairwise precision, recall, F1 and hard-negative merges of a clustering."""
    pairs = lambda n: n * (n - 1) // 2
    true_pairs = sum(pairs(n) for n in Counter(p for p, _, _ in labels.values()).values())
    members = defaultdict(list)
    for key, c in cluster_of.items():
        members[c].append(key)
    predicted = correct = hard = 0
    for ms in members.values():
        predicted += pairs(len(ms))
        correct += sum(pairs(n) for n in Counter(labels[k][0] for k in ms).values())
        if len(ms) > 1:
            for i, a in enumerate(ms):
                for b in ms[i + 1 :]:
                    (pa, fa, _), (pb, fb, _) = labels[a], labels[b]
                    if pa != pb and fa != "0" and fa == fb:
                        hard += 1
    p = correct / predicted if predicted else 1.0
    r = correct / true_pairs if true_pairs else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), hard


def run_gigradar(events_path):
    started = time.perf_counter()
    out = subprocess.run(
        [os.path.join(RELEASE, "gigradar"), "dedup", events_path],
        check=True,
        capture_output=True,
        text=True,
    )
    secs = time.perf_counter() - started
    cluster_of = {}
    for i, line in enumerate(out.stdout.splitlines()):
        for s in json.loads(line)["sources"]:
            cluster_of[f"{s['provider']}:{s['id']}"] = i
    return cluster_of, secs


def run_splink(rows, threshold):
    import pandas as pd
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    df = pd.DataFrame(rows)
    started = time.perf_counter()
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=[
            block_on("night", "city"),
            block_on("night", "headliner"),
        ],
        comparisons=[
            cl.JaroWinklerAtThresholds("title", [0.95, 0.85]),
            cl.JaroWinklerAtThresholds("headliner", [0.95, 0.85]),
            cl.JaroWinklerAtThresholds("venue", [0.95, 0.8]),
            cl.DistanceInKMAtThresholds("lat", "lon", [0.5, 2, 40]),
            cl.CustomComparison(
                output_column_name="start_min",
                comparison_levels=[
                    cll.NullLevel("start_min"),
                    cll.ExactMatchLevel("start_min"),
                    cll.AbsoluteDifferenceLevel("start_min", 30),
                    cll.AbsoluteDifferenceLevel("start_min", 90),
                    cll.AbsoluteDifferenceLevel("start_min", 180),
                    cll.ElseLevel(),
                ],
            ),
        ],
        retain_intermediate_calculation_columns=False,
    )
    # Splink 5: register the table with the backend, then link the registered table.
    linker = Linker(DuckDBAPI().register(df), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("night", "headliner", "venue")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("night", "venue"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("night", "headliner"))
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
    table = clusters.as_pandas_dataframe()
    secs = time.perf_counter() - started
    return dict(zip(table["unique_id"], table["cluster_id"])), secs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--listings", type=int, default=10_000)
    ap.add_argument("--skip-splink", action="store_true")
    # Chosen on seed 1 at 10k: F1 0.885 at 0.9, 0.910 at 0.99, 0.911 at 0.999 (0.99 keeps more
    # recall for the same F1); reported on seed 2.
    ap.add_argument("--threshold", type=float, default=0.99)
    args = ap.parse_args()
    if not args.skip_splink:
        ensure_splink()
    os.makedirs(DATA, exist_ok=True)
    events = os.path.join(DATA, f"listings_s{args.seed}_{args.listings}.jsonl")
    if not os.path.exists(events):
        subprocess.check_call(
            [os.path.join(RELEASE, "gen-listings"), "--seed", str(args.seed), "--listings", str(args.listings), "--out", events]
        )
    labels = truth(events + ".truth.csv")
    print(f"| tool | listings | precision | recall | F1 | hard-negative merges | wall time (s) |")
    print(f"|---|---|---|---|---|---|---|")
    g, secs = run_gigradar(events)
    p, r, f, h = quality(g, labels)
    print(f"| gigradar dedup (CLI) | {len(labels)} | {p:.4f} | {r:.4f} | {f:.4f} | {h} | {secs:.2f} |", flush=True)
    if not args.skip_splink:
        rows = load(events)
        s, secs = run_splink(rows, args.threshold)
        for key in labels:
            s.setdefault(key, f"single:{key}")
        p, r, f, h = quality(s, labels)
        print(f"| Splink (DuckDB) | {len(labels)} | {p:.4f} | {r:.4f} | {f:.4f} | {h} | {secs:.2f} |")


if __name__ == "__main__":
    main()
