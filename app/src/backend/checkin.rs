//! Posting a check-in: a post with its photo, and at most one award per
//! depositor, campaign and town day. The award goes through the ledger with
//! an idempotency key naming that day, and a partial unique index on
//! `checkins` says the same thing again in the schema. The writes are one
//! database function, so a check-in costs one round trip once admitted.

use super::images::StoredPhoto;
use super::AppState;
use crate::domain::campaign::{Openness, Window};
use crate::domain::checkin::{TextProblem, award_key, validate_text};
use crate::domain::localday::local_day;
use crate::error::AppError;
use crate::model::{CheckinOutcome, SessionUser};
use chrono::NaiveDate;
use sqlx::Row;

pub fn text_problem(p: TextProblem) -> AppError {
    match p {
        TextProblem::Empty => AppError::TextEmpty,
        TextProblem::TooLong => AppError::TextTooLong,
    }
}

/// What a check-in to a campaign earns and how it is reported.
#[derive(Debug, Clone)]
pub struct Admitted {
    pub points: i64,
    pub topic: String,
    pub item_id: Option<i64>,
    pub category: Option<String>,
}

/// What a campaign asks of a check-in. Campaigns are never edited once
/// created (nor is their item's category), so these are read once per
/// campaign and kept (see `AppState::campaign_rules`).
#[derive(Debug, Clone)]
pub struct CheckinRules {
    village_id: Option<i64>,
    window: Window,
    admitted: Admitted,
}

/// Whether `user` may check in to campaign `campaign_id` today.
pub async fn admissible(st: &AppState, user: &SessionUser, campaign_id: i64) -> Result<Admitted, AppError> {
    let rules = match st.campaign_rules.get(&campaign_id) {
        Some(r) => r,
        None => {
            let r = std::sync::Arc::new(read_rules(st, campaign_id).await?);
            st.campaign_rules.insert(campaign_id, r.clone());
            r
        }
    };
    if rules.village_id.is_some() && rules.village_id != user.village_id {
        return Err(AppError::CampaignOtherVillage);
    }
    match rules.window.openness(local_day(st.clock.now())) {
        Openness::NotStarted => Err(AppError::CampaignNotStarted),
        Openness::Ended => Err(AppError::CampaignEnded),
        Openness::Open => Ok(rules.admitted.clone()),
    }
}

async fn read_rules(st: &AppState, campaign_id: i64) -> Result<CheckinRules, AppError> {
    let row = sqlx::query(
        "select c.village_id, c.starts_on, c.ends_on, c.points_per_checkin, c.topic, c.item_id, i.category
           from campaigns c left join point_items i on i.town_id = c.town_id and i.id = c.item_id
          where c.town_id = $1 and c.id = $2",
    )
    .bind(st.town_id)
    .bind(campaign_id)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::CampaignNotFound)?;
    Ok(CheckinRules {
        village_id: row.get(0),
        window: Window { starts_on: row.get::<NaiveDate, _>(1), ends_on: row.get::<NaiveDate, _>(2) },
        admitted: Admitted {
            points: row.get::<i32, _>(3) as i64,
            topic: row.get(4),
            item_id: row.get(5),
            category: row.get(6),
        },
    })
}

#[tracing::instrument(skip_all, fields(town = st.town_id, user = user.id, campaign = campaign_id))]
pub async fn post(
    st: &AppState,
    user: &SessionUser,
    campaign_id: i64,
    text: &str,
    photo: &StoredPhoto,
) -> Result<CheckinOutcome, AppError> {
    let body = validate_text(text).map_err(text_problem)?;
    let admitted = admissible(st, user, campaign_id).await?;
    let now = st.clock.now();
    let day = local_day(now);

    // One round trip: see `checkin_post` in the migrations.
    let (post_id, transfer_id): (i64, Option<i64>) =
        sqlx::query_as("select * from checkin_post($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
            .bind(st.town_id)
            .bind(user.id)
            .bind(campaign_id)
            .bind(&body)
            .bind(&admitted.topic)
            .bind(photo.id)
            .bind(day)
            .bind(now)
            .bind(award_key(campaign_id, user.id, day))
            .bind(admitted.points)
            .bind(admitted.item_id)
            .bind(admitted.category.as_deref())
            .fetch_one(&st.pool)
            .await?;
    st.feed_cache.changed();
    let awarded = transfer_id.is_some();
    tracing::info!(post_id, awarded, "check-in posted");
    Ok(CheckinOutcome { post_id, awarded: awarded.then_some(admitted.points) })
}
