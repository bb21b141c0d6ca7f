//! The article's reference scenario replayed through the app's own service
//! functions, and read back through the app's own queries.

mod common;

use civic_app::backend::{auth, campaigns, images, scenario, wallet};
use civic_app::domain::catalogue::Category;
use civic_app::domain::role::Role;
use common::*;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn the_river_campaign_reports_299_checkins_and_its_persistent_core(pool: PgPool) {
    let t = town(pool.clone()).await;
    let hash = auth::hash_password("resident1".into()).await.unwrap();
    let mut residents = Vec::new();
    for i in 0..100 {
        let v = Some(t.villages[i % 2]);
        residents.push(auth::create_user(&pool, t.st.town_id, &format!("1390000{i:04}"), &format!("居民{i}"), Role::Depositor, v, None, &hash).await.unwrap());
    }
    let photo = images::store(&t.st, residents[0].id, png(64, 48)).await.unwrap();
    let id = scenario::river_campaign(&t.st, &t.hq, &residents, day(3, 1), &photo).await.unwrap();

    let stats = campaigns::stats(&t.st, &t.hq, id).await.unwrap();
    assert_eq!(stats.campaign.checkins, 299);
    assert_eq!(stats.per_day.len(), 21, "check-ins on every one of the 21 days");
    let window_days = stats.campaign.ends_on.clone();
    assert_eq!(window_days, "2026-03-21");

    let core = campaigns::persistent_participants(&t.st, id, scenario::PERSISTENT_MIN_DAYS, 100).await.unwrap();
    assert!(core.len() >= 30, "30+ persistent residents, found {}", core.len());
    assert!(core.iter().all(|r| r.days >= 7));
    assert!(core.windows(2).all(|w| w[0].days >= w[1].days), "most persistent first");
    // Nobody earns twice on one day, whatever they posted.
    let awarded: i64 = sqlx::query_scalar("select count(*) from checkins where awarded").fetch_one(&pool).await.unwrap();
    let distinct: i64 = sqlx::query_scalar("select count(*) from (select distinct user_id, local_day from checkins) d")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(awarded, distinct);
}

#[sqlx::test(migrations = "../migrations")]
async fn one_depositors_passbook_reads_like_the_article(pool: PgPool) {
    let t = town(pool).await;
    let who = resident(&t, "13912345678", 0).await;
    scenario::passbook_history(&t.st, &t.hq, &who, 2024).await.unwrap();
    let w = wallet::wallet(&t.st, who.id).await.unwrap();
    let year = |y: i32| w.years.iter().find(|s| s.year == y).unwrap().clone();

    let y1 = year(2024);
    assert_eq!(y1.earned, 33);
    assert_eq!(y1.shares.len(), 1);
    assert_eq!(y1.shares[0].category, Category::Online, "year 1 was online only");

    let y2 = year(2025);
    assert_eq!((y2.entries, y2.earned), (54, 102));
    let env = y2.shares.iter().find(|s| s.category == Category::Environment).unwrap();
    assert!((580..=620).contains(&env.permille), "environment about 60%, got {}‰", env.permille);

    let h1 = year(2026);
    assert_eq!(h1.earned, 70);
    assert!((700..=730).contains(&h1.civic_participation_permille), "civic participation ~72%, got {}‰", h1.civic_participation_permille);
    let volunteer = h1.shares.iter().find(|s| s.category == Category::Volunteer).unwrap();
    let civic_points = h1.civic_participation_permille * 70 / 1000;
    assert!(
        (volunteer.points * 2 - civic_points).abs() <= 4,
        "volunteer service about half of civic participation: {} of {}",
        volunteer.points,
        civic_points
    );
    assert_eq!(w.balance, 33 + 102 + 70);
}
