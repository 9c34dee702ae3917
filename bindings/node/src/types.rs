//! The plain JavaScript objects the addon takes and returns, and their one conversion to and
//! from core.
//!
//! Each mirrors a core type with the field names of the canonical JSON in camelCase (napi's
//! convention: `local_date` is `localDate`). Dates, times and instants are the strings the
//! canonical JSON has; a value that is null in the JSON is absent (`undefined`) here. Objects
//! coming in from JavaScript are read back with core's own parsers (the serde spellings), so a
//! bad value is an `ERR_INVALID_INPUT` naming the field.

use crate::errors;
use gigradar_core as core;
use gigradar_core::dedup as cdedup;
use gigradar_core::profile as cprofile;
use gigradar_core::rank as crank;
use gigradar_providers as providers;
use napi::bindgen_prelude::{Buffer, Either, Unknown};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status};
use napi_derive::napi;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// The bytes of a payload as JavaScript hands it over: a string or the raw bytes of a response.
pub fn payload_bytes(payload: &Either<String, Buffer>) -> &[u8] {
    match payload {
        Either::A(text) => text.as_bytes(),
        Either::B(bytes) => bytes,
    }
}

/// The canonical JSON spelling of a scalar (an instant, a date, an enum), exactly as `to_json` writes it.
fn spelled<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("canonical scalars serialize to strings, got {other:?}"),
    }
}

/// A scalar read back from its canonical JSON spelling (the inverse of [`spelled`]); `what` names
/// the field in the error.
fn unspelled<T: DeserializeOwned>(what: &str, text: &str) -> core::Result<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| core::Error::invalid(format!("{what} {text:?}: {e}")))
}

fn unspelled_opt<T: DeserializeOwned>(
    what: &str,
    text: Option<&String>,
) -> core::Result<Option<T>> {
    text.map(|t| unspelled(what, t)).transpose()
}

/// One show: a performance at a place and time, with every provider listing behind it.
#[napi(object)]
pub struct Event {
    pub id: String,
    pub title: String,
    /// In billing order; the first headliner tops the bill.
    pub performers: Vec<Performer>,
    /// Lower-case genre names, most specific last.
    pub genres: Vec<String>,
    /// `music`, `sports`, `arts`, `comedy`, `family`, `film` or `other`.
    pub category: String,
    /// The exact instant, RFC 3339 with the venue's offset (`new Date(event.start)` reads it).
    pub start: Option<String>,
    pub end: Option<String>,
    /// The venue's IANA time zone.
    pub timezone: Option<String>,
    /// `YYYY-MM-DD` as shown at the venue.
    pub local_date: Option<String>,
    /// `HH:MM:SS` as shown at the venue.
    pub local_time: Option<String>,
    /// `scheduled`, `cancelled`, `postponed` or `rescheduled`.
    pub status: String,
    pub venue: Option<Venue>,
    pub price: Option<Price>,
    pub url: Option<String>,
    pub image: Option<String>,
    pub sources: Vec<Source>,
}

impl From<&core::Event> for Event {
    fn from(e: &core::Event) -> Self {
        Event {
            id: e.id.clone(),
            title: e.title.clone(),
            performers: e.performers.iter().map(Performer::from).collect(),
            genres: e.genres.clone(),
            category: e.category.as_str().to_owned(),
            start: e.start.as_ref().map(spelled),
            end: e.end.as_ref().map(spelled),
            timezone: e.timezone.clone(),
            local_date: e.local_date.as_ref().map(spelled),
            local_time: e.local_time.as_ref().map(spelled),
            status: e.status.as_str().to_owned(),
            venue: e.venue.as_ref().map(Venue::from),
            price: e.price.as_ref().map(Price::from),
            url: e.url.clone(),
            image: e.image.clone(),
            sources: e.sources.iter().map(Source::from).collect(),
        }
    }
}

/// Someone on the bill.
#[napi(object)]
pub struct Performer {
    pub name: String,
    /// `headliner` or `support`.
    pub role: String,
    pub ids: ExternalIds,
}

impl From<&core::Performer> for Performer {
    fn from(p: &core::Performer) -> Self {
        Performer {
            name: p.name.clone(),
            role: p.role.as_str().to_owned(),
            ids: ExternalIds::from(&p.ids),
        }
    }
}

/// Ids of one artist or venue in other systems; absent where unknown.
#[napi(object)]
pub struct ExternalIds {
    pub spotify: Option<String>,
    pub musicbrainz: Option<String>,
    pub ticketmaster: Option<String>,
    pub bandsintown: Option<String>,
    pub eventbrite: Option<String>,
    pub seatgeek: Option<String>,
    pub songkick: Option<String>,
    pub dice: Option<String>,
}

impl From<&core::ExternalIds> for ExternalIds {
    fn from(ids: &core::ExternalIds) -> Self {
        ExternalIds {
            spotify: ids.spotify.clone(),
            musicbrainz: ids.musicbrainz.clone(),
            ticketmaster: ids.ticketmaster.clone(),
            bandsintown: ids.bandsintown.clone(),
            eventbrite: ids.eventbrite.clone(),
            seatgeek: ids.seatgeek.clone(),
            songkick: ids.songkick.clone(),
            dice: ids.dice.clone(),
        }
    }
}

/// Where the show happens.
#[napi(object)]
pub struct Venue {
    pub name: String,
    pub address: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Degrees; absent when the provider gives no valid coordinates.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub ids: ExternalIds,
}

impl From<&core::Venue> for Venue {
    fn from(v: &core::Venue) -> Self {
        Venue {
            name: v.name.clone(),
            address: v.address.clone(),
            city: v.city.clone(),
            region: v.region.clone(),
            postal_code: v.postal_code.clone(),
            country: v.country.clone(),
            lat: v.lat,
            lon: v.lon,
            ids: ExternalIds::from(&v.ids),
        }
    }
}

/// A ticket price range.
#[napi(object)]
pub struct Price {
    pub min: f64,
    pub max: f64,
    /// ISO 4217 code, upper case.
    pub currency: String,
}

impl From<&core::Price> for Price {
    fn from(p: &core::Price) -> Self {
        Price {
            min: p.min,
            max: p.max,
            currency: p.currency.clone(),
        }
    }
}

/// One provider listing behind an event.
#[napi(object)]
pub struct Source {
    pub provider: String,
    /// The provider's id of the listing.
    pub id: String,
    pub url: Option<String>,
    /// RFC 3339, UTC; absent unless the caller stamped it.
    pub fetched_at: Option<String>,
}

impl From<&core::Source> for Source {
    fn from(s: &core::Source) -> Self {
        Source {
            provider: s.provider.clone(),
            id: s.id.clone(),
            url: s.url.clone(),
            fetched_at: s.fetched_at.as_ref().map(spelled),
        }
    }
}

/// Something wrong with one item of a payload; the rest of the payload was kept.
#[napi(object)]
pub struct Problem {
    pub provider: String,
    /// The provider's id of the item, when it has one.
    pub item_id: Option<String>,
    /// Index of the item in the payload, when it came from a list.
    pub index: Option<u32>,
    pub message: String,
}

impl From<&core::Problem> for Problem {
    fn from(p: &core::Problem) -> Self {
        Problem {
            provider: p.provider.clone(),
            item_id: p.item_id.clone(),
            // A page holds far fewer than 2^32 items (payloads are capped at 32 MiB).
            index: p.index.and_then(|i| u32::try_from(i).ok()),
            message: p.message.clone(),
        }
    }
}

/// The result of parsing one payload: the good events, and a problem per item that was skipped.
#[napi(object)]
pub struct ParseResult {
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
}

impl From<&core::ParseOutcome> for ParseResult {
    fn from(out: &core::ParseOutcome) -> Self {
        ParseResult {
            events: out.events.iter().map(Event::from).collect(),
            problems: out.problems.iter().map(Problem::from).collect(),
        }
    }
}

// ---- Events coming back from JavaScript ----------------------------------------------------

impl TryFrom<&Event> for core::Event {
    type Error = core::Error;

    /// Every string field is read with core's own spelling; the error names the event and field.
    fn try_from(e: &Event) -> core::Result<core::Event> {
        let field = |name: &str| format!("event {}: {name}", e.id);
        if e.sources.is_empty() {
            return Err(core::Error::invalid(format!(
                "event {}: has no sources",
                e.id
            )));
        }
        Ok(core::Event {
            id: e.id.clone(),
            title: e.title.clone(),
            performers: e
                .performers
                .iter()
                .map(|p| {
                    Ok(core::Performer {
                        name: p.name.clone(),
                        role: unspelled(&field("performer role"), &p.role)?,
                        ids: core::ExternalIds::from(&p.ids),
                    })
                })
                .collect::<core::Result<_>>()?,
            genres: e.genres.clone(),
            category: unspelled(&field("category"), &e.category)?,
            start: unspelled_opt(&field("start"), e.start.as_ref())?,
            end: unspelled_opt(&field("end"), e.end.as_ref())?,
            timezone: e.timezone.clone(),
            local_date: unspelled_opt(&field("localDate"), e.local_date.as_ref())?,
            local_time: unspelled_opt(&field("localTime"), e.local_time.as_ref())?,
            status: unspelled(&field("status"), &e.status)?,
            venue: e.venue.as_ref().map(core::Venue::from),
            price: e.price.as_ref().map(|p| core::Price {
                min: p.min,
                max: p.max,
                currency: p.currency.clone(),
            }),
            url: e.url.clone(),
            image: e.image.clone(),
            sources: e
                .sources
                .iter()
                .map(|s| {
                    Ok(core::Source {
                        provider: s.provider.clone(),
                        id: s.id.clone(),
                        url: s.url.clone(),
                        fetched_at: unspelled_opt(&field("fetchedAt"), s.fetched_at.as_ref())?,
                    })
                })
                .collect::<core::Result<_>>()?,
        })
    }
}

impl From<&ExternalIds> for core::ExternalIds {
    fn from(ids: &ExternalIds) -> Self {
        core::ExternalIds {
            spotify: ids.spotify.clone(),
            musicbrainz: ids.musicbrainz.clone(),
            ticketmaster: ids.ticketmaster.clone(),
            bandsintown: ids.bandsintown.clone(),
            eventbrite: ids.eventbrite.clone(),
            seatgeek: ids.seatgeek.clone(),
            songkick: ids.songkick.clone(),
            dice: ids.dice.clone(),
        }
    }
}

impl From<&Venue> for core::Venue {
    fn from(v: &Venue) -> Self {
        core::Venue {
            name: v.name.clone(),
            address: v.address.clone(),
            city: v.city.clone(),
            region: v.region.clone(),
            postal_code: v.postal_code.clone(),
            country: v.country.clone(),
            lat: v.lat,
            lon: v.lon,
            ids: core::ExternalIds::from(&v.ids),
        }
    }
}

/// Core events of a JavaScript array; the first bad one is the error.
pub fn core_events(events: &[Event]) -> core::Result<Vec<core::Event>> {
    events.iter().map(core::Event::try_from).collect()
}

// ---- Dedup ----------------------------------------------------------------------------------

/// The features behind a pair's score.
#[napi(object)]
pub struct PairFeatures {
    /// Performer ids both listings carry (Spotify, MusicBrainz, provider artist ids).
    pub shared_performer_ids: u32,
    /// Act names both listings carry, after normalization.
    pub shared_act_names: u32,
    /// Jaccard similarity of the normalized title words, 0..1.
    pub title_similarity: f64,
    /// Overlap of the normalized venue name words, 0..1.
    pub venue_similarity: f64,
    /// Metres between the venues' coordinates, when both have them.
    pub distance_m: Option<f64>,
    /// Whether either venue is a placeholder ("TBA") at a city centroid.
    pub placeholder_venue: bool,
    /// Minutes between the local start times, when both have one.
    pub start_diff_minutes: Option<i64>,
    /// Whether either listing is a ticket package or resale listing.
    pub package: bool,
    /// Whether both listings come from one provider.
    pub same_provider: bool,
}

impl From<&cdedup::PairFeatures> for PairFeatures {
    fn from(f: &cdedup::PairFeatures) -> Self {
        PairFeatures {
            shared_performer_ids: f.shared_performer_ids,
            shared_act_names: f.shared_act_names,
            title_similarity: f.title_similarity,
            venue_similarity: f.venue_similarity,
            distance_m: f.distance_m,
            placeholder_venue: f.placeholder_venue,
            start_diff_minutes: f.start_diff_minutes,
            package: f.package,
            same_provider: f.same_provider,
        }
    }
}

/// Why two units were merged: one accepted pair.
#[napi(object)]
pub struct PairEvidence {
    /// Smallest source key (`provider:id`) of each side.
    pub a: String,
    pub b: String,
    /// 0 for the same source key listed twice; 1, 2, ... for the scoring round.
    pub round: u32,
    /// The pair score, 0..1.
    pub score: f64,
    /// Absent for the same source key listed twice.
    pub features: Option<PairFeatures>,
}

/// The evidence of one merged event.
#[napi(object)]
pub struct MergeEvidence {
    pub event_id: String,
    /// Every source key of the merged event, ordered.
    pub sources: Vec<String>,
    /// The pairs that joined its listings.
    pub pairs: Vec<PairEvidence>,
}

impl From<&cdedup::MergeEvidence> for MergeEvidence {
    fn from(m: &cdedup::MergeEvidence) -> Self {
        MergeEvidence {
            event_id: m.event_id.clone(),
            sources: m.sources.clone(),
            pairs: m
                .pairs
                .iter()
                .map(|p| PairEvidence {
                    a: p.a.clone(),
                    b: p.b.clone(),
                    round: p.round,
                    score: p.score,
                    features: p.features.as_ref().map(PairFeatures::from),
                })
                .collect(),
        }
    }
}

/// The result of `dedup`: one event per performance, ordered by id, and (when asked to explain)
/// one evidence per merged event.
#[napi(object)]
pub struct DedupResult {
    pub events: Vec<Event>,
    pub merges: Vec<MergeEvidence>,
}

impl DedupResult {
    pub fn new(out: &cdedup::DedupResult, explain: bool) -> Self {
        DedupResult {
            events: out.events.iter().map(Event::from).collect(),
            merges: if explain {
                out.merges.iter().map(MergeEvidence::from).collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// The result of `mergeInto`: events ordered by id, evidence, and the ids that stopped existing,
/// each mapped to the id of the event that absorbed it.
#[napi(object)]
pub struct MergeResult {
    pub events: Vec<Event>,
    pub merges: Vec<MergeEvidence>,
    pub aliases: HashMap<String, String>,
}

impl From<&cdedup::MergeResult> for MergeResult {
    fn from(out: &cdedup::MergeResult) -> Self {
        MergeResult {
            events: out.events.iter().map(Event::from).collect(),
            merges: out.merges.iter().map(MergeEvidence::from).collect(),
            aliases: out.aliases.clone(),
        }
    }
}

// ---- Profile ----------------------------------------------------------------------------------

/// A Spotify top-artists time range: `short_term`, `medium_term` or `long_term`.
pub fn spotify_term(term: &str) -> core::Result<cprofile::SpotifyTerm> {
    cprofile::SpotifyTerm::parse(term).ok_or_else(|| {
        core::Error::invalid(format!(
            "term {term:?}: expected short_term, medium_term or long_term"
        ))
    })
}

/// A feedback action: `save`, `skip` or `hide`.
pub fn feedback_action(action: &str) -> core::Result<cprofile::FeedbackAction> {
    unspelled("feedback action (save, skip or hide)", action)
}

/// An instant: RFC 3339 (`new Date().toISOString()` writes one).
pub fn instant(what: &str, text: &str) -> core::Result<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.to_utc())
        .map_err(|e| {
            core::Error::invalid(format!("{what} {text:?} is not an RFC 3339 instant: {e}"))
        })
}

/// An artist as Spotify lists it.
#[napi(object)]
pub struct SpotifyArtist {
    pub id: String,
    pub name: String,
    /// Often empty: Spotify withholds genres for many artists.
    pub genres: Vec<String>,
}

impl From<&cprofile::SpotifyArtist> for SpotifyArtist {
    fn from(a: &cprofile::SpotifyArtist) -> Self {
        SpotifyArtist {
            id: a.id.clone(),
            name: a.name.clone(),
            genres: a.genres.clone(),
        }
    }
}

impl From<&SpotifyArtist> for cprofile::SpotifyArtist {
    fn from(a: &SpotifyArtist) -> Self {
        cprofile::SpotifyArtist {
            id: a.id.clone(),
            name: a.name.clone(),
            genres: a.genres.clone(),
        }
    }
}

/// One of a user's top artists: its rank (1 = most listened) in one time range.
#[napi(object)]
pub struct TopArtist {
    pub artist: SpotifyArtist,
    /// `short_term`, `medium_term` or `long_term`.
    pub term: String,
    pub rank: u32,
}

/// What a profile learns from Spotify: top artists of the three time ranges and every followed
/// artist. `profile.addSpotifySignals(signals)` adds them.
#[napi(object)]
pub struct SpotifySignals {
    pub top: Vec<TopArtist>,
    pub followed: Vec<SpotifyArtist>,
}

impl From<&providers::spotify::SpotifySignals> for SpotifySignals {
    fn from(s: &providers::spotify::SpotifySignals) -> Self {
        SpotifySignals {
            top: s
                .top
                .iter()
                .map(|t| TopArtist {
                    artist: SpotifyArtist::from(&t.artist),
                    term: t.term.as_str().to_owned(),
                    rank: t.rank,
                })
                .collect(),
            followed: s.followed.iter().map(SpotifyArtist::from).collect(),
        }
    }
}

impl TryFrom<&SpotifySignals> for providers::spotify::SpotifySignals {
    type Error = core::Error;

    fn try_from(s: &SpotifySignals) -> core::Result<Self> {
        Ok(providers::spotify::SpotifySignals {
            top: s
                .top
                .iter()
                .map(|t| {
                    Ok(providers::spotify::TopArtist {
                        artist: cprofile::SpotifyArtist::from(&t.artist),
                        term: spotify_term(&t.term)?,
                        rank: t.rank,
                    })
                })
                .collect::<core::Result<_>>()?,
            followed: s
                .followed
                .iter()
                .map(cprofile::SpotifyArtist::from)
                .collect(),
        })
    }
}

/// How much each part of a score can contribute. `defaultWeights()` gives core's defaults;
/// change a field with `{ ...defaultWeights(), genre: 30 }`.
#[napi(object)]
#[derive(Clone, Copy)]
pub struct Weights {
    /// Points for a headliner with affinity 1.
    pub headliner: f64,
    /// Points for a support act with affinity 1.
    pub support: f64,
    /// Points for a genre with affinity 1 (a disliked genre takes up to this much off).
    pub genre: f64,
    /// Points for a show at the person's door, falling linearly to 0 at the radius.
    pub distance: f64,
    /// Points for a show starting now, falling as `1 / (1 + days / timeScaleDays)`.
    pub time: f64,
    pub time_scale_days: f64,
    /// Points for having saved this very event (skipping takes `skip` off).
    pub save: f64,
    pub skip: f64,
    /// Points for other shows of an artist whose show you saved (or skipped/hid: taken off).
    pub artist_save: f64,
    pub artist_skip: f64,
    /// Feedback loses half its weight every this many days.
    pub feedback_half_life_days: f64,
}

impl From<crank::Weights> for Weights {
    fn from(w: crank::Weights) -> Self {
        Weights {
            headliner: w.headliner,
            support: w.support,
            genre: w.genre,
            distance: w.distance,
            time: w.time,
            time_scale_days: w.time_scale_days,
            save: w.save,
            skip: w.skip,
            artist_save: w.artist_save,
            artist_skip: w.artist_skip,
            feedback_half_life_days: w.feedback_half_life_days,
        }
    }
}

impl From<Weights> for crank::Weights {
    fn from(w: Weights) -> Self {
        crank::Weights {
            headliner: w.headliner,
            support: w.support,
            genre: w.genre,
            distance: w.distance,
            time: w.time,
            time_scale_days: w.time_scale_days,
            save: w.save,
            skip: w.skip,
            artist_save: w.artist_save,
            artist_skip: w.artist_skip,
            feedback_half_life_days: w.feedback_half_life_days,
        }
    }
}

// ---- Ranking --------------------------------------------------------------------------------

/// Where and when the person is, and how many results they want.
#[napi(object, object_to_js = false)]
pub struct RankContext {
    /// The moment of ranking, RFC 3339 (`new Date().toISOString()`): only shows that have not
    /// started are eligible.
    pub now: String,
    /// The person's position, degrees.
    pub lat: f64,
    pub lon: f64,
    /// Shows farther than this (great-circle km) are left out. Default 50.
    pub radius_km: Option<f64>,
    /// How many results. Default 20.
    pub k: Option<u32>,
    /// At most this many dates of one headliner (0: no limit). Default 2.
    pub max_per_headliner: Option<u32>,
}

impl TryFrom<&RankContext> for crank::RankContext {
    type Error = core::Error;

    /// Absent fields take core's defaults; core checks position and radius when ranking.
    fn try_from(c: &RankContext) -> core::Result<Self> {
        let mut ctx = crank::RankContext::new(instant("now", &c.now)?, c.lat, c.lon);
        if let Some(r) = c.radius_km {
            ctx.radius_km = r;
        }
        if let Some(k) = c.k {
            ctx.k = k as usize;
        }
        if let Some(m) = c.max_per_headliner {
            ctx.max_per_headliner = m as usize;
        }
        Ok(ctx)
    }
}

/// One nonzero part of an event's score: what it is, how much it adds, a sentence a person
/// reads, and the data behind it (absent where it does not apply).
#[napi(object)]
pub struct Reason {
    /// `artist`, `genre`, `distance`, `time` or `feedback`.
    pub kind: String,
    pub contribution: f64,
    /// A short sentence: "You follow Bicep on Spotify", "3 km away", "This Friday".
    pub text: String,
    /// The performer, for artist and artist-feedback reasons.
    pub artist: Option<String>,
    /// `headliner` or `support`.
    pub role: Option<String>,
    /// Where the like came from: `picked`, `spotify_top`, `spotify_followed`, `listened`.
    pub source: Option<String>,
    /// The event's genre that matched, for genre reasons.
    pub genre: Option<String>,
    /// The person's genre it matched (the same unless the match is partial).
    pub liked_genre: Option<String>,
    /// For genres derived from listening: the person's artists it comes from.
    pub via: Vec<String>,
    pub distance_km: Option<f64>,
    pub days_until: Option<f64>,
    /// `save`, `skip` or `hide`, for feedback reasons.
    pub action: Option<String>,
}

impl From<&crank::Reason> for Reason {
    fn from(r: &crank::Reason) -> Self {
        Reason {
            kind: spelled(&r.kind),
            contribution: r.contribution,
            text: r.text.clone(),
            artist: r.artist.clone(),
            role: r.role.map(|role| role.as_str().to_owned()),
            source: r.source.clone(),
            genre: r.genre.clone(),
            liked_genre: r.liked_genre.clone(),
            via: r.via.clone(),
            distance_km: r.distance_km,
            days_until: r.days_until,
            action: r.action.as_ref().map(spelled),
        }
    }
}

/// One ranked event, with the reasons (largest first) that sum to its score.
#[napi(object)]
pub struct Ranked {
    /// Its position in the `EventSet` (`set.event(index)`).
    pub index: u32,
    pub event_id: String,
    pub event: Event,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

impl Ranked {
    pub fn new(r: &crank::Ranked, set: &crank::EventSet) -> Self {
        Ranked {
            index: r.index,
            event_id: r.event_id.clone(),
            // Ranked indexes come from this set.
            event: set
                .event(r.index)
                .map(Event::from)
                .expect("a ranked index is in its set"),
            score: r.score,
            reasons: r.reasons.iter().map(Reason::from).collect(),
        }
    }
}

// ---- Fetching -------------------------------------------------------------------------------

/// How to reach one provider instead of what the environment says.
#[napi(object, object_to_js = false)]
pub struct ProviderOverride {
    /// The part before the API's own path, e.g. `http://127.0.0.1:8080`.
    pub base_url: Option<String>,
    /// API key, token or app id. Never shown again: not in errors, logs or `toString()`.
    pub key: Option<String>,
}

/// Per-provider overrides of `FetchConfig::from_env` (`TICKETMASTER_API_KEY`,
/// `GIGRADAR_TICKETMASTER_BASE_URL`, ...).
#[napi(object, object_to_js = false)]
pub struct FetcherOptions {
    pub ticketmaster: Option<ProviderOverride>,
    pub eventbrite: Option<ProviderOverride>,
    pub bandsintown: Option<ProviderOverride>,
    /// DICE listings through Apify.
    pub dice: Option<ProviderOverride>,
}

impl FetcherOptions {
    /// Apply the overrides to a configuration read from the environment.
    pub fn apply(&self, config: &mut providers::FetchConfig) {
        for (over, cfg) in [
            (&self.ticketmaster, &mut config.ticketmaster),
            (&self.eventbrite, &mut config.eventbrite),
            (&self.bandsintown, &mut config.bandsintown),
            (&self.dice, &mut config.dice),
        ] {
            let Some(over) = over else { continue };
            if let Some(url) = &over.base_url {
                cfg.base_url = url.trim_end_matches('/').to_owned();
            }
            if let Some(key) = &over.key {
                cfg.key = Some(providers::SecretString::from(key.clone()));
            }
        }
    }
}

/// What to fetch. One shape for every provider; each reads the fields that apply to it.
#[napi(object, object_to_js = false)]
pub struct FetchQuery {
    /// `ticketmaster`, `eventbrite`, `bandsintown` or `dice`.
    pub provider: String,
    /// Centre of a search (Ticketmaster), degrees.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub radius_km: Option<f64>,
    /// Shows starting at or after this instant, RFC 3339 (Ticketmaster defaults to now).
    pub from: Option<String>,
    /// Shows starting before this instant, RFC 3339.
    pub to: Option<String>,
    /// Ticketmaster `keyword`.
    pub keyword: Option<String>,
    /// Ticketmaster `classificationName`, e.g. `music`.
    pub classification: Option<String>,
    /// Bandsintown: artist names.
    pub artists: Option<Vec<String>>,
    /// Eventbrite: organization ids.
    pub organizers: Option<Vec<String>>,
    /// Eventbrite: venue ids.
    pub venues: Option<Vec<String>>,
    /// DICE via Apify: a dataset id, or an actor run id.
    pub dataset_id: Option<String>,
    pub actor_run_id: Option<String>,
}

impl TryFrom<&FetchQuery> for providers::FetchQuery {
    type Error = core::Error;

    fn try_from(q: &FetchQuery) -> core::Result<Self> {
        let mut query = providers::FetchQuery::new(q.provider.parse()?);
        query.lat = q.lat;
        query.lon = q.lon;
        query.radius_km = q.radius_km;
        query.from = q.from.as_deref().map(|t| instant("from", t)).transpose()?;
        query.to = q.to.as_deref().map(|t| instant("to", t)).transpose()?;
        query.keyword = q.keyword.clone();
        query.classification = q.classification.clone();
        query.artists = q.artists.clone().unwrap_or_default();
        query.organizers = q.organizers.clone().unwrap_or_default();
        query.venues = q.venues.clone().unwrap_or_default();
        query.dataset_id = q.dataset_id.clone();
        query.actor_run_id = q.actor_run_id.clone();
        Ok(query)
    }
}

/// A request that still failed after its retries; the run went on without it.
#[napi(object)]
pub struct PageFailure {
    pub provider: String,
    /// The request (path and query, secrets taken out).
    pub query: String,
    /// The `code` the error would have thrown with (`ERR_RATE_LIMITED`, `ERR_PROVIDER`, ...).
    pub code: errors::ErrorCode,
    pub message: String,
    /// HTTP status, for `ERR_PROVIDER`.
    pub status: Option<u32>,
    /// For `ERR_RATE_LIMITED`.
    pub retry_after_secs: Option<f64>,
}

impl From<&core::PageFailure> for PageFailure {
    fn from(f: &core::PageFailure) -> Self {
        let fields = errors::classify(&f.error);
        PageFailure {
            provider: f.provider.clone(),
            query: f.query.clone(),
            code: fields.code,
            message: f.error.to_string(),
            status: fields.status,
            retry_after_secs: fields.retry_after_secs,
        }
    }
}

/// One page that came back, without its body.
#[napi(object)]
pub struct PageSummary {
    /// The request (secrets taken out).
    pub url: String,
    /// RFC 3339, UTC.
    pub fetched_at: String,
    /// Size of the response body.
    pub bytes: u32,
}

/// The result of one fetch run: events (each listing once), items skipped, pages fetched and
/// requests that failed for good.
#[napi(object)]
pub struct Batch {
    pub provider: String,
    pub events: Vec<Event>,
    /// Items the parser could not use (with the item id), and page-level problems (naming the
    /// page's query).
    pub problems: Vec<Problem>,
    pub pages: Vec<PageSummary>,
    pub failures: Vec<PageFailure>,
}

impl From<&core::Batch> for Batch {
    fn from(b: &core::Batch) -> Self {
        Batch {
            provider: b.provider.clone(),
            events: b.events.iter().map(Event::from).collect(),
            problems: b.problems.iter().map(Problem::from).collect(),
            pages: b
                .pages
                .iter()
                .map(|p| PageSummary {
                    url: p.url.clone(),
                    fetched_at: spelled(&p.fetched_at),
                    // Payloads are capped at 32 MiB.
                    bytes: u32::try_from(p.body.len()).unwrap_or(u32::MAX),
                })
                .collect(),
            failures: b.failures.iter().map(PageFailure::from).collect(),
        }
    }
}

/// Counters of one provider since the fetcher was made.
#[napi(object)]
pub struct ProviderStats {
    pub provider: String,
    /// Requests sent, retries included.
    pub requests: f64,
    /// Requests that were a retry of an earlier one.
    pub retries: f64,
    /// Answers with HTTP 429.
    pub rate_limited: f64,
    /// Answers with HTTP 5xx.
    pub server_errors: f64,
    /// Requests that got no answer.
    pub network_errors: f64,
    /// Requests that failed for good.
    pub failures: f64,
    /// Response bytes received.
    pub bytes: f64,
    /// Time spent waiting for the rate limiter and backoff, ms.
    pub waited_ms: f64,
    /// `latencyBuckets[i]` counts requests that took at most `latencyBucketsMs[i]` ms (and more
    /// than the bound before); the last counts the rest.
    pub latency_buckets: Vec<f64>,
}

/// Every provider's counters at one moment.
#[napi(object)]
pub struct StatsSnapshot {
    pub providers: Vec<ProviderStats>,
    /// Upper bounds (ms, inclusive) of the latency buckets; one more bucket counts the rest.
    pub latency_buckets_ms: Vec<f64>,
}

impl From<&providers::StatsSnapshot> for StatsSnapshot {
    fn from(s: &providers::StatsSnapshot) -> Self {
        // Counters stay far below 2^53, where a JavaScript number is exact.
        let n = |v: u64| v as f64;
        StatsSnapshot {
            providers: s
                .providers
                .iter()
                .map(|p| ProviderStats {
                    provider: p.provider.clone(),
                    requests: n(p.requests),
                    retries: n(p.retries),
                    rate_limited: n(p.rate_limited),
                    server_errors: n(p.server_errors),
                    network_errors: n(p.network_errors),
                    failures: n(p.failures),
                    bytes: n(p.bytes),
                    waited_ms: n(p.waited_ms),
                    latency_buckets: p.latency_buckets.iter().copied().map(n).collect(),
                })
                .collect(),
            latency_buckets_ms: providers::stats::LATENCY_BUCKETS_MS
                .iter()
                .copied()
                .map(n)
                .collect(),
        }
    }
}

/// Something that happened during a fetch, as the observer sees it. `kind` says which fields
/// are set: `response` (path, status, latencyMs, bytes), `retry` (path, attempt, reason,
/// waitMs), `failure` (query, message), `progress` after every page (done of total units, a
/// unit being a listing, or an artist for Bandsintown; total absent while unknown; events kept
/// and pages requested so far).
#[napi(object)]
pub struct FetchEvent {
    pub kind: String,
    pub provider: String,
    pub path: Option<String>,
    pub query: Option<String>,
    pub status: Option<u32>,
    pub latency_ms: Option<f64>,
    pub bytes: Option<f64>,
    pub attempt: Option<u32>,
    pub reason: Option<String>,
    pub wait_ms: Option<f64>,
    pub message: Option<String>,
    pub done: Option<f64>,
    pub total: Option<f64>,
    pub events: Option<f64>,
    pub pages: Option<f64>,
}

impl From<&providers::FetchEvent> for FetchEvent {
    fn from(e: &providers::FetchEvent) -> Self {
        let empty = |kind: &str, provider: &str| FetchEvent {
            kind: kind.to_owned(),
            provider: provider.to_owned(),
            path: None,
            query: None,
            status: None,
            latency_ms: None,
            bytes: None,
            attempt: None,
            reason: None,
            wait_ms: None,
            message: None,
            done: None,
            total: None,
            events: None,
            pages: None,
        };
        match e {
            providers::FetchEvent::Response {
                provider,
                path,
                status,
                latency_ms,
                bytes,
            } => FetchEvent {
                path: Some(path.clone()),
                status: Some(u32::from(*status)),
                latency_ms: Some(*latency_ms as f64),
                bytes: Some(*bytes as f64),
                ..empty("response", provider)
            },
            providers::FetchEvent::Retry {
                provider,
                path,
                attempt,
                reason,
                wait_ms,
            } => FetchEvent {
                path: Some(path.clone()),
                attempt: Some(*attempt),
                reason: Some(reason.clone()),
                wait_ms: Some(*wait_ms as f64),
                ..empty("retry", provider)
            },
            providers::FetchEvent::Failure {
                provider,
                query,
                message,
            } => FetchEvent {
                query: Some(query.clone()),
                message: Some(message.clone()),
                ..empty("failure", provider)
            },
            providers::FetchEvent::Progress {
                provider,
                done,
                total,
                events,
                pages,
            } => FetchEvent {
                done: Some(*done as f64),
                total: total.map(|t| t as f64),
                events: Some(*events as f64),
                pages: Some(*pages as f64),
                ..empty("progress", provider)
            },
        }
    }
}

/// The JavaScript callback a `Fetcher` or `Spotify` was given, told about every fetch event on
/// the JavaScript thread (queued, never blocking the fetch; weak, so it never keeps the process
/// alive).
/// (Spelled out again in `lib.rs` signatures, where napi reads the type to write `index.d.ts`.)
pub type ObserverFn =
    ThreadsafeFunction<FetchEvent, Unknown<'static>, FetchEvent, Status, false, true>;

pub struct JsObserver(pub ObserverFn);

impl providers::Observer for JsObserver {
    fn on_event(&self, event: &providers::FetchEvent) {
        // A full queue or a closing environment drops the event: observing never fails a fetch.
        let _ = self.0.call(
            FetchEvent::from(event),
            ThreadsafeFunctionCallMode::NonBlocking,
        );
    }
}

// ---- Spotify --------------------------------------------------------------------------------

/// How to reach Spotify as this app.
#[napi(object, object_to_js = false)]
pub struct SpotifyOptions {
    /// The app's client id (public: PKCE needs no client secret).
    pub client_id: String,
    /// Registered in the app's settings, e.g. `http://127.0.0.1:8888/callback`.
    pub redirect_uri: String,
    /// Default `https://accounts.spotify.com`.
    pub accounts_base_url: Option<String>,
    /// Default `https://api.spotify.com`.
    pub api_base_url: Option<String>,
}

impl From<&SpotifyOptions> for providers::spotify::SpotifyConfig {
    fn from(o: &SpotifyOptions) -> Self {
        let mut config = providers::spotify::SpotifyConfig::new(&o.client_id, &o.redirect_uri);
        if let Some(url) = &o.accounts_base_url {
            config.accounts_base_url = url.trim_end_matches('/').to_owned();
        }
        if let Some(url) = &o.api_base_url {
            config.api_base_url = url.trim_end_matches('/').to_owned();
        }
        config
    }
}

/// The start of a sign-in: send the user to `authorizeUrl`; `state` comes back on the callback.
#[napi(object)]
pub struct SignIn {
    pub authorize_url: String,
    pub state: String,
}

/// A user's tokens in the clear, for the host to keep somewhere safe (a keychain, an encrypted
/// store). Only `SpotifyTokens.revealSecrets()` makes one and `SpotifyTokens.fromSecrets()` reads
/// one.
#[napi(object)]
pub struct SpotifyTokenSecrets {
    pub access_token: String,
    pub refresh_token: Option<String>,
    /// When the access token stops working, RFC 3339.
    pub expires_at: String,
    pub scopes: Vec<String>,
}

/// When a token expires, as RFC 3339 (UTC).
pub fn expiry_text(at: std::time::SystemTime) -> String {
    spelled(&chrono::DateTime::<chrono::Utc>::from(at))
}

impl TryFrom<&SpotifyTokenSecrets> for providers::spotify::Token {
    type Error = core::Error;

    fn try_from(s: &SpotifyTokenSecrets) -> core::Result<Self> {
        Ok(providers::spotify::Token {
            access_token: providers::SecretString::from(s.access_token.clone()),
            refresh_token: s.refresh_token.clone().map(providers::SecretString::from),
            expires_at: instant("expiresAt", &s.expires_at)?.into(),
            scopes: s.scopes.clone(),
        })
    }
}

impl From<&providers::spotify::Token> for SpotifyTokenSecrets {
    fn from(t: &providers::spotify::Token) -> Self {
        use providers::ExposeSecret;
        SpotifyTokenSecrets {
            access_token: t.access_token.expose_secret().to_owned(),
            refresh_token: t
                .refresh_token
                .as_ref()
                .map(|r| r.expose_secret().to_owned()),
            expires_at: expiry_text(t.expires_at),
            scopes: t.scopes.clone(),
        }
    }
}

/// The addon's error for a core error, with the environment at hand.
pub fn js_err(env: &Env) -> impl Fn(core::Error) -> napi::Error + '_ {
    move |e| errors::to_js(env, e)
}
