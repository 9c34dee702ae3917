//! `gigradar rank`: a profile and canonical events in, the best upcoming shows out, with reasons.

use crate::{Failure, input, output};
use chrono::{DateTime, Utc};
use gigradar_core::learn::{self, FitOptions};
use gigradar_core::profile::Profile;
use gigradar_core::rank::{EventSet, RankContext, Ranked, Weights, rank_with};
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Jsonl,
    Table,
}

/// Rank upcoming events for a profile: JSON Lines `{event, score, reasons}`, best first.
///
/// Only shows that have not started at --now, within the radius of --near, are eligible; hidden,
/// cancelled events and shows of disliked artists never appear.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  gigradar rank --profile profile.json --events events.jsonl --now 2026-12-02T18:00:00Z --near 51.5072,-0.1276
  gigradar parse -p ticketmaster page.json | gigradar rank --profile p.json --events - \\
      --now 2026-12-02T18:00:00Z --near 51.5072,-0.1276 -k 10 --format table
  gigradar rank --profile profile-with-feedback.json --events events.jsonl --now 2026-12-02T18:00:00Z \\
      --near 51.5072,-0.1276 --learn")]
pub struct Args {
    /// The profile (JSON), as `gigradar profile` writes it.
    #[arg(long, value_name = "FILE")]
    profile: PathBuf,
    /// Canonical events as JSON Lines (what `parse` and `dedup` write), or `-` for stdin.
    #[arg(long, value_name = "FILE|-")]
    events: PathBuf,
    /// The moment to rank at (RFC 3339): shows that started before it are left out.
    #[arg(long, value_parser = now_arg)]
    now: DateTime<Utc>,
    /// Where the person is: LAT,LON in degrees.
    #[arg(long, value_name = "LAT,LON", value_parser = near_arg, allow_hyphen_values = true)]
    near: (f64, f64),
    /// Leave out shows farther than this (default: the profile's home radius, else 50).
    #[arg(long, value_name = "KM", allow_negative_numbers = true)]
    radius_km: Option<f64>,
    /// How many shows.
    #[arg(short, long, default_value_t = 20)]
    k: usize,
    /// At most this many dates of one headliner (0: no limit).
    #[arg(long, default_value_t = 2)]
    max_per_headliner: usize,
    /// JSON Lines (default) or a table for people.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Fit the part weights to the profile's own saves, skips and hides before ranking (the
    /// reasons then carry the learned weights); how each weight moved goes to stderr. With too
    /// little feedback the default weights are kept.
    #[arg(long)]
    learn: bool,
}

fn now_arg(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("{e}; expected RFC 3339 such as 2026-12-02T18:00:00Z"))
}

fn near_arg(s: &str) -> Result<(f64, f64), String> {
    let bad = || format!("{s:?} is not LAT,LON in degrees (e.g. 51.5072,-0.1276)");
    let (lat, lon) = s.split_once(',').ok_or_else(bad)?;
    let lat: f64 = lat.trim().parse().map_err(|_| bad())?;
    let lon: f64 = lon.trim().parse().map_err(|_| bad())?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(bad());
    }
    Ok((lat, lon))
}

pub fn run(args: Args) -> Result<(), Failure> {
    let bytes = input::read_all(&args.profile)?;
    let profile = Profile::from_json(&String::from_utf8_lossy(&bytes))
        .map_err(|e| Failure::input(format!("{}: {e}", args.profile.display())))?;
    let events = input::read_events(&args.events)?;
    let mut ctx = RankContext::new(args.now, args.near.0, args.near.1);
    ctx.radius_km = args
        .radius_km
        .or(profile.home.map(|h| h.radius_km))
        .unwrap_or(ctx.radius_km);
    ctx.k = args.k;
    ctx.max_per_headliner = args.max_per_headliner;
    let set = EventSet::new(events);
    let weights = if args.learn {
        let fit = learn::fit(&profile, &set, &ctx, &FitOptions::default())?;
        eprintln!("learn: {}", fit.summary);
        for m in &fit.moves {
            eprintln!("learn:   {}", m.text);
        }
        fit.weights
    } else {
        Weights::default()
    };
    let ranked = rank_with(&profile, &set, &ctx, &weights)?;
    match args.format {
        Format::Jsonl => output::write_jsonl(ranked.iter().map(|r| line(&set, r))),
        Format::Table => output::write_jsonl(table(&set, &ranked)),
    }
}

/// One output line; a struct (not a JSON map) so the event's fields keep their documented order.
#[derive(serde::Serialize)]
struct Line<'a> {
    event: Option<&'a gigradar_core::Event>,
    score: f64,
    reasons: &'a [gigradar_core::rank::Reason],
}

fn line(set: &EventSet, r: &Ranked) -> String {
    serde_json::to_string(&Line {
        event: set.event(r.index),
        score: r.score,
        reasons: &r.reasons,
    })
    .expect("a ranked line always serializes")
}

fn table(set: &EventSet, ranked: &[Ranked]) -> Vec<String> {
    let mut rows = vec![format!(
        "{:>3}  {:>6}  {:<16}  {:<32}  {:<20}  {}",
        "#", "score", "when (local)", "show", "venue", "why"
    )];
    for (n, r) in ranked.iter().enumerate() {
        let Some(e) = set.event(r.index) else {
            continue;
        };
        let when = match (e.local_date, e.local_time) {
            (Some(d), Some(t)) => format!("{} {}", d.format("%a %d %b"), t.format("%H:%M")),
            (Some(d), None) => d.format("%a %d %b").to_string(),
            _ => "date tba".into(),
        };
        let venue = e.venue.as_ref().map_or("", |v| v.name.as_str());
        let why: Vec<&str> = r.reasons.iter().map(|x| x.text.as_str()).collect();
        rows.push(format!(
            "{:>3}  {:>6.1}  {:<16}  {:<32}  {:<20}  {}",
            n + 1,
            r.score,
            when,
            cut(&e.title, 32),
            cut(venue, 20),
            why.join(" · ")
        ));
    }
    rows
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
