//! Limits on sign-up and log-in attempts, per client address and per phone
//! number, so that passwords cannot be guessed at speed.

use crate::error::AppError;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::sync::Arc;

#[derive(Clone)]
pub struct Limits {
    auth: Arc<DefaultKeyedRateLimiter<String>>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Limits")
    }
}

impl Limits {
    /// `per_minute` attempts for each key, with the same burst.
    pub fn new(per_minute: u32) -> Self {
        let n = NonZeroU32::new(per_minute.max(1)).expect("max(1) is non-zero");
        Limits { auth: Arc::new(RateLimiter::keyed(Quota::per_minute(n))) }
    }

    /// Counts one attempt for each key; refuses when any key is over.
    pub fn check_auth(&self, keys: &[String]) -> Result<(), AppError> {
        for key in keys {
            if self.auth.check_key(key).is_err() {
                tracing::warn!(key = %key, "auth attempt rate-limited");
                return Err(AppError::RateLimited);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_the_quota() {
        let limits = Limits::new(3);
        let key = vec!["ip:127.0.0.1".to_string()];
        for _ in 0..3 {
            limits.check_auth(&key).unwrap();
        }
        assert_eq!(limits.check_auth(&key), Err(AppError::RateLimited));
        limits.check_auth(&["ip:10.0.0.2".to_string()]).unwrap();
    }
}
