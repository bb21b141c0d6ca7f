//! The article's reference figures, replayed through the app's own service
//! functions (check-ins, catalogue awards) with the clock moved to when they
//! happened. Used by the demo town and by the scenario test, which then asks
//! the app's queries to report the figures back.

use super::{AppState, awards, catalogue, campaigns, checkin, images::StoredPhoto};
use crate::domain::campaign::{NewCampaign, Window};
use crate::domain::localday::day_start_utc;
use crate::domain::role::Actor;
use crate::error::AppError;
use crate::model::SessionUser;
use chrono::{Duration, NaiveDate};

/// "保卫水环境": 21 days, 299 check-ins; 32 residents keep it up for at
/// least 7 days (the "30+ persistent" invited to the sewage plant), the rest
/// come once or twice.
pub const RIVER_DAYS: i64 = 21;
pub const RIVER_CHECKINS: usize = 299;
pub const PERSISTENT: usize = 32;
pub const PERSISTENT_MIN_DAYS: i64 = 7;

pub async fn river_campaign(
    st: &AppState,
    hq: &Actor,
    residents: &[SessionUser],
    start: NaiveDate,
    photo: &StoredPhoto,
) -> Result<i64, AppError> {
    assert!(residents.len() >= PERSISTENT + 60, "the river scenario needs at least {} residents", PERSISTENT + 60);
    let id = campaigns::create(
        st,
        hq,
        NewCampaign {
            name: "保卫水环境".into(),
            topic: "护河打卡".into(),
            village_id: None,
            window: Window { starts_on: start, ends_on: start + Duration::days(RIVER_DAYS - 1) },
            points_per_checkin: 2,
        },
    )
    .await?;
    // Persistent residents: 8 days each, spread over the window (256).
    let mut plan: Vec<(i64, &SessionUser)> = Vec::new();
    for (i, r) in residents.iter().take(PERSISTENT).enumerate() {
        for k in 0..8i64 {
            plan.push(((i as i64 + k * RIVER_DAYS / 8) % RIVER_DAYS, r));
        }
    }
    // Occasional ones fill up to 299: one or two days each.
    let mut i = 0;
    while plan.len() < RIVER_CHECKINS {
        let r = &residents[PERSISTENT + i % (residents.len() - PERSISTENT)];
        plan.push(((i as i64 * 7) % RIVER_DAYS, r));
        i += 1;
    }
    plan.sort_by_key(|(d, r)| (*d, r.id));
    plan.dedup_by_key(|(d, r)| (*d, r.id));
    while plan.len() < RIVER_CHECKINS {
        // A second post on a day already checked: kept, not awarded.
        let (d, r) = plan[plan.len() % PERSISTENT];
        plan.push((d, r));
    }
    const TEXTS: [&str; 5] = [
        "早上沿河走了一圈，捡了一袋塑料瓶。",
        "河边遛弯儿，顺手把岸边的垃圾清了。",
        "今天河水很清，只捡到几个烟头。",
        "和老伴一起巡河，捡了两袋垃圾。",
        "傍晚巡河，劝导了一位乱扔垃圾的路人。",
    ];
    for (n, (day, r)) in plan.iter().enumerate() {
        let at = day_start_utc(start + Duration::days(*day)) + Duration::minutes(6 * 60 + (n as i64 * 41) % (13 * 60));
        st.clock.set(at);
        checkin::post(st, r, id, TEXTS[n % TEXTS.len()], photo).await?;
    }
    Ok(id)
}

/// One depositor's passbook over two and a half years, as in the article:
/// year 1 — 33 points, online only; year 2 — 54 entries, 102 points, about
/// 60% from 门前三包; the next half-year — 70 points, 72% civic
/// participation, about half of it volunteer service.
pub async fn passbook_history(st: &AppState, hq: &Actor, who: &SessionUser, first_year: i32) -> Result<(), AppError> {
    let item = |code: &'static str| async move { catalogue::by_code(&st.pool, st.town_id, code).await.map(|i| i.id) };
    let quiz = item("law_fire_quiz").await?;
    let interest = item("interest_group").await?;
    let doorstep = item("doorstep_hygiene").await?;
    let hours = item("volunteer_hours").await?;
    let care = item("care_for_vulnerable").await?;
    let meeting = item("village_meeting").await?;

    // (year offset, item, how many, spacing in days, first day of year)
    let plan: [(i32, i64, i64, i64, i64); 9] = [
        (0, quiz, 33, 9, 20),      // year 1: 33 × 1, online only
        (1, doorstep, 12, 30, 10), // year 2: 12 monthly assessments × 5 = 60
        (1, quiz, 22, 14, 3),      //         22 × 1
        (1, interest, 20, 15, 5),  //         20 × 1 → 54 entries, 102 points
        (2, doorstep, 4, 30, 12),  // half-year: 4 × 5 = 20 (environment)
        (2, hours, 11, 15, 8),     //            11 × 2 = 22 volunteer
        (2, care, 1, 1, 100),      //            1 × 3 → volunteer 25
        (2, meeting, 5, 30, 15),   //            5 × 3 = 15
        (2, quiz, 10, 16, 2),      //            10 × 1 → civic 50 of 70
    ];
    for (n, (offset, item_id, count, spacing, first)) in plan.into_iter().enumerate() {
        let year_start = NaiveDate::from_ymd_opt(first_year + offset, 1, 1).expect("valid year");
        for k in 0..count {
            let day = year_start + Duration::days(first + k * spacing);
            st.clock.set(day_start_utc(day) + Duration::hours(10));
            awards::award_item(st, hq, who.id, item_id, &format!("history-{}-{n}-{k}", who.id), "").await?;
        }
    }
    Ok(())
}
