//! The scale generator on a small town: deterministic, consistent books,
//! and the same rules as the services (one award a day per campaign, caps).

use civic_app::backend::generator::{Params, generate};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn a_small_generated_town_is_deterministic_and_consistent(pool: PgPool) {
    let p = Params { seed: 7, villages: 3, depositors: 300, days: 45, activity: 2.0 };
    let r = generate(&pool, &p).await.unwrap();
    assert_eq!(r.depositors, 300);
    assert_eq!(r.campaigns, 3, "45 days need three 21-day campaigns");
    assert!(r.checkins > 700, "about 8% of 300 × 45 person-days check in: {}", r.checkins);
    assert!(r.transfers > r.checkins);

    // Same seed in another town of the same database: identical figures.
    let again = generate(&pool, &Params { seed: 8, ..p.clone() }).await.unwrap();
    assert_ne!(again.town_id, r.town_id);
    let twin = generate(&pool, &p).await;
    assert!(twin.is_err(), "a seed's town is generated once per database");

    let over_cap: i64 = sqlx::query_scalar(
        "select count(*) from (
           select t.to_account, t.item_id, (t.created_at at time zone 'Asia/Shanghai')::date, sum(t.amount) s, max(r.daily_cap) cap
             from transfers t join point_rules r on r.town_id = t.town_id and r.id = t.rule_id
            where t.town_id = $1 and t.item_id is not null
            group by 1, 2, 3) d where cap is not null and s > cap",
    )
    .bind(r.town_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(over_cap, 0, "daily caps hold in generated data");
    let posts: i64 = sqlx::query_scalar("select count(*) from posts where town_id = $1").bind(r.town_id).fetch_one(&pool).await.unwrap();
    assert_eq!(posts as usize, r.checkins);
    let negative: i64 = sqlx::query_scalar("select count(*) from accounts where kind = 'depositor' and balance < 0").fetch_one(&pool).await.unwrap();
    assert_eq!(negative, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_same_seed_gives_the_same_town(pool: PgPool) {
    let p = Params { seed: 11, villages: 2, depositors: 120, days: 21, activity: 1.5 };
    let a = generate(&pool, &p).await.unwrap();
    // A second database would be cleaner; the per-town counts are what matter.
    let counts = |town: i64| {
        let pool = pool.clone();
        async move {
            let t: i64 = sqlx::query_scalar("select count(*) from transfers where town_id = $1").bind(town).fetch_one(&pool).await.unwrap();
            let s: Option<i64> = sqlx::query_scalar("select sum(balance)::bigint from accounts where town_id = $1 and kind = 'depositor'")
                .bind(town)
                .fetch_one(&pool)
                .await
                .unwrap();
            (t, s.unwrap_or(0))
        }
    };
    let first = counts(a.town_id).await;
    sqlx::query("update towns set slug = 'moved-away' where id = $1").bind(a.town_id).execute(&pool).await.unwrap();
    let b = generate(&pool, &p).await.unwrap();
    assert_eq!(counts(b.town_id).await, first);
}
