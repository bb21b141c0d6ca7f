//! Settings read from the environment, with defaults for local use.

use anyhow::Context;
use std::path::PathBuf;

pub struct Config {
    pub database_url: String,
    pub db_pool_size: u32,
    pub town_slug: String,
    pub town_name: String,
    pub media_dir: PathBuf,
    pub demo: bool,
    pub demo_depositors: usize,
    pub auth_per_minute: u32,
    pub secure_cookies: bool,
    /// Allows tests to move the server clock (POST /test/clock).
    pub test_clock: bool,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn flag(name: &str) -> bool {
    matches!(var(name).as_deref(), Some("1" | "true" | "yes"))
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match var(name) {
        Some(v) => v.parse().ok().with_context(|| format!("{name}={v:?} is not a valid number")),
        None => Ok(default),
    }
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(Config {
            database_url: var("DATABASE_URL")
                .context("DATABASE_URL is not set; run the app with scripts/run.sh, which starts a local PostgreSQL")?,
            db_pool_size: number("CIVIC_DB_POOL", 32)?,
            town_slug: var("CIVIC_TOWN").unwrap_or_else(|| civic_app::backend::demo::TOWN_SLUG.into()),
            town_name: var("CIVIC_TOWN_NAME").unwrap_or_else(|| civic_app::backend::demo::TOWN_NAME.into()),
            media_dir: var("CIVIC_MEDIA_DIR").unwrap_or_else(|| ".data/media".into()).into(),
            demo: flag("CIVIC_DEMO"),
            demo_depositors: number("CIVIC_DEMO_DEPOSITORS", 300)?,
            auth_per_minute: number("CIVIC_AUTH_PER_MINUTE", 20)?,
            secure_cookies: flag("CIVIC_SECURE_COOKIES"),
            test_clock: flag("CIVIC_TEST_CLOCK"),
        })
    }

    pub fn redacted_db_url(&self) -> String {
        match self.database_url.split_once('@') {
            Some((_, host)) => format!("postgres://…@{host}"),
            None => self.database_url.clone(),
        }
    }
}
