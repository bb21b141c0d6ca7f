//! The in-app inbox. Points received or reversed are read straight from the
//! ledger (an award writes nothing extra); replies, moderation outcomes and
//! check-ins found not genuine are rows in `notifications`. A per-person
//! mark records how far the inbox has been read.

use super::AppState;
use crate::domain::localday::local_time_label;
use crate::error::AppError;
use crate::model::{InboxCursor, InboxItem, InboxPage};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, Row};

/// How many entries the inbox page shows.
const INBOX_SIZE: i64 = 40;

/// Tells `user_id` something, inside the caller's transaction.
pub async fn send(
    conn: &mut PgConnection,
    town_id: i64,
    user_id: i64,
    kind: &str,
    actor: &str,
    detail: &str,
    link: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into notifications (town_id, user_id, kind, actor, detail, link, created_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(town_id)
    .bind(user_id)
    .bind(kind)
    .bind(actor)
    .bind(detail)
    .bind(link)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Unread ledger entries and notifications of `user_id`.
pub async fn unread(st: &AppState, user_id: i64) -> Result<i64, AppError> {
    let n: i64 = sqlx::query_scalar(
        "select (select count(*) from transfers t
                  where t.town_id = $1 and t.to_account = w.id and t.id > coalesce(m.seen_transfer_id, 0))
              + (select count(*) from transfers t
                  where t.town_id = $1 and t.from_account = w.id and t.id > coalesce(m.seen_transfer_id, 0))
              + (select count(*) from notifications n
                  where n.town_id = $1 and n.user_id = $2 and n.id > coalesce(m.seen_notification_id, 0))
           from (select 1) one
           left join accounts w on w.town_id = $1 and w.kind = 'depositor' and w.user_id = $2
           left join inbox_marks m on m.town_id = $1 and m.user_id = $2",
    )
    .bind(st.town_id)
    .bind(user_id)
    .fetch_one(&st.pool)
    .await?;
    Ok(n)
}

/// The newest entries of the inbox, then everything in it counts as read.
pub async fn open_inbox(st: &AppState, user_id: i64) -> Result<Vec<InboxItem>, AppError> {
    Ok(inbox_page(st, user_id, None).await?.items)
}

/// A page of the inbox: the newest (`below` = `None`, and then everything
/// counts as read) or the one older than `below`.
#[tracing::instrument(skip_all, fields(town = st.town_id, user = user_id))]
pub async fn inbox_page(st: &AppState, user_id: i64, below: Option<InboxCursor>) -> Result<InboxPage, AppError> {
    let bound = below.unwrap_or(InboxCursor { transfer: i64::MAX, note: i64::MAX });
    let marks: Option<(i64, i64)> = sqlx::query_as(
        "select seen_transfer_id, seen_notification_id from inbox_marks where town_id = $1 and user_id = $2",
    )
    .bind(st.town_id)
    .bind(user_id)
    .fetch_optional(&st.pool)
    .await?;
    let (seen_transfer, seen_note) = marks.unwrap_or((0, 0));

    let ledger_rows = sqlx::query(
        "select t.id, t.created_at, case when t.to_account = w.id then t.amount else -t.amount end,
                t.cause_kind, coalesce(i.name, c.name, ''), t.memo
           from accounts w
           join transfers t on t.town_id = w.town_id and (t.to_account = w.id or t.from_account = w.id)
           left join point_items i on i.town_id = t.town_id and i.id = t.item_id
           left join campaigns c on c.town_id = t.town_id and t.cause_kind = 'checkin' and c.id = t.cause_id
          where w.town_id = $1 and w.kind = 'depositor' and w.user_id = $2 and t.id < $4
          order by t.id desc limit $3",
    )
    .bind(st.town_id)
    .bind(user_id)
    .bind(INBOX_SIZE + 1)
    .bind(bound.transfer)
    .fetch_all(&st.pool)
    .await?;
    let note_rows = sqlx::query(
        "select id, created_at, kind, actor, detail, link from notifications
          where town_id = $1 and user_id = $2 and id < $4 order by id desc limit $3",
    )
    .bind(st.town_id)
    .bind(user_id)
    .bind(INBOX_SIZE + 1)
    .bind(bound.note)
    .fetch_all(&st.pool)
    .await?;

    // (when, from the ledger?, id, entry)
    let mut items: Vec<(DateTime<Utc>, bool, i64, InboxItem)> = Vec::new();
    let mut top_transfer = seen_transfer;
    for r in &ledger_rows {
        let id: i64 = r.get(0);
        top_transfer = top_transfer.max(id);
        let amount: i64 = r.get(2);
        let cause_kind: String = r.get(3);
        let memo: String = r.get(5);
        // Machine memos (`post:17`) say nothing to a person.
        let detail = if memo.contains(':') && memo.is_ascii() { String::new() } else { memo };
        items.push((
            r.get(1),
            true,
            id,
            InboxItem {
                kind: if cause_kind == "reversal" { "points_reversed".into() } else if amount >= 0 { "points_in".into() } else { "points_out".into() },
                amount: Some(amount),
                actor: r.get(4),
                detail,
                link: "/wallet".into(),
                time_label: local_time_label(r.get(1)),
                unread: id > seen_transfer,
            },
        ));
    }
    let mut top_note = seen_note;
    for r in &note_rows {
        let id: i64 = r.get(0);
        top_note = top_note.max(id);
        items.push((
            r.get(1),
            false,
            id,
            InboxItem {
                kind: r.get(2),
                amount: None,
                actor: r.get(3),
                detail: r.get(4),
                link: r.get(5),
                time_label: local_time_label(r.get(1)),
                unread: id > seen_note,
            },
        ));
    }
    items.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.cmp(&a.2)));
    let has_more = items.len() > INBOX_SIZE as usize;
    items.truncate(INBOX_SIZE as usize);
    // The next page starts below the oldest entry shown from each source
    // (or where this page started, if none of that source was shown).
    let older = has_more.then(|| InboxCursor {
        transfer: items.iter().filter(|i| i.1).map(|i| i.2).min().unwrap_or(bound.transfer),
        note: items.iter().filter(|i| !i.1).map(|i| i.2).min().unwrap_or(bound.note),
    });

    if below.is_none() && (top_transfer > seen_transfer || top_note > seen_note) {
        sqlx::query(
            "insert into inbox_marks (town_id, user_id, seen_transfer_id, seen_notification_id) values ($1, $2, $3, $4)
             on conflict (town_id, user_id) do update
               set seen_transfer_id = greatest(inbox_marks.seen_transfer_id, excluded.seen_transfer_id),
                   seen_notification_id = greatest(inbox_marks.seen_notification_id, excluded.seen_notification_id)",
        )
        .bind(st.town_id)
        .bind(user_id)
        .bind(top_transfer)
        .bind(top_note)
        .execute(&st.pool)
        .await?;
    }
    Ok(InboxPage { items: items.into_iter().map(|(_, _, _, i)| i).collect(), older })
}
