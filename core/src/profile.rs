//! A person's taste: explicit picks, Spotify signals and feedback, each kept with its provenance.
//!
//! A [`Profile`] stores what was said, not derived numbers: which artists were picked, which were
//! top artists on Spotify (term and rank), which are followed, what was saved, skipped or hidden
//! and when. Strengths ([`ArtistTaste::affinity`]) and listened-to genres
//! ([`Profile::genre_tastes`]) are derived when ranking, so a reason can always say where a like came
//! from ("You follow Bicep on Spotify") and feedback decays relative to the `now` of each ranking,
//! never a clock.
//!
//! Artists match across sources by Spotify id, then MusicBrainz id, then normalized name.
//!
//! ```
//! use gigradar_core::profile::{Profile, SpotifyArtist, SpotifyTerm};
//! let mut p = Profile::default();
//! p.add_spotify_top(SpotifyTerm::Short, 1, &[SpotifyArtist {
//!     id: "2Mu5NfyYm8n5iTomuKAEHl".into(), name: "Bicep".into(), genres: vec!["deep house".into()],
//! }]);
//! p.add_spotify_followed(&[SpotifyArtist {
//!     id: "2Mu5NfyYm8n5iTomuKAEHl".into(), name: "BICEP".into(), genres: vec![],
//! }]);
//! assert_eq!(p.artists.len(), 1);
//! assert_eq!(p.artists[0].signals.len(), 2);
//! ```

use crate::model::{Event, Role};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One of Spotify's three top-artist time ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SpotifyTerm {
    /// About the last 4 weeks.
    #[serde(rename = "short_term")]
    Short,
    /// About the last 6 months.
    #[serde(rename = "medium_term")]
    Medium,
    /// About the last year and more.
    #[serde(rename = "long_term")]
    Long,
}

impl SpotifyTerm {
    /// The `time_range` value Spotify's API uses.
    pub fn as_str(self) -> &'static str {
        match self {
            SpotifyTerm::Short => "short_term",
            SpotifyTerm::Medium => "medium_term",
            SpotifyTerm::Long => "long_term",
        }
    }

    /// `short_term`, `medium_term`, `long_term`, or `short`, `medium`, `long`.
    pub fn parse(s: &str) -> Option<SpotifyTerm> {
        match s.trim().to_ascii_lowercase().as_str() {
            "short_term" | "short" => Some(SpotifyTerm::Short),
            "medium_term" | "medium" => Some(SpotifyTerm::Medium),
            "long_term" | "long" => Some(SpotifyTerm::Long),
            _ => None,
        }
    }

    fn phrase(self) -> &'static str {
        match self {
            SpotifyTerm::Short => "in the last 4 weeks",
            SpotifyTerm::Medium => "in the last 6 months",
            SpotifyTerm::Long => "over the past year",
        }
    }
}

/// An artist as Spotify lists it (top artists, followed artists). `genres` may be empty or
/// localized: Spotify often withholds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpotifyArtist {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub genres: Vec<String>,
}

/// Why an artist is in the profile. A profile artist has one or more signals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum ArtistSignal {
    /// Picked by the person; `weight` in 0..=1 (1 unless they said otherwise).
    Picked { weight: f64 },
    /// Marked as disliked: their shows never appear.
    Disliked,
    /// A Spotify top artist for `term`, at `rank` (1 = top).
    SpotifyTop { term: SpotifyTerm, rank: u32 },
    /// Followed on Spotify.
    SpotifyFollowed,
}

impl ArtistSignal {
    /// How strongly this signal alone says "likes this artist", in 0..=1.
    ///
    /// Top artists: 1.0 for the short term, 0.9 medium, 0.75 long, falling linearly with rank to
    /// half of that at rank 50 and beyond. Following: 0.7 (people follow more than they play).
    pub fn strength(&self) -> f64 {
        match *self {
            ArtistSignal::Picked { weight } => clamp01(weight),
            ArtistSignal::Disliked => 0.0,
            ArtistSignal::SpotifyTop { term, rank } => {
                let base = match term {
                    SpotifyTerm::Short => 1.0,
                    SpotifyTerm::Medium => 0.9,
                    SpotifyTerm::Long => 0.75,
                };
                let r = f64::from(rank.clamp(1, 50) - 1) / 49.0;
                base * (1.0 - 0.5 * r)
            }
            ArtistSignal::SpotifyFollowed => 0.7,
        }
    }

    /// A short sentence a person understands, naming `artist`.
    pub fn text(&self, artist: &str) -> String {
        match *self {
            ArtistSignal::Picked { .. } => format!("You picked {artist}"),
            ArtistSignal::Disliked => format!("You don't like {artist}"),
            ArtistSignal::SpotifyTop { term, .. } => {
                format!("{artist} is a top artist for you {}", term.phrase())
            }
            ArtistSignal::SpotifyFollowed => format!("You follow {artist} on Spotify"),
        }
    }

    /// A stable tag for the signal (`picked`, `spotify_top`, ...), used in reason data.
    pub fn source(&self) -> &'static str {
        match self {
            ArtistSignal::Picked { .. } => "picked",
            ArtistSignal::Disliked => "disliked",
            ArtistSignal::SpotifyTop { .. } => "spotify_top",
            ArtistSignal::SpotifyFollowed => "spotify_followed",
        }
    }
}

fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// An artist in the profile, with every id known for them and every signal about them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArtistTaste {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spotify: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub musicbrainz: Option<String>,
    /// Genres as the source gave them (Spotify's, when it sent any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub genres: Vec<String>,
    pub signals: Vec<ArtistSignal>,
}

impl ArtistTaste {
    /// True when the person said they dislike this artist (that wins over any like).
    pub fn disliked(&self) -> bool {
        self.signals
            .iter()
            .any(|s| matches!(s, ArtistSignal::Disliked))
    }

    /// Combined strength of the likes, in 0..=1: independent signals combine as a noisy-or
    /// (`1 - Π(1 - s)`), so a second signal adds less than the first and no signal ever lowers it.
    pub fn affinity(&self) -> f64 {
        if self.disliked() {
            return 0.0;
        }
        1.0 - self
            .signals
            .iter()
            .map(|s| 1.0 - s.strength())
            .product::<f64>()
    }

    /// The strongest like signal: the one a reason names.
    pub fn strongest(&self) -> Option<&ArtistSignal> {
        self.signals
            .iter()
            .filter(|s| !matches!(s, ArtistSignal::Disliked))
            .max_by(|a, b| a.strength().total_cmp(&b.strength()))
    }

    fn matches(&self, a: &ArtistRef) -> bool {
        if let (Some(x), Some(y)) = (&self.spotify, &a.spotify) {
            return x == y;
        }
        if let (Some(x), Some(y)) = (&self.musicbrainz, &a.musicbrainz) {
            return x.eq_ignore_ascii_case(y);
        }
        let k = artist_key(&a.name);
        !k.is_empty() && artist_key(&self.name) == k
    }
}

/// Who an artist is, by whatever ids are known. Used for picks and feedback.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArtistRef {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spotify: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub musicbrainz: Option<String>,
}

/// Why a genre is in the profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum GenreSignal {
    /// Picked by the person; `weight` in 0..=1.
    Picked { weight: f64 },
    /// Marked as disliked: shows of this genre score lower.
    Disliked,
}

/// A genre the person picked or disliked. Genres they *listen to* are derived from their artists
/// ([`Profile::genre_tastes`]), not stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenreTaste {
    /// Lower-case genre name.
    pub name: String,
    pub signals: Vec<GenreSignal>,
}

/// Where the person lives and how far they will travel.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub lat: f64,
    pub lon: f64,
    #[serde(default = "default_radius_km")]
    pub radius_km: f64,
}

fn default_radius_km() -> f64 {
    50.0
}

/// What the person did with a shown event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackAction {
    /// Saved it: more like this.
    Save,
    /// Scrolled past or dismissed it: a little less like this.
    Skip,
    /// Hid it: never show this event again.
    Hide,
}

/// One piece of feedback, with the time it was given. `artists` are the event's performers at the
/// time (so the feedback also says something about their other shows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub event_id: String,
    pub action: FeedbackAction,
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub artists: Vec<ArtistRef>,
}

impl Feedback {
    /// Feedback on `event`, remembering its headliners (support acts say little about taste).
    pub fn on(event: &Event, action: FeedbackAction, at: DateTime<Utc>) -> Feedback {
        let artists = event
            .performers
            .iter()
            .filter(|p| p.role == Role::Headliner)
            .map(|p| ArtistRef {
                name: p.name.clone(),
                spotify: p.ids.spotify.clone(),
                musicbrainz: p.ids.musicbrainz.clone(),
            })
            .collect();
        Feedback {
            event_id: event.id.clone(),
            action,
            at,
            artists,
        }
    }
}

/// One entry of a picks file: a bare name, or an object with ids and a weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Pick {
    Name(String),
    Full {
        name: String,
        #[serde(default)]
        spotify: Option<String>,
        #[serde(default)]
        musicbrainz: Option<String>,
        /// 0..=1, default 1.
        #[serde(default)]
        weight: Option<f64>,
    },
}

impl Pick {
    fn parts(&self) -> (ArtistRef, f64) {
        match self {
            Pick::Name(name) => (
                ArtistRef {
                    name: name.clone(),
                    ..ArtistRef::default()
                },
                1.0,
            ),
            Pick::Full {
                name,
                spotify,
                musicbrainz,
                weight,
            } => (
                ArtistRef {
                    name: name.clone(),
                    spotify: spotify.clone(),
                    musicbrainz: musicbrainz.clone(),
                },
                weight.unwrap_or(1.0),
            ),
        }
    }
}

/// A person's explicit choices: the picks file (schema in README-rank.md).
///
/// ```
/// let picks = gigradar_core::profile::Picks::from_json(r#"{
///   "home": {"lat": 52.52, "lon": 13.405, "radius_km": 25},
///   "artists": ["Bicep", {"name": "Fred again..", "weight": 0.8}],
///   "disliked_artists": ["Nickelback"],
///   "genres": ["deep house"], "disliked_genres": ["schlager"]
/// }"#).unwrap();
/// assert_eq!(picks.artists.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Picks {
    #[serde(default)]
    pub home: Option<Home>,
    #[serde(default)]
    pub artists: Vec<Pick>,
    #[serde(default)]
    pub disliked_artists: Vec<Pick>,
    #[serde(default)]
    pub genres: Vec<Pick>,
    #[serde(default)]
    pub disliked_genres: Vec<String>,
}

impl Picks {
    pub fn from_json(json: &str) -> crate::Result<Picks> {
        serde_json::from_str(json).map_err(crate::Error::invalid)
    }
}

/// A person's taste. Its JSON form is what `gigradar profile` writes and `gigradar rank` reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub home: Option<Home>,
    #[serde(default)]
    pub artists: Vec<ArtistTaste>,
    #[serde(default)]
    pub genres: Vec<GenreTaste>,
    #[serde(default)]
    pub feedback: Vec<Feedback>,
}

/// A genre the person likes or dislikes, derived from picks and from their artists' genres.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedGenre {
    /// Genre key (see [`genre_key`]).
    pub name: String,
    /// In -1..=1: positive for likes, -1 for a disliked genre.
    pub affinity: f64,
    /// True when the person picked it themselves.
    pub picked: bool,
    /// The artists it comes from, strongest first (at most three), when derived from artists.
    pub via: Vec<String>,
    /// True when it comes only from how the events catalogue tags the person's artists' shows
    /// (no pick, no Spotify genre): see `rank`.
    pub from_events: bool,
    /// True when (with `from_events`) it comes from the acts that share bills with the person's
    /// artists, because the catalogue tags none of those artists' own shows.
    pub from_lineups: bool,
}

impl Profile {
    pub fn from_json(json: &str) -> crate::Result<Profile> {
        serde_json::from_str(json).map_err(crate::Error::invalid)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a Profile always serializes")
    }

    /// Add a signal to the artist `who`, merging with an artist already known by any id or name.
    pub fn add_artist_signal(&mut self, who: &ArtistRef, genres: &[String], signal: ArtistSignal) {
        let name = crate::text::clean_line(&who.name);
        if name.is_empty() && who.spotify.is_none() && who.musicbrainz.is_none() {
            return;
        }
        let who = ArtistRef {
            name,
            spotify: who.spotify.clone().filter(|s| !s.trim().is_empty()),
            musicbrainz: who.musicbrainz.clone().filter(|s| !s.trim().is_empty()),
        };
        let i = match self.artists.iter().position(|a| a.matches(&who)) {
            Some(i) => i,
            None => {
                self.artists.push(ArtistTaste {
                    name: who.name.clone(),
                    spotify: None,
                    musicbrainz: None,
                    genres: Vec::new(),
                    signals: Vec::new(),
                });
                self.artists.len() - 1
            }
        };
        let a = &mut self.artists[i];
        if a.spotify.is_none() {
            a.spotify = who.spotify;
        }
        if a.musicbrainz.is_none() {
            a.musicbrainz = who.musicbrainz;
        }
        if a.name.is_empty() {
            a.name = who.name;
        }
        for g in genres {
            crate::model::push_genre(&mut a.genres, g);
        }
        if !a.signals.contains(&signal) {
            a.signals.push(signal);
        }
    }

    /// Spotify top artists for `term`, in the order Spotify sent them; `first_rank` is the rank of
    /// the first one (1 for the first page; `offset + 1` for later pages).
    pub fn add_spotify_top(
        &mut self,
        term: SpotifyTerm,
        first_rank: u32,
        artists: &[SpotifyArtist],
    ) {
        for (i, a) in artists.iter().enumerate() {
            let rank = first_rank.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
            self.add_artist_signal(
                &spotify_ref(a),
                &a.genres,
                ArtistSignal::SpotifyTop { term, rank },
            );
        }
    }

    /// Artists the person follows on Spotify.
    pub fn add_spotify_followed(&mut self, artists: &[SpotifyArtist]) {
        for a in artists {
            self.add_artist_signal(&spotify_ref(a), &a.genres, ArtistSignal::SpotifyFollowed);
        }
    }

    /// Explicit picks: liked and disliked artists and genres, and home (which replaces any before).
    pub fn add_picks(&mut self, picks: &Picks) {
        if picks.home.is_some() {
            self.home = picks.home;
        }
        for p in &picks.artists {
            let (who, weight) = p.parts();
            self.add_artist_signal(
                &who,
                &[],
                ArtistSignal::Picked {
                    weight: clamp01(weight),
                },
            );
        }
        for p in &picks.disliked_artists {
            self.add_artist_signal(&p.parts().0, &[], ArtistSignal::Disliked);
        }
        for p in &picks.genres {
            let (g, weight) = p.parts();
            self.add_genre_signal(
                &g.name,
                GenreSignal::Picked {
                    weight: clamp01(weight),
                },
            );
        }
        for g in &picks.disliked_genres {
            self.add_genre_signal(g, GenreSignal::Disliked);
        }
    }

    fn add_genre_signal(&mut self, name: &str, signal: GenreSignal) {
        let key = genre_key(name);
        if key.is_empty() {
            return;
        }
        match self.genres.iter_mut().find(|g| genre_key(&g.name) == key) {
            Some(g) => {
                if !g.signals.contains(&signal) {
                    g.signals.push(signal);
                }
            }
            None => self.genres.push(GenreTaste {
                name: key,
                signals: vec![signal],
            }),
        }
    }

    /// Record feedback (the caller supplies the time; core reads no clock).
    pub fn add_feedback(&mut self, feedback: Feedback) {
        self.feedback.push(feedback);
    }

    /// The genres this person likes or dislikes: picked genres, plus the genres of their artists
    /// (each artist's genres count with half its affinity, combined as a noisy-or, so a genre
    /// several liked artists share counts more and a stronger like never lowers any genre).
    /// A disliked genre is -1 whatever else says so.
    pub fn genre_tastes(&self) -> Vec<DerivedGenre> {
        let mut out: Vec<DerivedGenre> = Vec::new();
        let mut miss: Vec<f64> = Vec::new(); // Π(1 - s) per genre
        let mut via: Vec<Vec<(f64, String)>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut slot = |key: String,
                        out: &mut Vec<DerivedGenre>,
                        miss: &mut Vec<f64>,
                        via: &mut Vec<Vec<(f64, String)>>| {
            *index.entry(key.clone()).or_insert_with(|| {
                out.push(DerivedGenre {
                    name: key,
                    affinity: 0.0,
                    picked: false,
                    via: Vec::new(),
                    from_events: false,
                    from_lineups: false,
                });
                miss.push(1.0);
                via.push(Vec::new());
                out.len() - 1
            })
        };
        for g in &self.genres {
            let i = slot(genre_key(&g.name), &mut out, &mut miss, &mut via);
            for s in &g.signals {
                if let GenreSignal::Picked { weight } = s {
                    miss[i] *= 1.0 - clamp01(*weight);
                    out[i].picked = true;
                }
            }
        }
        for a in self.artists.iter().filter(|a| !a.disliked()) {
            let s = 0.5 * a.affinity();
            if s <= 0.0 {
                continue;
            }
            for g in &a.genres {
                let key = genre_key(g);
                if key.is_empty() {
                    continue;
                }
                let i = slot(key, &mut out, &mut miss, &mut via);
                miss[i] *= 1.0 - s;
                via[i].push((s, a.name.clone()));
            }
        }
        for (i, g) in out.iter_mut().enumerate() {
            g.affinity = 1.0 - miss[i];
            via[i].sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            g.via = via[i].iter().take(3).map(|(_, n)| n.clone()).collect();
        }
        for g in &self.genres {
            if g.signals.contains(&GenreSignal::Disliked) {
                let key = genre_key(&g.name);
                if let Some(d) = out.iter_mut().find(|d| d.name == key) {
                    d.affinity = -1.0;
                }
            }
        }
        out.retain(|g| g.affinity != 0.0);
        out
    }
}

fn spotify_ref(a: &SpotifyArtist) -> ArtistRef {
    ArtistRef {
        name: a.name.clone(),
        spotify: Some(a.id.clone()).filter(|s| !s.trim().is_empty()),
        musicbrainz: None,
    }
}

/// The key artist names match by: Unicode-folded (NFKD, marks dropped), lower case, `&` read as
/// "and", a leading "the" and a trailing "feat. ..." dropped, punctuation dropped, spaces
/// collapsed.
///
/// Deliberately small and private to matching; core/src/normalize.rs (dedup) is growing a fuller
/// folding, and the two should become one.
///
/// ```
/// use gigradar_core::profile::artist_key;
/// assert_eq!(artist_key("The Blaze"), artist_key("blaze"));
/// assert_eq!(artist_key("Beyoncé feat. JAY-Z"), "beyonce");
/// assert_eq!(artist_key("Simon & Garfunkel"), "simon and garfunkel");
/// ```
pub fn artist_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    // ASCII is its own NFKD form, has no combining marks and lower-cases byte by byte: the
    // same fold without the Unicode tables, for the names most events carry.
    let folded: String = if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        name.nfkd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    }
    .replace('&', " and ");
    let mut words: Vec<String> = Vec::new();
    for raw in folded.split(|c: char| c.is_whitespace() || c == '/' || c == ',') {
        if matches!(raw, "feat." | "feat" | "ft." | "ft" | "featuring") && !words.is_empty() {
            break;
        }
        let w: String = raw.chars().filter(|c| c.is_alphanumeric()).collect();
        if !w.is_empty() {
            words.push(w);
        }
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// The key genres match by: lower case, `-`/`_` read as spaces, spaces collapsed
/// ("Hip-Hop" = "hip hop").
pub fn genre_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let spaced: String = lower
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(id: &str, name: &str, genres: &[&str]) -> SpotifyArtist {
        SpotifyArtist {
            id: id.into(),
            name: name.into(),
            genres: genres.iter().map(|g| (*g).to_owned()).collect(),
        }
    }

    #[test]
    fn artists_merge_by_spotify_id_then_name() {
        let mut p = Profile::default();
        p.add_spotify_top(SpotifyTerm::Short, 1, &[sp("A1", "Bicep", &["deep house"])]);
        p.add_spotify_followed(&[sp("A1", "Bicep (renamed)", &[])]);
        p.add_picks(&Picks {
            artists: vec![Pick::Name("bicep".into())],
            ..Picks::default()
        });
        assert_eq!(p.artists.len(), 1, "{p:?}");
        assert_eq!(p.artists[0].signals.len(), 3);
        // A different Spotify id with the same name is a different artist.
        p.add_spotify_followed(&[sp("B2", "Bicep", &[])]);
        assert_eq!(p.artists.len(), 2);
    }

    #[test]
    fn affinity_is_monotone_in_signals() {
        let mut a = ArtistTaste {
            name: "X".into(),
            spotify: None,
            musicbrainz: None,
            genres: vec![],
            signals: vec![ArtistSignal::SpotifyFollowed],
        };
        let one = a.affinity();
        a.signals.push(ArtistSignal::SpotifyTop {
            term: SpotifyTerm::Long,
            rank: 40,
        });
        assert!(a.affinity() > one && a.affinity() <= 1.0);
        a.signals.push(ArtistSignal::Disliked);
        assert_eq!(a.affinity(), 0.0);
    }

    #[test]
    fn rank_lowers_strength_down_to_half() {
        let s = |rank| {
            ArtistSignal::SpotifyTop {
                term: SpotifyTerm::Short,
                rank,
            }
            .strength()
        };
        assert_eq!(s(1), 1.0);
        assert!((s(50) - 0.5).abs() < 1e-12);
        assert_eq!(s(50), s(500));
    }

    #[test]
    fn genres_come_from_artists_and_picks() {
        let mut p = Profile::default();
        p.add_spotify_top(
            SpotifyTerm::Short,
            1,
            &[
                sp("A", "Bicep", &["Deep House", "electronica"]),
                sp("B", "Ross From Friends", &["deep-house"]),
            ],
        );
        p.add_picks(&Picks {
            genres: vec![Pick::Name("Techno".into())],
            disliked_genres: vec!["Schlager".into()],
            ..Picks::default()
        });
        let g = p.genre_tastes();
        let deep = g.iter().find(|g| g.name == "deep house").unwrap();
        assert_eq!(deep.via, vec!["Bicep", "Ross From Friends"]);
        assert!(deep.affinity > 0.5 && deep.affinity < 1.0);
        assert!(
            g.iter()
                .any(|g| g.name == "techno" && g.picked && g.affinity == 1.0)
        );
        assert!(g.iter().any(|g| g.name == "schlager" && g.affinity == -1.0));
    }

    #[test]
    fn json_round_trip() {
        let mut p = Profile::default();
        p.add_spotify_top(SpotifyTerm::Medium, 3, &[sp("A", "Bicep", &[])]);
        p.add_feedback(Feedback {
            event_id: "ev_1".into(),
            action: FeedbackAction::Hide,
            at: "2026-01-01T00:00:00Z".parse().unwrap(),
            artists: vec![],
        });
        let json = p.to_json();
        assert!(json.contains(r#""source": "spotify_top""#), "{json}");
        assert!(json.contains(r#""term": "medium_term""#), "{json}");
        assert_eq!(Profile::from_json(&json).unwrap(), p);
    }

    #[test]
    fn picks_reject_unknown_fields() {
        assert!(Picks::from_json(r#"{"artist": ["typo"]}"#).is_err());
    }

    #[test]
    fn keys() {
        assert_eq!(artist_key("  The  Chemical Brothers "), "chemical brothers");
        assert_eq!(artist_key("The The"), "the");
        assert_eq!(artist_key("Sigur Rós"), "sigur ros");
        assert_eq!(artist_key("Bicep ft. Clara La San"), "bicep");
        assert_eq!(artist_key("AC/DC"), "ac dc");
        assert_eq!(genre_key(" Hip-Hop/Rap "), "hip hop/rap");
    }

    proptest::proptest! {
        /// What lets [`artist_key`] fold ASCII names without the Unicode tables.
        #[test]
        fn ascii_folds_as_unicode_does(name in "[\\x00-\\x7f]{0,40}") {
            use unicode_normalization::UnicodeNormalization;
            let unicode: String = name
                .nfkd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect();
            proptest::prop_assert_eq!(name.to_ascii_lowercase(), unicode);
        }
    }
}
