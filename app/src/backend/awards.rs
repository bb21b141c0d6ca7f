//! Awarding catalogue items: by branch staff to depositors of their own
//! village (or by headquarters to anyone), within the item's caps.

use super::{AppState, ledger};
use crate::domain::catalogue::{CapHit, Rule, check_caps};
use crate::domain::localday::{day_start_utc, local_day};
use crate::domain::role::{Actor, Role};
use crate::error::AppError;
use chrono::{Datelike, NaiveDate};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Award {
    pub transfer_id: i64,
    pub points: i64,
    /// True when this request had been made before and nothing moved now.
    pub replayed: bool,
}

/// Awards `item_id` to `user_id`. `request_key` identifies the request (the
/// form carries one), so submitting the same form twice awards once.
#[tracing::instrument(skip_all, fields(town = st.town_id, by = actor.user_id, user = user_id, item = item_id))]
pub async fn award_item(
    st: &AppState,
    actor: &Actor,
    user_id: i64,
    item_id: i64,
    request_key: &str,
    memo: &str,
) -> Result<Award, AppError> {
    let key = format!("award:{request_key}:{item_id}:{user_id}");
    let today = local_day(st.clock.now());
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January exists");
    let mut tx = st.pool.begin().await?;
    // The household and its wallet, locked first so that two staff awarding
    // at once cannot both slip under a cap.
    let household = sqlx::query(
        "select u.village_id, a.id from users u
           join accounts a on a.town_id = u.town_id and a.user_id = u.id and a.kind = 'depositor'
          where u.town_id = $1 and u.id = $2 and u.role = 'depositor'
          for update of a",
    )
    .bind(st.town_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let (village, wallet): (Option<i64>, i64) = (household.get(0), household.get(1));
    let allowed = match actor.role {
        Role::HqAdmin => true,
        Role::BranchStaff => village.is_some_and(|v| actor.may_manage_village(v)),
        _ => false,
    };
    if !allowed {
        return Err(if actor.role == Role::BranchStaff { AppError::NotYourVillage } else { AppError::Forbidden });
    }
    // Then, in one round trip: an earlier award with this key, the rule in
    // force, and what the item already gave this wallet today and this year.
    let row = sqlx::query(
        "select (select id from transfers where town_id = $1 and idempotency_key = $4),
                i.category, r.id, r.points, r.daily_cap, r.yearly_cap, caps.today, caps.year
           from point_items i
           join lateral (select id, points, daily_cap, yearly_cap from point_rules r
                          where r.town_id = i.town_id and r.item_id = i.id order by version desc limit 1) r on true
           cross join lateral (
               select coalesce(sum(s) filter (where at >= $5), 0)::bigint as today, coalesce(sum(s), 0)::bigint as year
                 from (select amount as s, created_at as at from transfers
                        where town_id = $1 and to_account = $2 and item_id = $3 and created_at >= $6
                       union all
                       select -amount, created_at from transfers
                        where town_id = $1 and from_account = $2 and item_id = $3 and reverses_id is not null
                          and created_at >= $6) moved
           ) caps
          where i.town_id = $1 and i.id = $3",
    )
    .bind(st.town_id)
    .bind(wallet)
    .bind(item_id)
    .bind(&key)
    .bind(day_start_utc(today))
    .bind(day_start_utc(year_start))
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::ItemUnknown)?;
    if let Some(id) = row.get::<Option<i64>, _>(0) {
        return Ok(Award { transfer_id: id, points: 0, replayed: true });
    }
    let category: String = row.get(1);
    let rule_id: i64 = row.get(2);
    let rule = Rule { points: row.get(3), daily_cap: row.get(4), yearly_cap: row.get(5) };
    check_caps(&rule, row.get(6), row.get(7)).map_err(|hit| match hit {
        CapHit::Daily { .. } => AppError::DailyCapReached,
        CapHit::Yearly { .. } => AppError::YearlyCapReached,
    })?;
    let points = i64::from(rule.points);
    let (transfer_id, posted) = ledger::issue(
        &mut tx,
        st.town_id,
        &ledger::NewTransfer {
            cause_id: Some(item_id),
            memo,
            created_by: Some(actor.user_id),
            item_id: Some(item_id),
            rule_id: Some(rule_id),
            category: Some(&category),
            at: Some(st.clock.now()),
            ..ledger::NewTransfer::plain(&key, 0, wallet, points, "award")
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Award { transfer_id, points: if posted.replayed { 0 } else { points }, replayed: posted.replayed })
}

/// The outcome for one household of a batch award.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchLine {
    pub user_id: i64,
    pub result: Result<Award, AppError>,
}

/// Awards one item to a list of depositors, each independently: a cap hit
/// for one household does not stop the others.
pub async fn award_many(
    st: &AppState,
    actor: &Actor,
    user_ids: &[i64],
    item_id: i64,
    request_key: &str,
    memo: &str,
) -> Result<Vec<BatchLine>, AppError> {
    if user_ids.is_empty() {
        return Err(AppError::NoRecipients);
    }
    let mut lines = Vec::with_capacity(user_ids.len());
    for &user_id in user_ids {
        let result = award_item(st, actor, user_id, item_id, request_key, memo).await;
        if matches!(result, Err(AppError::ItemUnknown | AppError::Forbidden | AppError::Internal)) {
            return Err(result.unwrap_err());
        }
        lines.push(BatchLine { user_id, result });
    }
    Ok(lines)
}
