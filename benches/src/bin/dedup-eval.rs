//! `dedup-eval --seed N --sizes 10000,100000,1000000`: quality and speed of `dedup` on the
//! generated benchmark, one row per size (the README's table). Single-threaded, as dedup is.
//! Time is `dedup` alone, from events already in memory (this thread's CPU time). Memory is
//! measured around `dedup` alone too: the resident size with the generated events in memory
//! before it, and the process's high-water mark (VmHWM, reset just before `dedup`) while it ran.
//! `--hash` prints a hash of each result (events and evidence as JSON), to check that a change
//! to dedup's speed left its output identical. `--repeat N` runs `dedup` N times on copies of
//! the same events (run to run, CPU time varies by about 10% here, with the allocator's and the
//! kernel's state), prints every time to stderr, and reports the median; the memory columns
//! then include the copies and the allocator's reuse of earlier runs' memory, so measure memory
//! with one run.

use gigradar_core::dedup::{DedupOptions, dedup};
use std::collections::HashMap;
use std::time::Instant;

fn status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Start the high-water mark afresh (Linux: "5" to clear_refs), so VmHWM is dedup's own peak
/// and not generation's.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// FNV-1a over everything written: a stable fingerprint of a result's JSON.
struct Fingerprint(u64);

impl std::io::Write for Fingerprint {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn fingerprint(out: &gigradar_core::dedup::DedupResult) -> u64 {
    let mut f = Fingerprint(0xcbf2_9ce4_8422_2325);
    serde_json::to_writer(&mut f, out).expect("a result serializes");
    f.0
}

/// CPU time of this thread in seconds, so a busy machine does not count.
fn thread_cpu_s() -> Option<f64> {
    gigradar_benches::thread_cpu().map(|d| d.as_secs_f64())
}

fn main() {
    let mut seed = 2u64;
    let mut sizes = vec![10_000usize, 100_000];
    let mut show_errors = 0usize;
    let mut hash = false;
    let mut repeat = 1usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--hash" {
            hash = true;
            i += 1;
            continue;
        }
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--seed" => seed = value.parse().expect("--seed takes a number"),
            "--repeat" => {
                repeat = value
                    .parse()
                    .ok()
                    .filter(|&r| r >= 1)
                    .expect("--repeat takes a number >= 1")
            }
            "--sizes" => {
                sizes = value
                    .split(',')
                    .map(|s| s.trim().parse().expect("--sizes takes numbers"))
                    .collect()
            }
            // Print this many wrongly merged listing pairs (titles, venues, times) to stderr.
            "--show-errors" => show_errors = value.parse().expect("--show-errors takes a number"),
            other => {
                eprintln!(
                    "usage: dedup-eval --seed N --sizes 10000,100000 [--repeat N] [--hash] (unknown: {other})"
                );
                std::process::exit(2);
            }
        }
        i += 2;
    }
    println!(
        "| seed | listings | events out | precision | recall | F1 | hard-negative merges | dedup wall (s) | dedup CPU (s) | listings/s (CPU) | RSS before dedup (MiB) | peak RSS in dedup (MiB) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut times = Vec::new();
    for &n in &sizes {
        let set = gigradar_benches::generator::generate(seed, n);
        let index: HashMap<String, u32> = set
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.sources[0].key(), i as u32))
            .collect();
        let count = set.events.len();
        let copy = if show_errors > 0 {
            Some(set.events.clone())
        } else {
            None
        };
        let mut runs: Vec<f64> = (1..repeat)
            .map(|_| {
                let events = set.events.clone();
                let c0 = thread_cpu_s();
                let out = dedup(events, &DedupOptions::default());
                let c1 = thread_cpu_s();
                drop(out);
                match (c0, c1) {
                    (Some(a), Some(b)) => b - a,
                    _ => f64::NAN,
                }
            })
            .collect();
        let rss_before = status_mib("VmRSS:").unwrap_or(f64::NAN);
        let peak_reset = reset_peak_rss();
        let started = Instant::now();
        let cpu0 = thread_cpu_s();
        let out = dedup(set.events, &DedupOptions::default());
        let secs = started.elapsed().as_secs_f64();
        let cpu = match (cpu0, thread_cpu_s()) {
            (Some(a), Some(b)) => b - a,
            _ => f64::NAN,
        };
        runs.push(cpu);
        let cpu = if repeat > 1 {
            eprintln!(
                "size {n}: dedup CPU (s) over {repeat} runs, in order: {}",
                runs.iter()
                    .map(|r| format!("{r:.2}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            runs.sort_by(f64::total_cmp);
            runs[runs.len() / 2]
        } else {
            cpu
        };
        let peak = if peak_reset {
            status_mib("VmHWM:").unwrap_or(f64::NAN)
        } else {
            f64::NAN
        };
        if hash {
            eprintln!(
                "seed {seed} size {n}: result fingerprint {:016x}",
                fingerprint(&out)
            );
        }
        let mut clusters = vec![u32::MAX; count];
        for (c, e) in out.events.iter().enumerate() {
            for s in &e.sources {
                clusters[index[&s.key()] as usize] = c as u32;
            }
        }
        assert!(
            clusters.iter().all(|&c| c != u32::MAX),
            "every listing is in one event"
        );
        let q = gigradar_benches::eval::quality(&clusters, &set.truth);
        if let Some(events) = copy {
            let line = |i: usize| {
                let e = &events[i];
                format!(
                    "{} | {} | {} | {:?} {:?} | perf {} {}",
                    e.sources[0].key(),
                    e.title,
                    e.venue.as_ref().map_or("", |v| v.name.as_str()),
                    e.local_date,
                    e.local_time,
                    set.truth[i].performance,
                    set.truth[i].kind
                )
            };
            let mut by_cluster: HashMap<u32, Vec<usize>> = HashMap::new();
            for (i, &c) in clusters.iter().enumerate() {
                by_cluster.entry(c).or_default().push(i);
            }
            let mut shown = 0;
            let mut by_perf: HashMap<u32, Vec<usize>> = HashMap::new();
            for (i, t) in set.truth.iter().enumerate() {
                by_perf.entry(t.performance).or_default().push(i);
            }
            for m in by_perf.values() {
                if shown >= show_errors {
                    break;
                }
                if m.iter().any(|&i| clusters[i] != clusters[m[0]]) {
                    eprintln!("-- missed:");
                    for &i in m {
                        eprintln!("   [{}] {}", clusters[i], line(i));
                    }
                    shown += 1;
                }
            }
            shown = 0;
            for m in by_cluster.values() {
                if shown >= show_errors {
                    break;
                }
                if m.iter()
                    .any(|&i| set.truth[i].performance != set.truth[m[0]].performance)
                {
                    eprintln!("-- wrongly merged:");
                    for &i in m {
                        eprintln!("   {}", line(i));
                    }
                    shown += 1;
                }
            }
        }
        let mut kinds: Vec<_> = q.hard_negative_merges.iter().collect();
        kinds.sort();
        println!(
            "| {seed} | {count} | {} | {:.4} | {:.4} | {:.4} | {}{} | {secs:.2} | {cpu:.2} | {:.0} | {rss_before:.0} | {peak:.0} |",
            out.events.len(),
            q.precision(),
            q.recall(),
            q.f1(),
            q.hard_negatives(),
            if kinds.is_empty() {
                String::new()
            } else {
                format!(" {kinds:?}")
            },
            count as f64 / cpu,
        );
        times.push((n, cpu));
    }
    if let (Some(a), Some(b)) = (
        times.iter().find(|t| t.0 == 100_000),
        times.iter().find(|t| t.0 == 1_000_000),
    ) {
        println!("\nt(1M) / t(100k) = {:.1} (CPU time)", b.1 / a.1);
    }
}
