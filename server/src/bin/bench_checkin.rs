//! Check-in latency: USERS depositors post a check-in at the same moment,
//! ROUNDS times (each round on a new town day, so every check-in earns and
//! goes through the whole award path), through the real service
//! (`checkin::post`: campaign rules, post, photo, ledger award, check-in row
//! in one transaction). Photos are stored once beforehand: the image cost is
//! measured on its own afterwards, on a phone-sized JPEG.
//!
//! Two shapes of load:
//! - burst: all USERS press "submit" at the same instant, ROUNDS times (the
//!   harshest case: the last of them waits for everyone before them);
//! - paced: the same USERS stay online for ROUNDS seconds and each posts at
//!   random moments, one post per second each on average (200 users → ~200
//!   check-ins per second), each on a campaign day of its own.
//!
//! Usage: bench_checkin USERS ROUNDS POOL   (DATABASE_URL points at a scratch database)

use chrono::{Duration, Utc};
use civic_app::backend::{AppState, auth, campaigns, checkin, images, ratelimit::Limits, towns};
use civic_app::domain::campaign::{NewCampaign, Window};
use civic_app::domain::localday::{day_start_utc, local_day};
use civic_app::domain::role::{Actor, Role};
use image::{RgbImage, codecs::jpeg::JpegEncoder};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Barrier;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let users: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(200);
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10);
    let pool_size: u32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(32);
    let url = std::env::var("DATABASE_URL")?;
    let pool = sqlx::postgres::PgPoolOptions::new().max_connections(pool_size).test_before_acquire(false).connect(&url).await?;
    sqlx::migrate!("../migrations").run(&pool).await?;
    let err = |e: civic_app::error::AppError| anyhow::anyhow!("{e}");
    let town = towns::ensure_town(&pool, &format!("bench-{}", std::process::id()), "压测镇").await.map_err(err)?;
    let village = towns::ensure_village(&pool, town, "压测村").await.map_err(err)?;
    let media = std::env::temp_dir().join(format!("civic-bench-media-{}", std::process::id()));
    let st = AppState::new(pool.clone(), town, media.clone(), Limits::new(1000));
    let hash = auth::hash_password("benchpass".into()).await.map_err(err)?;
    let admin = auth::create_user(&pool, town, "13700000000", "压测总行", Role::HqAdmin, None, None, &hash).await.map_err(err)?;
    let hq = Actor { user_id: admin.id, role: Role::HqAdmin, village_id: None };
    let first_day = local_day(Utc::now());
    let campaign = campaigns::create(
        &st,
        &hq,
        NewCampaign {
            name: "压测打卡".into(),
            topic: "护河打卡".into(),
            village_id: None,
            window: Window { starts_on: first_day, ends_on: first_day + Duration::days(300) },
            points_per_checkin: 2,
        },
    )
    .await
    .map_err(err)?;

    // A phone-sized photo (1600×1200 JPEG) for the image-cost figure, and
    // one stored copy per depositor for the check-ins.
    let picture = RgbImage::from_fn(1600, 1200, |x, y| image::Rgb([(x % 200) as u8 + 30, (y % 160) as u8 + 60, 170]));
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 88).encode_image(&picture)?;
    let mut people = Vec::new();
    for i in 0..users {
        let u = auth::create_user(&pool, town, &format!("1390{i:07}"), "压测储户", Role::Depositor, Some(village), None, &hash)
            .await
            .map_err(err)?;
        let p = images::store(&st, u.id, jpeg.clone()).await.map_err(err)?;
        people.push((u, p));
    }

    // Round 0 warms up (the pool's connections, PostgreSQL's caches) as a
    // running server would be; it is not counted.
    let mut latencies_ms: Vec<f64> = Vec::with_capacity(users * rounds);
    let mut started = Instant::now();
    for round in 0..=rounds {
        if round == 1 {
            latencies_ms.clear();
            started = Instant::now();
        }
        st.clock.set(day_start_utc(first_day + Duration::days(round as i64)) + Duration::hours(9));
        let barrier = Arc::new(Barrier::new(users));
        let mut tasks = Vec::new();
        for (u, p) in people.iter().cloned() {
            let (st, barrier) = (st.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                let t0 = Instant::now();
                let out = checkin::post(&st, &u, campaign, "沿河走了一圈，捡了两袋垃圾。", &p).await;
                (t0.elapsed().as_secs_f64() * 1000.0, out.map(|o| o.awarded.is_some()))
            }));
        }
        for t in tasks {
            let (ms, out) = t.await?;
            assert_eq!(out.map_err(err)?, true, "every check-in of a new day earns");
            latencies_ms.push(ms);
        }
    }
    let wall = started.elapsed().as_secs_f64();
    latencies_ms.sort_by(|a, b| a.total_cmp(b));

    // Paced: every user posts about once a second for `rounds` seconds. The
    // clock stays on one day, so only a user's first post that day earns;
    // the rest take the same path up to the ledger's replay check.
    st.clock.set(day_start_utc(first_day + Duration::days(rounds as i64 + 2)) + Duration::hours(9));
    let deadline = Instant::now() + std::time::Duration::from_secs(rounds as u64);
    let mut tasks = Vec::new();
    for (i, (u, p)) in people.iter().cloned().enumerate() {
        let st = st.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            // A fixed per-user pseudo-random gap of 0.5–1.5 s.
            let mut seed = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            while Instant::now() < deadline {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                tokio::time::sleep(std::time::Duration::from_millis(500 + seed % 1000)).await;
                let t0 = Instant::now();
                checkin::post(&st, &u, campaign, "沿河走了一圈。", &p).await.expect("check-in");
                mine.push(t0.elapsed().as_secs_f64() * 1000.0);
            }
            mine
        }));
    }
    let mut paced_ms = Vec::new();
    for t in tasks {
        paced_ms.extend(t.await?);
    }
    paced_ms.sort_by(|a, b| a.total_cmp(b));
    let mut image_ms = Vec::new();
    for _ in 0..10 {
        let bytes = jpeg.clone();
        let t0 = Instant::now();
        tokio::task::spawn_blocking(move || images::process(&bytes)).await?.map_err(err)?;
        image_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    image_ms.sort_by(|a, b| a.total_cmp(b));
    let _ = std::fs::remove_dir_all(&media);

    println!("users={users} rounds={rounds} pool={pool_size}");
    println!("burst: checkins={} p50_ms={:.1} p99_ms={:.1} max_ms={:.1} checkins_per_sec={:.0}",
        latencies_ms.len(), percentile(&latencies_ms, 0.50), percentile(&latencies_ms, 0.99),
        latencies_ms.last().copied().unwrap_or_default(), latencies_ms.len() as f64 / wall);
    println!("paced: checkins={} ({:.0}/s) p50_ms={:.1} p99_ms={:.1} max_ms={:.1}",
        paced_ms.len(), paced_ms.len() as f64 / rounds as f64, percentile(&paced_ms, 0.50), percentile(&paced_ms, 0.99),
        paced_ms.last().copied().unwrap_or_default());
    println!("image_1600x1200_jpeg_p50_ms={:.1}", percentile(&image_ms, 0.50));
    Ok(())
}
