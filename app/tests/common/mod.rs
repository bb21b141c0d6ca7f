//! Shared set-up for the database tests: a town with two villages, an
//! admin, and helpers to make residents, campaigns and photos.

#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use civic_app::backend::{AppState, auth, campaigns, images, ratelimit::Limits, towns};
use civic_app::domain::account::SignupForm;
use civic_app::domain::campaign::{NewCampaign, Window};
use civic_app::domain::localday::day_start_utc;
use civic_app::domain::role::{Actor, Role};
use civic_app::model::SessionUser;
use image::{ImageEncoder, RgbImage, codecs::png::PngEncoder};
use sqlx::PgPool;

pub struct Town {
    pub st: AppState,
    pub villages: [i64; 2],
    pub hq: Actor,
}

pub async fn town(pool: PgPool) -> Town {
    let _ = tracing_subscriber::fmt().with_test_writer().with_env_filter("warn").try_init();
    let town_id = towns::ensure_town(&pool, "test-town", "测试镇").await.unwrap();
    let a = towns::ensure_village(&pool, town_id, "甲村").await.unwrap();
    let b = towns::ensure_village(&pool, town_id, "乙村").await.unwrap();
    let media = std::env::temp_dir().join(format!("civic-test-media-{}", uuid::Uuid::new_v4()));
    let st = AppState::new(pool.clone(), town_id, media, Limits::new(1000));
    let hash = auth::hash_password("admin-pass".into()).await.unwrap();
    let admin = auth::create_user(&pool, town_id, "13700000000", "总行", Role::HqAdmin, None, None, &hash)
        .await
        .unwrap();
    Town { st, villages: [a, b], hq: Actor { user_id: admin.id, role: Role::HqAdmin, village_id: None } }
}

pub async fn resident(t: &Town, phone: &str, village: usize) -> SessionUser {
    auth::signup(
        &t.st,
        SignupForm {
            phone: phone.into(),
            display_name: format!("居民{}", &phone[7..]),
            village_id: Some(t.villages[village]),
            password: "secret12".into(),
        },
    )
    .await
    .unwrap()
}

pub fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// Noon, town time, on `d`.
pub fn noon(d: NaiveDate) -> DateTime<Utc> {
    day_start_utc(d) + Duration::hours(12)
}

pub async fn campaign(t: &Town, village: Option<i64>, starts: NaiveDate, days: i64, points: i32) -> i64 {
    campaigns::create(
        &t.st,
        &t.hq,
        NewCampaign {
            name: "保卫水环境".into(),
            topic: "#护河打卡".into(),
            village_id: village,
            window: Window { starts_on: starts, ends_on: starts + Duration::days(days - 1) },
            points_per_checkin: points,
        },
    )
    .await
    .unwrap()
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 250) as u8, (y % 250) as u8, 128]));
    let mut out = Vec::new();
    PngEncoder::new(&mut out).write_image(&img, w, h, image::ExtendedColorType::Rgb8).unwrap();
    out
}

pub async fn photo(t: &Town, owner: i64) -> images::StoredPhoto {
    images::store(&t.st, owner, png(64, 48)).await.unwrap()
}
