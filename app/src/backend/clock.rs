//! The server's notion of "now". Production reads the system clock; tests
//! and the end-to-end suite may shift it (only when the server was started
//! with `CIVIC_TEST_CLOCK=1`) to cross day boundaries without waiting.

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Clone, Default, Debug)]
pub struct Clock {
    offset_micros: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::microseconds(self.offset_micros.load(Ordering::Relaxed))
    }

    /// Moves "now" to `at` (the offset persists; real time keeps flowing).
    pub fn set(&self, at: DateTime<Utc>) {
        let offset = at - Utc::now();
        // Microseconds overflow only ~292,000 years away.
        let micros = offset.num_microseconds().unwrap_or(offset.num_milliseconds().saturating_mul(1000));
        self.offset_micros.store(micros, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_moved_clock_starts_exactly_where_it_was_set() {
        let clock = Clock::default();
        let midnight = Utc.with_ymd_and_hms(2026, 12, 19, 16, 0, 0).unwrap();
        clock.set(midnight);
        let now = clock.now();
        assert!(now >= midnight, "{now} is before {midnight}: the day would not have begun");
        assert!(now - midnight < Duration::seconds(1));
    }
}
