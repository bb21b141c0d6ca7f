//! A depositor's passbook: balance and the transfers that moved it.

use super::{AppState, ledger};
use crate::domain::localday::local_time_label;
use crate::error::AppError;
use crate::model::{Wallet, WalletEntry};
use chrono::{DateTime, Utc};
use sqlx::Row;

pub const ENTRY_LIMIT: i64 = 200;

#[tracing::instrument(skip_all, fields(town = st.town_id, user = user_id))]
pub async fn wallet(st: &AppState, user_id: i64) -> Result<Wallet, AppError> {
    let mut conn = st.pool.acquire().await?;
    let account = ledger::wallet_of(&mut conn, st.town_id, user_id).await?;
    let balance: i64 = sqlx::query_scalar("select balance from accounts where town_id = $1 and id = $2")
        .bind(st.town_id)
        .bind(account)
        .fetch_one(&mut *conn)
        .await?;
    let rows = sqlx::query(
        "select id, case when to_account = $2 then amount else -amount end, cause_kind, memo, created_at
           from transfers
          where town_id = $1 and (to_account = $2 or from_account = $2)
          order by id desc limit $3",
    )
    .bind(st.town_id)
    .bind(account)
    .bind(ENTRY_LIMIT)
    .fetch_all(&mut *conn)
    .await?;
    let entries = rows
        .iter()
        .map(|r| WalletEntry {
            transfer_id: r.get(0),
            amount: r.get(1),
            cause_kind: r.get(2),
            memo: r.get(3),
            time_label: local_time_label(r.get::<DateTime<Utc>, _>(4)),
        })
        .collect();
    Ok(Wallet { balance, entries })
}
