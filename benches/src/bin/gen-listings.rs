//! `gen-listings --seed N --listings N --out FILE`: a labelled dedup benchmark set.
//!
//! Writes FILE (canonical events, JSON Lines, as `gigradar parse` writes them) and
//! FILE.truth.csv (`source,performance,family,kind`: the ground truth of each listing).

use std::io::Write;

fn main() {
    let mut seed = 1u64;
    let mut listings = 10_000usize;
    let mut out: Option<String> = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--seed" => seed = value.parse().expect("--seed takes a number"),
            "--listings" => listings = value.parse().expect("--listings takes a number"),
            "--out" => out = Some(value),
            other => {
                eprintln!(
                    "usage: gen-listings --seed N --listings N --out FILE (unknown: {other})"
                );
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let Some(out) = out else {
        eprintln!("usage: gen-listings --seed N --listings N --out FILE");
        std::process::exit(2);
    };
    let set = gigradar_benches::generator::generate(seed, listings);
    let mut events =
        std::io::BufWriter::new(std::fs::File::create(&out).expect("FILE can be written"));
    let mut truth = std::io::BufWriter::new(
        std::fs::File::create(format!("{out}.truth.csv")).expect("FILE.truth.csv can be written"),
    );
    writeln!(truth, "source,performance,family,kind").unwrap();
    for (e, t) in set.events.iter().zip(&set.truth) {
        writeln!(events, "{}", e.to_json()).unwrap();
        writeln!(
            truth,
            "{},{},{},{}",
            e.sources[0].key(),
            t.performance,
            t.family,
            t.kind
        )
        .unwrap();
    }
    events.flush().unwrap();
    truth.flush().unwrap();
    eprintln!(
        "gen-listings: {} listings (seed {seed}) -> {out}",
        set.events.len()
    );
}
