//! Holds: points reserved for a claim, later captured (spent) or released
//! (returned) — each hold settles exactly once.

use super::ledger;
use crate::error::AppError;
use sqlx::{PgPool, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldState {
    Held,
    Captured,
    Released,
}

impl HoldState {
    fn parse(s: &str) -> HoldState {
        match s {
            "captured" => HoldState::Captured,
            "released" => HoldState::Released,
            _ => HoldState::Held,
        }
    }
}

/// Reserves `amount` of `user_id`'s points for `cause` (unique per claim:
/// asking again returns the same hold).
pub async fn hold(pool: &PgPool, town_id: i64, user_id: i64, amount: i64, cause: &str) -> Result<i64, AppError> {
    let mut tx = pool.begin().await?;
    if let Some(id) = sqlx::query_scalar("select id from holds where town_id = $1 and cause = $2")
        .bind(town_id)
        .bind(cause)
        .fetch_optional(&mut *tx)
        .await?
    {
        return Ok(id);
    }
    let wallet = ledger::wallet_of(&mut tx, town_id, user_id).await?;
    let account: i64 = sqlx::query_scalar("insert into accounts (town_id, kind) values ($1, 'hold') returning id")
        .bind(town_id)
        .fetch_one(&mut *tx)
        .await?;
    let key = format!("hold:{cause}");
    ledger::transfer(&mut tx, town_id, &ledger::NewTransfer { memo: cause, ..ledger::NewTransfer::plain(&key, wallet, account, amount, "hold") })
        .await?;
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into holds (town_id, user_id, account_id, amount, cause) values ($1, $2, $3, $4, $5)
         on conflict (town_id, cause) do nothing returning id",
    )
    .bind(town_id)
    .bind(user_id)
    .bind(account)
    .bind(amount)
    .bind(cause)
    .fetch_optional(&mut *tx)
    .await?;
    match inserted {
        Some(id) => {
            tx.commit().await?;
            Ok(id)
        }
        None => {
            // Another request made this hold first; ours is rolled back whole.
            drop(tx);
            Ok(sqlx::query_scalar("select id from holds where town_id = $1 and cause = $2")
                .bind(town_id)
                .bind(cause)
                .fetch_one(pool)
                .await?)
        }
    }
}

/// Captures (spends) or releases (returns) a hold. Only the first settlement
/// moves points; later calls report the state it ended in.
pub async fn settle(pool: &PgPool, town_id: i64, hold_id: i64, capture: bool) -> Result<HoldState, AppError> {
    let mut tx = pool.begin().await?;
    let row = sqlx::query("select user_id, account_id, amount, state from holds where town_id = $1 and id = $2 for update")
        .bind(town_id)
        .bind(hold_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::HoldNotFound)?;
    let state = HoldState::parse(row.get(3));
    if state != HoldState::Held {
        return Ok(state);
    }
    let (user_id, account, amount): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    let (to, kind, new_state) = if capture {
        (ledger::issuer(&mut tx, town_id).await?, "capture", HoldState::Captured)
    } else {
        (ledger::wallet_of(&mut tx, town_id, user_id).await?, "release", HoldState::Released)
    };
    let key = format!("settle:{hold_id}");
    ledger::transfer(&mut tx, town_id, &ledger::NewTransfer { cause_id: Some(hold_id), ..ledger::NewTransfer::plain(&key, account, to, amount, kind) })
        .await?;
    sqlx::query("update holds set state = $3, settled_at = now() where town_id = $1 and id = $2")
        .bind(town_id)
        .bind(hold_id)
        .bind(if capture { "captured" } else { "released" })
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(new_state)
}
