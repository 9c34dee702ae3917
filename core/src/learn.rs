//! Learning a person's blend weights from their own saves, skips and hides.
//!
//! Ranking adds up parts (artist as headliner, artist as support, genre, distance, time), each a
//! weight times a value. People differ in what moves them: one saves anything close to home,
//! another crosses town for a band they love. [`fit`] refits the five part weights for one person
//! from their feedback, and keeps the model as small and as readable as the ranking itself:
//!
//! - the model is the ranking's own score, with each default weight multiplied by a factor
//!   `m ≥ 0` (one per part), so the learned weights mean exactly what the defaults mean;
//! - the loss is pairwise logistic: for every saved show and every skipped or hidden one, the
//!   saved one should score higher (`log(1 + exp(-(score_saved - score_other) / T))`, T = 10
//!   points, hides counting twice);
//! - a penalty `λ Σ (m - 1)²` pulls every factor toward 1 (the defaults), with
//!   `λ = strength / shows acted on`. The default strength (0.2) is the one that ranked best on
//!   simulated people (`benches/src/bin/ndcg-eval.rs`): a light pull, so even a short history
//!   can move the weights far, and the fit says so ([`Fit::moves`]);
//! - plain projected gradient descent, a fixed number of steps from the defaults: deterministic,
//!   never negative, never NaN.
//!
//! Feedback weights (the points for a saved or skipped show) are not refitted: they are how the
//! ranking uses this very history. With too little history [`fit`] returns the base weights.
//! Every fit says how each weight moved and why ([`Fit::moves`]).
//!
//! The part values come from the ranking itself (reasons of a ranking with unit weights), so they
//! are exactly what [`crate::rank::rank_with`] multiplies; the time part is taken as of the moment
//! the person acted (how soon the show was when they saw it).

use crate::model::Role;
use crate::profile::{FeedbackAction, Profile};
use crate::rank::{EventSet, RankContext, ReasonKind, Weights, rank_with};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Points of score per unit of log-odds in the pairwise loss: a saved show 10 points ahead of a
/// skipped one is "e to 1" more likely to be the right order.
const TEMPERATURE: f64 = 10.0;
/// A factor never goes past this (a weight at most 5 × its default).
const MAX_FACTOR: f64 = 5.0;
/// Pairs used at most; beyond it each save meets an evenly spread share of the negatives.
const MAX_PAIRS: usize = 50_000;

/// A part of the score whose weight [`fit`] learns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Headliner,
    Support,
    Genre,
    Distance,
    Time,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Headliner,
        Part::Support,
        Part::Genre,
        Part::Distance,
        Part::Time,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Headliner => "headliner",
            Part::Support => "support",
            Part::Genre => "genre",
            Part::Distance => "distance",
            Part::Time => "time",
        }
    }

    fn weight(self, w: &Weights) -> f64 {
        match self {
            Part::Headliner => w.headliner,
            Part::Support => w.support,
            Part::Genre => w.genre,
            Part::Distance => w.distance,
            Part::Time => w.time,
        }
    }

    fn set_weight(self, w: &mut Weights, value: f64) {
        match self {
            Part::Headliner => w.headliner = value,
            Part::Support => w.support = value,
            Part::Genre => w.genre = value,
            Part::Distance => w.distance = value,
            Part::Time => w.time = value,
        }
    }

    /// "saved shows had more of your artists headlining", or the opposite.
    fn finding(self, saved_higher: bool) -> &'static str {
        match (self, saved_higher) {
            (Part::Headliner, true) => {
                "the shows you saved were headlined by your artists more often"
            }
            (Part::Headliner, false) => {
                "the shows you saved were headlined by your artists less often"
            }
            (Part::Support, true) => "the shows you saved had your artists in support more often",
            (Part::Support, false) => "the shows you saved had your artists in support less often",
            (Part::Genre, true) => "the shows you saved matched your genres better",
            (Part::Genre, false) => "the shows you saved matched your genres less",
            (Part::Distance, true) => "the shows you saved were closer",
            (Part::Distance, false) => "the shows you saved were farther away",
            (Part::Time, true) => "the shows you saved were sooner",
            (Part::Time, false) => "the shows you saved were further ahead",
        }
    }
}

/// The unweighted value of each learned part for one event: the ranking's contribution of the
/// part is its weight times this.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Parts {
    pub headliner: f64,
    pub support: f64,
    pub genre: f64,
    pub distance: f64,
    pub time: f64,
}

impl Parts {
    fn get(&self, part: Part) -> f64 {
        match part {
            Part::Headliner => self.headliner,
            Part::Support => self.support,
            Part::Genre => self.genre,
            Part::Distance => self.distance,
            Part::Time => self.time,
        }
    }

    fn as_array(&self) -> [f64; 5] {
        Part::ALL.map(|p| self.get(p))
    }
}

/// How [`fit`] fits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FitOptions {
    /// Where the fit starts and what it is pulled back toward; also the source of the weights it
    /// does not learn (time scale, feedback points and half-life).
    pub base: Weights,
    /// Pull toward `base`, in pieces of feedback: `λ = strength / (saves + skips + hides)`.
    pub strength: f64,
    /// Fewer saves, or fewer skips and hides together, than these: keep `base`.
    pub min_saves: usize,
    pub min_negatives: usize,
    /// Gradient steps.
    pub steps: usize,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            base: Weights::default(),
            strength: 0.2,
            min_saves: 5,
            min_negatives: 5,
            steps: 400,
        }
    }
}

impl FitOptions {
    fn validate(&self) -> Result<()> {
        for part in Part::ALL {
            let w = part.weight(&self.base);
            if !(w.is_finite() && w >= 0.0) {
                return Err(Error::invalid(format!(
                    "base weight of {} is {w}; it must be a finite number >= 0",
                    part.as_str()
                )));
            }
        }
        if !(self.base.time_scale_days.is_finite() && self.base.time_scale_days > 0.0) {
            return Err(Error::invalid(format!(
                "time scale {} days must be a positive number",
                self.base.time_scale_days
            )));
        }
        if !(self.strength.is_finite() && self.strength >= 0.0) {
            return Err(Error::invalid(format!(
                "fit strength {} must be a finite number >= 0",
                self.strength
            )));
        }
        Ok(())
    }
}

/// How one weight moved, and the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightMove {
    pub part: Part,
    pub from: f64,
    pub to: f64,
    /// Mean unweighted part value over the saved shows, and over the skipped and hidden ones.
    pub saved_mean: f64,
    pub other_mean: f64,
    /// "distance 10 → 17.3: the shows you saved were closer (0.81 vs 0.52)".
    pub text: String,
}

/// The result of [`fit`]: the weights to rank with, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub weights: Weights,
    /// False when the history was too short and `weights` are the base weights.
    pub learned: bool,
    /// Shows the fit learned from (latest action per show, before `now`, rankable).
    pub saves: usize,
    pub negatives: usize,
    /// Share of (saved, skipped-or-hidden) pairs the base and the learned weights put in the
    /// right order (ties count half): how well each explains this person's history.
    /// (None when nothing was learned.)
    pub pairs_right_before: Option<f64>,
    pub pairs_right_after: Option<f64>,
    /// One per learned part, in [`Part::ALL`] order (empty when nothing was learned).
    pub moves: Vec<WeightMove>,
    /// One line: what the fit used and what it changed, or why it kept the base weights.
    pub summary: String,
}

/// The learned parts of every eligible event of `set` for `profile` at `ctx` (ignoring the
/// profile's feedback and `ctx.k` and the headliner cap), by event index, with the time part as
/// of `ctx.now`.
pub fn parts_of(
    profile: &Profile,
    set: &EventSet,
    ctx: &RankContext,
    time_scale_days: f64,
) -> Result<HashMap<u32, Parts>> {
    parts_where(profile, set, ctx, time_scale_days, None)
}

/// [`parts_of`] for the events at `indices` only (those that are eligible), scoring just the
/// blocks of the set that hold them.
pub fn parts_for(
    profile: &Profile,
    set: &EventSet,
    ctx: &RankContext,
    time_scale_days: f64,
    indices: &[u32],
) -> Result<HashMap<u32, Parts>> {
    parts_where(profile, set, ctx, time_scale_days, Some(indices))
}

fn parts_where(
    profile: &Profile,
    set: &EventSet,
    ctx: &RankContext,
    time_scale_days: f64,
    indices: Option<&[u32]>,
) -> Result<HashMap<u32, Parts>> {
    let mut plain = profile.clone();
    plain.feedback.clear();
    let unit = Weights {
        headliner: 1.0,
        support: 1.0,
        genre: 1.0,
        distance: 1.0,
        time: 1.0,
        time_scale_days,
        save: 0.0,
        skip: 0.0,
        artist_save: 0.0,
        artist_skip: 0.0,
        feedback_half_life_days: 0.0,
    };
    let every = RankContext {
        k: set.len(),
        max_per_headliner: 0,
        ..*ctx
    };
    let ranked = match indices {
        Some(indices) => crate::rank::rank_only(&plain, set, &every, &unit, indices)?,
        None => rank_with(&plain, set, &every, &unit)?,
    };
    let mut out = HashMap::new();
    for ranked in ranked {
        let mut p = Parts::default();
        for r in &ranked.reasons {
            match (r.kind, r.role) {
                (ReasonKind::Artist, Some(Role::Support)) => p.support += r.contribution,
                (ReasonKind::Artist, _) => p.headliner += r.contribution,
                (ReasonKind::Genre, _) => p.genre += r.contribution,
                (ReasonKind::Distance, _) => p.distance += r.contribution,
                (ReasonKind::Time, _) => p.time += r.contribution,
                (ReasonKind::Feedback, _) => {}
            }
        }
        out.insert(ranked.index, p);
    }
    Ok(out)
}

/// The time part of a show, moved from `from` to `to`: the ranking's `1 / (1 + days / scale)`
/// solved for the days and evaluated again.
fn time_part_at(part: f64, from: DateTime<Utc>, to: DateTime<Utc>, scale_days: f64) -> f64 {
    if part <= 0.0 {
        return 0.0;
    }
    let days = (1.0 / part - 1.0) * scale_days;
    let later = (to - from).num_seconds() as f64 / 86_400.0;
    1.0 / (1.0 + (days - later).max(0.0) / scale_days)
}

/// One show of the history: its parts when the person acted, and whether they saved it.
struct Example {
    x: [f64; 5],
    saved: bool,
    /// Weight in the loss (a hide says "no" louder than a skip).
    weight: f64,
}

/// Fit `profile`'s part weights from its feedback (given before `ctx.now`) on `set`'s events,
/// as seen from `ctx`'s place and radius. Returns `options.base` (with `learned == false`) when
/// there are fewer than `options.min_saves` saves or `options.min_negatives` skips and hides of
/// rankable shows.
///
/// ```
/// use gigradar_core::{learn, profile::Profile, rank::{EventSet, RankContext}};
/// let set = EventSet::new(Vec::new());
/// let ctx = RankContext::new("2026-12-01T12:00:00Z".parse().unwrap(), 51.5, -0.12);
/// let fit = learn::fit(&Profile::default(), &set, &ctx, &learn::FitOptions::default()).unwrap();
/// assert!(!fit.learned);
/// assert_eq!(fit.weights, learn::FitOptions::default().base);
/// ```
pub fn fit(
    profile: &Profile,
    set: &EventSet,
    ctx: &RankContext,
    options: &FitOptions,
) -> Result<Fit> {
    options.validate()?;
    let base = options.base;
    // The latest action on each show wins (people change their minds); a BTreeMap keeps the
    // examples in event order whatever the order of the feedback.
    let mut latest: BTreeMap<u32, (DateTime<Utc>, FeedbackAction)> = BTreeMap::new();
    for f in profile.feedback.iter().filter(|f| f.at <= ctx.now) {
        let Some(ev) = set.event_index(&f.event_id) else {
            continue;
        };
        let newer = |(at, action): &(DateTime<Utc>, FeedbackAction)| {
            (f.at, action_order(f.action)) > (*at, action_order(*action))
        };
        if latest.get(&ev).is_none_or(newer) {
            latest.insert(ev, (f.at, f.action));
        }
    }
    let Some(first) = latest.values().map(|(at, _)| *at).min() else {
        return Ok(keep(base, 0, 0, options));
    };
    // Every show acted on had not started when the person acted, so all are eligible as of
    // the first action.
    let probe = RankContext { now: first, ..*ctx };
    let acted: Vec<u32> = latest.keys().copied().collect();
    let parts = parts_for(profile, set, &probe, base.time_scale_days, &acted)?;
    let mut examples: Vec<Example> = Vec::new();
    for (ev, (at, action)) in &latest {
        let Some(p) = parts.get(ev) else { continue };
        let mut p = *p;
        p.time = time_part_at(p.time, first, *at, base.time_scale_days);
        let x = p.as_array();
        if x.iter().any(|v| !v.is_finite()) {
            continue;
        }
        examples.push(Example {
            x,
            saved: *action == FeedbackAction::Save,
            weight: if *action == FeedbackAction::Hide {
                2.0
            } else {
                1.0
            },
        });
    }
    let saves = examples.iter().filter(|e| e.saved).count();
    let negatives = examples.len() - saves;
    if saves < options.min_saves.max(1) || negatives < options.min_negatives.max(1) {
        return Ok(keep(base, saves, negatives, options));
    }
    Ok(descend(&examples, base, options))
}

fn action_order(a: FeedbackAction) -> u8 {
    match a {
        FeedbackAction::Save => 0,
        FeedbackAction::Skip => 1,
        FeedbackAction::Hide => 2,
    }
}

/// The base weights, and why.
fn keep(base: Weights, saves: usize, negatives: usize, options: &FitOptions) -> Fit {
    Fit {
        weights: base,
        learned: false,
        saves,
        negatives,
        pairs_right_before: None,
        pairs_right_after: None,
        moves: Vec::new(),
        summary: format!(
            "kept the default weights: {saves} saved and {negatives} skipped or hidden shows \
             (learning needs {} and {})",
            options.min_saves, options.min_negatives
        ),
    }
}

/// A (saved, other) pair: the saved show's weighted parts minus the other's, over the
/// temperature, and the pair's weight.
struct Pair {
    d: [f64; 5],
    weight: f64,
}

fn descend(examples: &[Example], base: Weights, options: &FitOptions) -> Fit {
    let scale = Part::ALL.map(|p| p.weight(&base) / TEMPERATURE);
    let saved: Vec<&Example> = examples.iter().filter(|e| e.saved).collect();
    let others: Vec<&Example> = examples.iter().filter(|e| !e.saved).collect();
    // Each save meets every `step`-th negative, starting at a different one, so every negative
    // is used when the pairs must be thinned.
    let step = (saved.len() * others.len()).div_ceil(MAX_PAIRS).max(1);
    let mut pairs: Vec<Pair> = Vec::new();
    for (i, s) in saved.iter().enumerate() {
        for o in others.iter().skip(i % step).step_by(step) {
            pairs.push(Pair {
                d: std::array::from_fn(|j| scale[j] * (s.x[j] - o.x[j])),
                weight: o.weight,
            });
        }
    }
    let total: f64 = pairs.iter().map(|p| p.weight).sum();
    let lambda = options.strength / examples.len() as f64;
    // Step size 1 / L, with L bounding the loss's curvature: the logistic part's Hessian is at
    // most a quarter of the mean of d dᵀ, whose largest eigenvalue is at most its trace.
    let curvature = 0.25
        * pairs
            .iter()
            .map(|p| p.weight * p.d.iter().map(|v| v * v).sum::<f64>())
            .sum::<f64>()
        / total
        + 2.0 * lambda;
    let rate = 1.0 / curvature.max(1e-12);
    let mut m = [1.0f64; 5];
    for _ in 0..options.steps {
        let mut grad: [f64; 5] = std::array::from_fn(|j| 2.0 * lambda * (m[j] - 1.0));
        for p in &pairs {
            let margin: f64 = (0..5).map(|j| m[j] * p.d[j]).sum();
            // d/dm of log(1 + e^-margin) is -σ(-margin) d.
            let pull = p.weight * sigmoid(-margin) / total;
            for (g, d) in grad.iter_mut().zip(p.d) {
                *g -= pull * d;
            }
        }
        for (f, g) in m.iter_mut().zip(grad) {
            let next = *f - rate * g;
            if next.is_finite() {
                *f = next.clamp(0.0, MAX_FACTOR);
            }
        }
    }
    let right = |m: &[f64; 5]| {
        let mut r = 0.0;
        for p in &pairs {
            let margin: f64 = (0..5).map(|j| m[j] * p.d[j]).sum();
            r += p.weight
                * if margin > 1e-12 {
                    1.0
                } else if margin < -1e-12 {
                    0.0
                } else {
                    0.5
                };
        }
        r / total
    };
    let (before, after) = (right(&[1.0; 5]), right(&m));
    let mut weights = base;
    let mut moves = Vec::new();
    let mean = |xs: &[&Example], j: usize| xs.iter().map(|e| e.x[j]).sum::<f64>() / xs.len() as f64;
    for (j, part) in Part::ALL.into_iter().enumerate() {
        let from = part.weight(&base);
        let to = from * m[j];
        part.set_weight(&mut weights, to);
        let (a, b) = (mean(&saved, j), mean(&others, j));
        moves.push(WeightMove {
            part,
            from,
            to,
            saved_mean: a,
            other_mean: b,
            text: move_text(part, from, to, a, b),
        });
    }
    let changed: Vec<String> = moves
        .iter()
        .filter(|mv| (mv.to - mv.from).abs() > 0.05 * mv.from.max(1e-9))
        .map(|mv| format!("{} {} → {}", mv.part.as_str(), round(mv.from), round(mv.to)))
        .collect();
    let summary = format!(
        "learned from {} saved and {} skipped or hidden shows: {}; pairs in the right order {:.0}% → {:.0}%",
        saved.len(),
        others.len(),
        if changed.is_empty() {
            "no weight moved more than 5%".to_owned()
        } else {
            changed.join(", ")
        },
        100.0 * before,
        100.0 * after
    );
    Fit {
        weights,
        learned: true,
        saves: saved.len(),
        negatives: others.len(),
        pairs_right_before: Some(before),
        pairs_right_after: Some(after),
        moves,
        summary,
    }
}

fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

fn round(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

fn move_text(part: Part, from: f64, to: f64, saved: f64, other: f64) -> String {
    let name = part.as_str();
    let evidence = format!("({saved:.2} vs {other:.2} on average)");
    if (saved - other).abs() < 1e-9 {
        return format!(
            "{name} {} → {}: saved and skipped shows did not differ here",
            round(from),
            round(to)
        );
    }
    let higher = saved > other;
    let finding = part.finding(higher);
    let agrees = (to > from) == higher;
    if (to - from).abs() <= 0.05 * from.max(1e-9) {
        format!(
            "{name} kept at {}: {finding} {evidence}, but not enough to move it",
            round(to)
        )
    } else if agrees {
        format!(
            "{name} {} → {}: {finding} {evidence}",
            round(from),
            round(to)
        )
    } else {
        format!(
            "{name} {} → {}: although {finding} {evidence}, the other parts already explain it",
            round(from),
            round(to)
        )
    }
}

#[cfg(test)]
mod tests;
