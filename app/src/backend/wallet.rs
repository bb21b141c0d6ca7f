//! A depositor's passbook: balance, points on hold, yearly summaries and
//! every entry with the reason it happened.

use super::{AppState, ledger};
use crate::domain::catalogue::Category;
use crate::domain::localday::local_time_label;
use crate::domain::passbook::{Movement, MovementRow, summarise};
use crate::error::AppError;
use crate::model::{EntryReview, Wallet, WalletEntry};
use chrono::{DateTime, Utc};
use sqlx::Row;

pub const ENTRY_LIMIT: i64 = 300;

#[tracing::instrument(skip_all, fields(town = st.town_id, user = user_id))]
pub async fn wallet(st: &AppState, user_id: i64) -> Result<Wallet, AppError> {
    let mut conn = st.pool.acquire().await?;
    let account = ledger::wallet_of(&mut conn, st.town_id, user_id).await?;
    let balance: i64 = sqlx::query_scalar("select balance from accounts where town_id = $1 and id = $2")
        .bind(st.town_id)
        .bind(account)
        .fetch_one(&mut *conn)
        .await?;
    let held: Option<i64> =
        sqlx::query_scalar("select sum(amount)::bigint from holds where town_id = $1 and user_id = $2 and state = 'held'")
            .bind(st.town_id)
            .bind(user_id)
            .fetch_one(&mut *conn)
            .await?;

    // Yearly figures over the whole history, aggregated in the database.
    let agg = sqlx::query(
        "select extract(year from t.created_at at time zone 'Asia/Shanghai')::int,
                case when t.reverses_id is not null then 'reversal'
                     when t.to_account = $2 and t.cause_kind = 'release' then 'release'
                     when t.to_account = $2 then 'award'
                     else 'hold' end,
                t.category, sum(t.amount)::bigint, count(*)
           from transfers t
          where t.town_id = $1 and (t.to_account = $2 or t.from_account = $2)
          group by 1, 2, 3",
    )
    .bind(st.town_id)
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    let rows: Vec<MovementRow> = agg
        .iter()
        .map(|r| MovementRow {
            year: r.get(0),
            movement: match r.get::<&str, _>(1) {
                "reversal" => Movement::Reversal,
                "release" => Movement::Release,
                "award" => Movement::Award,
                _ => Movement::Hold,
            },
            category: r.get::<Option<&str>, _>(2).and_then(Category::parse),
            amount: r.get(3),
            count: r.get(4),
        })
        .collect();

    let rows_e = sqlx::query(
        "select t.id, case when t.to_account = $2 then t.amount else -t.amount end, t.cause_kind,
                coalesce(c.name, i.name), t.category, t.memo, s.display_name,
                extract(year from t.created_at at time zone 'Asia/Shanghai')::int, t.created_at,
                exists (select 1 from transfers x where x.town_id = t.town_id and x.reverses_id = t.id),
                rv.question, rv.answer
           from transfers t
           left join point_items i on i.town_id = t.town_id and i.id = t.item_id
           left join campaigns c on c.town_id = t.town_id and c.id = t.cause_id and t.cause_kind = 'checkin'
           left join users s on s.town_id = t.town_id and s.id = t.created_by
           left join lateral (select question, answer from entry_reviews r
                               where r.town_id = t.town_id and r.transfer_id = t.id order by r.id desc limit 1) rv on true
          where t.town_id = $1 and (t.to_account = $2 or t.from_account = $2)
          order by t.created_at desc, t.id desc limit $3",
    )
    .bind(st.town_id)
    .bind(account)
    .bind(ENTRY_LIMIT)
    .fetch_all(&mut *conn)
    .await?;
    let entries = rows_e
        .iter()
        .map(|r| WalletEntry {
            transfer_id: r.get(0),
            amount: r.get(1),
            cause_kind: r.get(2),
            cause_name: r.get(3),
            category: r.get(4),
            memo: r.get(5),
            confirmed_by: r.get(6),
            year: r.get(7),
            time_label: local_time_label(r.get::<DateTime<Utc>, _>(8)),
            reversed: r.get(9),
            review: r.get::<Option<String>, _>(10).map(|question| EntryReview { question, answer: r.get(11) }),
        })
        .collect();
    Ok(Wallet { balance, held: held.unwrap_or(0), years: summarise(&rows), entries })
}
