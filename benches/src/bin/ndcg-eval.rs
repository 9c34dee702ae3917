//! `ndcg-eval [--seed N] [--people N] [--shows N] [--strength X]`: NDCG@10 of held-out saves
//! for the default weights, per-person learned weights (`learn::fit`) and a popularity
//! baseline, on simulated people (`usersim.rs`), with 95% bootstrap confidence intervals over
//! people. Prints the README's markdown table and the command that made it.
//!
//! Each person's history is split by time: feedback before day 42 trains (the learner and the
//! popularity counts see only it), saves from day 42 to 60 are held out. After the split the
//! person browses shows drawn at random (12 per session, 6 sessions), so what they saved there
//! favours no ranking. Every method orders those shown shows (default and learned weights: by
//! their place in a ranking of the whole catalogue as of the split) and is scored on where it
//! puts the saved ones.

use gigradar_benches::Rng;
use gigradar_benches::usersim::World;
use gigradar_core::learn::{self, FitOptions};
use gigradar_core::profile::FeedbackAction;
use gigradar_core::rank::{Weights, rank_with};
use std::collections::HashSet;
use std::time::Instant;

const K: usize = 10;
const RESAMPLES: usize = 2000;

fn ndcg(list: &[usize], held: &HashSet<usize>) -> f64 {
    let gain = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let dcg: f64 = list
        .iter()
        .take(K)
        .enumerate()
        .filter(|(_, s)| held.contains(s))
        .map(|(i, _)| gain(i))
        .sum();
    let ideal: f64 = (0..held.len().min(K)).map(gain).sum();
    dcg / ideal
}

/// Mean and percentile 95% interval of the mean, resampling people with replacement.
fn bootstrap(values: &[f64], seed: u64) -> (f64, f64, f64) {
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n as f64;
    let mut rng = Rng::new(seed);
    let mut means: Vec<f64> = (0..RESAMPLES)
        .map(|_| (0..n).map(|_| values[rng.below(n)]).sum::<f64>() / n as f64)
        .collect();
    means.sort_by(f64::total_cmp);
    let at = |q: f64| means[((q * RESAMPLES as f64) as usize).min(RESAMPLES - 1)];
    (mean, at(0.025), at(0.975))
}

fn main() {
    let mut seed = 1u64;
    let mut people = 300usize;
    let mut shows = 5000usize;
    let mut options = FitOptions::default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--seed" => seed = value.parse().expect("--seed takes a number"),
            "--people" => people = value.parse().expect("--people takes a number"),
            "--shows" => shows = value.parse().expect("--shows takes a number"),
            "--strength" => options.strength = value.parse().expect("--strength takes a number"),
            other => {
                eprintln!(
                    "usage: ndcg-eval [--seed N] [--people N] [--shows N] [--strength X] (unknown: {other})"
                );
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let started = Instant::now();
    let world = World::generate(seed, people, shows);
    let split = world.split();
    let histories: Vec<_> = (0..people).map(|p| world.history(p, seed)).collect();
    eprintln!(
        "generated {people} people, {shows} shows and their histories in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let index = |id: &str| world.set.event_index(id).expect("a show of the set") as usize;
    // Popularity: how many people saved each show before the split.
    let mut saves = vec![0u32; shows];
    for h in &histories {
        for f in h.feedback.iter().filter(|f| f.at < split) {
            if f.action == FeedbackAction::Save {
                saves[index(&f.event_id)] += 1;
            }
        }
    }
    let (mut by_default, mut by_learned, mut by_popularity, mut by_truth, mut by_random) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut shuffle = Rng::new(seed ^ 0x54AF_F1E0);
    let mut held_shown = 0usize;
    let (mut learned_people, mut no_held) = (0usize, 0usize);
    let mut factors = [0.0f64; 5];
    let (mut right_before, mut right_after) = (0.0, 0.0);
    let (mut train_saves, mut held_saves) = (0usize, 0usize);
    for (p, h) in histories.iter().enumerate() {
        let person = &world.people[p];
        // The held-out period: what the person was shown (at random) and what they saved.
        let shown: Vec<usize> = h
            .feedback
            .iter()
            .filter(|f| f.at >= split)
            .map(|f| index(&f.event_id))
            .collect();
        let held: HashSet<usize> = h
            .feedback
            .iter()
            .filter(|f| f.at >= split && f.action == FeedbackAction::Save)
            .map(|f| index(&f.event_id))
            .collect();
        if held.is_empty() {
            no_held += 1;
            continue;
        }
        let mut profile = person.profile.clone();
        profile.feedback = h
            .feedback
            .iter()
            .filter(|f| f.at < split)
            .cloned()
            .collect();
        train_saves += profile
            .feedback
            .iter()
            .filter(|f| f.action == FeedbackAction::Save)
            .count();
        held_saves += held.len();
        held_shown += shown.len();
        // Each ranking orders the whole open catalogue; the shown shows are read off in that
        // order (no headliner cap: every shown show gets a place).
        let mut ctx = world.context(person, split, world.set.len());
        ctx.max_per_headliner = 0;
        let order = |w: &Weights| -> Vec<usize> {
            let ranked = rank_with(&profile, &world.set, &ctx, w).expect("valid context");
            let mut place = vec![usize::MAX; world.set.len()];
            for (i, r) in ranked.iter().enumerate() {
                place[r.index as usize] = i;
            }
            let mut list = shown.clone();
            list.sort_by_key(|s| (place[*s], *s));
            list
        };
        by_default.push(ndcg(&order(&Weights::default()), &held));
        let fit = learn::fit(&profile, &world.set, &ctx, &options).expect("valid options");
        if fit.learned {
            learned_people += 1;
            for (j, mv) in fit.moves.iter().enumerate() {
                factors[j] += mv.to / mv.from;
            }
            right_before += fit.pairs_right_before.unwrap_or(0.0);
            right_after += fit.pairs_right_after.unwrap_or(0.0);
        }
        by_learned.push(ndcg(&order(&fit.weights), &held));
        let mut popular = shown.clone();
        popular.sort_by(|a, b| {
            saves[*b]
                .cmp(&saves[*a])
                .then(world.shows[*a].start.cmp(&world.shows[*b].start))
                .then(a.cmp(b))
        });
        by_popularity.push(ndcg(&popular, &held));
        let mut truth: Vec<(f64, usize)> = shown
            .iter()
            .map(|&s| (world.utility(person, s, split), s))
            .collect();
        truth.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let truth: Vec<usize> = truth.into_iter().map(|(_, s)| s).collect();
        by_truth.push(ndcg(&truth, &held));
        // A random order, averaged over a few shuffles: what no knowledge scores.
        let mut random = 0.0;
        for _ in 0..20 {
            let mut list = shown.clone();
            for i in (1..list.len()).rev() {
                list.swap(i, shuffle.below(i + 1));
            }
            random += ndcg(&list, &held) / 20.0;
        }
        by_random.push(random);
    }
    let n = by_default.len();
    let diff: Vec<f64> = by_learned
        .iter()
        .zip(&by_default)
        .map(|(l, d)| l - d)
        .collect();
    let row = |name: &str, values: &[f64], s: u64| {
        let (m, lo, hi) = bootstrap(values, seed ^ s);
        println!("| {name} | {m:.4} | [{lo:.4}, {hi:.4}] |");
    };
    println!(
        "NDCG@{K} of held-out saves, {n} simulated people (seed {seed}, {shows} shows; {no_held} of {people} people had no held-out save and are left out)\n"
    );
    println!("| ranking | NDCG@{K} | 95% CI (bootstrap over people, {RESAMPLES} resamples) |");
    println!("|---|---|---|");
    row("random order", &by_random, 6);
    row(
        "popularity (saves by everyone before the split)",
        &by_popularity,
        1,
    );
    row("default weights", &by_default, 2);
    row("learned weights (per person, `learn::fit`)", &by_learned, 3);
    row("learned − default (paired, per person)", &diff, 4);
    row("true taste, noise included (ceiling)", &by_truth, 5);
    let names = ["headliner", "support", "genre", "distance", "time"];
    let lp = learned_people.max(1) as f64;
    println!(
        "\nLearned for {learned_people} of {n} people ({:.1} training saves; {:.1} held-out saves among {:.1} shows shown after the split, per person); mean factor on the default weight: {}; (saved, skipped) pairs in the right order: {:.1}% with the defaults, {:.1}% learned (training history).",
        train_saves as f64 / n as f64,
        held_saves as f64 / n as f64,
        held_shown as f64 / n as f64,
        names
            .iter()
            .zip(factors)
            .map(|(name, f)| format!("{name} ×{:.2}", f / lp))
            .collect::<Vec<_>>()
            .join(", "),
        100.0 * right_before / lp,
        100.0 * right_after / lp,
    );
    let default_strength = FitOptions::default().strength;
    let strength = if options.strength == default_strength {
        String::new()
    } else {
        format!(" --strength {}", options.strength)
    };
    println!(
        "\nCommand: `cargo run --release -p gigradar-benches --bin ndcg-eval -- --seed {seed} --people {people} --shows {shows}{strength}` ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
}
