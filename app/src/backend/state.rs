//! What every request handler and server function can reach.

use super::{clock::Clock, ratelimit::Limits};
use sqlx::PgPool;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct AppState {
    pub pool: PgPool,
    /// The town this deployment serves.
    pub town_id: i64,
    /// Where processed photos are written; served under `/media`.
    pub media_dir: PathBuf,
    pub clock: Clock,
    pub limits: Limits,
}

impl AppState {
    pub fn new(pool: PgPool, town_id: i64, media_dir: PathBuf, limits: Limits) -> Self {
        AppState { pool, town_id, media_dir, clock: Clock::default(), limits }
    }
}
