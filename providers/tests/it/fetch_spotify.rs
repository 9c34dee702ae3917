//! Spotify sign-in and signals against loopback accounts + Web API servers: PKCE checked by the
//! server, state checked by us, refresh once for many callers, the old refresh token kept,
//! `invalid_grant` → ReauthRequired, and the usual faults on the way.

use crate::fetch_server::{Reply, Seen, Server, StampingTransport};
use gigradar_core::profile::SpotifyTerm;
use gigradar_providers::http::{Clock, ManualClock};
use gigradar_providers::spotify::{
    MemoryTokenStore, Spotify, SpotifyConfig, Token, TokenStore, pkce_challenge,
};
use gigradar_providers::{Error, ExposeSecret, SecretString};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const REDIRECT: &str = "http://127.0.0.1:8888/callback";
const CLIENT_ID: &str = "loopback-client";

#[derive(Default)]
struct Accounts {
    challenge: Option<String>,
    /// The one access token the API accepts now.
    valid: String,
    issued: usize,
    refreshes: usize,
    /// Refresh tokens the accounts server honours.
    refresh_ok: Vec<String>,
    requests: usize,
}

fn artist(id: &str) -> Value {
    json!({ "id": id, "name": format!("Artist {id}"), "type": "artist",
            "uri": format!("spotify:artist:{id}"), "href": format!("https://api.spotify.com/v1/artists/{id}"),
            "external_urls": { "spotify": format!("https://open.spotify.com/artist/{id}") },
            "images": [{ "url": format!("https://i.scdn.co/image/{id}"), "height": 640, "width": 640 }] })
}

fn form(seen: &Seen) -> HashMap<String, String> {
    url::form_urlencoded::parse(&seen.body)
        .into_owned()
        .collect()
}

/// Counts per time range, and followed artists.
const TOP: [(&str, usize); 3] = [("short_term", 20), ("medium_term", 60), ("long_term", 110)];
const FOLLOWED: usize = 120;

fn spotify_server(state: Arc<Mutex<Accounts>>, faults: bool) -> Server {
    Server::start(move |seen| {
        let mut s = state.lock().unwrap();
        s.requests += 1;
        let n = s.requests;
        if seen.path == "/api/token" {
            let f = form(seen);
            match f.get("grant_type").map(String::as_str) {
                Some("authorization_code") => {
                    let verifier = f.get("code_verifier").cloned().unwrap_or_default();
                    if f.get("code").map(String::as_str) != Some("the-code")
                        || s.challenge.as_deref() != Some(pkce_challenge(&verifier).as_str())
                        || f.get("redirect_uri").map(String::as_str) != Some(REDIRECT)
                        || f.get("client_id").map(String::as_str) != Some(CLIENT_ID)
                    {
                        return Reply::status(
                            400,
                            r#"{"error":"invalid_grant","error_description":"Invalid authorization code"}"#,
                        );
                    }
                    s.issued += 1;
                    s.valid = format!("AT{}", s.issued);
                    s.refresh_ok.push("RT1".into());
                    return Reply::ok(json!({ "access_token": s.valid, "token_type": "Bearer", "expires_in": 3600,
                        "refresh_token": "RT1", "scope": "user-top-read user-follow-read" }).to_string());
                }
                Some("refresh_token") => {
                    let rt = f.get("refresh_token").cloned().unwrap_or_default();
                    if !s.refresh_ok.contains(&rt) {
                        return Reply::status(
                            400,
                            r#"{"error":"invalid_grant","error_description":"Refresh token revoked"}"#,
                        );
                    }
                    s.refreshes += 1;
                    s.issued += 1;
                    s.valid = format!("AT{}", s.issued);
                    // Since 2026 Spotify does not rotate refresh tokens: no refresh_token here.
                    return Reply::ok(json!({ "access_token": s.valid, "token_type": "Bearer", "expires_in": 3600,
                        "scope": "user-top-read user-follow-read" }).to_string());
                }
                _ => {
                    return Reply::status(
                        400,
                        r#"{"error":"unsupported_grant_type","error_description":"grant_type parameter is missing"}"#,
                    );
                }
            }
        }
        if faults {
            match n {
                3 => {
                    return Reply::status(
                        429,
                        r#"{"error":{"status":429,"message":"API rate limit exceeded"}}"#,
                    )
                    .with_header("Retry-After", "2");
                }
                5 => {
                    return Reply::status(
                        500,
                        r#"{"error":{"status":500,"message":"Server error"}}"#,
                    );
                }
                7 => {
                    return Reply::CutOff {
                        body: r#"{"items":[],"next":null}"#.into(),
                        sent: 5,
                    };
                }
                9 => return Reply::ok("{\"items\": [".into()),
                11 => {
                    // The access token dies early (revoked, or clock skew): 401, then a refresh.
                    s.valid = "nobody".into();
                }
                _ => {}
            }
        }
        let bearer = seen
            .header("Authorization")
            .unwrap_or_default()
            .trim_start_matches("Bearer ")
            .to_owned();
        if bearer != s.valid {
            return Reply::status(
                401,
                r#"{"error":{"status":401,"message":"The access token expired"}}"#,
            );
        }
        drop(s);
        let num = |k: &str| seen.param(k).and_then(|v| v.parse::<usize>().ok());
        match seen.path.as_str() {
            "/v1/me/top/artists" => {
                let range = seen.param("time_range").unwrap();
                let total = TOP.iter().find(|(r, _)| *r == range).unwrap().1;
                let (offset, limit) = (num("offset").unwrap_or(0), num("limit").unwrap_or(20));
                let items: Vec<Value> = (offset..(offset + limit).min(total))
                    .map(|i| artist(&format!("{range}{i:03}")))
                    .collect();
                let next = (offset + limit < total).then(|| format!(
                    "https://api.spotify.com/v1/me/top/artists?locale=en&time_range={range}&offset={}&limit={limit}", offset + limit));
                Reply::ok(json!({ "href": "", "items": items, "limit": limit, "next": next, "offset": offset, "previous": null, "total": total }).to_string())
            }
            "/v1/me/following" => {
                assert_eq!(seen.param("type"), Some("artist"));
                let limit = num("limit").unwrap_or(20);
                let start = match seen.param("after") {
                    Some(a) => a.trim_start_matches("f").parse::<usize>().unwrap() + 1,
                    None => 0,
                };
                let ids: Vec<String> = (start..(start + limit).min(FOLLOWED))
                    .map(|i| format!("f{i:04}"))
                    .collect();
                let more = start + limit < FOLLOWED;
                let after = if more { ids.last().cloned() } else { None };
                let next = more.then(|| format!("https://api.spotify.com/v1/me/following?type=artist&after={}&limit={limit}", after.clone().unwrap()));
                let items: Vec<Value> = ids.iter().map(|id| artist(id)).collect();
                Reply::ok(
                    json!({ "artists": { "href": "", "items": items, "limit": limit, "next": next,
                    "cursors": { "after": after }, "total": FOLLOWED } })
                    .to_string(),
                )
            }
            _ => Reply::status(
                404,
                r#"{"error":{"status":404,"message":"Service not found"}}"#,
            ),
        }
    })
}

fn spotify(server: &Server, clock: &Arc<ManualClock>, store: Arc<dyn TokenStore>) -> Spotify {
    let mut config = SpotifyConfig::new(CLIENT_ID, REDIRECT);
    config.accounts_base_url = server.base.clone();
    config.api_base_url = server.base.clone();
    config.retry.seed = Some(3);
    Spotify::new(config, store)
        .with_transport(Arc::new(StampingTransport::new(clock.clone())))
        .with_clock(clock.clone())
}

/// Sign in through the loopback accounts server, as a browser would.
fn sign_in(sp: &Spotify, state: &Arc<Mutex<Accounts>>) -> String {
    let start = sp.begin_sign_in().unwrap();
    let url = url::Url::parse(&start.authorize_url).unwrap();
    let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(url.path(), "/authorize");
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["redirect_uri"], REDIRECT);
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["state"], start.state);
    assert!(q["scope"].contains("user-top-read") && q["scope"].contains("user-follow-read"));
    state.lock().unwrap().challenge = Some(q["code_challenge"].clone());
    sp.finish_sign_in(&format!("{REDIRECT}?code=the-code&state={}", start.state))
        .unwrap();
    start.state
}

#[test]
fn sign_in_checks_state_and_pkce() {
    let state = Arc::new(Mutex::new(Accounts::default()));
    let server = spotify_server(state.clone(), false);
    let clock = Arc::new(ManualClock::at_2026());
    let store = Arc::new(MemoryTokenStore::default());
    let sp = spotify(&server, &clock, store.clone());

    // A callback whose state we never issued is refused before any request.
    let begun = sp.begin_sign_in().unwrap();
    let forged = format!("{REDIRECT}?code=the-code&state=not-{}", begun.state);
    assert!(
        matches!(sp.finish_sign_in(&forged), Err(Error::InvalidInput(m)) if m.contains("state"))
    );
    assert!(server.seen().is_empty());
    assert!(store.load().is_none());

    let used = sign_in(&sp, &state);
    let token = store.load().unwrap();
    assert_eq!(token.access_token.expose_secret(), "AT1");
    assert_eq!(token.refresh_token.as_ref().unwrap().expose_secret(), "RT1");
    assert_eq!(token.scopes, vec!["user-top-read", "user-follow-read"]);
    // A state is good for one callback only: a replayed callback is refused.
    let replay = sp.finish_sign_in(&format!("{REDIRECT}?code=the-code&state={used}"));
    assert!(matches!(replay, Err(Error::InvalidInput(_))), "{replay:?}");
    // The user saying no is an error too.
    let denied = sp.finish_sign_in(&format!(
        "{REDIRECT}?error=access_denied&state={}",
        begun.state
    ));
    assert!(matches!(denied, Err(Error::InvalidInput(m)) if m.contains("access_denied")));
}

#[test]
fn signals_arrive_whole_through_faults_and_an_expired_token() {
    let state = Arc::new(Mutex::new(Accounts::default()));
    let server = spotify_server(state.clone(), true);
    let clock = Arc::new(ManualClock::at_2026());
    let store = Arc::new(MemoryTokenStore::default());
    let sp = spotify(&server, &clock, store.clone());
    sign_in(&sp, &state);

    let signals = sp.signals().unwrap();
    for (range, total) in TOP {
        let ranked: Vec<_> = signals
            .top
            .iter()
            .filter(|t| t.term.as_str() == range)
            .collect();
        assert_eq!(ranked.len(), total, "{range}");
        for (i, t) in ranked.iter().enumerate() {
            assert_eq!(t.rank as usize, i + 1);
            assert_eq!(t.artist.id, format!("{range}{i:03}"));
        }
    }
    let followed: Vec<&str> = signals.followed.iter().map(|a| a.id.as_str()).collect();
    let want: Vec<String> = (0..FOLLOWED).map(|i| format!("f{i:04}")).collect();
    assert_eq!(
        followed,
        want.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(signals.followed.iter().all(|a| !a.name.is_empty()));

    let s = state.lock().unwrap();
    assert_eq!(s.refreshes, 1, "one refresh for the one early expiry");
    drop(s);
    // The refresh answer had no refresh token: the old one is kept.
    let token = store.load().unwrap();
    assert_eq!(token.refresh_token.unwrap().expose_secret(), "RT1");
    let st = sp.stats();
    let sp_stats = st.provider("spotify").unwrap();
    assert_eq!((sp_stats.rate_limited, sp_stats.server_errors), (1, 1));
    assert!(server.max_in_window(Duration::from_secs(1)) <= 5);
}

#[test]
fn many_callers_refresh_once() {
    let state = Arc::new(Mutex::new(Accounts::default()));
    let server = spotify_server(state.clone(), false);
    let clock = Arc::new(ManualClock::at_2026());
    let store = Arc::new(MemoryTokenStore::default());
    let sp = Arc::new(spotify(&server, &clock, store.clone()));
    sign_in(&sp, &state);
    clock.advance(Duration::from_secs(3600)); // the access token is now expired

    let handles: Vec<_> = (0..8)
        .map(|_| {
            let sp = sp.clone();
            std::thread::spawn(move || sp.access_token().map(|t| t.expose_secret().to_owned()))
        })
        .collect();
    let tokens: Vec<String> = handles
        .into_iter()
        .map(|h| h.join().unwrap().unwrap())
        .collect();
    assert!(tokens.iter().all(|t| t == "AT2"), "{tokens:?}");
    assert_eq!(state.lock().unwrap().refreshes, 1);
    assert_eq!(sp.top_artists(SpotifyTerm::Short).unwrap().len(), 20);
}

#[test]
fn invalid_grant_means_sign_in_again() {
    let state = Arc::new(Mutex::new(Accounts::default()));
    let server = spotify_server(state.clone(), false);
    let clock = Arc::new(ManualClock::at_2026());
    let store = Arc::new(MemoryTokenStore::default());
    store.save(&Token {
        access_token: SecretString::from("AT-old".to_owned()),
        refresh_token: Some(SecretString::from("RT-revoked".to_owned())),
        expires_at: clock.now() - Duration::from_secs(5),
        scopes: vec![],
    });
    let sp = spotify(&server, &clock, store.clone());
    let err = sp.followed_artists().unwrap_err();
    assert!(matches!(err, Error::ReauthRequired(_)), "{err:?}");
    assert!(!err.to_string().contains("RT-revoked"), "{err}");
    assert!(store.load().is_none(), "dead tokens are forgotten");
    // invalid_grant is final: asked once, not retried.
    assert_eq!(server.seen().len(), 1);
    assert!(matches!(
        sp.followed_artists(),
        Err(Error::ReauthRequired(_))
    ));
}
