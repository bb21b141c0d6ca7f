//! The ledger against a real Postgres: catalogue awards with caps and
//! versioned rules, branch scoping, reversals, holds, reviews, and a
//! model-based property test and a concurrency test of the invariants.

mod common;

use civic_app::backend::{awards, catalogue, corrections, holds, ledger, wallet};
use civic_app::domain::catalogue::Rule;
use civic_app::domain::role::{Actor, Role};
use civic_app::error::AppError;
use common::*;
use sqlx::PgPool;

fn branch(t: &Town, village: usize) -> Actor {
    Actor { user_id: 0, role: Role::BranchStaff, village_id: Some(t.villages[village]) }
}

async fn staff(t: &Town, phone: &str, village: usize) -> Actor {
    let hash = civic_app::backend::auth::hash_password("staffpass".into()).await.unwrap();
    let u = civic_app::backend::auth::create_user(&t.st.pool, t.st.town_id, phone, "分行", Role::BranchStaff, Some(t.villages[village]), None, &hash)
        .await
        .unwrap();
    Actor { user_id: u.id, ..branch(t, village) }
}

async fn balance(t: &Town, user: i64) -> i64 {
    wallet::wallet(&t.st, user).await.unwrap().balance
}

/// Every invariant of the books, checked from the raw tables.
async fn assert_books(pool: &PgPool) {
    let bad: i64 = sqlx::query_scalar(
        "select count(*) from accounts a where a.kind <> 'issuer' and a.balance <>
           coalesce((select sum(amount) from transfers t where t.town_id = a.town_id and t.to_account = a.id), 0)
         - coalesce((select sum(amount) from transfers t where t.town_id = a.town_id and t.from_account = a.id), 0)",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(bad, 0, "every stored balance equals the sum of its entries");
    let issued: i64 = sqlx::query_scalar(
        "select coalesce(sum(case when t.from_account = a.id then t.amount else -t.amount end), 0)::bigint
           from transfers t join accounts a on a.town_id = t.town_id and a.kind = 'issuer'
          where t.from_account = a.id or t.to_account = a.id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let held: i64 = sqlx::query_scalar("select coalesce(sum(balance), 0)::bigint from accounts where kind <> 'issuer'")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(issued, held, "the books sum to zero: what the town issued is what accounts hold");
    let negative: i64 = sqlx::query_scalar("select count(*) from accounts where kind <> 'issuer' and balance < 0")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(negative, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_town_starts_with_the_default_catalogue(pool: PgPool) {
    let t = town(pool).await;
    let items = catalogue::list(&t.st.pool, t.st.town_id).await.unwrap();
    assert_eq!(items.len(), 24);
    assert!(items.iter().all(|i| i.version == 1));
    let doorstep = items.iter().find(|i| i.code == "doorstep_hygiene").unwrap();
    assert_eq!(doorstep.category, "environment");
}

#[sqlx::test(migrations = "../migrations")]
async fn branch_staff_award_their_own_village_within_caps(pool: PgPool) {
    let t = town(pool.clone()).await;
    let s = staff(&t, "13600000001", 0).await;
    let mine = resident(&t, "13912345678", 0).await;
    let other = resident(&t, "13912345679", 1).await;
    let item = catalogue::by_code(&t.st.pool, t.st.town_id, "neighbour_help").await.unwrap(); // 2 points, 4 a day
    t.st.clock.set(noon(day(3, 2)));

    let a = awards::award_item(&t.st, &s, mine.id, item.id, "req-1", "帮邻居修水管").await.unwrap();
    assert_eq!((a.points, a.replayed), (2, false));
    // Same form submitted twice: replayed, nothing moves.
    let again = awards::award_item(&t.st, &s, mine.id, item.id, "req-1", "帮邻居修水管").await.unwrap();
    assert!(again.replayed);
    assert_eq!(again.transfer_id, a.transfer_id);
    awards::award_item(&t.st, &s, mine.id, item.id, "req-2", "").await.unwrap();
    assert_eq!(awards::award_item(&t.st, &s, mine.id, item.id, "req-3", "").await, Err(AppError::DailyCapReached));
    assert_eq!(balance(&t, mine.id).await, 4);
    // Tomorrow the daily cap resets.
    t.st.clock.set(noon(day(3, 3)));
    awards::award_item(&t.st, &s, mine.id, item.id, "req-4", "").await.unwrap();
    assert_eq!(balance(&t, mine.id).await, 6);

    assert_eq!(awards::award_item(&t.st, &s, other.id, item.id, "req-5", "").await, Err(AppError::NotYourVillage));
    let resident_actor = Actor { user_id: mine.id, role: Role::Depositor, village_id: mine.village_id };
    assert_eq!(awards::award_item(&t.st, &resident_actor, mine.id, item.id, "req-6", "").await, Err(AppError::Forbidden));
    assert!(awards::award_item(&t.st, &t.hq, other.id, item.id, "req-7", "").await.is_ok());

    let w = wallet::wallet(&t.st, mine.id).await.unwrap();
    assert_eq!(w.entries[0].confirmed_by.as_deref(), Some("分行"));
    assert_eq!(w.entries[0].cause_name.as_deref(), Some("邻里互助"));
    assert_books(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn batch_awards_skip_capped_households_and_go_on(pool: PgPool) {
    let t = town(pool.clone()).await;
    let s = staff(&t, "13600000001", 0).await;
    let a = resident(&t, "13912345601", 0).await;
    let b = resident(&t, "13912345602", 0).await;
    let far = resident(&t, "13912345603", 1).await;
    let item = catalogue::by_code(&t.st.pool, t.st.town_id, "doorstep_hygiene").await.unwrap(); // 5, daily 5
    t.st.clock.set(noon(day(3, 2)));
    awards::award_item(&t.st, &s, a.id, item.id, "earlier", "").await.unwrap();
    let lines = awards::award_many(&t.st, &s, &[a.id, b.id, far.id], item.id, "monthly-assessment", "三月门前三包").await.unwrap();
    assert_eq!(lines[0].result, Err(AppError::DailyCapReached));
    assert!(lines[1].result.is_ok());
    assert_eq!(lines[2].result, Err(AppError::NotYourVillage));
    assert_eq!(awards::award_many(&t.st, &s, &[], item.id, "x", "").await, Err(AppError::NoRecipients));
}

#[sqlx::test(migrations = "../migrations")]
async fn editing_a_rule_never_changes_past_awards(pool: PgPool) {
    let t = town(pool.clone()).await;
    let u = resident(&t, "13912345678", 0).await;
    let item = catalogue::by_code(&t.st.pool, t.st.town_id, "mediation").await.unwrap(); // 5 points
    t.st.clock.set(noon(day(3, 2)));
    let first = awards::award_item(&t.st, &t.hq, u.id, item.id, "r1", "").await.unwrap();
    let v2 = catalogue::edit_rule(&t.st, &t.hq, item.id, Rule { points: 8, daily_cap: Some(20), yearly_cap: None }).await.unwrap();
    assert_eq!(v2, 2);
    assert_eq!(
        catalogue::edit_rule(&t.st, &branch(&t, 0), item.id, Rule { points: 1, daily_cap: None, yearly_cap: None }).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        catalogue::edit_rule(&t.st, &t.hq, item.id, Rule { points: 8, daily_cap: Some(3), yearly_cap: None }).await,
        Err(AppError::RuleInvalid)
    );
    let second = awards::award_item(&t.st, &t.hq, u.id, item.id, "r2", "").await.unwrap();
    assert_eq!((first.points, second.points), (5, 8));
    let versions: Vec<i32> = sqlx::query_scalar(
        "select r.version from transfers t join point_rules r on r.town_id = t.town_id and r.id = t.rule_id order by t.id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(versions, vec![1, 2]);
    assert_eq!(balance(&t, u.id).await, 13);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_review_answered_with_a_reversal_undoes_the_award_once(pool: PgPool) {
    let t = town(pool.clone()).await;
    let s = staff(&t, "13600000001", 0).await;
    let u = resident(&t, "13912345678", 0).await;
    let item = catalogue::by_code(&t.st.pool, t.st.town_id, "mediation").await.unwrap();
    t.st.clock.set(noon(day(3, 2)));
    let award = awards::award_item(&t.st, &s, u.id, item.id, "r1", "调解邻里纠纷").await.unwrap();
    assert_eq!(corrections::ask(&t.st, u.id, award.transfer_id, "  ").await, Err(AppError::QuestionEmpty));
    let stranger = resident(&t, "13912345600", 0).await;
    assert_eq!(corrections::ask(&t.st, stranger.id, award.transfer_id, "这是我的吗").await, Err(AppError::NotFound));
    let review = corrections::ask(&t.st, u.id, award.transfer_id, "这次是别人调解的，记错人了").await.unwrap();

    let open = corrections::open_for(&t.st, &s).await.unwrap();
    assert_eq!(open.len(), 1);
    assert!(corrections::open_for(&t.st, &branch(&t, 1)).await.unwrap().is_empty());
    assert_eq!(corrections::answer(&t.st, &branch(&t, 1), review, "不是本村", true).await, Err(AppError::Forbidden));
    corrections::answer(&t.st, &s, review, "核实后确实记错，已撤销", true).await.unwrap();
    assert_eq!(corrections::answer(&t.st, &s, review, "再答一次", true).await, Err(AppError::ReviewAnswered));
    assert_eq!(corrections::reverse(&t.st, &s, award.transfer_id, "再撤一次").await, Err(AppError::NotReversible));

    let w = wallet::wallet(&t.st, u.id).await.unwrap();
    assert_eq!(w.balance, 0);
    let original = w.entries.iter().find(|e| e.transfer_id == award.transfer_id).unwrap();
    assert!(original.reversed);
    assert_eq!(original.review.as_ref().unwrap().answer.as_deref(), Some("核实后确实记错，已撤销"));
    let reversal = &w.entries[0];
    assert_eq!((reversal.cause_kind.as_str(), reversal.amount), ("reversal", -5));
    assert_eq!(reversal.memo, "核实后确实记错，已撤销");
    assert_eq!(w.years[0].earned, 0);
    assert_books(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn holds_settle_exactly_once(pool: PgPool) {
    let t = town(pool.clone()).await;
    let u = resident(&t, "13912345678", 0).await;
    let item = catalogue::by_code(&t.st.pool, t.st.town_id, "mediation").await.unwrap();
    t.st.clock.set(noon(day(3, 2)));
    awards::award_item(&t.st, &t.hq, u.id, item.id, "r1", "").await.unwrap();
    awards::award_item(&t.st, &t.hq, u.id, item.id, "r2", "").await.unwrap();

    assert_eq!(holds::hold(&t.st.pool, t.st.town_id, u.id, 11, "claim:a").await, Err(AppError::InsufficientPoints));
    let h = holds::hold(&t.st.pool, t.st.town_id, u.id, 6, "claim:a").await.unwrap();
    assert_eq!(holds::hold(&t.st.pool, t.st.town_id, u.id, 6, "claim:a").await.unwrap(), h, "same claim, same hold");
    let w = wallet::wallet(&t.st, u.id).await.unwrap();
    assert_eq!((w.balance, w.held), (4, 6));
    assert_eq!(holds::settle(&t.st.pool, t.st.town_id, h, true).await.unwrap(), holds::HoldState::Captured);
    assert_eq!(holds::settle(&t.st.pool, t.st.town_id, h, false).await.unwrap(), holds::HoldState::Captured);
    let h2 = holds::hold(&t.st.pool, t.st.town_id, u.id, 4, "claim:b").await.unwrap();
    assert_eq!(holds::settle(&t.st.pool, t.st.town_id, h2, false).await.unwrap(), holds::HoldState::Released);
    assert_eq!(holds::settle(&t.st.pool, t.st.town_id, h2, true).await.unwrap(), holds::HoldState::Released);
    let w = wallet::wallet(&t.st, u.id).await.unwrap();
    assert_eq!((w.balance, w.held), (4, 0));
    assert_eq!((w.years[0].earned, w.years[0].spent), (10, 6));
    assert_books(&pool).await;
}

/// Random sequences of awards, holds, captures, releases, reversals and
/// replays run against Postgres and the in-memory model side by side.
#[sqlx::test(migrations = "../migrations")]
async fn random_operation_sequences_match_the_model(pool: PgPool) {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::HashMap;

    #[derive(Debug, Clone)]
    enum Op {
        Award { who: usize, item: usize, key: u8 },
        Hold { who: usize, amount: i64, key: u8 },
        Settle { hold: usize, capture: bool },
        Reverse { award: usize },
    }
    let op = prop_oneof![
        4 => (0..3usize, 0..3usize, 0..6u8).prop_map(|(who, item, key)| Op::Award { who, item, key }),
        2 => (0..3usize, 1..15i64, 0..6u8).prop_map(|(who, amount, key)| Op::Hold { who, amount, key }),
        2 => (0..8usize, any::<bool>()).prop_map(|(hold, capture)| Op::Settle { hold, capture }),
        1 => (0..10usize).prop_map(|award| Op::Reverse { award }),
    ];
    let ops_strategy = proptest::collection::vec(op, 10..40);

    let t = town(pool.clone()).await;
    t.st.clock.set(noon(day(3, 2)));
    let items: Vec<_> = futures_items(&t).await;
    let mut runner = TestRunner::deterministic();
    for case in 0..12 {
        let people = [
            resident(&t, &format!("1391{case:02}00001"), 0).await,
            resident(&t, &format!("1391{case:02}00002"), 0).await,
            resident(&t, &format!("1391{case:02}00003"), 1).await,
        ];
        let ops = ops_strategy.new_tree(&mut runner).unwrap().current();
        // The model: balances, holds and which awards exist and are reversed.
        let mut bal = [0i64; 3];
        let mut held: Vec<(usize, i64, Option<bool>, i64)> = Vec::new(); // (who, amount, settled as capture?, id)
        let mut hold_keys: HashMap<(usize, u8), usize> = HashMap::new();
        let mut awards_made: Vec<(usize, i64, i64, bool)> = Vec::new(); // (who, amount, transfer, reversed)
        let mut award_keys: HashMap<(usize, usize, u8), i64> = HashMap::new();
        for op in &ops {
            match *op {
                Op::Award { who, item, key } => {
                    let got = awards::award_item(&t.st, &t.hq, people[who].id, items[item].0, &format!("c{case}-{item}-{key}"), "").await;
                    match (award_keys.get(&(who, item, key)), got) {
                        (Some(&id), Ok(a)) => assert!(a.replayed && a.transfer_id == id, "replay moved nothing"),
                        (None, Ok(a)) => {
                            assert!(!a.replayed);
                            bal[who] += items[item].1;
                            award_keys.insert((who, item, key), a.transfer_id);
                            awards_made.push((who, items[item].1, a.transfer_id, false));
                        }
                        (_, Err(AppError::DailyCapReached | AppError::YearlyCapReached)) => {}
                        (_, Err(e)) => panic!("unexpected {e:?} for {op:?}"),
                    }
                }
                Op::Hold { who, amount, key } => {
                    let got = holds::hold(&t.st.pool, t.st.town_id, people[who].id, amount, &format!("c{case}-h{who}-{key}")).await;
                    match (hold_keys.get(&(who, key)), got) {
                        (Some(&i), Ok(id)) => assert_eq!(held[i].3, id),
                        (None, Ok(id)) => {
                            assert!(bal[who] >= amount, "hold allowed beyond balance");
                            bal[who] -= amount;
                            hold_keys.insert((who, key), held.len());
                            held.push((who, amount, None, id));
                        }
                        (None, Err(AppError::InsufficientPoints)) => assert!(bal[who] < amount),
                        (_, other) => panic!("unexpected {other:?} for {op:?}"),
                    }
                }
                Op::Settle { hold, capture } => {
                    let Some(h) = held.get_mut(hold) else { continue };
                    let state = holds::settle(&t.st.pool, t.st.town_id, h.3, capture).await.unwrap();
                    if h.2.is_none() {
                        h.2 = Some(capture);
                        if !capture {
                            bal[h.0] += h.1;
                        }
                    }
                    let expect = if h.2 == Some(true) { holds::HoldState::Captured } else { holds::HoldState::Released };
                    assert_eq!(state, expect);
                }
                Op::Reverse { award } => {
                    let Some(a) = awards_made.get_mut(award) else { continue };
                    let got = corrections::reverse(&t.st, &t.hq, a.2, "随机更正").await;
                    match got {
                        Ok(_) => {
                            assert!(!a.3, "reversed twice");
                            assert!(bal[a.0] >= a.1);
                            bal[a.0] -= a.1;
                            a.3 = true;
                        }
                        Err(AppError::NotReversible) => assert!(a.3),
                        Err(AppError::InsufficientPoints) => assert!(!a.3 && bal[a.0] < a.1),
                        Err(e) => panic!("unexpected {e:?}"),
                    }
                }
            }
            for (i, p) in people.iter().enumerate() {
                assert_eq!(balance(&t, p.id).await, bal[i], "balance of person {i} after {op:?}");
            }
            assert_books(&pool).await;
        }
        let doubled: i64 = sqlx::query_scalar("select count(*) - count(distinct idempotency_key) from transfers")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(doubled, 0, "no cause applied twice");
    }
}

async fn futures_items(t: &Town) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    for code in ["mediation", "neighbour_help", "volunteer_hours"] {
        let i = catalogue::by_code(&t.st.pool, t.st.town_id, code).await.unwrap();
        out.push((i.id, i64::from(i.rule.points)));
    }
    out
}

/// Many simultaneous awards and spends, at one depositor and across
/// depositors, each on its own connection.
#[sqlx::test(migrations = "../migrations")]
async fn concurrent_awards_and_spends_keep_the_books(pool: PgPool) {
    let t = town(pool.clone()).await;
    t.st.clock.set(noon(day(3, 2)));
    let item = catalogue::by_code(&t.st.pool, t.st.town_id, "volunteer_hours").await.unwrap(); // 2 points, 16 a day
    let mut people = Vec::new();
    for i in 0..4 {
        people.push(resident(&t, &format!("1391234560{i}"), 0).await);
    }
    let mut tasks = Vec::new();
    for round in 0..10 {
        for (n, p) in people.iter().enumerate() {
            let (st, hq, uid) = (t.st.clone(), t.hq, p.id);
            tasks.push(tokio::spawn(async move {
                let award = awards::award_item(&st, &hq, uid, item.id, &format!("a{round}-{n}"), "").await;
                let hold = holds::hold(&st.pool, st.town_id, uid, 3, &format!("h{round}-{n}")).await;
                if let Ok(h) = hold {
                    holds::settle(&st.pool, st.town_id, h, round % 2 == 0).await.unwrap();
                }
                (award.is_ok(), hold.is_ok())
            }));
        }
    }
    let mut awarded = vec![0i64; people.len()];
    for (i, task) in tasks.into_iter().enumerate() {
        let (a, _) = task.await.unwrap();
        if a {
            awarded[i % people.len()] += 1;
        }
    }
    for (i, p) in people.iter().enumerate() {
        // The daily cap of 16 points allows 8 awards of 2 per person.
        assert_eq!(awarded[i], 8, "cap enforced under concurrency");
        assert!(balance(&t, p.id).await >= 0);
    }
    let mut conn = pool.acquire().await.unwrap();
    let _ = ledger::issuer(&mut conn, t.st.town_id).await.unwrap();
    assert_books(&pool).await;
}
