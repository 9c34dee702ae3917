//! Ranking 1M events for one profile (issue 5 "Targets"), and building the event set.
//!
//! `cargo bench -p gigradar-benches --bench rank`; `GIGRADAR_BENCH_EVENTS=100000` for a smaller
//! run; `GIGRADAR_RANK_EXPORT=DIR` also writes the data and the prepared profile for
//! benches/rank_baseline.py (NumPy and pure Python on the same data).

use criterion::{Criterion, criterion_group, criterion_main};
use gigradar_benches as data;
use gigradar_core::rank::{EventSet, Ranker, Weights, rank, rank_many, rank_many_parallel};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn events_count() -> usize {
    std::env::var("GIGRADAR_BENCH_EVENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

/// The thread's CPU time, or zero where it cannot be read.
fn thread_cpu() -> Duration {
    data::thread_cpu().unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let n = events_count();
    let events = data::events(n, 1);
    // Building: timed by hand (criterion would clone 1M events per sample); best of 3.
    let mut build = Duration::MAX;
    let mut set = EventSet::default();
    let mut build_cpu = Duration::MAX;
    for _ in 0..3 {
        drop(std::mem::take(&mut set));
        let copy = events.clone();
        let (t, c) = (Instant::now(), thread_cpu());
        set = EventSet::new(copy);
        build = build.min(t.elapsed());
        build_cpu = build_cpu.min(thread_cpu() - c);
    }
    drop(events);
    eprintln!(
        "build: {n} events in {:.1} ms wall, {:.1} ms CPU (best of 3); {} artists, {} genres; {} hot bytes/event",
        build.as_secs_f64() * 1e3,
        build_cpu.as_secs_f64() * 1e3,
        set.artist_count(),
        set.genre_count(),
        EventSet::HOT_BYTES_PER_EVENT
    );
    let profile = data::profile(2);
    let ctx = data::context();
    let top = rank(&profile, &set, &ctx).expect("valid context");
    assert_eq!(top.len(), 20);
    if let Ok(dir) = std::env::var("GIGRADAR_RANK_EXPORT") {
        gigradar_benches::export::write(std::path::Path::new(&dir), &set, &profile, &ctx, &top)
            .expect("export written");
        eprintln!("exported to {dir}");
    }

    let mut g = c.benchmark_group("rank");
    g.sample_size(30).measurement_time(Duration::from_secs(8));
    g.bench_function(format!("{n}_events_300_artists_100_genres_top20"), |b| {
        b.iter(|| rank(black_box(&profile), black_box(&set), black_box(&ctx)))
    });
    // The same, timed in CPU time of this thread: on a shared machine wall time includes the
    // time other processes hold the core, CPU time does not.
    g.bench_function(format!("{n}_events_top20_thread_cpu_time"), |b| {
        b.iter_custom(|iters| {
            let c = thread_cpu();
            for _ in 0..iters {
                black_box(rank(black_box(&profile), black_box(&set), black_box(&ctx)).ok());
            }
            thread_cpu() - c
        })
    });
    // With a Ranker kept between rankings (as rank_many and a host's worker do).
    let w = Weights::default();
    let mut ranker = Ranker::new();
    g.bench_function(format!("{n}_events_top20_reused_ranker"), |b| {
        b.iter(|| ranker.rank(black_box(&profile), black_box(&set), black_box(&ctx), &w))
    });
    g.bench_function(
        format!("{n}_events_top20_reused_ranker_thread_cpu_time"),
        |b| {
            b.iter_custom(|iters| {
                let c = thread_cpu();
                for _ in 0..iters {
                    black_box(ranker.rank(black_box(&profile), &set, &ctx, &w).ok());
                }
                thread_cpu() - c
            })
        },
    );
    let profiles: Vec<_> = (0..8).map(|s| data::profile(100 + s)).collect();
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("rank_many_8_profiles_1_thread", |b| {
        b.iter(|| rank_many(black_box(&profiles), &set, &ctx, &w))
    });
    g.bench_function("rank_many_8_profiles_2_threads", |b| {
        b.iter(|| rank_many_parallel(black_box(&profiles), &set, &ctx, &w, 2))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
