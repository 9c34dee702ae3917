//! Pacing requests the way a provider counts them.
//!
//! A sliding window, not a token bucket: Ticketmaster allows 5 requests in any one second, and a
//! bucket refilling at 5/s lets a burst of 5 plus one more through inside a second. Retries go
//! through the limiter too (the server counts them). The daily quota comes from the provider's
//! own `Rate-Limit-Available` / `Rate-Limit-Reset` headers when it sends them.

use super::Clock;
use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// A provider's request limit.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimit {
    /// At most this many requests start in any `window` (0 = no limit).
    pub max_requests: u32,
    pub window: Duration,
    /// Follow `Rate-Limit-Available` / `Rate-Limit-Reset` (epoch ms) headers: when the quota is
    /// used up, wait for the reset (or fail with `RateLimited` when that is too far off).
    pub quota_headers: bool,
}

impl RateLimit {
    /// Ticketmaster Discovery: 5 requests per second, daily quota from its headers.
    pub fn ticketmaster() -> Self {
        RateLimit {
            max_requests: 5,
            window: Duration::from_secs(1),
            quota_headers: true,
        }
    }

    pub fn per_second(n: u32) -> Self {
        RateLimit {
            max_requests: n,
            window: Duration::from_secs(1),
            quota_headers: false,
        }
    }

    pub fn unlimited() -> Self {
        RateLimit {
            max_requests: 0,
            window: Duration::from_secs(1),
            quota_headers: false,
        }
    }
}

#[derive(Debug, Default)]
struct State {
    recent: VecDeque<SystemTime>,
    quota_available: Option<u64>,
    quota_reset: Option<SystemTime>,
}

/// One provider's limiter. Share it (in an `Arc`) between runs that use the same key.
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    state: Mutex<State>,
}

/// The daily quota is spent until this instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaExhausted {
    pub until: SystemTime,
}

impl RateLimiter {
    pub fn new(limit: RateLimit) -> Self {
        RateLimiter {
            limit,
            state: Mutex::new(State::default()),
        }
    }

    pub fn limit(&self) -> &RateLimit {
        &self.limit
    }

    /// Wait (on `clock`) until one more request fits the window, and count it. Returns the time
    /// waited, or the quota reset when the daily quota is spent (nothing is counted then).
    pub fn acquire(&self, clock: &dyn Clock) -> Result<Duration, QuotaExhausted> {
        let mut waited = Duration::ZERO;
        loop {
            let now = clock.now();
            let wait = {
                let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
                if let (Some(0), Some(reset)) = (s.quota_available, s.quota_reset) {
                    if reset > now {
                        return Err(QuotaExhausted { until: reset });
                    }
                    s.quota_available = None;
                    s.quota_reset = None;
                }
                let max = self.limit.max_requests as usize;
                while s.recent.len() > max.max(1) {
                    s.recent.pop_front();
                }
                let wait = if max > 0 && s.recent.len() >= max {
                    let oldest = s.recent[s.recent.len() - max];
                    (oldest + self.limit.window)
                        .duration_since(now)
                        .unwrap_or(Duration::ZERO)
                } else {
                    Duration::ZERO
                };
                if wait.is_zero() {
                    s.recent.push_back(now);
                    if let Some(n) = s.quota_available.as_mut() {
                        *n = n.saturating_sub(1);
                    }
                    return Ok(waited);
                }
                wait
            };
            clock.sleep(wait);
            waited += wait;
        }
    }

    /// Read the provider's quota headers from a response (`Rate-Limit-Available`, and
    /// `Rate-Limit-Reset` in epoch milliseconds).
    pub fn observe(&self, available: Option<&str>, reset_epoch_ms: Option<&str>) {
        if !self.limit.quota_headers {
            return;
        }
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = available.and_then(|v| v.trim().parse::<u64>().ok()) {
            s.quota_available = Some(n);
        }
        if let Some(ms) = reset_epoch_ms.and_then(|v| v.trim().parse::<u64>().ok()) {
            s.quota_reset = Some(SystemTime::UNIX_EPOCH + Duration::from_millis(ms));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::ManualClock;

    #[test]
    fn never_more_than_five_in_any_second() {
        let clock = ManualClock::at_2026();
        let limiter = RateLimiter::new(RateLimit::ticketmaster());
        let mut stamps = Vec::new();
        for i in 0..40 {
            limiter.acquire(&clock).unwrap();
            stamps.push(clock.now());
            // Irregular gaps, as real requests have.
            clock.advance(Duration::from_millis((i * 37) % 180));
        }
        for (i, t) in stamps.iter().enumerate() {
            let in_window = stamps[..=i]
                .iter()
                .filter(|s| t.duration_since(**s).unwrap() < Duration::from_secs(1))
                .count();
            assert!(in_window <= 5, "request {i}: {in_window} in one second");
        }
    }

    #[test]
    fn spent_quota_reports_its_reset() {
        let clock = ManualClock::at_2026();
        let limiter = RateLimiter::new(RateLimit::ticketmaster());
        let reset = clock.now() + Duration::from_secs(3600);
        let ms = reset
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_millis();
        limiter.observe(Some("0"), Some(&ms.to_string()));
        assert_eq!(
            limiter.acquire(&clock),
            Err(QuotaExhausted { until: reset })
        );
        clock.advance(Duration::from_secs(3600));
        assert!(limiter.acquire(&clock).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn no_window_ever_holds_more_than_the_limit(
            max in 1u32..8,
            gaps in proptest::collection::vec(0u64..700, 1..80),
        ) {
            let clock = ManualClock::at_2026();
            let limiter = RateLimiter::new(RateLimit::per_second(max));
            let mut stamps = Vec::new();
            for gap in gaps {
                limiter.acquire(&clock).unwrap();
                stamps.push(clock.now());
                clock.advance(Duration::from_millis(gap));
            }
            for (i, t) in stamps.iter().enumerate() {
                let in_window = stamps[..=i]
                    .iter()
                    .filter(|s| t.duration_since(**s).unwrap() < Duration::from_secs(1))
                    .count();
                proptest::prop_assert!(in_window <= max as usize);
            }
        }
    }
}
