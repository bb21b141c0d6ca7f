//! Undoing mistakes and answering "why did my points change?".
//!
//! Nothing in the ledger is edited: a correction is a reversing transfer
//! that points at the original and says why. A depositor can ask about any
//! entry of their passbook; staff answer, optionally with a reversal.

use super::{AppState, ledger};
use crate::domain::role::{Actor, Role};
use crate::error::AppError;
use crate::model::ReviewRequest;
use crate::domain::localday::local_time_label;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, Row};

/// Reverses transfer `original` with `reason`, inside the caller's
/// transaction. Reversing twice is refused by a unique index and by this check.
pub async fn reverse_in(
    conn: &mut PgConnection,
    town_id: i64,
    original: i64,
    reason: &str,
    staff: i64,
    at: DateTime<Utc>,
) -> Result<i64, AppError> {
    let row = sqlx::query(
        "select from_account, to_account, amount, item_id, category, reverses_id,
                exists (select 1 from transfers r where r.town_id = t.town_id and r.reverses_id = t.id),
                cause_kind in ('award', 'checkin')
           from transfers t where town_id = $1 and id = $2",
    )
    .bind(town_id)
    .bind(original)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let (from, to, amount): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    let already_reversed: bool = row.get(6);
    let is_award: bool = row.get(7);
    if row.get::<Option<i64>, _>(5).is_some() || already_reversed || !is_award {
        return Err(AppError::NotReversible);
    }
    let category: Option<String> = row.get(4);
    let key = format!("reverse:{original}");
    let (id, _) = ledger::transfer(
        conn,
        town_id,
        &ledger::NewTransfer {
            cause_id: Some(original),
            memo: reason,
            created_by: Some(staff),
            item_id: row.get(3),
            category: category.as_deref(),
            reverses_id: Some(original),
            at: Some(at),
            ..ledger::NewTransfer::plain(&key, to, from, amount, "reversal")
        },
    )
    .await?;
    Ok(id)
}

/// Whether `actor` may correct entries of depositor `owner` (living in `village`).
fn may_correct(actor: &Actor, village: Option<i64>) -> bool {
    match actor.role {
        Role::HqAdmin => true,
        Role::BranchStaff => village.is_some_and(|v| actor.may_manage_village(v)),
        _ => false,
    }
}

#[tracing::instrument(skip_all, fields(town = st.town_id, transfer = transfer_id))]
pub async fn reverse(st: &AppState, actor: &Actor, transfer_id: i64, reason: &str) -> Result<i64, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::AnswerEmpty);
    }
    let mut tx = st.pool.begin().await?;
    let village = owner_village(&mut tx, st.town_id, transfer_id).await?;
    if !may_correct(actor, village) {
        return Err(AppError::Forbidden);
    }
    let id = reverse_in(&mut tx, st.town_id, transfer_id, reason, actor.user_id, st.clock.now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// The village of the depositor whose wallet received transfer `id`.
async fn owner_village(conn: &mut PgConnection, town_id: i64, id: i64) -> Result<Option<i64>, AppError> {
    let v: Option<Option<i64>> = sqlx::query_scalar(
        "select u.village_id from transfers t
           join accounts a on a.town_id = t.town_id and a.id = t.to_account
           join users u on u.town_id = a.town_id and u.id = a.user_id
          where t.town_id = $1 and t.id = $2",
    )
    .bind(town_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(v.flatten())
}

/// A depositor asks staff about one of their own entries.
pub async fn ask(st: &AppState, user_id: i64, transfer_id: i64, question: &str) -> Result<i64, AppError> {
    let question = question.trim();
    if question.is_empty() {
        return Err(AppError::QuestionEmpty);
    }
    if question.chars().count() > 500 {
        return Err(AppError::QuestionTooLong);
    }
    let mut conn = st.pool.acquire().await?;
    let pending: bool = sqlx::query_scalar(
        "select exists (select 1 from entry_reviews where town_id = $1 and transfer_id = $2 and state = 'open')",
    )
    .bind(st.town_id)
    .bind(transfer_id)
    .fetch_one(&mut *conn)
    .await?;
    if pending {
        return Err(AppError::ReviewPending);
    }
    let wallet = ledger::wallet_of(&mut conn, st.town_id, user_id).await?;
    let mine: bool = sqlx::query_scalar(
        "select exists (select 1 from transfers where town_id = $1 and id = $2 and (to_account = $3 or from_account = $3))",
    )
    .bind(st.town_id)
    .bind(transfer_id)
    .bind(wallet)
    .fetch_one(&mut *conn)
    .await?;
    if !mine {
        return Err(AppError::NotFound);
    }
    Ok(sqlx::query_scalar(
        "insert into entry_reviews (town_id, transfer_id, user_id, question) values ($1, $2, $3, $4) returning id",
    )
    .bind(st.town_id)
    .bind(transfer_id)
    .bind(user_id)
    .bind(question)
    .fetch_one(&mut *conn)
    .await?)
}

/// Staff answer a review; with `reverse` the entry is undone in the same
/// transaction, with the answer as the reason.
#[tracing::instrument(skip_all, fields(town = st.town_id, review = review_id))]
pub async fn answer(st: &AppState, actor: &Actor, review_id: i64, answer: &str, reverse: bool) -> Result<(), AppError> {
    let answer = answer.trim();
    if answer.is_empty() {
        return Err(AppError::AnswerEmpty);
    }
    let mut tx = st.pool.begin().await?;
    let row = sqlx::query(
        "select r.transfer_id, r.state, u.village_id from entry_reviews r
           join users u on u.town_id = r.town_id and u.id = r.user_id
          where r.town_id = $1 and r.id = $2 for update of r",
    )
    .bind(st.town_id)
    .bind(review_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::ReviewNotFound)?;
    if !may_correct(actor, row.get(2)) {
        return Err(AppError::Forbidden);
    }
    if row.get::<&str, _>(1) != "open" {
        return Err(AppError::ReviewAnswered);
    }
    let correction = if reverse {
        Some(reverse_in(&mut tx, st.town_id, row.get(0), answer, actor.user_id, st.clock.now()).await?)
    } else {
        None
    };
    sqlx::query(
        "update entry_reviews set state = 'answered', answer = $3, answered_by = $4, correction_id = $5, answered_at = now()
          where town_id = $1 and id = $2",
    )
    .bind(st.town_id)
    .bind(review_id)
    .bind(answer)
    .bind(actor.user_id)
    .bind(correction)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Open review requests the actor may answer, oldest first.
pub async fn open_for(st: &AppState, actor: &Actor) -> Result<Vec<ReviewRequest>, AppError> {
    if !matches!(actor.role, Role::HqAdmin | Role::BranchStaff) {
        return Err(AppError::Forbidden);
    }
    let rows = sqlx::query(
        "select r.id, r.transfer_id, u.display_name, v.name, r.question, r.created_at, t.amount, t.cause_kind,
                t.memo, coalesce(c.name, i.name, ''),
                exists (select 1 from transfers x where x.town_id = t.town_id and x.reverses_id = t.id)
           from entry_reviews r
           join users u on u.town_id = r.town_id and u.id = r.user_id
           left join villages v on v.town_id = u.town_id and v.id = u.village_id
           join transfers t on t.town_id = r.town_id and t.id = r.transfer_id
           left join point_items i on i.town_id = t.town_id and i.id = t.item_id and t.cause_kind = 'award'
           left join campaigns c on c.town_id = t.town_id and c.id = t.cause_id and t.cause_kind = 'checkin'
          where r.town_id = $1 and r.state = 'open' and ($2::bigint is null or u.village_id = $2)
          order by r.id",
    )
    .bind(st.town_id)
    .bind(if actor.role == Role::HqAdmin { None } else { actor.village_id })
    .fetch_all(&st.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| ReviewRequest {
            id: r.get(0),
            transfer_id: r.get(1),
            depositor: r.get(2),
            village: r.get(3),
            question: r.get(4),
            asked_at: local_time_label(r.get::<DateTime<Utc>, _>(5)),
            amount: r.get(6),
            cause_kind: r.get(7),
            cause_name: r.get(9),
            reversed: r.get(10),
        })
        .collect())
}
