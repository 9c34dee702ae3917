//! Time, injected: the real clock for hosts, a manual one for tests.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// "Now" and "wait": everything that paces requests asks this, never the OS directly.
pub trait Clock: Send + Sync {
    fn now(&self) -> SystemTime;
    fn sleep(&self, duration: Duration);
}

/// The wall clock and a real sleep.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration)
    }
}

/// A clock that moves only when slept on (or advanced): tests run retries, backoff and rate
/// limits in no real time, and can read how long a run "took".
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<SystemTime>,
    slept: Mutex<Duration>,
}

impl ManualClock {
    pub fn new(start: SystemTime) -> Self {
        ManualClock {
            now: Mutex::new(start),
            slept: Mutex::new(Duration::ZERO),
        }
    }

    /// Starting at 2026-01-01T00:00:00Z.
    pub fn at_2026() -> Self {
        ManualClock::new(SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
    }

    pub fn advance(&self, by: Duration) {
        *self.now.lock().unwrap() += by;
    }

    /// The total time all callers asked to sleep.
    pub fn slept(&self) -> Duration {
        *self.slept.lock().unwrap()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.now.lock().unwrap()
    }
    fn sleep(&self, duration: Duration) {
        *self.slept.lock().unwrap() += duration;
        self.advance(duration);
    }
}
