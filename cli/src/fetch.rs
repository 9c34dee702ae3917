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

/// One line of progress on a terminal, rewritten in place.
struct Progress {
    requests: AtomicU64,
    retries: AtomicU64,
}

impl Observer for Progress {
    fn on_event(&self, event: &FetchEvent) {
        match event {
            FetchEvent::Response { .. } => {
                self.requests.fetch_add(1, Ordering::Relaxed);
            }
            FetchEvent::Retry { .. } => {
                self.retries.fetch_add(1, Ordering::Relaxed);
            }
            FetchEvent::Failure { .. } => {}
        }
        eprint!(
            "\r{} requests, {} retries",
            self.requests.load(Ordering::Relaxed),
            self.retries.load(Ordering::Relaxed)
        );
    }
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
            requests: AtomicU64::new(0),
            retries: AtomicU64::new(0),
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
