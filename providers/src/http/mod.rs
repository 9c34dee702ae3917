//! The HTTP seam: every request gigradar makes goes through a [`Transport`].
//!
//! The default, [`UreqTransport`], is synchronous (ureq 3: no async runtime asked of a host) with
//! bundled TLS roots. A host that owns its networking (a phone app's stack, a proxy, a test)
//! implements [`Transport`] instead; everything above it (retries, rate limits, paging) is the same.
//!
//! - `clock.rs`: [`Clock`], the one source of "now" and of sleeping, so tests never sleep for real.
//! - `retry.rs`: the retry policy, full-jitter backoff and `Retry-After`.
//! - `limit.rs`: the per-provider rate limiter (sliding window + daily quota).
//! - `client.rs`: [`Client`], which puts them together for one provider.
//! - `ureq_transport.rs`: the default transport.

mod client;
mod clock;
mod limit;
mod retry;
mod ureq_transport;

pub use client::{Client, ClientConfig};
pub use clock::{Clock, ManualClock, SystemClock};
pub use limit::{RateLimit, RateLimiter};
pub use retry::{RetryPolicy, parse_retry_after};
pub use ureq_transport::{UreqTransport, UreqTransportConfig};

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One request, as a transport sends it. Headers may carry secrets (`Authorization`): a transport
/// must never log them.
#[derive(Clone)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

/// Debug shows the method and the path only: the query string and headers may hold secrets.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Request({} {})",
            self.method.as_str(),
            path_of(&self.url)
        )
    }
}

impl Request {
    pub fn get(url: impl Into<String>) -> Self {
        Request {
            method: Method::Get,
            url: url.into(),
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn post_form(url: impl Into<String>, form: &[(&str, &str)]) -> Self {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        Request {
            method: Method::Post,
            url: url.into(),
            headers: vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            body: Some(body.into_bytes()),
        }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

/// A response: status, headers and the whole body (already decompressed and size-capped).
#[derive(Debug, Clone, Default)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request got no complete answer. Messages never carry the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No answer in time (connect, or a read that stalled).
    Timeout,
    /// The connection failed or broke, including a body cut off before its declared length.
    Io(String),
    /// The body is larger than the transport's cap.
    TooLarge(u64),
    /// Anything else the transport cannot do (bad URL, TLS set-up): retrying will not help.
    Other(String),
}

impl TransportError {
    /// Whether trying again may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, TransportError::Timeout | TransportError::Io(_))
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Timeout => f.write_str("timed out"),
            TransportError::Io(m) => write!(f, "connection failed: {m}"),
            TransportError::TooLarge(n) => write!(f, "response larger than {n} bytes"),
            TransportError::Other(m) => f.write_str(m),
        }
    }
}

/// Sends requests. Implement it to put gigradar on a host's own HTTP stack.
///
/// A transport returns every status as a [`Response`] (a 500 is not an error here), decompresses
/// the body and caps its size. It must be usable from several threads.
pub trait Transport: Send + Sync {
    fn send(&self, request: &Request) -> Result<Response, TransportError>;
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        (**self).send(request)
    }
}

/// The URL without its query string or fragment: what logs, spans and errors may show.
pub fn path_of(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

/// The URL with the named query parameters' values replaced by `REDACTED`: what a raw page or a
/// failure records as its query.
pub fn redact_query(url: &str, secret_params: &[&str]) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return path_of(url).to_owned();
    };
    if parsed.query().is_none() {
        return url.to_owned();
    }
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let hide = secret_params.iter().any(|s| k.eq_ignore_ascii_case(s));
            (
                k.into_owned(),
                if hide {
                    "REDACTED".into()
                } else {
                    v.into_owned()
                },
            )
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_drops_query_and_fragment() {
        assert_eq!(
            path_of("http://h/discovery/v2/events.json?apikey=K&page=1"),
            "http://h/discovery/v2/events.json"
        );
        assert_eq!(path_of("http://h/a#frag"), "http://h/a");
    }

    #[test]
    fn redaction_keeps_the_rest_of_the_query() {
        let r = redact_query("http://h/e.json?apikey=SEKRIT&page=2&size=200", &["apikey"]);
        assert!(!r.contains("SEKRIT"), "{r}");
        assert!(r.contains("page=2") && r.contains("apikey=REDACTED"), "{r}");
    }

    #[test]
    fn request_debug_hides_query_and_headers() {
        let r = Request::get("http://h/p?apikey=SEKRIT").header("Authorization", "Bearer TOK");
        let d = format!("{r:?}");
        assert!(!d.contains("SEKRIT") && !d.contains("TOK"), "{d}");
    }
}
