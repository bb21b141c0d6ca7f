//! What every request handler and server function can reach.

use super::{checkin::CheckinRules, clock::Clock, feed_cache::FeedCache, ratelimit::Limits, reader_cache::ReaderCache};
use sqlx::PgPool;
use std::path::PathBuf;
use std::sync::Arc;

/// Campaigns whose check-in rules are kept in memory at most.
const CAMPAIGNS_KEPT: u64 = 1_000;

#[derive(Clone, Debug)]
pub struct AppState {
    pub pool: PgPool,
    /// The town this deployment serves.
    pub town_id: i64,
    /// Where processed photos are written; served under `/media`.
    pub media_dir: PathBuf,
    pub clock: Clock,
    pub limits: Limits,
    /// The main feed's pages, shared by all readers.
    pub feed_cache: Arc<FeedCache>,
    /// Signed-in people and their unread counts between page views.
    pub readers: Arc<ReaderCache>,
    /// What each campaign asks of a check-in, read once per campaign.
    pub campaign_rules: moka::sync::Cache<i64, Arc<CheckinRules>>,
}

impl AppState {
    pub fn new(pool: PgPool, town_id: i64, media_dir: PathBuf, limits: Limits) -> Self {
        AppState {
            pool,
            town_id,
            media_dir,
            clock: Clock::default(),
            limits,
            feed_cache: Arc::default(),
            readers: Arc::default(),
            campaign_rules: moka::sync::Cache::new(CAMPAIGNS_KEPT),
        }
    }
}
