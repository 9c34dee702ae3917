//! `rank-jsonl --out DIR [--events N]`: the ranking benchmark's data as a host sees it, for
//! `benches/rank_python_binding.py` (and any other binding): `DIR/events.jsonl` (the same
//! events as `cargo bench --bench rank`, seed 1, as `gigradar parse` writes them),
//! `DIR/profile.json` (the same 300-artist profile, seed 2) and `DIR/meta.json` (the context,
//! Rust's top 20, and Rust's own `rank` time measured here, so both sides come from one run on
//! one machine). Build it with `--release`.

use gigradar_benches as data;
use gigradar_core::rank::{EventSet, rank};
use std::io::Write;
use std::time::{Duration, Instant};

/// The thread's CPU time, or zero where it cannot be read.
fn thread_cpu() -> Duration {
    gigradar_benches::thread_cpu().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() -> std::io::Result<()> {
    let mut out: Option<String> = None;
    let mut n = 1_000_000usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--out", Some(v)) => out = Some(v.clone()),
            ("--events", Some(v)) => n = v.parse().expect("--events takes a number"),
            _ => {
                eprintln!("usage: rank-jsonl --out DIR [--events N]");
                std::process::exit(2);
            }
        }
    }
    let Some(dir) = out else {
        eprintln!("usage: rank-jsonl --out DIR [--events N]");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir)?;

    let events = data::events(n, 1);
    let mut file = std::io::BufWriter::new(std::fs::File::create(dir.join("events.jsonl"))?);
    for e in &events {
        writeln!(file, "{}", e.to_json())?;
    }
    file.flush()?;
    let profile = data::profile(2);
    std::fs::write(dir.join("profile.json"), profile.to_json())?;

    let (t, c) = (Instant::now(), thread_cpu());
    let set = EventSet::new(events);
    let (build_wall, build_cpu) = (t.elapsed(), thread_cpu() - c);
    let ctx = data::context();
    let top = rank(&profile, &set, &ctx).expect("a valid context");
    // The same call the binding makes (a fresh Ranker each time), 30 times.
    let mut cpu: Vec<f64> = (0..30)
        .map(|_| {
            let c = thread_cpu();
            std::hint::black_box(rank(&profile, &set, &ctx).ok());
            ms(thread_cpu() - c)
        })
        .collect();
    cpu.sort_by(f64::total_cmp);
    let meta = serde_json::json!({
        "events": n,
        "now": ctx.now.to_rfc3339(),
        "lat": ctx.lat, "lon": ctx.lon, "radius_km": ctx.radius_km,
        "k": ctx.k, "max_per_headliner": ctx.max_per_headliner,
        "rust_build_ms": {"wall": ms(build_wall), "cpu": ms(build_cpu)},
        "rust_rank_cpu_ms": {"best": cpu[0], "median": cpu[cpu.len() / 2]},
        "rust_top": top.iter().map(|r| serde_json::json!({"id": r.event_id, "score": r.score})).collect::<Vec<_>>(),
    });
    std::fs::write(dir.join("meta.json"), meta.to_string())?;
    eprintln!(
        "wrote {} ({n} events); Rust rank: {:.1} ms CPU median, {:.1} best of 30; build {:.0} ms CPU",
        dir.display(),
        cpu[cpu.len() / 2],
        cpu[0],
        ms(build_cpu)
    );
    Ok(())
}
