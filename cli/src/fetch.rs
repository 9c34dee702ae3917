//! `gigradar fetch`: listings from a provider's live API, as canonical events.

use crate::{Failure, output};
use chrono::{DateTime, NaiveDate, Utc};
use gigradar_providers::{FetchConfig, FetchEvent, FetchQuery, Fetcher, Observer, Provider};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Fetch listings from a provider's API (JSON Lines of canonical events on stdout).
///
/// Keys come from the environment: TICKETMASTER_API_KEY, EVENTBRITE_TOKEN, BANDSINTOWN_APP_ID,
/// APIFY_TOKEN (DICE). GIGRADAR_<PROVIDER>_BASE_URL points a provider elsewhere (a proxy, a test
/// server). Requests that fail after their retries are reported on stderr and the rest is kept;
/// the exit code is then 1.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    gigradar fetch --provider ticketmaster --near 51.5074,-0.1278 --radius-km 20 --from 2026-12-01 --to 2027-01-01\n  \
    gigradar fetch --provider bandsintown --artist 'The Beach Boys' --artist 'AC/DC'\n  \
    gigradar fetch --provider eventbrite --organizer 1001 --venue 27665366\n  \
    gigradar fetch --provider dice --dataset DATASET_ID")]
pub struct Args {
    /// ticketmaster, eventbrite, bandsintown or dice.
    #[arg(long, short, value_parser = provider)]
    provider: Provider,
    /// Centre of the search as LAT,LON in degrees (Ticketmaster).
    #[arg(long, value_parser = lat_lon, allow_hyphen_values = true)]
    near: Option<(f64, f64)>,
    /// Search radius in kilometres around --near (Ticketmaster; default 50).
    #[arg(long)]
    radius_km: Option<f64>,
    /// Shows from this date (YYYY-MM-DD, UTC midnight) or instant (RFC 3339).
    #[arg(long, value_parser = date)]
    from: Option<DateTime<Utc>>,
    /// Shows before this date or instant.
    #[arg(long, value_parser = date)]
    to: Option<DateTime<Utc>>,
    /// A keyword (Ticketmaster).
    #[arg(long)]
    keyword: Option<String>,
    /// A classification such as `music` (Ticketmaster).
    #[arg(long)]
    classification: Option<String>,
    /// An artist name (Bandsintown); repeat for several.
    #[arg(long = "artist")]
    artists: Vec<String>,
    /// An organization id (Eventbrite); repeat for several.
    #[arg(long = "organizer")]
    organizers: Vec<String>,
    /// A venue id (Eventbrite); repeat for several.
    #[arg(long = "venue")]
    venues: Vec<String>,
    /// An Apify dataset holding DICE listings.
    #[arg(long)]
    dataset: Option<String>,
    /// An Apify actor run whose dataset holds DICE listings.
    #[arg(long)]
    actor_run: Option<String>,
}

fn provider(s: &str) -> Result<Provider, String> {
    s.parse().map_err(|e: gigradar_core::Error| e.to_string())
}

fn lat_lon(s: &str) -> Result<(f64, f64), String> {
    let (lat, lon) = s
        .split_once(',')
        .ok_or_else(|| "expected LAT,LON, e.g. 51.5074,-0.1278".to_owned())?;
    let lat: f64 = lat
        .trim()
        .parse()
        .map_err(|_| format!("bad latitude {lat:?}"))?;
    let lon: f64 = lon
        .trim()
        .parse()
        .map_err(|_| format!("bad longitude {lon:?}"))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err("latitude must be within ±90 and longitude within ±180".into());
    }
    Ok((lat, lon))
}

fn date(s: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc());
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("expected YYYY-MM-DD or an RFC 3339 instant, got {s:?}"))
}

/// A progress bar on a terminal (stderr), redrawn in place after every page.
struct Progress {
    retries: AtomicU64,
    failures: AtomicU64,
}

impl Observer for Progress {
    fn on_event(&self, event: &FetchEvent) {
        match event {
            FetchEvent::Retry { .. } => {
                self.retries.fetch_add(1, Ordering::Relaxed);
            }
            FetchEvent::Failure { .. } => {
                self.failures.fetch_add(1, Ordering::Relaxed);
            }
            FetchEvent::Progress {
                provider,
                done,
                total,
                pages,
                ..
            } => {
                let line = bar(&Shown {
                    provider,
                    done: *done,
                    total: *total,
                    pages: *pages,
                    retries: self.retries.load(Ordering::Relaxed),
                    failures: self.failures.load(Ordering::Relaxed),
                });
                // Clear to the end of the line: the previous line may have been longer.
                eprint!("\r{line}\x1b[K");
            }
            FetchEvent::Response { .. } => {}
        }
    }
}

/// What one redraw of the bar shows.
struct Shown<'a> {
    provider: &'a str,
    done: u64,
    total: Option<u64>,
    pages: u64,
    retries: u64,
    failures: u64,
}

const BAR_WIDTH: u64 = 24;

/// `ticketmaster [##########··············] 2,400/5,000 listings · 13 pages · 2 retries`; with
/// no total yet, the count alone.
fn bar(s: &Shown) -> String {
    let unit = if s.provider == "bandsintown" {
        "artists"
    } else {
        "listings"
    };
    let mut out = format!("{} ", s.provider);
    match s.total {
        Some(total) if total > 0 => {
            let done = s.done.min(total);
            let filled = (done * BAR_WIDTH / total) as usize;
            out.push('[');
            out.push_str(&"#".repeat(filled));
            out.push_str(&"·".repeat(BAR_WIDTH as usize - filled));
            out.push_str(&format!("] {}/{} {unit}", grouped(done), grouped(total)));
        }
        _ => out.push_str(&format!("{} {unit}", grouped(s.done))),
    }
    let count = |n: u64, one: &str, many: &str| {
        format!(" · {} {}", grouped(n), if n == 1 { one } else { many })
    };
    out.push_str(&count(s.pages, "page", "pages"));
    if s.retries > 0 {
        out.push_str(&count(s.retries, "retry", "retries"));
    }
    if s.failures > 0 {
        out.push_str(&format!(" · {} failed", grouped(s.failures)));
    }
    out
}

/// 12345 as `12,345`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn run(args: Args) -> Result<(), Failure> {
    let mut query = FetchQuery::new(args.provider);
    if let Some((lat, lon)) = args.near {
        query.lat = Some(lat);
        query.lon = Some(lon);
    }
    query.radius_km = args.radius_km;
    query.from = args.from;
    query.to = args.to;
    query.keyword = args.keyword;
    query.classification = args.classification;
    query.artists = args.artists;
    query.organizers = args.organizers;
    query.venues = args.venues;
    query.dataset_id = args.dataset;
    query.actor_run_id = args.actor_run;

    let mut fetcher = Fetcher::new(FetchConfig::from_env());
    let terminal = std::io::stderr().is_terminal();
    if terminal {
        fetcher = fetcher.with_observer(Arc::new(Progress {
            retries: AtomicU64::new(0),
            failures: AtomicU64::new(0),
        }));
    }
    let batch = fetcher.fetch(&query)?;
    if terminal {
        eprintln!();
    }
    for p in &batch.problems {
        eprintln!("problem: {p}");
    }
    for f in &batch.failures {
        eprintln!("failed: {f}");
    }
    eprintln!(
        "{}: {} events from {} pages, {} problems, {} failed requests",
        batch.provider,
        batch.events.len(),
        batch.pages.len(),
        batch.problems.len(),
        batch.failures.len()
    );
    output::write_jsonl(batch.events.iter().map(|e| e.to_json()))?;
    match batch.failures.first() {
        None => Ok(()),
        Some(f) => Err(Failure {
            code: 1,
            message: format!(
                "{} request(s) to {} failed; the first: {}",
                batch.failures.len(),
                batch.provider,
                f.error
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(provider: &str, done: u64, total: Option<u64>) -> Shown<'_> {
        Shown {
            provider,
            done,
            total,
            pages: 13,
            retries: 2,
            failures: 0,
        }
    }

    #[test]
    fn the_bar_fills_in_proportion() {
        assert_eq!(
            bar(&shown("ticketmaster", 2_400, Some(5_000))),
            "ticketmaster [###########·············] 2,400/5,000 listings · 13 pages · 2 retries"
        );
        let full = bar(&shown("ticketmaster", 5_000, Some(5_000)));
        assert!(full.contains(&format!("[{}]", "#".repeat(24))), "{full}");
        // More than announced (a total that grew late) never overflows the bar.
        assert!(bar(&shown("ticketmaster", 6_000, Some(5_000))).contains("5,000/5,000"));
    }

    #[test]
    fn without_a_total_it_counts() {
        let mut s = shown("dice", 1_234_567, None);
        s.retries = 1;
        s.failures = 3;
        assert_eq!(
            bar(&s),
            "dice 1,234,567 listings · 13 pages · 1 retry · 3 failed"
        );
        assert!(bar(&shown("bandsintown", 3, Some(7))).contains("3/7 artists"));
    }
}
