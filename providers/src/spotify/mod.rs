//! Spotify sign-in (authorization code + PKCE) and the listening signals a profile is built from:
//! top artists over all three time ranges and every followed artist.
//!
//! - No client secret: PKCE, with the verifier from the OS CSPRNG and an S256 challenge.
//! - `state` is checked on the callback; a mismatch is an error (a forged or stale callback).
//! - Refresh keeps the old refresh token when the answer has none (Spotify stopped rotating them
//!   in 2026), happens once when many calls need it at the same time (single flight), and maps
//!   `invalid_grant` to [`Error::ReauthRequired`] (never retried).
//! - Tokens live where the host keeps them: [`TokenStore`].

use crate::http::{
    Client, Clock, RateLimit, RateLimiter, Request, RetryPolicy, SystemClock, Transport,
    UreqTransport,
};
use crate::stats::{Observer, Stats, StatsSnapshot};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gigradar_core::Error;
use gigradar_core::profile::{Profile, SpotifyArtist, SpotifyTerm};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

mod artists;
pub use artists::{ArtistPage, parse_artists};

/// Tokens are refreshed this long before they expire, so a call never races the expiry.
const EXPIRY_SKEW: Duration = Duration::from_secs(60);
/// Scopes for top artists and followed artists.
pub const DEFAULT_SCOPES: [&str; 2] = ["user-top-read", "user-follow-read"];

/// How to reach Spotify as this app.
#[derive(Debug, Clone)]
pub struct SpotifyConfig {
    /// The app's client id (public: PKCE needs no client secret).
    pub client_id: String,
    /// Registered in the app's settings, e.g. `http://127.0.0.1:8888/callback`.
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    /// `https://accounts.spotify.com` (authorize and token endpoints).
    pub accounts_base_url: String,
    /// `https://api.spotify.com` (the Web API, `/v1/...`).
    pub api_base_url: String,
    pub retry: RetryPolicy,
    pub rate_limit: RateLimit,
}

impl SpotifyConfig {
    pub fn new(client_id: &str, redirect_uri: &str) -> Self {
        SpotifyConfig {
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            scopes: DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect(),
            accounts_base_url: "https://accounts.spotify.com".into(),
            api_base_url: "https://api.spotify.com".into(),
            retry: RetryPolicy::default(),
            // Spotify's window is a rolling 30 s with no published number; stay well under.
            rate_limit: RateLimit::per_second(5),
        }
    }
}

/// A user's tokens. Debug never shows them.
#[derive(Clone)]
pub struct Token {
    pub access_token: SecretString,
    pub refresh_token: Option<SecretString>,
    /// When the access token stops working.
    pub expires_at: SystemTime,
    pub scopes: Vec<String>,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &"[REDACTED]")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("expires_at", &self.expires_at)
            .field("scopes", &self.scopes)
            .finish()
    }
}

/// Where the host keeps a user's tokens (a keychain, an encrypted file, the embedded store).
pub trait TokenStore: Send + Sync {
    fn load(&self) -> Option<Token>;
    fn save(&self, token: &Token);
    /// Forget the tokens (after `invalid_grant`: the user must sign in again).
    fn clear(&self);
}

/// Tokens in memory only: for tests and one-shot commands.
#[derive(Debug, Default)]
pub struct MemoryTokenStore(Mutex<Option<Token>>);

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> Option<Token> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
    fn save(&self, token: &Token) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
    }
    fn clear(&self) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

/// The start of a sign-in: send the user to `authorize_url`; `state` comes back on the callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignIn {
    pub authorize_url: String,
    pub state: String,
}

/// One of a user's top artists: its rank (1 = most listened) in one time range.
#[derive(Debug, Clone, PartialEq)]
pub struct TopArtist {
    pub artist: SpotifyArtist,
    pub term: SpotifyTerm,
    pub rank: u32,
}

/// What a profile learns from Spotify.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpotifySignals {
    /// Top artists of all three time ranges, in rank order within each.
    pub top: Vec<TopArtist>,
    /// Every followed artist.
    pub followed: Vec<SpotifyArtist>,
}

impl SpotifySignals {
    /// Add these signals to a profile: each top artist with its term and rank, every followed
    /// artist (the reasons then say "Top artist for you in the last 4 weeks", "You follow ...").
    pub fn add_to(&self, profile: &mut Profile) {
        for t in &self.top {
            profile.add_spotify_top(t.term, t.rank, std::slice::from_ref(&t.artist));
        }
        profile.add_spotify_followed(&self.followed);
    }
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
}

/// A Spotify account, signed in through PKCE. Synchronous; safe to share between threads.
pub struct Spotify {
    config: SpotifyConfig,
    store: Arc<dyn TokenStore>,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    stats: Arc<Stats>,
    observer: Option<Arc<dyn Observer>>,
    limiter: Arc<RateLimiter>,
    /// Sign-ins begun and not finished: state → PKCE verifier.
    pending: Mutex<HashMap<String, SecretString>>,
    /// Held while refreshing, so that concurrent callers refresh once.
    refreshing: Mutex<()>,
}

impl Spotify {
    pub fn new(config: SpotifyConfig, store: Arc<dyn TokenStore>) -> Self {
        let limiter = Arc::new(RateLimiter::new(config.rate_limit.clone()));
        Spotify {
            config,
            store,
            transport: Arc::new(UreqTransport::default()),
            clock: Arc::new(SystemClock),
            stats: Arc::new(Stats::new()),
            observer: None,
            limiter,
            pending: Mutex::new(HashMap::new()),
            refreshing: Mutex::new(()),
        }
    }

    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = transport;
        self
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn with_observer(mut self, observer: Arc<dyn Observer>) -> Self {
        self.observer = Some(observer);
        self
    }

    pub fn stats(&self) -> StatsSnapshot {
        self.stats.snapshot()
    }

    fn client(&self, extra_secrets: Vec<SecretString>) -> Client {
        let mut secrets = extra_secrets;
        if let Some(t) = self.store.load() {
            secrets.push(t.access_token.clone());
            secrets.extend(t.refresh_token.clone());
        }
        Client::new(
            "spotify",
            self.transport.clone(),
            self.clock.clone(),
            self.limiter.clone(),
            self.config.retry.clone(),
            self.stats.clone(),
            self.observer.clone(),
            secrets,
        )
    }

    /// Start a sign-in: the URL to send the user to, and the `state` it will come back with.
    pub fn begin_sign_in(&self) -> Result<SignIn, Error> {
        let verifier = pkce_verifier()?;
        let state = URL_SAFE_NO_PAD.encode(random_bytes::<16>()?);
        let mut url = url::Url::parse(&format!("{}/authorize", self.config.accounts_base_url))
            .map_err(|e| Error::invalid(format!("spotify accounts URL: {e}")))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.config.client_id)
            .append_pair("redirect_uri", &self.config.redirect_uri)
            .append_pair("scope", &self.config.scopes.join(" "))
            .append_pair("code_challenge_method", "S256")
            .append_pair("code_challenge", &pkce_challenge(verifier.expose_secret()))
            .append_pair("state", &state);
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(state.clone(), verifier);
        Ok(SignIn {
            authorize_url: url.to_string(),
            state,
        })
    }

    /// Finish a sign-in from the URL Spotify redirected to: check `state`, exchange the code,
    /// and save the tokens in the store.
    pub fn finish_sign_in(&self, callback_url: &str) -> Result<(), Error> {
        let (code, state) = parse_callback(callback_url)?;
        let verifier = self
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&state)
            .ok_or_else(|| {
                Error::invalid(
                    "the sign-in callback's state matches no sign-in begun here (forged or stale)",
                )
            })?;
        let code = SecretString::from(code);
        let request = Request::post_form(
            format!("{}/api/token", self.config.accounts_base_url),
            &[
                ("grant_type", "authorization_code"),
                ("code", code.expose_secret()),
                ("redirect_uri", &self.config.redirect_uri),
                ("client_id", &self.config.client_id),
                ("code_verifier", verifier.expose_secret()),
            ],
        );
        let answer = self.token_request(&request, vec![code.clone(), verifier.clone()])?;
        let token = self.token_from(answer, None);
        self.store.save(&token);
        Ok(())
    }

    fn token_request(
        &self,
        request: &Request,
        secrets: Vec<SecretString>,
    ) -> Result<TokenAnswer, Error> {
        let client = self.client(secrets);
        match client.send_json(request) {
            Ok(f) => serde_json::from_slice(&f.body).map_err(|e| Error::Provider {
                provider: "spotify".into(),
                status: f.status,
                message: format!("token answer not understood: {e}"),
            }),
            Err(Error::Provider {
                status, message, ..
            }) if status == 400 && message.contains("invalid_grant") => {
                Err(Error::ReauthRequired(format!("spotify: {message}")))
            }
            Err(e) => Err(e),
        }
    }

    fn token_from(&self, a: TokenAnswer, previous_refresh: Option<SecretString>) -> Token {
        Token {
            access_token: SecretString::from(a.access_token),
            // An answer without a refresh token keeps the one we had.
            refresh_token: a.refresh_token.map(SecretString::from).or(previous_refresh),
            expires_at: self.clock.now() + Duration::from_secs(a.expires_in.unwrap_or(3600)),
            scopes: a
                .scope
                .map(|s| s.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
        }
    }

    /// A valid access token, refreshed first when it is about to expire.
    pub fn access_token(&self) -> Result<SecretString, Error> {
        let token = self.signed_in()?;
        if token.expires_at > self.clock.now() + EXPIRY_SKEW {
            return Ok(token.access_token);
        }
        self.refresh(Some(&token.access_token))
    }

    fn signed_in(&self) -> Result<Token, Error> {
        self.store
            .load()
            .ok_or_else(|| Error::ReauthRequired("spotify: not signed in".into()))
    }

    /// Refresh once for everyone: whoever holds the lock refreshes; whoever waited finds the
    /// token already replaced (it differs from `stale`, the one that was found wanting) and
    /// uses it.
    fn refresh(&self, stale: Option<&SecretString>) -> Result<SecretString, Error> {
        let _one_at_a_time = self.refreshing.lock().unwrap_or_else(|p| p.into_inner());
        let token = self.signed_in()?;
        let replaced =
            stale.is_some_and(|s| s.expose_secret() != token.access_token.expose_secret());
        if replaced && token.expires_at > self.clock.now() + EXPIRY_SKEW {
            return Ok(token.access_token);
        }
        let Some(refresh) = token.refresh_token.clone() else {
            self.store.clear();
            return Err(Error::ReauthRequired(
                "spotify: the session expired and has no refresh token".into(),
            ));
        };
        tracing::info!(provider = "spotify", "refreshing the access token");
        let request = Request::post_form(
            format!("{}/api/token", self.config.accounts_base_url),
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh.expose_secret()),
                ("client_id", &self.config.client_id),
            ],
        );
        match self.token_request(&request, vec![refresh.clone()]) {
            Ok(answer) => {
                let fresh = self.token_from(answer, Some(refresh));
                self.store.save(&fresh);
                Ok(fresh.access_token)
            }
            Err(e @ Error::ReauthRequired(_)) => {
                self.store.clear();
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// GET a Web API path (with query) as the signed-in user. A 401 (token expired or revoked
    /// early) refreshes once and tries again.
    fn get(&self, path_and_query: &str) -> Result<Vec<u8>, Error> {
        let url = format!("{}{path_and_query}", self.config.api_base_url);
        let mut refreshed = false;
        loop {
            let token = self.access_token()?;
            let request = Request::get(url.clone())
                .header("Authorization", format!("Bearer {}", token.expose_secret()))
                .header("Accept-Language", "en");
            match self.client(vec![token.clone()]).send_json(&request) {
                Ok(f) => return Ok(f.body),
                Err(Error::Provider { status: 401, .. }) if !refreshed => {
                    refreshed = true;
                    self.refresh(Some(&token))?;
                }
                Err(Error::Provider {
                    status: 401,
                    message,
                    ..
                }) => {
                    return Err(Error::ReauthRequired(format!("spotify: {message}")));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The path and query of a `next` link, to be sent to our API base (tests, proxies).
    fn relative(next: &str) -> Option<String> {
        let u = url::Url::parse(next).ok()?;
        Some(match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_owned(),
        })
    }

    /// Every artist of a paged list (top or followed), following `next` links; pages are read
    /// by the same parser hosts use for saved responses ([`parse_artists`]).
    fn all_artists(&self, first: String, what: &str) -> Result<Vec<SpotifyArtist>, Error> {
        let mut out = Vec::new();
        let mut next = Some(first);
        while let Some(path) = next.take() {
            let page = parse_artists(&self.get(&path)?)
                .map_err(|e| Error::invalid(format!("spotify {what}: {e}")))?;
            if !page.artists.is_empty() {
                next = page.next.as_deref().and_then(Self::relative);
            }
            out.extend(page.artists);
        }
        Ok(out)
    }

    /// The user's top artists in one time range, best first (50 a page).
    pub fn top_artists(&self, term: SpotifyTerm) -> Result<Vec<SpotifyArtist>, Error> {
        let first = format!(
            "/v1/me/top/artists?time_range={}&limit=50&offset=0",
            term.as_str()
        );
        self.all_artists(first, "top artists")
    }

    /// Every artist the user follows (cursor paging: `next` carries the `after` cursor).
    pub fn followed_artists(&self) -> Result<Vec<SpotifyArtist>, Error> {
        self.all_artists(
            "/v1/me/following?type=artist&limit=50".to_owned(),
            "followed artists",
        )
    }

    /// Top artists of all three time ranges and every followed artist.
    pub fn signals(&self) -> Result<SpotifySignals, Error> {
        let mut signals = SpotifySignals::default();
        for term in [SpotifyTerm::Short, SpotifyTerm::Medium, SpotifyTerm::Long] {
            for (i, artist) in self.top_artists(term)?.into_iter().enumerate() {
                let rank = u32::try_from(i).map_or(u32::MAX, |i| i.saturating_add(1));
                signals.top.push(TopArtist { artist, term, rank });
            }
        }
        signals.followed = self.followed_artists()?;
        Ok(signals)
    }
}

fn random_bytes<const N: usize>() -> Result<[u8; N], Error> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b)
        .map_err(|e| Error::Network(format!("no randomness from the OS: {e}")))?;
    Ok(b)
}

/// A PKCE code verifier: 32 bytes from the OS CSPRNG, base64url without padding (43 characters).
pub fn pkce_verifier() -> Result<SecretString, Error> {
    Ok(SecretString::from(
        URL_SAFE_NO_PAD.encode(random_bytes::<32>()?),
    ))
}

/// The S256 challenge of a verifier: base64url(sha256(verifier)), no padding.
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// `code` and `state` from a callback URL; an `error` there (the user said no) is an error.
fn parse_callback(callback_url: &str) -> Result<(String, String), Error> {
    let url = url::Url::parse(callback_url)
        .map_err(|_| Error::invalid("the sign-in callback is not a URL"))?;
    let mut code = None;
    let mut state = None;
    let mut error = None;
    for (k, v) in url.query_pairs() {
        match &*k {
            "code" => code = Some(v.into_owned()),
            "state" => state = Some(v.into_owned()),
            "error" => error = Some(v.into_owned()),
            _ => {}
        }
    }
    if let Some(e) = error {
        return Err(Error::invalid(format!("spotify sign-in was refused: {e}")));
    }
    let state = state.ok_or_else(|| Error::invalid("the sign-in callback has no state"))?;
    let code = code.ok_or_else(|| Error::invalid("the sign-in callback has no code"))?;
    Ok((code, state))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_7636_appendix_b() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_are_43_url_safe_characters_and_differ() {
        let a = pkce_verifier().unwrap();
        let b = pkce_verifier().unwrap();
        let a = a.expose_secret();
        assert_eq!(a.len(), 43);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert_ne!(a, b.expose_secret());
    }

    #[test]
    fn callbacks_are_read_strictly() {
        assert_eq!(
            parse_callback("http://127.0.0.1:8888/callback?code=C&state=S").unwrap(),
            ("C".into(), "S".into())
        );
        assert!(
            parse_callback("http://127.0.0.1:8888/callback?error=access_denied&state=S").is_err()
        );
        assert!(parse_callback("http://127.0.0.1:8888/callback?code=C").is_err());
        assert!(parse_callback("not a url").is_err());
    }

    #[test]
    fn token_debug_is_redacted() {
        let t = Token {
            access_token: SecretString::from("AT-secret".to_owned()),
            refresh_token: Some(SecretString::from("RT-secret".to_owned())),
            expires_at: SystemTime::UNIX_EPOCH,
            scopes: vec![],
        };
        let d = format!("{t:?}");
        assert!(!d.contains("AT-secret") && !d.contains("RT-secret"), "{d}");
    }
}
