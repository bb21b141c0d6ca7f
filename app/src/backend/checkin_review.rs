//! Staff judging check-ins: the recent check-ins of a campaign, and marking
//! one as not genuine (wrong or copied photo). Its points are reversed
//! through the ledger with the reason, it stops counting for streaks, and
//! the depositor is told why.

use super::{AppState, corrections, notify};
use crate::domain::localday::local_time_label;
use crate::domain::post::{self, MAX_REASON_CHARS, TextProblem};
use crate::domain::role::Actor;
use crate::error::AppError;
use crate::model::CheckinRow;
use sqlx::Row;

/// Recent check-ins of campaign `campaign_id` that `actor` may judge.
pub async fn recent(st: &AppState, actor: &Actor, campaign_id: i64, limit: i64) -> Result<Vec<CheckinRow>, AppError> {
    let scope = actor.moderation_scope().ok_or(AppError::Forbidden)?;
    let rows = sqlx::query(
        "select k.id, k.post_id, u.display_name, v.name, p.body, coalesce(m.thumb_path, m.path), k.created_at,
                k.awarded, k.rejected_reason
           from checkins k
           join users u on u.town_id = k.town_id and u.id = k.user_id
           left join villages v on v.town_id = u.town_id and v.id = u.village_id
           join posts p on p.town_id = k.town_id and p.id = k.post_id
           left join post_photos pp on pp.town_id = p.town_id and pp.post_id = p.id and pp.position = 0
           left join media m on m.town_id = pp.town_id and m.id = pp.media_id
          where k.town_id = $1 and k.campaign_id = $2 and ($3::bigint is null or u.village_id = $3)
          order by k.id desc limit $4",
    )
    .bind(st.town_id)
    .bind(campaign_id)
    .bind(scope)
    .bind(limit)
    .fetch_all(&st.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| CheckinRow {
            id: r.get(0),
            post_id: r.get(1),
            author_name: r.get(2),
            village_name: r.get(3),
            body: r.get::<String, _>(4).chars().take(80).collect(),
            thumb_url: r.get::<Option<String>, _>(5).map(|p| crate::urls::media_url(&p)),
            time_label: local_time_label(r.get(6)),
            awarded: r.get(7),
            rejected_reason: r.get(8),
        })
        .collect())
}

/// Marks check-in `checkin_id` as not genuine. Returns the reversal's
/// transfer id when points were reversed.
#[tracing::instrument(skip_all, fields(town = st.town_id, by = actor.user_id, checkin = checkin_id))]
pub async fn reject(st: &AppState, actor: &Actor, campaign_id: i64, checkin_id: i64, reason: &str) -> Result<Option<i64>, AppError> {
    let reason = post::bounded_text(reason, MAX_REASON_CHARS).map_err(|p| match p {
        TextProblem::Empty => AppError::ReasonEmpty,
        TextProblem::TooLong => AppError::ReasonTooLong,
    })?;
    let now = st.clock.now();
    let mut tx = st.pool.begin().await?;
    let row = sqlx::query(
        "select k.user_id, u.village_id, k.transfer_id, k.rejected_at is not null, k.post_id, c.name
           from checkins k
           join users u on u.town_id = k.town_id and u.id = k.user_id
           join campaigns c on c.town_id = k.town_id and c.id = k.campaign_id
          where k.town_id = $1 and k.id = $2 and k.campaign_id = $3
            for update of k",
    )
    .bind(st.town_id)
    .bind(checkin_id)
    .bind(campaign_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let (user_id, village, transfer, already): (i64, Option<i64>, Option<i64>, bool) =
        (row.get(0), row.get(1), row.get(2), row.get(3));
    if !actor.may_moderate(village) {
        return Err(AppError::Forbidden);
    }
    if already {
        return Err(AppError::CheckinAlreadyRejected);
    }
    let reversal = match transfer {
        Some(t) => Some(corrections::reverse_in(&mut tx, st.town_id, t, &reason, actor.user_id, now).await?),
        None => None,
    };
    sqlx::query(
        "update checkins set rejected_at = $3, rejected_reason = $4, rejected_by = $5, reversal_id = $6
          where town_id = $1 and id = $2",
    )
    .bind(st.town_id)
    .bind(checkin_id)
    .bind(now)
    .bind(&reason)
    .bind(actor.user_id)
    .bind(reversal)
    .execute(&mut *tx)
    .await?;
    let post_id: i64 = row.get(4);
    let campaign: String = row.get(5);
    notify::send(&mut tx, st.town_id, user_id, "checkin_rejected", &campaign, &reason, &format!("/posts/{post_id}"), now).await?;
    tx.commit().await?;
    st.feed_cache.changed();
    tracing::info!(?reversal, "check-in marked not genuine");
    Ok(reversal)
}
