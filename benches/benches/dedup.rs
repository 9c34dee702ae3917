//! Criterion benchmark of `dedup` on the generated set (seed 2), from events in memory.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gigradar_core::dedup::{DedupOptions, dedup};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("dedup");
    group.sample_size(10);
    for n in [10_000usize, 100_000] {
        let set = gigradar_benches::generator::generate(2, n);
        let o = DedupOptions::default();
        group.bench_function(format!("{n}_listings"), |b| {
            b.iter_batched(
                || set.events.clone(),
                |events| dedup(events, &o),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
