//! Ledger throughput: catalogue awards per second through the real service
//! (`awards::award_item`: scoping, caps, idempotency key, balance update in
//! one transaction), for a fixed time with N concurrent workers.
//!
//! Usage: bench_ledger CLIENTS SECONDS [capped]   (DATABASE_URL points at a scratch database)
//! Prints one line: `awards_per_sec=<n>`.

use civic_app::backend::{AppState, auth, awards, catalogue, ratelimit::Limits, towns};
use civic_app::domain::catalogue::Rule;
use civic_app::domain::role::{Actor, Role};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let clients: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(16);
    let seconds: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10);
    // `capped`: the item keeps daily and yearly caps (set too high to be
    // reached), so every award also sums what the household received.
    let capped = args.get(2).is_some_and(|a| a == "capped");
    let url = std::env::var("DATABASE_URL")?;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(clients as u32 + 2)
        .test_before_acquire(false)
        .connect(&url).await?;
    sqlx::migrate!("../migrations").run(&pool).await?;
    let town = towns::ensure_town(&pool, &format!("bench-{}", std::process::id()), "压测镇").await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let village = towns::ensure_village(&pool, town, "压测村").await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let st = AppState::new(pool.clone(), town, std::env::temp_dir(), Limits::new(1000));
    let hash = auth::hash_password("benchpass".into()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let admin = auth::create_user(&pool, town, "13700000000", "压测总行", Role::HqAdmin, None, None, &hash)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let hq = Actor { user_id: admin.id, role: Role::HqAdmin, village_id: None };
    let item = catalogue::by_code(&pool, town, "volunteer_hours").await.map_err(|e| anyhow::anyhow!("{e}"))?;
    // Caps never reached, so every award moves points.
    let rule = if capped {
        Rule { points: 2, daily_cap: Some(1_000_000), yearly_cap: Some(10_000_000) }
    } else {
        Rule { points: 2, daily_cap: None, yearly_cap: None }
    };
    catalogue::edit_rule(&st, &hq, item.id, rule)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut people = Vec::new();
    for i in 0..(clients * 50) {
        let u = auth::create_user(&pool, town, &format!("1390{i:07}"), "压测储户", Role::Depositor, Some(village), None, &hash)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        people.push(u.id);
    }
    let people = Arc::new(people);
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (st, people, done) = (st.clone(), people.clone(), done.clone());
        tasks.push(tokio::spawn(async move {
            let mut n = 0usize;
            while Instant::now() < deadline {
                let who = people[(c + n * clients) % people.len()];
                awards::award_item(&st, &hq, who, item.id, &format!("bench-{c}-{n}"), "").await.expect("award");
                done.fetch_add(1, Ordering::Relaxed);
                n += 1;
            }
        }));
    }
    for t in tasks {
        t.await?;
    }
    let rate = done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
    println!("awards_per_sec={rate:.0}");
    Ok(())
}
