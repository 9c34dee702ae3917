//! The default transport: ureq 3, blocking, rustls with bundled webpki roots, gzip.

use super::{Method, Request, Response, Transport, TransportError};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct UreqTransportConfig {
    /// Connecting (DNS included) must finish within this.
    pub connect_timeout: Duration,
    /// The whole request, body included, must finish within this.
    pub request_timeout: Duration,
    /// Bodies larger than this (after decompression) are refused.
    pub max_body_bytes: u64,
    pub user_agent: String,
}

impl Default for UreqTransportConfig {
    fn default() -> Self {
        UreqTransportConfig {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_body_bytes: crate::MAX_PAYLOAD_BYTES as u64,
            user_agent: concat!("gigradar/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// ureq behind [`Transport`]. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
    max_body_bytes: u64,
}

impl std::fmt::Debug for UreqTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UreqTransport")
    }
}

impl Default for UreqTransport {
    fn default() -> Self {
        UreqTransport::new(UreqTransportConfig::default())
    }
}

impl UreqTransport {
    pub fn new(config: UreqTransportConfig) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            // Statuses are the retry loop's to judge, not errors here.
            .http_status_as_error(false)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.request_timeout))
            .user_agent(config.user_agent.as_str())
            // Redirects could carry a key-bearing query to another host; providers do not need them.
            .max_redirects(0)
            .build()
            .into();
        UreqTransport {
            agent,
            max_body_bytes: config.max_body_bytes,
        }
    }
}

impl Transport for UreqTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let result = match request.method {
            Method::Get => {
                let mut b = self.agent.get(&request.url);
                for (k, v) in &request.headers {
                    b = b.header(k, v);
                }
                b.call()
            }
            Method::Post => {
                let mut b = self.agent.post(&request.url);
                for (k, v) in &request.headers {
                    b = b.header(k, v);
                }
                b.send(request.body.as_deref().unwrap_or_default())
            }
        };
        let mut response = result.map_err(map_error)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_body_bytes)
            .read_to_vec()
            .map_err(map_error)?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

/// ureq's errors as ours. Only the kind survives: some ureq messages quote the URI, and ours may
/// hold an API key.
fn map_error(e: ureq::Error) -> TransportError {
    match e {
        ureq::Error::Timeout(_) => TransportError::Timeout,
        ureq::Error::BodyExceedsLimit(n) => TransportError::TooLarge(n),
        ureq::Error::Io(io) => {
            if matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) {
                TransportError::Timeout
            } else {
                TransportError::Io(format!("{:?}", io.kind()))
            }
        }
        ureq::Error::HostNotFound => TransportError::Io("host not found".into()),
        ureq::Error::ConnectionFailed => TransportError::Io("connection failed".into()),
        ureq::Error::Protocol(_) => TransportError::Io("malformed HTTP response".into()),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            TransportError::Other("invalid request URL".into())
        }
        ureq::Error::Tls(m) => TransportError::Other(format!("TLS: {m}")),
        ureq::Error::Rustls(r) => TransportError::Other(format!("TLS: {r}")),
        other => TransportError::Other(format!("HTTP client: {}", kind_name(&other))),
    }
}

fn kind_name(e: &ureq::Error) -> &'static str {
    match e {
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => "redirect refused",
        ureq::Error::InvalidProxyUrl => "invalid proxy URL",
        _ => "request failed",
    }
}
