//! Server-only code: database repositories, services that combine them with
//! the domain rules, and the plumbing server functions need (session, clock,
//! rate limits, images). Compiled only with the `ssr` feature.

pub mod auth;
pub mod awards;
pub mod catalogue;
pub mod corrections;
pub mod holds;
pub mod campaigns;
pub mod checkin;
pub mod checkin_review;
pub mod clock;
pub mod db_error;
pub mod demo;
pub mod demo_feed;
pub mod feed;
pub mod feed_cache;
pub mod forms;
pub mod generator;
pub mod images;
pub mod moderation;
pub mod notify;
pub mod posts;
pub mod ledger;
pub mod ratelimit;
pub mod reader_cache;
pub mod request;
pub mod scenario;
pub mod state;
pub mod topics;
pub mod towns;
pub mod wallet;

pub use state::AppState;
