//! The server's notion of "now". Production reads the system clock; tests
//! and the end-to-end suite may shift it (only when the server was started
//! with `CIVIC_TEST_CLOCK=1`) to cross day boundaries without waiting.

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Clone, Default, Debug)]
pub struct Clock {
    offset_secs: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset_secs.load(Ordering::Relaxed))
    }

    /// Moves "now" to `at` (the offset persists; real time keeps flowing).
    pub fn set(&self, at: DateTime<Utc>) {
        self.offset_secs.store((at - Utc::now()).num_seconds(), Ordering::Relaxed);
    }
}
