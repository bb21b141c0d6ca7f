//! 文明银行 server: configuration, database, sessions, routes, static files.
//!
//! Usage:
//!   civic-server                      serve (loads the demo town when CIVIC_DEMO=1)
//!   civic-server create-admin PHONE NAME PASSWORD
//!                                     create a headquarters admin for the town
//!   civic-server generate [--seed N] [--villages N] [--depositors N] [--days N] [--activity X]
//!                                     load a deterministic town of that size (benchmarks)

mod config;
mod csrf;
mod microcache;
mod routes;

use anyhow::Context;
use civic_app::backend::{AppState, auth, demo, ratelimit::Limits, towns};
use civic_app::domain::role::Role;
use config::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn")))
        .init();
    let config = Config::from_env()?;
    // No liveness ping on every checkout (sqlx's default): a round trip per
    // query saved; a dead connection fails its query and is replaced.
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(config.db_pool_size)
        .test_before_acquire(false)
        .connect(&config.database_url)
        .await
        .with_context(|| format!("cannot connect to the database at {} (is PostgreSQL running? try scripts/pg.sh start)", config.redacted_db_url()))?;
    sqlx::migrate!("../migrations").run(&pool).await.context("applying database migrations")?;
    let town_id = towns::ensure_town(&pool, &config.town_slug, &config.town_name)
        .await
        .map_err(|e| anyhow::anyhow!("cannot prepare town {}: {e}", config.town_slug))?;
    let mut state = AppState::new(pool, town_id, config.media_dir.clone(), Limits::new(config.auth_per_minute));

    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("create-admin") => create_admin(&state, &args[1..]).await,
        Some("generate") => generate(&state, &args[1..]).await,
        None | Some("serve") => {
            if config.demo {
                load_demo(&mut state, &config).await?;
            }
            routes::serve(state, &config).await
        }
        Some(other) => anyhow::bail!("unknown command {other:?}; expected `serve` or `create-admin PHONE NAME PASSWORD`"),
    }
}

async fn create_admin(state: &AppState, args: &[String]) -> anyhow::Result<()> {
    let [phone, name, password] = args else {
        anyhow::bail!("usage: civic-server create-admin PHONE NAME PASSWORD");
    };
    let phone = civic_app::domain::phone::normalize(phone).map_err(|e| anyhow::anyhow!("invalid phone number: {e:?}"))?;
    civic_app::domain::account::validate_password(password).map_err(|e| anyhow::anyhow!("password rejected: {e:?}"))?;
    let hash = auth::hash_password(password.clone()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = auth::create_user(&state.pool, state.town_id, &phone, name, Role::HqAdmin, None, None, &hash)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("created headquarters admin #{} ({})", user.id, user.phone);
    Ok(())
}

async fn generate(state: &AppState, args: &[String]) -> anyhow::Result<()> {
    use civic_app::backend::generator::{Params, generate};
    let mut p = Params::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        let bad = || format!("{flag} {value:?} is not a valid number");
        match flag.as_str() {
            "--seed" => p.seed = value.parse().with_context(bad)?,
            "--villages" => p.villages = value.parse().with_context(bad)?,
            "--depositors" => p.depositors = value.parse().with_context(bad)?,
            "--days" => p.days = value.parse().with_context(bad)?,
            "--activity" => p.activity = value.parse().with_context(bad)?,
            other => anyhow::bail!("unknown option {other}; expected --seed, --villages, --depositors, --days or --activity"),
        }
    }
    if p.villages == 0 || p.depositors == 0 || p.days <= 0 {
        anyhow::bail!("--villages, --depositors and --days must be positive");
    }
    println!("generating: {p:?}");
    let r = generate(&state.pool, &p).await.map_err(|e| match e {
        civic_app::error::AppError::PhoneTaken => anyhow::anyhow!("town scale-{} already exists in this database; use another --seed or a fresh database", p.seed),
        e => anyhow::anyhow!("{e}"),
    })?;
    let size: String = sqlx::query_scalar("select pg_size_pretty(pg_database_size(current_database()))")
        .fetch_one(&state.pool)
        .await?;
    println!(
        "town #{}: {} villages, {} depositors, {} campaigns, {} posts, {} check-ins, {} ledger transfers in {:.1} s; database size {}",
        r.town_id, r.villages, r.depositors, r.campaigns, r.posts, r.checkins, r.transfers, r.seconds, size
    );
    Ok(())
}

async fn load_demo(state: &mut AppState, config: &Config) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let summary = demo::load(state, config.demo_depositors).await.map_err(|e| anyhow::anyhow!("loading demo town: {e}"))?;
    if summary.created {
        tracing::info!(
            depositors = summary.depositors,
            checkins = summary.checkins,
            secs = started.elapsed().as_secs_f32(),
            "demo town loaded"
        );
    }
    println!("\n  文明银行 demo town {} — log in with password {:?} as:", demo::TOWN_NAME, demo::DEMO_PASSWORD);
    for (role, phone, name) in demo::DEMO_LOGINS {
        println!("    {phone}  {name}  ({role})");
    }
    println!();
    Ok(())
}
