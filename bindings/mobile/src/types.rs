//! The records Kotlin and Swift see, and their one conversion from core.
//!
//! Each mirrors a core type with the field names of the canonical JSON (uniffi spells them in
//! each language's style: `localDate` in Kotlin and Swift). Dates, times and instants are the
//! strings the canonical JSON has (uniffi has no date types); null in the JSON is `null`/`nil`.

use crate::GigradarError;
use gigradar_core as core;
use gigradar_providers::spotify;
use gigradar_providers::{ExposeSecret, SecretString};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

/// The canonical JSON spelling of a scalar (an instant, a date, an enum), exactly as `to_json` writes it.
fn spelled<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("canonical scalars serialize to strings, got {other:?}"),
    }
}

/// One show: a performance at a place and time, with every provider listing behind it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Event {
    pub id: String,
    pub title: String,
    /// In billing order; the first headliner tops the bill.
    pub performers: Vec<Performer>,
    /// Lower-case genre names, most specific last.
    pub genres: Vec<String>,
    /// `music`, `sports`, `arts`, `comedy`, `family`, `film` or `other`.
    pub category: String,
    /// The exact instant, RFC 3339 with the venue's offset (`OffsetDateTime.parse` reads it).
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
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
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

/// Ids of one artist or venue in other systems; null where unknown.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
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
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Venue {
    pub name: String,
    pub address: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Degrees; null when the provider gives no valid coordinates.
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
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
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
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Source {
    pub provider: String,
    /// The provider's id of the listing.
    pub id: String,
    pub url: Option<String>,
    /// RFC 3339, UTC; null unless the caller stamped it.
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
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
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
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
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

/// The core value that the canonical JSON spells as `s` (an instant, a date, an enum), or the
/// invalid-input error naming `what`.
fn unspelled<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T, GigradarError> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|e| GigradarError::from(core::Error::invalid(format!("{what} {s:?}: {e}"))))
}

fn unspelled_opt<T: serde::de::DeserializeOwned>(
    what: &str,
    s: Option<&str>,
) -> Result<Option<T>, GigradarError> {
    s.map(|s| unspelled(what, s)).transpose()
}

/// An instant given by the host as RFC 3339 text (`Instant.toString()` in Kotlin); the type is
/// core's (a UTC date-time), inferred where it is used.
pub(crate) fn instant<T: serde::de::DeserializeOwned>(
    what: &str,
    s: &str,
) -> Result<T, GigradarError> {
    unspelled(what, s)
}

impl TryFrom<Event> for core::Event {
    type Error = GigradarError;

    /// Back to core, reading the spelled scalars; an event must name at least one source, as in
    /// the canonical JSON.
    fn try_from(e: Event) -> Result<Self, GigradarError> {
        if e.sources.is_empty() {
            return Err(core::Error::invalid(format!("event {}: has no sources", e.id)).into());
        }
        let what = |field: &str| format!("event {}: {field}", e.id);
        Ok(core::Event {
            performers: e
                .performers
                .into_iter()
                .map(|p| {
                    Ok(core::Performer {
                        role: unspelled(&what("role"), &p.role)?,
                        name: p.name,
                        ids: p.ids.into(),
                    })
                })
                .collect::<Result<_, GigradarError>>()?,
            category: unspelled(&what("category"), &e.category)?,
            start: unspelled_opt(&what("start"), e.start.as_deref())?,
            end: unspelled_opt(&what("end"), e.end.as_deref())?,
            local_date: unspelled_opt(&what("localDate"), e.local_date.as_deref())?,
            local_time: unspelled_opt(&what("localTime"), e.local_time.as_deref())?,
            status: unspelled(&what("status"), &e.status)?,
            venue: e.venue.map(core::Venue::from),
            price: e.price.map(|p| core::Price {
                min: p.min,
                max: p.max,
                currency: p.currency,
            }),
            sources: e
                .sources
                .into_iter()
                .map(|s| {
                    Ok(core::Source {
                        fetched_at: unspelled_opt(&what("fetchedAt"), s.fetched_at.as_deref())?,
                        provider: s.provider,
                        id: s.id,
                        url: s.url,
                    })
                })
                .collect::<Result<_, GigradarError>>()?,
            id: e.id,
            title: e.title,
            genres: e.genres,
            timezone: e.timezone,
            url: e.url,
            image: e.image,
        })
    }
}

impl From<ExternalIds> for core::ExternalIds {
    fn from(ids: ExternalIds) -> Self {
        core::ExternalIds {
            spotify: ids.spotify,
            musicbrainz: ids.musicbrainz,
            ticketmaster: ids.ticketmaster,
            bandsintown: ids.bandsintown,
            eventbrite: ids.eventbrite,
            seatgeek: ids.seatgeek,
            songkick: ids.songkick,
            dice: ids.dice,
        }
    }
}

impl From<Venue> for core::Venue {
    fn from(v: Venue) -> Self {
        core::Venue {
            name: v.name,
            address: v.address,
            city: v.city,
            region: v.region,
            postal_code: v.postal_code,
            country: v.country,
            lat: v.lat,
            lon: v.lon,
            ids: v.ids.into(),
        }
    }
}

/// Host events to core events; the first bad one is the error (its id is in the reason).
pub(crate) fn core_events(events: Vec<Event>) -> Result<Vec<core::Event>, GigradarError> {
    events.into_iter().map(core::Event::try_from).collect()
}

// ---- dedup ----------------------------------------------------------------------------------

/// What two listings had in common when they were scored (see `docs/` on dedup).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PairFeatures {
    /// Performer ids both listings carry (Spotify, MusicBrainz, provider artist ids).
    pub shared_performer_ids: u32,
    /// Act names both listings carry, after normalization.
    pub shared_act_names: u32,
    /// Jaccard similarity of the normalized title words, 0..1.
    pub title_similarity: f64,
    /// Overlap of the normalized venue name words, 0..1.
    pub venue_similarity: f64,
    /// Metres between the venues, when both have coordinates.
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

impl From<&core::dedup::PairFeatures> for PairFeatures {
    fn from(f: &core::dedup::PairFeatures) -> Self {
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

/// One accepted pair of a merge.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PairEvidence {
    /// The smallest source key (`provider:id`) of each side.
    pub a: String,
    pub b: String,
    /// 0 for the same source key listed twice; 1, 2, ... for the scoring round.
    pub round: u32,
    /// The pair score, 0..1 (1 for the same source key).
    pub score: f64,
    /// Null for round 0.
    pub features: Option<PairFeatures>,
}

impl From<&core::dedup::PairEvidence> for PairEvidence {
    fn from(p: &core::dedup::PairEvidence) -> Self {
        PairEvidence {
            a: p.a.clone(),
            b: p.b.clone(),
            round: p.round,
            score: p.score,
            features: p.features.as_ref().map(PairFeatures::from),
        }
    }
}

/// Why the listings of one merged event were merged.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MergeEvidence {
    pub event_id: String,
    /// Every source key (`provider:id`) of the merged event, ordered.
    pub sources: Vec<String>,
    pub pairs: Vec<PairEvidence>,
}

impl From<&core::dedup::MergeEvidence> for MergeEvidence {
    fn from(m: &core::dedup::MergeEvidence) -> Self {
        MergeEvidence {
            event_id: m.event_id.clone(),
            sources: m.sources.clone(),
            pairs: m.pairs.iter().map(PairEvidence::from).collect(),
        }
    }
}

/// The result of `dedup`: events ordered by id, and one evidence per merged event (empty
/// unless asked to explain).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DedupResult {
    pub events: Vec<Event>,
    pub merges: Vec<MergeEvidence>,
}

impl DedupResult {
    pub(crate) fn new(out: &core::dedup::DedupResult, explain: bool) -> Self {
        DedupResult {
            events: out.events.iter().map(Event::from).collect(),
            merges: evidence(&out.merges, explain),
        }
    }
}

fn evidence(merges: &[core::dedup::MergeEvidence], explain: bool) -> Vec<MergeEvidence> {
    if explain {
        merges.iter().map(MergeEvidence::from).collect()
    } else {
        Vec::new()
    }
}

/// The result of `mergeInto`: events ordered by id, evidence, and each id that stopped existing
/// mapped to the id of the event that absorbed it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MergeResult {
    pub events: Vec<Event>,
    pub merges: Vec<MergeEvidence>,
    pub aliases: HashMap<String, String>,
}

impl From<&core::dedup::MergeResult> for MergeResult {
    fn from(out: &core::dedup::MergeResult) -> Self {
        MergeResult {
            events: out.events.iter().map(Event::from).collect(),
            merges: evidence(&out.merges, true),
            aliases: out.aliases.clone(),
        }
    }
}

// ---- profiles and ranking -------------------------------------------------------------------

/// A Spotify time range of top artists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SpotifyTerm {
    /// About the last 4 weeks (`short_term`).
    Short,
    /// About the last 6 months (`medium_term`).
    Medium,
    /// About the last year and more (`long_term`).
    Long,
}

impl From<SpotifyTerm> for core::profile::SpotifyTerm {
    fn from(t: SpotifyTerm) -> Self {
        match t {
            SpotifyTerm::Short => core::profile::SpotifyTerm::Short,
            SpotifyTerm::Medium => core::profile::SpotifyTerm::Medium,
            SpotifyTerm::Long => core::profile::SpotifyTerm::Long,
        }
    }
}

impl From<core::profile::SpotifyTerm> for SpotifyTerm {
    fn from(t: core::profile::SpotifyTerm) -> Self {
        match t {
            core::profile::SpotifyTerm::Short => SpotifyTerm::Short,
            core::profile::SpotifyTerm::Medium => SpotifyTerm::Medium,
            core::profile::SpotifyTerm::Long => SpotifyTerm::Long,
        }
    }
}

/// What the person did with a shown event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FeedbackAction {
    /// More like this.
    Save,
    /// A little less like this.
    Skip,
    /// Never show this event again.
    Hide,
}

impl From<FeedbackAction> for core::profile::FeedbackAction {
    fn from(a: FeedbackAction) -> Self {
        match a {
            FeedbackAction::Save => core::profile::FeedbackAction::Save,
            FeedbackAction::Skip => core::profile::FeedbackAction::Skip,
            FeedbackAction::Hide => core::profile::FeedbackAction::Hide,
        }
    }
}

impl From<core::profile::FeedbackAction> for FeedbackAction {
    fn from(a: core::profile::FeedbackAction) -> Self {
        match a {
            core::profile::FeedbackAction::Save => FeedbackAction::Save,
            core::profile::FeedbackAction::Skip => FeedbackAction::Skip,
            core::profile::FeedbackAction::Hide => FeedbackAction::Hide,
        }
    }
}

/// How much each part of a score can contribute. `Weights()` has the core defaults (a test
/// checks them against `defaultWeights()`, which reads them from core).
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct Weights {
    /// Points for a headliner with affinity 1.
    #[uniffi(default = 40.0)]
    pub headliner: f64,
    /// Points for a support act with affinity 1.
    #[uniffi(default = 15.0)]
    pub support: f64,
    /// Points for a genre with affinity 1 (a disliked genre takes up to this much off).
    #[uniffi(default = 20.0)]
    pub genre: f64,
    /// Points for a show at the door, falling linearly to 0 at the radius.
    #[uniffi(default = 10.0)]
    pub distance: f64,
    /// Points for a show starting now, falling as `1 / (1 + days / timeScaleDays)`.
    #[uniffi(default = 10.0)]
    pub time: f64,
    #[uniffi(default = 14.0)]
    pub time_scale_days: f64,
    /// Points for having saved this very event (skipping takes `skip` off).
    #[uniffi(default = 30.0)]
    pub save: f64,
    #[uniffi(default = 15.0)]
    pub skip: f64,
    /// Points for other shows of an artist whose show was saved (skipped/hidden: taken off).
    #[uniffi(default = 10.0)]
    pub artist_save: f64,
    #[uniffi(default = 5.0)]
    pub artist_skip: f64,
    /// Feedback loses half its weight every this many days.
    #[uniffi(default = 30.0)]
    pub feedback_half_life_days: f64,
}

impl From<core::rank::Weights> for Weights {
    fn from(w: core::rank::Weights) -> Self {
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

impl From<Weights> for core::rank::Weights {
    fn from(w: Weights) -> Self {
        core::rank::Weights {
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

/// Which part of the score a reason explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ReasonKind {
    Artist,
    Genre,
    Distance,
    Time,
    Feedback,
}

impl From<core::rank::ReasonKind> for ReasonKind {
    fn from(k: core::rank::ReasonKind) -> Self {
        match k {
            core::rank::ReasonKind::Artist => ReasonKind::Artist,
            core::rank::ReasonKind::Genre => ReasonKind::Genre,
            core::rank::ReasonKind::Distance => ReasonKind::Distance,
            core::rank::ReasonKind::Time => ReasonKind::Time,
            core::rank::ReasonKind::Feedback => ReasonKind::Feedback,
        }
    }
}

/// One nonzero part of an event's score: what it is, how much it adds, a sentence a person
/// reads, and the data behind it (null where it does not apply).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Reason {
    pub kind: ReasonKind,
    pub contribution: f64,
    pub text: String,
    /// The performer, for artist and artist-feedback reasons.
    pub artist: Option<String>,
    /// `headliner` or `support`.
    pub role: Option<String>,
    /// Where the like came from: `picked`, `spotify_top`, `spotify_followed`, `listened`.
    pub source: Option<String>,
    /// The event's genre that matched.
    pub genre: Option<String>,
    /// The person's genre it matched (the same unless the match is partial).
    pub liked_genre: Option<String>,
    /// For genres derived from listening: the person's artists it comes from.
    pub via: Vec<String>,
    pub distance_km: Option<f64>,
    pub days_until: Option<f64>,
    pub action: Option<FeedbackAction>,
}

impl From<&core::rank::Reason> for Reason {
    fn from(r: &core::rank::Reason) -> Self {
        Reason {
            kind: r.kind.into(),
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
            action: r.action.map(FeedbackAction::from),
        }
    }
}

/// One ranked event: the event, its score, and the reasons (largest first) that sum to it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Ranked {
    /// Its position in the `EventSet` (`set.event(index)`).
    pub index: u32,
    pub event: Event,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

impl Ranked {
    pub(crate) fn new(r: &core::rank::Ranked, set: &core::rank::EventSet) -> Self {
        let event = set
            .event(r.index)
            .expect("a ranked index is a position in the set it was ranked from");
        Ranked {
            index: r.index,
            event: Event::from(event),
            score: r.score,
            reasons: r.reasons.iter().map(Reason::from).collect(),
        }
    }
}

// ---- fetching -------------------------------------------------------------------------------

/// A key, token or app id. Its `toString()` never shows it; only Rust reads it.
#[derive(uniffi::Object)]
#[uniffi::export(Display, Debug)]
pub struct Secret(pub(crate) SecretString);

#[uniffi::export]
impl Secret {
    #[uniffi::constructor]
    pub fn new(value: String) -> Arc<Self> {
        Arc::new(Secret(SecretString::from(value)))
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

/// Settings of one provider that replace what the environment says.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ProviderOverride {
    /// `ticketmaster`, `eventbrite`, `bandsintown` or `dice`.
    pub provider: String,
    /// The part before the API's own path, e.g. `https://app.ticketmaster.com`.
    #[uniffi(default = None)]
    pub base_url: Option<String>,
    #[uniffi(default = None)]
    pub key: Option<Arc<Secret>>,
}

/// What to fetch; each provider reads the fields that apply to it.
#[derive(Debug, Clone, uniffi::Record)]
pub struct FetchQuery {
    /// `ticketmaster`, `eventbrite`, `bandsintown` or `dice`.
    pub provider: String,
    /// Centre of a search (Ticketmaster), degrees.
    #[uniffi(default = None)]
    pub lat: Option<f64>,
    #[uniffi(default = None)]
    pub lon: Option<f64>,
    #[uniffi(default = None)]
    pub radius_km: Option<f64>,
    /// Shows starting at or after this instant, RFC 3339 (Ticketmaster defaults to now).
    #[uniffi(default = None)]
    pub from: Option<String>,
    /// Shows starting before this instant, RFC 3339.
    #[uniffi(default = None)]
    pub to: Option<String>,
    /// Ticketmaster `keyword`.
    #[uniffi(default = None)]
    pub keyword: Option<String>,
    /// Ticketmaster `classificationName`, e.g. `music`.
    #[uniffi(default = None)]
    pub classification: Option<String>,
    /// Bandsintown: artist names.
    #[uniffi(default)]
    pub artists: Vec<String>,
    /// Eventbrite: organization ids.
    #[uniffi(default)]
    pub organizers: Vec<String>,
    /// Eventbrite: venue ids.
    #[uniffi(default)]
    pub venues: Vec<String>,
    /// DICE via Apify: a dataset id, or an actor run id.
    #[uniffi(default = None)]
    pub dataset_id: Option<String>,
    #[uniffi(default = None)]
    pub actor_run_id: Option<String>,
}

pub(crate) fn provider(name: &str) -> Result<gigradar_providers::Provider, GigradarError> {
    Ok(name.parse::<gigradar_providers::Provider>()?)
}

impl TryFrom<FetchQuery> for gigradar_providers::FetchQuery {
    type Error = GigradarError;

    fn try_from(q: FetchQuery) -> Result<Self, GigradarError> {
        Ok(gigradar_providers::FetchQuery {
            provider: provider(&q.provider)?,
            lat: q.lat,
            lon: q.lon,
            radius_km: q.radius_km,
            from: q.from.as_deref().map(|s| instant("from", s)).transpose()?,
            to: q.to.as_deref().map(|s| instant("to", s)).transpose()?,
            keyword: q.keyword,
            classification: q.classification,
            artists: q.artists,
            organizers: q.organizers,
            venues: q.venues,
            dataset_id: q.dataset_id,
            actor_run_id: q.actor_run_id,
        })
    }
}

/// One page that was fetched: where from (the key left out), its size, and when.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PageSummary {
    pub url: String,
    pub bytes: u64,
    /// RFC 3339, UTC.
    pub fetched_at: String,
}

/// A page that failed for good (after its retries); the run went on without it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PageFailure {
    pub provider: String,
    /// The page's request (path and query, the key left out).
    pub query: String,
    pub message: String,
}

/// Everything one `fetch` got: the events, a problem per item that could not be read, a
/// failure per page that could not be fetched, and a summary per page that was.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Batch {
    pub provider: String,
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
    pub failures: Vec<PageFailure>,
    pub pages: Vec<PageSummary>,
}

impl From<&core::Batch> for Batch {
    fn from(b: &core::Batch) -> Self {
        Batch {
            provider: b.provider.clone(),
            events: b.events.iter().map(Event::from).collect(),
            problems: b.problems.iter().map(Problem::from).collect(),
            failures: b
                .failures
                .iter()
                .map(|f| PageFailure {
                    provider: f.provider.clone(),
                    query: f.query.clone(),
                    message: f.error.to_string(),
                })
                .collect(),
            pages: b
                .pages
                .iter()
                .map(|p| PageSummary {
                    url: p.url.clone(),
                    bytes: p.body.len() as u64,
                    fetched_at: spelled(&p.fetched_at),
                })
                .collect(),
        }
    }
}

/// Counters of one provider since the fetcher was made.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProviderStats {
    pub provider: String,
    /// Requests sent, retries included.
    pub requests: u64,
    /// Requests that were a retry of an earlier one.
    pub retries: u64,
    /// Answers with HTTP 429.
    pub rate_limited: u64,
    /// Answers with HTTP 5xx.
    pub server_errors: u64,
    /// Requests that got no answer (timeouts, broken connections).
    pub network_errors: u64,
    /// Requests that failed for good (after their retries).
    pub failures: u64,
    /// Response bytes received.
    pub bytes: u64,
    /// Time spent waiting for the rate limiter and for `Retry-After`/backoff, milliseconds.
    pub waited_ms: u64,
    /// `latencyBuckets[i]` counts requests that took at most `latencyBucketBoundsMs()[i]` ms
    /// (and more than the bound before); the last counts the rest.
    pub latency_buckets: Vec<u64>,
}

impl From<&gigradar_providers::ProviderStats> for ProviderStats {
    fn from(s: &gigradar_providers::ProviderStats) -> Self {
        ProviderStats {
            provider: s.provider.clone(),
            requests: s.requests,
            retries: s.retries,
            rate_limited: s.rate_limited,
            server_errors: s.server_errors,
            network_errors: s.network_errors,
            failures: s.failures,
            bytes: s.bytes,
            waited_ms: s.waited_ms,
            latency_buckets: s.latency_buckets.clone(),
        }
    }
}

/// Every provider's counters at one moment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StatsSnapshot {
    pub providers: Vec<ProviderStats>,
}

impl From<&gigradar_providers::StatsSnapshot> for StatsSnapshot {
    fn from(s: &gigradar_providers::StatsSnapshot) -> Self {
        StatsSnapshot {
            providers: s.providers.iter().map(ProviderStats::from).collect(),
        }
    }
}

/// Something that happened during a fetch. Paths never carry keys.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum FetchEvent {
    /// A request got an answer (any status) after `latencyMs`.
    Response {
        provider: String,
        path: String,
        status: u16,
        latency_ms: u64,
        bytes: u64,
    },
    /// A request will be tried again after `waitMs`.
    Retry {
        provider: String,
        path: String,
        attempt: u32,
        reason: String,
        wait_ms: u64,
    },
    /// A request failed for good; the run goes on without it.
    Failure {
        provider: String,
        query: String,
        message: String,
    },
    /// How far the run has come, after every page: `done` of `total` units (a unit is a listing,
    /// or an artist for Bandsintown; `total` is null while unknown), `events` kept and `pages`
    /// requested so far.
    Progress {
        provider: String,
        done: u64,
        total: Option<u64>,
        events: u64,
        pages: u64,
    },
}

impl From<&gigradar_providers::FetchEvent> for FetchEvent {
    fn from(e: &gigradar_providers::FetchEvent) -> Self {
        use gigradar_providers::FetchEvent as E;
        match e.clone() {
            E::Response {
                provider,
                path,
                status,
                latency_ms,
                bytes,
            } => FetchEvent::Response {
                provider,
                path,
                status,
                latency_ms,
                bytes,
            },
            E::Retry {
                provider,
                path,
                attempt,
                reason,
                wait_ms,
            } => FetchEvent::Retry {
                provider,
                path,
                attempt,
                reason,
                wait_ms,
            },
            E::Failure {
                provider,
                query,
                message,
            } => FetchEvent::Failure {
                provider,
                query,
                message,
            },
            E::Progress {
                provider,
                done,
                total,
                events,
                pages,
            } => FetchEvent::Progress {
                provider,
                done,
                total,
                events,
                pages,
            },
        }
    }
}

/// Told about every `FetchEvent` (latencies, retries, pages that failed for good), on the thread
/// that fetches. Keep it quick, hand work to your own dispatcher, and do not throw (an exception
/// here aborts the fetch with an internal error).
#[uniffi::export(with_foreign)]
pub trait FetchObserver: Send + Sync {
    fn on_event(&self, event: FetchEvent);
}

/// The host's observer seen as the providers' `Observer`.
pub(crate) struct ObserverBridge(pub(crate) Arc<dyn FetchObserver>);

impl gigradar_providers::Observer for ObserverBridge {
    fn on_event(&self, event: &gigradar_providers::FetchEvent) {
        self.0.on_event(FetchEvent::from(event));
    }
}

// ---- Spotify --------------------------------------------------------------------------------

/// The start of a sign-in: open `authorizeUrl`; `state` comes back on the callback.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SignIn {
    pub authorize_url: String,
    pub state: String,
}

/// A Spotify artist: id, name and genres.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SpotifyArtist {
    pub id: String,
    pub name: String,
    pub genres: Vec<String>,
}

impl From<&core::profile::SpotifyArtist> for SpotifyArtist {
    fn from(a: &core::profile::SpotifyArtist) -> Self {
        SpotifyArtist {
            id: a.id.clone(),
            name: a.name.clone(),
            genres: a.genres.clone(),
        }
    }
}

impl From<SpotifyArtist> for core::profile::SpotifyArtist {
    fn from(a: SpotifyArtist) -> Self {
        core::profile::SpotifyArtist {
            id: a.id,
            name: a.name,
            genres: a.genres,
        }
    }
}

/// One of a user's top artists: its rank (1 = most listened) in one time range.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TopArtist {
    pub artist: SpotifyArtist,
    pub term: SpotifyTerm,
    pub rank: u32,
}

/// What a profile learns from Spotify; `Profile.addSpotifySignals` adds it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SpotifySignals {
    /// Top artists of all three time ranges, in rank order within each.
    pub top: Vec<TopArtist>,
    pub followed: Vec<SpotifyArtist>,
}

impl From<&spotify::SpotifySignals> for SpotifySignals {
    fn from(s: &spotify::SpotifySignals) -> Self {
        SpotifySignals {
            top: s
                .top
                .iter()
                .map(|t| TopArtist {
                    artist: SpotifyArtist::from(&t.artist),
                    term: t.term.into(),
                    rank: t.rank,
                })
                .collect(),
            followed: s.followed.iter().map(SpotifyArtist::from).collect(),
        }
    }
}

impl From<SpotifySignals> for spotify::SpotifySignals {
    fn from(s: SpotifySignals) -> Self {
        spotify::SpotifySignals {
            top: s
                .top
                .into_iter()
                .map(|t| spotify::TopArtist {
                    artist: t.artist.into(),
                    term: t.term.into(),
                    rank: t.rank,
                })
                .collect(),
            followed: s.followed.into_iter().map(Into::into).collect(),
        }
    }
}

/// A user's Spotify tokens. `toString()` never shows them; read them only to put them in the
/// platform's secret storage (Android Keystore-backed preferences, the iOS Keychain).
#[derive(uniffi::Object)]
#[uniffi::export(Display, Debug)]
pub struct SpotifyToken(pub(crate) spotify::Token);

#[uniffi::export]
impl SpotifyToken {
    /// Tokens read back from the host's storage; `expiresAtEpochSecs` is when the access token
    /// stops working (seconds since 1970, UTC).
    #[uniffi::constructor]
    pub fn new(
        access_token: String,
        refresh_token: Option<String>,
        expires_at_epoch_secs: u64,
        scopes: Vec<String>,
    ) -> Arc<Self> {
        Arc::new(SpotifyToken(spotify::Token {
            access_token: SecretString::from(access_token),
            refresh_token: refresh_token.map(SecretString::from),
            expires_at: UNIX_EPOCH + Duration::from_secs(expires_at_epoch_secs),
            scopes,
        }))
    }

    pub fn access_token(&self) -> String {
        self.0.access_token.expose_secret().to_owned()
    }

    pub fn refresh_token(&self) -> Option<String> {
        self.0
            .refresh_token
            .as_ref()
            .map(|t| t.expose_secret().to_owned())
    }

    pub fn expires_at_epoch_secs(&self) -> u64 {
        self.0
            .expires_at
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }

    pub fn scopes(&self) -> Vec<String> {
        self.0.scopes.clone()
    }
}

impl std::fmt::Display for SpotifyToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SpotifyToken([REDACTED])")
    }
}

impl std::fmt::Debug for SpotifyToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The core Token's Debug redacts the secrets and shows the expiry and scopes.
        self.0.fmt(f)
    }
}

/// Where the host keeps the signed-in user's tokens (its secret storage). Called on the thread
/// that signs in or fetches signals; do not throw (an exception aborts that call with an
/// internal error): a store that cannot be read should answer null, which means signed out.
#[uniffi::export(with_foreign)]
pub trait SpotifyTokenStore: Send + Sync {
    /// The saved tokens, or null when nobody is signed in.
    fn load(&self) -> Option<Arc<SpotifyToken>>;
    /// Replace the saved tokens (after sign-in and after each refresh).
    fn save(&self, token: Arc<SpotifyToken>);
    /// Forget the tokens (the session was revoked or expired for good).
    fn clear(&self);
}

/// The host's store seen as the providers' `TokenStore`.
pub(crate) struct TokenStoreBridge(pub(crate) Arc<dyn SpotifyTokenStore>);

impl spotify::TokenStore for TokenStoreBridge {
    fn load(&self) -> Option<spotify::Token> {
        self.0.load().map(|t| t.0.clone())
    }

    fn save(&self, token: &spotify::Token) {
        self.0.save(Arc::new(SpotifyToken(token.clone())));
    }

    fn clear(&self) {
        self.0.clear()
    }
}
