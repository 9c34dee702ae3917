//! When to try again and how long to wait first.

use chrono::{DateTime, Utc};
use std::time::{Duration, SystemTime};

/// How a provider's requests are retried.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts per request, the first included.
    pub max_attempts: u32,
    /// The backoff ceiling of the first retry; it doubles each retry up to `max_backoff`.
    pub base_backoff: Duration,
    pub max_backoff: Duration,
    /// The longest `Retry-After` (or quota reset) we sleep through; past it the request fails
    /// with `Error::RateLimited` so the caller decides (a binding call should not block for hours).
    pub max_retry_after: Duration,
    /// The whole run gives up (its remaining requests become failures) once this much time passed.
    pub deadline: Option<Duration>,
    /// Seed of the jitter; `None` seeds from the clock. Tests fix it to replay a run.
    pub seed: Option<u64>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 6,
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            deadline: Some(Duration::from_secs(30 * 60)),
            seed: None,
        }
    }
}

impl RetryPolicy {
    /// Full jitter: uniform in `[0, min(max, base * 2^retry))`, so clients that failed together
    /// do not come back together. `retry` counts from 0.
    pub fn backoff(&self, retry: u32, rng: &mut Rng) -> Duration {
        let ceiling = self
            .base_backoff
            .saturating_mul(1u32.checked_shl(retry.min(20)).unwrap_or(u32::MAX))
            .min(self.max_backoff);
        let nanos = ceiling.as_nanos() as u64;
        if nanos == 0 {
            return Duration::ZERO;
        }
        Duration::from_nanos(rng.next_u64() % nanos)
    }
}

/// A small seeded generator (SplitMix64) for jitter: not for secrets.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// `Retry-After` as a wait from `now`: delta-seconds or an HTTP-date (a date in the past is no
/// wait). `None` when the value is neither.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = v.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(1e9)));
    }
    // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") is RFC 2822 with GMT as its zone.
    let at = DateTime::parse_from_rfc2822(v).ok()?.with_timezone(&Utc);
    let now: DateTime<Utc> = now.into();
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // 1994-11-06 08:49:37Z
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:40:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn backoff_is_bounded_and_grows() {
        let p = RetryPolicy::default();
        let mut rng = Rng::new(7);
        for retry in 0..30 {
            let ceiling = (p.base_backoff * 2u32.pow(retry.min(20))).min(p.max_backoff);
            for _ in 0..50 {
                assert!(p.backoff(retry, &mut rng) < ceiling);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn retry_after_never_panics(value in "\\PC{0,40}", secs in 0u64..10_000_000) {
            let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600);
            let _ = parse_retry_after(&value, now);
            proptest::prop_assert_eq!(parse_retry_after(&secs.to_string(), now), Some(Duration::from_secs(secs)));
        }
    }
}
