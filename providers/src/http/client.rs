//! One provider's requests for one run: rate limit, send, judge, retry, account.

use super::limit::RateLimiter;
use super::retry::Rng;
use super::{Clock, RateLimit, Request, RetryPolicy, Transport, TransportError, path_of};
use crate::stats::{FetchEvent, Observer, Stats};
use gigradar_core::Error;
use secrecy::{ExposeSecret, SecretString};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// How one provider is reached: its retry policy and rate limit.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub retry: RetryPolicy,
    pub rate_limit: RateLimit,
}

/// A successful answer: 2xx and a body that is complete JSON.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub fetched_at: SystemTime,
}

/// Sends one provider's requests for one run. Every request waits for the provider's rate
/// limiter (retries too), is retried on 429, 5xx, broken connections and bodies that are cut off
/// or not JSON, and gives up at the run's deadline.
pub struct Client {
    provider: String,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    limiter: Arc<RateLimiter>,
    policy: RetryPolicy,
    stats: Arc<Stats>,
    observer: Option<Arc<dyn Observer>>,
    /// Values scrubbed from every message that could reach an error or a log.
    secrets: Vec<SecretString>,
    rng: Mutex<Rng>,
    started: SystemTime,
}

/// Why one attempt did not succeed, and whether another may.
enum Attempt {
    Retry {
        reason: String,
        error: Error,
        wait: Option<Duration>,
    },
    Fail(Error),
}

impl Client {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        provider: &str,
        transport: Arc<dyn Transport>,
        clock: Arc<dyn Clock>,
        limiter: Arc<RateLimiter>,
        policy: RetryPolicy,
        stats: Arc<Stats>,
        observer: Option<Arc<dyn Observer>>,
        secrets: Vec<SecretString>,
    ) -> Self {
        let started = clock.now();
        let seed = policy.seed.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0x5EED)
        });
        Client {
            provider: provider.to_owned(),
            transport,
            clock,
            limiter,
            policy,
            stats,
            observer,
            secrets: secrets
                .into_iter()
                .filter(|s| !s.expose_secret().is_empty())
                .collect(),
            rng: Mutex::new(Rng::new(seed)),
            started,
        }
    }

    pub fn clock(&self) -> &dyn Clock {
        &*self.clock
    }

    pub fn provider(&self) -> &str {
        &self.provider
    }

    /// `message` with every secret this client knows replaced by `REDACTED`.
    pub fn scrub(&self, message: &str) -> String {
        let mut out = message.to_owned();
        for s in &self.secrets {
            out = out.replace(s.expose_secret(), "REDACTED");
        }
        out
    }

    pub(crate) fn emit(&self, event: FetchEvent) {
        if let Some(o) = &self.observer {
            o.on_event(&event);
        }
    }

    /// Report a request that failed for good (to stats and the observer).
    pub fn report_failure(&self, query: &str, error: &Error) {
        self.stats.update(&self.provider, |s| s.failures += 1);
        let message = self.scrub(&error.to_string());
        tracing::warn!(provider = %self.provider, query = %path_of(query), error = %message, "request failed for good");
        self.emit(FetchEvent::Failure {
            provider: self.provider.clone(),
            query: self.scrub(query),
            message,
        });
    }

    fn past_deadline(&self, after: Duration) -> bool {
        match self.policy.deadline {
            Some(d) => {
                let elapsed = self
                    .clock
                    .now()
                    .duration_since(self.started)
                    .unwrap_or(Duration::ZERO);
                elapsed + after > d
            }
            None => false,
        }
    }

    fn deadline_error(&self) -> Error {
        Error::Network(format!(
            "{}: the run's deadline of {} s has passed",
            self.provider,
            self.policy.deadline.unwrap_or_default().as_secs()
        ))
    }

    /// Send `request` until it succeeds or its retries are spent. The answer is 2xx with a body
    /// that parses as JSON.
    pub fn send_json(&self, request: &Request) -> Result<Fetched, Error> {
        let path = path_of(&request.url).to_owned();
        let span = tracing::info_span!("request", provider = %self.provider, path = %path);
        let _guard = span.enter();
        let mut attempt: u32 = 0;
        loop {
            if self.past_deadline(Duration::ZERO) {
                return Err(self.deadline_error());
            }
            match self.limiter.acquire(&*self.clock) {
                Ok(waited) => {
                    if !waited.is_zero() {
                        self.stats
                            .update(&self.provider, |s| s.waited_ms += waited.as_millis() as u64);
                    }
                }
                Err(quota) => {
                    let wait = quota
                        .until
                        .duration_since(self.clock.now())
                        .unwrap_or(Duration::ZERO);
                    if wait > self.policy.max_retry_after || self.past_deadline(wait) {
                        return Err(Error::RateLimited {
                            provider: self.provider.clone(),
                            retry_after_secs: wait.as_secs().max(1),
                        });
                    }
                    tracing::info!(
                        wait_ms = wait.as_millis() as u64,
                        "daily quota spent; waiting for its reset"
                    );
                    self.stats
                        .update(&self.provider, |s| s.waited_ms += wait.as_millis() as u64);
                    self.clock.sleep(wait);
                    continue;
                }
            }
            let outcome = self.attempt(request, &path, attempt);
            let (reason, error, wait) = match outcome {
                Ok(fetched) => return Ok(fetched),
                Err(Attempt::Fail(e)) => return Err(e),
                Err(Attempt::Retry {
                    reason,
                    error,
                    wait,
                }) => (reason, error, wait),
            };
            attempt += 1;
            if attempt >= self.policy.max_attempts {
                return Err(error);
            }
            let wait = match wait {
                Some(w) => w,
                None => {
                    let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
                    self.policy.backoff(attempt - 1, &mut rng)
                }
            };
            if self.past_deadline(wait) {
                return Err(error);
            }
            self.stats.update(&self.provider, |s| {
                s.retries += 1;
                s.waited_ms += wait.as_millis() as u64;
            });
            tracing::warn!(attempt, reason = %reason, wait_ms = wait.as_millis() as u64, "retrying");
            self.emit(FetchEvent::Retry {
                provider: self.provider.clone(),
                path: path.clone(),
                attempt,
                reason,
                wait_ms: wait.as_millis() as u64,
            });
            self.clock.sleep(wait);
        }
    }

    fn attempt(&self, request: &Request, path: &str, attempt: u32) -> Result<Fetched, Attempt> {
        self.stats.update(&self.provider, |s| s.requests += 1);
        let started = Instant::now();
        let result = self.transport.send(request);
        let latency = started.elapsed();
        self.stats.record_latency(&self.provider, latency);
        let response = match result {
            Ok(r) => r,
            Err(e) => {
                self.stats.update(&self.provider, |s| s.network_errors += 1);
                let message = self.scrub(&e.to_string());
                tracing::warn!(attempt, error = %message, "no answer");
                let error = Error::Network(format!("{}: {message}", self.provider));
                return Err(match e {
                    TransportError::Timeout | TransportError::Io(_) => Attempt::Retry {
                        reason: message,
                        error,
                        wait: None,
                    },
                    TransportError::TooLarge(_) | TransportError::Other(_) => Attempt::Fail(error),
                });
            }
        };
        let status = response.status;
        let bytes = response.body.len() as u64;
        self.stats.update(&self.provider, |s| s.bytes += bytes);
        self.limiter.observe(
            response.header("Rate-Limit-Available"),
            response.header("Rate-Limit-Reset"),
        );
        tracing::debug!(
            status,
            latency_ms = latency.as_millis() as u64,
            bytes,
            "answer"
        );
        self.emit(FetchEvent::Response {
            provider: self.provider.clone(),
            path: path.to_owned(),
            status,
            latency_ms: latency.as_millis() as u64,
            bytes,
        });
        let now = self.clock.now();
        match status {
            200..=299 => {
                if serde_json::from_slice::<serde::de::IgnoredAny>(&response.body).is_ok() {
                    Ok(Fetched {
                        status,
                        headers: response.headers,
                        body: response.body,
                        fetched_at: now,
                    })
                } else {
                    Err(Attempt::Retry {
                        reason: "body cut off or not JSON".into(),
                        error: self.provider_error(status, "the body was cut off or is not JSON"),
                        wait: None,
                    })
                }
            }
            429 => {
                self.stats.update(&self.provider, |s| s.rate_limited += 1);
                let retry_after = response
                    .header("Retry-After")
                    .and_then(|v| super::parse_retry_after(v, now));
                // An explicit quota answer waits for the quota's reset, not for a backoff.
                let quota_reset = match response.header("Rate-Limit-Available") {
                    Some(v) if v.trim() == "0" => response
                        .header("Rate-Limit-Reset")
                        .and_then(|ms| ms.trim().parse::<u64>().ok())
                        .map(|ms| SystemTime::UNIX_EPOCH + Duration::from_millis(ms))
                        .and_then(|at| at.duration_since(now).ok()),
                    _ => None,
                };
                let wait = retry_after.or(quota_reset);
                let error = Error::RateLimited {
                    provider: self.provider.clone(),
                    retry_after_secs: wait.map(|w| w.as_secs().max(1)).unwrap_or(1),
                };
                match wait {
                    Some(w) if w > self.policy.max_retry_after => Err(Attempt::Fail(error)),
                    _ => Err(Attempt::Retry {
                        reason: "HTTP 429".into(),
                        error,
                        wait,
                    }),
                }
            }
            // 408: the server gave up waiting for us; as transient as a 5xx.
            408 | 500..=599 => {
                self.stats.update(&self.provider, |s| s.server_errors += 1);
                let wait = response
                    .header("Retry-After")
                    .and_then(|v| super::parse_retry_after(v, now))
                    .map(|w| w.min(self.policy.max_retry_after));
                Err(Attempt::Retry {
                    reason: format!("HTTP {status}"),
                    error: self.provider_error(status, &snippet(&response.body)),
                    wait,
                })
            }
            _ => Err(Attempt::Fail(
                self.provider_error(status, &snippet(&response.body)),
            )),
        }
    }

    fn provider_error(&self, status: u16, message: &str) -> Error {
        Error::Provider {
            provider: self.provider.clone(),
            status,
            message: self.scrub(message),
        }
    }
}

/// The start of an error body, on one line: enough to say what the provider said.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(300)
        .collect();
    one_line.trim().to_owned()
}
