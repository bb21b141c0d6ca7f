//! Awarding catalogue items: by branch staff to depositors of their own
//! village (or by headquarters to anyone), within the item's caps.

use super::{AppState, catalogue, ledger};
use crate::domain::catalogue::{CapHit, check_caps};
use crate::domain::localday::{day_start_utc, local_day};
use crate::domain::role::{Actor, Role};
use crate::error::AppError;
use chrono::{Datelike, NaiveDate};
use sqlx::PgConnection;

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
    let mut tx = st.pool.begin().await?;
    let village: Option<Option<i64>> =
        sqlx::query_scalar("select village_id from users where town_id = $1 and id = $2 and role = 'depositor'")
            .bind(st.town_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(Some(village)) = village else {
        return Err(AppError::NotFound);
    };
    let allowed = match actor.role {
        Role::HqAdmin => true,
        Role::BranchStaff => actor.may_manage_village(village),
        _ => false,
    };
    if !allowed {
        return Err(if actor.role == Role::BranchStaff { AppError::NotYourVillage } else { AppError::Forbidden });
    }
    let item = catalogue::current(&mut tx, st.town_id, item_id).await?;
    let wallet = ledger::wallet_of(&mut tx, st.town_id, user_id).await?;
    let key = format!("award:{request_key}:{user_id}");
    // Lock the wallet before reading what it already got, so two staff
    // awarding at once cannot both slip under a cap.
    sqlx::query("select 1 from accounts where town_id = $1 and id = $2 for update")
        .bind(st.town_id)
        .bind(wallet)
        .execute(&mut *tx)
        .await?;
    if let Some(id) = sqlx::query_scalar::<_, i64>("select id from transfers where town_id = $1 and idempotency_key = $2")
        .bind(st.town_id)
        .bind(&key)
        .fetch_optional(&mut *tx)
        .await?
    {
        return Ok(Award { transfer_id: id, points: 0, replayed: true });
    }
    let today = local_day(st.clock.now());
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January exists");
    let today_so_far = received_since(&mut tx, st.town_id, wallet, item_id, today).await?;
    let year_so_far = received_since(&mut tx, st.town_id, wallet, item_id, year_start).await?;
    check_caps(&item.rule, today_so_far, year_so_far).map_err(|hit| match hit {
        CapHit::Daily { .. } => AppError::DailyCapReached,
        CapHit::Yearly { .. } => AppError::YearlyCapReached,
    })?;
    let issuer = ledger::issuer(&mut tx, st.town_id).await?;
    let points = i64::from(item.rule.points);
    let (transfer_id, posted) = ledger::transfer(
        &mut tx,
        st.town_id,
        &ledger::NewTransfer {
            cause_id: Some(item.id),
            memo,
            created_by: Some(actor.user_id),
            item_id: Some(item.id),
            rule_id: Some(item.rule_id),
            category: Some(&item.category),
            at: Some(st.clock.now()),
            ..ledger::NewTransfer::plain(&key, issuer, wallet, points, "award")
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Award { transfer_id, points: if posted.replayed { 0 } else { points }, replayed: posted.replayed })
}

/// Net points `wallet` received for `item_id` since the start of town day `since`.
async fn received_since(conn: &mut PgConnection, town_id: i64, wallet: i64, item_id: i64, since: NaiveDate) -> Result<i64, AppError> {
    // Two index-friendly sums: what came in for the item, minus reversals of it.
    let net: Option<i64> = sqlx::query_scalar(
        "select (coalesce((select sum(amount) from transfers
                            where town_id = $1 and to_account = $2 and item_id = $3 and created_at >= $4), 0)
               - coalesce((select sum(amount) from transfers
                            where town_id = $1 and from_account = $2 and item_id = $3 and reverses_id is not null
                              and created_at >= $4), 0))::bigint",
    )
    .bind(town_id)
    .bind(wallet)
    .bind(item_id)
    .bind(day_start_utc(since))
    .fetch_one(conn)
    .await?;
    Ok(net.unwrap_or(0))
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
