//! The points ledger in Postgres.
//!
//! A transfer is one append-only row moving points between two accounts,
//! keyed by an idempotency key derived from its cause. Stored balances move
//! in the same transaction; the accounts touched are locked in id order so
//! that concurrent transfers never deadlock. The town's issuing account keeps
//! no stored balance (every award would otherwise queue on that one row):
//! its balance is minus the sum of everything it issued, derived on demand.

use crate::domain::ledger::{AccountKind, LedgerError, Posted, check_transfer};
use crate::error::AppError;
use sqlx::{PgConnection, Row};

#[derive(Debug, Clone)]
pub struct NewTransfer<'a> {
    pub key: &'a str,
    pub from: i64,
    pub to: i64,
    pub amount: i64,
    pub cause_kind: &'a str,
    pub cause_id: Option<i64>,
    pub memo: &'a str,
    pub created_by: Option<i64>,
    /// Catalogue item and rule version of an award.
    pub item_id: Option<i64>,
    pub rule_id: Option<i64>,
    /// Reporting category (awards and their reversals).
    pub category: Option<&'a str>,
    /// The transfer this one undoes.
    pub reverses_id: Option<i64>,
    /// When it happened by the app's clock (defaults to the database's now).
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

impl<'a> NewTransfer<'a> {
    /// A plain transfer without catalogue or reversal references.
    pub fn plain(key: &'a str, from: i64, to: i64, amount: i64, cause_kind: &'a str) -> Self {
        NewTransfer {
            key,
            from,
            to,
            amount,
            cause_kind,
            cause_id: None,
            memo: "",
            created_by: None,
            item_id: None,
            rule_id: None,
            category: None,
            reverses_id: None,
            at: None,
        }
    }
}

#[derive(Debug)]
pub enum TransferError {
    Rule(LedgerError),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for TransferError {
    fn from(e: sqlx::Error) -> Self {
        TransferError::Db(e)
    }
}

impl From<TransferError> for AppError {
    fn from(e: TransferError) -> Self {
        match e {
            TransferError::Db(e) => e.into(),
            TransferError::Rule(LedgerError::InsufficientFunds { .. }) => AppError::InsufficientPoints,
            TransferError::Rule(rule) => {
                tracing::warn!(?rule, "transfer refused by ledger rules");
                AppError::Internal
            }
        }
    }
}

/// The town's issuing account, created on first use.
pub async fn issuer(conn: &mut PgConnection, town_id: i64) -> Result<i64, sqlx::Error> {
    if let Some(id) = sqlx::query_scalar("select id from accounts where town_id = $1 and kind = 'issuer'")
        .bind(town_id)
        .fetch_optional(&mut *conn)
        .await?
    {
        return Ok(id);
    }
    sqlx::query("insert into accounts (town_id, kind) values ($1, 'issuer') on conflict do nothing")
        .bind(town_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query_scalar("select id from accounts where town_id = $1 and kind = 'issuer'")
        .bind(town_id)
        .fetch_one(&mut *conn)
        .await
}

pub async fn open_wallet(conn: &mut PgConnection, town_id: i64, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("insert into accounts (town_id, kind, user_id) values ($1, 'depositor', $2) returning id")
        .bind(town_id)
        .bind(user_id)
        .fetch_one(conn)
        .await
}

pub async fn wallet_of(conn: &mut PgConnection, town_id: i64, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select id from accounts where town_id = $1 and user_id = $2 and kind = 'depositor'")
        .bind(town_id)
        .bind(user_id)
        .fetch_one(conn)
        .await
}

/// Posts one transfer inside the caller's transaction. A key seen before
/// returns the first transfer's id with `replayed` set and moves nothing.
pub async fn transfer(conn: &mut PgConnection, town_id: i64, t: &NewTransfer<'_>) -> Result<(i64, Posted), TransferError> {
    if let Some(id) = existing(conn, town_id, t.key).await? {
        return Ok((id, Posted { transfer_no: id as u64, replayed: true }));
    }
    let mut ids = [t.from, t.to];
    ids.sort_unstable();
    let locked = sqlx::query(
        "select id, kind, balance from accounts
          where town_id = $1 and id = any($2) and kind <> 'issuer'
          order by id for update",
    )
    .bind(town_id)
    .bind(&ids[..])
    .fetch_all(&mut *conn)
    .await?;
    let kinds = sqlx::query("select id, kind from accounts where town_id = $1 and id = any($2)")
        .bind(town_id)
        .bind(&ids[..])
        .fetch_all(&mut *conn)
        .await?;
    if kinds.len() != if t.from == t.to { 1 } else { 2 } {
        return Err(TransferError::Rule(LedgerError::UnknownAccount));
    }
    let from_kind = kinds
        .iter()
        .find(|r| r.get::<i64, _>(0) == t.from)
        .map(|r| parse_kind(r.get(1)))
        .ok_or(TransferError::Rule(LedgerError::UnknownAccount))?;
    let from_balance = locked
        .iter()
        .find(|r| r.get::<i64, _>(0) == t.from)
        .map(|r| r.get::<i64, _>(2))
        .unwrap_or(0);
    check_transfer(from_kind, from_balance, t.amount, t.from == t.to).map_err(TransferError::Rule)?;

    let inserted: Option<i64> = bind_transfer(
        sqlx::query_scalar(
            "insert into transfers (town_id, idempotency_key, from_account, to_account, amount, cause_kind, cause_id,
                                    memo, created_by, item_id, rule_id, category, reverses_id, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, coalesce($14, now()))
             on conflict (town_id, idempotency_key) do nothing
             returning id",
        ),
        town_id,
        t,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = inserted else {
        // Lost a race with the same key: the other transfer stands.
        let id = existing(conn, town_id, t.key).await?.ok_or(TransferError::Rule(LedgerError::UnknownAccount))?;
        return Ok((id, Posted { transfer_no: id as u64, replayed: true }));
    };
    sqlx::query(
        "update accounts set balance = balance + case when id = $3 then $4 else -$4 end
          where town_id = $1 and id = any($2) and kind <> 'issuer'",
    )
    .bind(town_id)
    .bind(&ids[..])
    .bind(t.to)
    .bind(t.amount)
    .execute(&mut *conn)
    .await?;
    Ok((id, Posted { transfer_no: id as u64, replayed: false }))
}

type TransferInsert<'q> = sqlx::query::QueryScalar<'q, sqlx::Postgres, i64, sqlx::postgres::PgArguments>;

/// Binds a transfer's columns as $1..$14, in the order both inserts use.
fn bind_transfer<'q>(q: TransferInsert<'q>, town_id: i64, t: &NewTransfer<'q>) -> TransferInsert<'q> {
    q.bind(town_id)
        .bind(t.key)
        .bind(t.from)
        .bind(t.to)
        .bind(t.amount)
        .bind(t.cause_kind)
        .bind(t.cause_id)
        .bind(t.memo)
        .bind(t.created_by)
        .bind(t.item_id)
        .bind(t.rule_id)
        .bind(t.category)
        .bind(t.reverses_id)
        .bind(t.at)
}

async fn existing(conn: &mut PgConnection, town_id: i64, key: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select id from transfers where town_id = $1 and idempotency_key = $2")
        .bind(town_id)
        .bind(key)
        .fetch_optional(conn)
        .await
}

fn parse_kind(s: &str) -> AccountKind {
    match s {
        "issuer" => AccountKind::Issuer,
        "hold" => AccountKind::Hold,
        _ => AccountKind::Depositor,
    }
}
