//! River-patrol check-ins against a real Postgres: one award per depositor,
//! campaign and town day; every post kept; campaign windows and village
//! scope; the ledger's constraints.

mod common;

use chrono::Duration;
use civic_app::backend::{campaigns, checkin, feed, wallet};
use civic_app::domain::role::{Actor, Role};
use civic_app::error::AppError;
use common::*;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn second_checkin_the_same_day_is_kept_but_earns_nothing(pool: PgPool) {
    let t = town(pool.clone()).await;
    let c = campaign(&t, None, day(3, 1), 21, 2).await;
    let u = resident(&t, "13912345678", 0).await;
    t.st.clock.set(noon(day(3, 5)));
    let p = photo(&t, u.id).await;

    let first = checkin::post(&t.st, &u, c, "沿河捡了一袋垃圾", &p).await.unwrap();
    assert_eq!(first.awarded, Some(2));
    let second = checkin::post(&t.st, &u, c, "下午又走了一圈", &p).await.unwrap();
    assert_eq!(second.awarded, None);
    assert_ne!(first.post_id, second.post_id);

    let w = wallet::wallet(&t.st, u.id).await.unwrap();
    assert_eq!(w.balance, 2);
    assert_eq!(w.entries.len(), 1);
    assert_eq!(w.entries[0].cause_kind, "checkin");

    let page = feed::page(&t.st, None, &feed::Filter::default()).await.unwrap();
    assert_eq!(page.items.len(), 2, "both posts are in the feed");
    assert!(page.items[0].photos[0].url.starts_with("/media/"));
    assert!(page.items[0].photos[0].thumb_url.ends_with("-t.jpg"));

    // The next town day earns again.
    t.st.clock.set(noon(day(3, 6)));
    let next = checkin::post(&t.st, &u, c, "第二天继续", &p).await.unwrap();
    assert_eq!(next.awarded, Some(2));
    assert_eq!(wallet::wallet(&t.st, u.id).await.unwrap().balance, 4);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_day_boundary_is_midnight_in_shanghai(pool: PgPool) {
    let t = town(pool).await;
    let c = campaign(&t, None, day(3, 1), 21, 1).await;
    let u = resident(&t, "13912345678", 0).await;
    let p = photo(&t, u.id).await;
    let midnight = civic_app::domain::localday::day_start_utc(day(3, 6));
    t.st.clock.set(midnight - Duration::minutes(1));
    assert_eq!(checkin::post(&t.st, &u, c, "23:59", &p).await.unwrap().awarded, Some(1));
    t.st.clock.set(midnight + Duration::minutes(1));
    assert_eq!(checkin::post(&t.st, &u, c, "00:01", &p).await.unwrap().awarded, Some(1));
}

#[sqlx::test(migrations = "../migrations")]
async fn concurrent_checkins_award_exactly_once(pool: PgPool) {
    let t = town(pool.clone()).await;
    let c = campaign(&t, None, day(3, 1), 21, 3).await;
    let u = resident(&t, "13912345678", 0).await;
    t.st.clock.set(noon(day(3, 2)));
    let p = photo(&t, u.id).await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let (st, u, p) = (t.st.clone(), u.clone(), p.clone());
        tasks.push(tokio::spawn(async move { checkin::post(&st, &u, c, &format!("第{i}次"), &p).await }));
    }
    let mut awarded = 0;
    for task in tasks {
        if task.await.unwrap().unwrap().awarded.is_some() {
            awarded += 1;
        }
    }
    assert_eq!(awarded, 1);
    assert_eq!(wallet::wallet(&t.st, u.id).await.unwrap().balance, 3);
    let posts: i64 = sqlx::query_scalar("select count(*) from checkins").fetch_one(&pool).await.unwrap();
    assert_eq!(posts, 12);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_schema_itself_refuses_double_awards_and_negative_balances(pool: PgPool) {
    let t = town(pool.clone()).await;
    let c = campaign(&t, None, day(3, 1), 21, 2).await;
    let u = resident(&t, "13912345678", 0).await;
    t.st.clock.set(noon(day(3, 2)));
    let p = photo(&t, u.id).await;
    checkin::post(&t.st, &u, c, "第一次", &p).await.unwrap();

    // A second awarded row for the same day, bypassing the code path.
    let dup = sqlx::query(
        "insert into checkins (town_id, campaign_id, user_id, post_id, local_day, awarded, transfer_id)
         select town_id, campaign_id, user_id, post_id, local_day, true, transfer_id from checkins limit 1",
    )
    .execute(&pool)
    .await;
    assert!(dup.is_err(), "unique index must refuse a second award on one day");

    let negative = sqlx::query("update accounts set balance = -1 where kind = 'depositor'").execute(&pool).await;
    assert!(negative.is_err(), "a depositor balance can never be negative");

    let rewrite = sqlx::query("update transfers set amount = 1000").execute(&pool).await;
    assert!(rewrite.is_err(), "transfers are append-only");
    let delete = sqlx::query("delete from transfers").execute(&pool).await;
    assert!(delete.is_err(), "transfers are append-only");
}

#[sqlx::test(migrations = "../migrations")]
async fn campaigns_refuse_checkins_outside_their_window_and_village(pool: PgPool) {
    let t = town(pool).await;
    let local = campaign(&t, Some(t.villages[1]), day(3, 1), 21, 2).await;
    let town_wide = campaign(&t, None, day(3, 1), 21, 2).await;
    let u = resident(&t, "13912345678", 0).await;
    let p = photo(&t, u.id).await;

    t.st.clock.set(noon(day(3, 10)));
    assert_eq!(checkin::post(&t.st, &u, local, "别村的活动", &p).await, Err(AppError::CampaignOtherVillage));
    t.st.clock.set(noon(day(2, 28)));
    assert_eq!(checkin::post(&t.st, &u, town_wide, "太早了", &p).await, Err(AppError::CampaignNotStarted));
    t.st.clock.set(noon(day(3, 22)));
    assert_eq!(checkin::post(&t.st, &u, town_wide, "结束了", &p).await, Err(AppError::CampaignEnded));
    t.st.clock.set(noon(day(3, 21)));
    assert_eq!(checkin::post(&t.st, &u, town_wide, "最后一天", &p).await.unwrap().awarded, Some(2));
    assert_eq!(checkin::post(&t.st, &u, town_wide, "   ", &p).await, Err(AppError::TextEmpty));
}

#[sqlx::test(migrations = "../migrations")]
async fn branch_staff_see_only_their_own_villages_statistics(pool: PgPool) {
    let t = town(pool).await;
    let a_campaign = campaign(&t, Some(t.villages[0]), day(3, 1), 21, 2).await;
    let b_campaign = campaign(&t, Some(t.villages[1]), day(3, 1), 21, 2).await;
    let town_wide = campaign(&t, None, day(3, 1), 21, 2).await;
    let u = resident(&t, "13912345678", 0).await;
    let p = photo(&t, u.id).await;
    t.st.clock.set(noon(day(3, 3)));
    checkin::post(&t.st, &u, a_campaign, "本村打卡", &p).await.unwrap();

    let branch_a = Actor { user_id: 999, role: Role::BranchStaff, village_id: Some(t.villages[0]) };
    let stats = campaigns::stats(&t.st, &branch_a, a_campaign).await.unwrap();
    assert_eq!(stats.campaign.checkins, 1);
    assert_eq!(stats.per_day.len(), 1);
    assert_eq!(stats.per_day[0].day, "2026-03-03");
    assert_eq!(campaigns::stats(&t.st, &branch_a, b_campaign).await.unwrap_err(), AppError::Forbidden);
    assert_eq!(campaigns::stats(&t.st, &branch_a, town_wide).await.unwrap_err(), AppError::Forbidden);
    let resident_actor = Actor { user_id: u.id, role: Role::Depositor, village_id: u.village_id };
    assert_eq!(campaigns::stats(&t.st, &resident_actor, a_campaign).await.unwrap_err(), AppError::Forbidden);
    assert!(campaigns::stats(&t.st, &t.hq, b_campaign).await.is_ok());

    let visible = campaigns::visible_to_staff(&t.st, &branch_a).await.unwrap();
    assert_eq!(visible.iter().map(|c| c.id).collect::<Vec<_>>(), vec![a_campaign]);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_headquarters_creates_campaigns(pool: PgPool) {
    let t = town(pool).await;
    let branch = Actor { user_id: 1, role: Role::BranchStaff, village_id: Some(t.villages[0]) };
    let c = civic_app::domain::campaign::NewCampaign {
        name: "护河".into(),
        topic: String::new(),
        village_id: None,
        window: civic_app::domain::campaign::Window { starts_on: day(3, 1), ends_on: day(3, 21) },
        points_per_checkin: 2,
    };
    assert_eq!(campaigns::create(&t.st, &branch, c.clone()).await, Err(AppError::Forbidden));
    let mut bad = c.clone();
    bad.window.ends_on = day(2, 1);
    assert_eq!(campaigns::create(&t.st, &t.hq, bad).await, Err(AppError::CampaignDatesInvalid));
    assert!(campaigns::create(&t.st, &t.hq, c).await.is_ok());
}

#[sqlx::test(migrations = "../migrations")]
async fn the_feed_pages_by_keyset_without_gaps_or_repeats(pool: PgPool) {
    let t = town(pool).await;
    let c = campaign(&t, None, day(3, 1), 21, 1).await;
    let u = resident(&t, "13912345678", 0).await;
    let p = photo(&t, u.id).await;
    t.st.clock.set(noon(day(3, 2)));
    for i in 0..25 {
        checkin::post(&t.st, &u, c, &format!("第{i}条"), &p).await.unwrap();
    }
    let first = feed::page(&t.st, None, &feed::Filter::default()).await.unwrap();
    assert_eq!(first.items.len(), 20);
    let second = feed::page(&t.st, None, &feed::Filter { before: first.next_before, ..feed::Filter::default() }).await.unwrap();
    assert_eq!(second.items.len(), 5);
    assert_eq!(second.next_before, None);
    let mut ids: Vec<i64> = first.items.iter().chain(&second.items).map(|i| i.post_id).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");
    ids.dedup();
    assert_eq!(ids.len(), 25);
    assert_eq!(first.items[0].body, "第24条");
}
