//! Awarding catalogue items: by branch staff to depositors of their own
//! village (or by headquarters to anyone), within the item's caps
//! (`domain::catalogue::check_caps`, applied inside the `ledger_award`
//! database function so that an award is a single round trip).

use super::AppState;
use crate::domain::localday::{day_start_utc, local_day};
use crate::domain::role::{Actor, Role};
use crate::error::AppError;
use chrono::{Datelike, NaiveDate};

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
    let village_scope = match actor.role {
        Role::HqAdmin => None,
        Role::BranchStaff => Some(actor.village_id.ok_or(AppError::Forbidden)?),
        _ => return Err(AppError::Forbidden),
    };
    let key = format!("award:{request_key}:{item_id}:{user_id}");
    let (outcome, transfer_id, points) =
        call_award(&st.pool, st.town_id, user_id, item_id, &key, memo, Some(actor.user_id), village_scope, st.clock.now())
            .await?;
    match (outcome.as_str(), transfer_id) {
        ("awarded", Some(id)) => Ok(Award { transfer_id: id, points, replayed: false }),
        ("replayed", Some(id)) => Ok(Award { transfer_id: id, points: 0, replayed: true }),
        ("not_found", _) => Err(AppError::NotFound),
        ("not_your_village", _) => Err(AppError::NotYourVillage),
        ("item_unknown", _) => Err(AppError::ItemUnknown),
        ("daily_cap", _) => Err(AppError::DailyCapReached),
        ("yearly_cap", _) => Err(AppError::YearlyCapReached),
        (other, _) => {
            tracing::error!(outcome = other, "unexpected award outcome");
            Err(AppError::Internal)
        }
    }
}

/// Runs the `ledger_award` database function: one round trip, one implicit
/// transaction (or part of the caller's). Returns its outcome code, the
/// transfer and the points moved; see the migrations for the steps, which
/// follow `domain::catalogue::check_caps`.
#[allow(clippy::too_many_arguments)]
pub async fn call_award<'e>(
    db: impl sqlx::PgExecutor<'e>,
    town_id: i64,
    user_id: i64,
    item_id: i64,
    key: &str,
    memo: &str,
    by: Option<i64>,
    village_scope: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(String, Option<i64>, i64), sqlx::Error> {
    let today = local_day(now);
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January exists");
    sqlx::query_as("select * from ledger_award($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(town_id)
        .bind(user_id)
        .bind(item_id)
        .bind(key)
        .bind(memo)
        .bind(by)
        .bind(now)
        .bind(day_start_utc(today))
        .bind(day_start_utc(year_start))
        .bind(village_scope)
        .fetch_one(db)
        .await
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
    let mut unique = user_ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    if unique.is_empty() {
        return Err(AppError::NoRecipients);
    }
    if request_key.trim().is_empty() {
        // The key is what makes a repeated form harmless; a form without one
        // did not come from the award page.
        return Err(AppError::Forbidden);
    }
    let user_ids = &unique;
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
