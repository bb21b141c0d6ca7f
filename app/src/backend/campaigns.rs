//! Check-in campaigns in Postgres: creation by headquarters, the cards
//! residents see, and the per-day statistics staff see.

use super::AppState;
use crate::domain::campaign::{CampaignProblem, NewCampaign, Window, validate_campaign};
use crate::domain::localday::local_day;
use crate::domain::role::Actor;
use crate::error::AppError;
use crate::model::{CampaignCard, CampaignStats, DayCount};
use chrono::NaiveDate;
use sqlx::Row;

fn problem(p: CampaignProblem) -> AppError {
    match p {
        CampaignProblem::NameEmpty => AppError::CampaignNameEmpty,
        CampaignProblem::NameTooLong => AppError::CampaignNameTooLong,
        CampaignProblem::EndsBeforeStart => AppError::CampaignDatesInvalid,
        CampaignProblem::TooLong => AppError::CampaignTooLong,
        CampaignProblem::PointsOutOfRange => AppError::PointsOutOfRange,
    }
}

#[tracing::instrument(skip_all, fields(town = st.town_id, by = actor.user_id))]
pub async fn create(st: &AppState, actor: &Actor, c: NewCampaign) -> Result<i64, AppError> {
    if !actor.may_create_campaign() {
        return Err(AppError::Forbidden);
    }
    let c = validate_campaign(&c).map_err(problem)?;
    if let Some(v) = c.village_id {
        let known: Option<i64> = sqlx::query_scalar("select id from villages where town_id = $1 and id = $2")
            .bind(st.town_id)
            .bind(v)
            .fetch_optional(&st.pool)
            .await?;
        known.ok_or(AppError::VillageUnknown)?;
    }
    // Check-ins are reported under the catalogue's river check-in item.
    let id = sqlx::query_scalar(
        "insert into campaigns (town_id, name, topic, village_id, starts_on, ends_on, points_per_checkin, created_by, item_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8,
                 (select id from point_items where town_id = $1 and code = 'river_checkin'))
         returning id",
    )
    .bind(st.town_id)
    .bind(&c.name)
    .bind(&c.topic)
    .bind(c.village_id)
    .bind(c.window.starts_on)
    .bind(c.window.ends_on)
    .bind(c.points_per_checkin)
    .bind(actor.user_id)
    .fetch_one(&st.pool)
    .await?;
    Ok(id)
}

const CARD_SELECT: &str = "
    select c.id, c.name, c.topic, c.village_id, v.name, c.starts_on, c.ends_on, c.points_per_checkin,
           (select count(*) from checkins k where k.town_id = c.town_id and k.campaign_id = c.id),
           (select count(distinct k.user_id) from checkins k where k.town_id = c.town_id and k.campaign_id = c.id),
           exists (select 1 from checkins k where k.town_id = c.town_id and k.campaign_id = c.id
                    and k.user_id = $2 and k.local_day = $3 and k.awarded)
      from campaigns c left join villages v on v.town_id = c.town_id and v.id = c.village_id
     where c.town_id = $1";

fn card(row: &sqlx::postgres::PgRow, today: NaiveDate) -> CampaignCard {
    let window = Window { starts_on: row.get(5), ends_on: row.get(6) };
    CampaignCard {
        id: row.get(0),
        name: row.get(1),
        topic: row.get(2),
        village_id: row.get(3),
        village_name: row.get(4),
        starts_on: window.starts_on.to_string(),
        ends_on: window.ends_on.to_string(),
        points_per_checkin: row.get(7),
        days_left: window.days_left(today),
        is_open: window.openness(today) == crate::domain::campaign::Openness::Open,
        checkins: row.get(8),
        participants: row.get(9),
        awarded_today: row.get(10),
    }
}

/// Campaigns open today that `village` may join (town-wide ones and its own);
/// `None` shows every open campaign.
pub async fn open_for(st: &AppState, village: Option<i64>, viewer: Option<i64>) -> Result<Vec<CampaignCard>, AppError> {
    let today = local_day(st.clock.now());
    let sql = format!(
        "{CARD_SELECT} and c.starts_on <= $3 and c.ends_on >= $3
           and ($4::bigint is null or c.village_id is null or c.village_id = $4)
         order by c.ends_on, c.id"
    );
    let rows = sqlx::query(&sql)
        .bind(st.town_id)
        .bind(viewer.unwrap_or(0))
        .bind(today)
        .bind(village)
        .fetch_all(&st.pool)
        .await?;
    Ok(rows.iter().map(|r| card(r, today)).collect())
}

/// Every campaign a staff member may see, newest first.
pub async fn visible_to_staff(st: &AppState, actor: &Actor) -> Result<Vec<CampaignCard>, AppError> {
    let today = local_day(st.clock.now());
    let sql = format!("{CARD_SELECT} order by c.starts_on desc, c.id desc");
    let rows = sqlx::query(&sql).bind(st.town_id).bind(0i64).bind(today).fetch_all(&st.pool).await?;
    Ok(rows
        .iter()
        .map(|r| card(r, today))
        .filter(|c| actor.may_view_campaign_stats(c.village_id))
        .collect())
}

pub async fn get(st: &AppState, id: i64, viewer: Option<i64>) -> Result<CampaignCard, AppError> {
    let today = local_day(st.clock.now());
    let sql = format!("{CARD_SELECT} and c.id = $4");
    let row = sqlx::query(&sql)
        .bind(st.town_id)
        .bind(viewer.unwrap_or(0))
        .bind(today)
        .bind(id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::CampaignNotFound)?;
    Ok(card(&row, today))
}

/// Check-ins and distinct participants per town day, for staff.
#[tracing::instrument(skip_all, fields(campaign = id))]
pub async fn stats(st: &AppState, actor: &Actor, id: i64) -> Result<CampaignStats, AppError> {
    let campaign = get(st, id, None).await?;
    if !actor.may_view_campaign_stats(campaign.village_id) {
        return Err(AppError::Forbidden);
    }
    let rows = sqlx::query(
        "select local_day, count(*), count(distinct user_id) from checkins
          where town_id = $1 and campaign_id = $2 group by local_day order by local_day",
    )
    .bind(st.town_id)
    .bind(id)
    .fetch_all(&st.pool)
    .await?;
    let per_day = rows
        .iter()
        .map(|r| DayCount { day: r.get::<NaiveDate, _>(0).to_string(), checkins: r.get(1), participants: r.get(2) })
        .collect();
    Ok(CampaignStats { campaign, per_day })
}

/// The most persistent participants of a campaign: distinct town days with
/// a check-in, at least `min_days`, most first. Staff use it to invite the
/// core of a new volunteer team.
pub async fn persistent_participants(
    st: &AppState,
    campaign_id: i64,
    min_days: i64,
    limit: i64,
) -> Result<Vec<crate::model::LeaderRow>, AppError> {
    let rows = sqlx::query(
        "select k.user_id, u.display_name, v.name, count(distinct k.local_day), count(*)
           from checkins k
           join users u on u.town_id = k.town_id and u.id = k.user_id
           left join villages v on v.town_id = u.town_id and v.id = u.village_id
          where k.town_id = $1 and k.campaign_id = $2
          group by k.user_id, u.display_name, v.name
         having count(distinct k.local_day) >= $3
          order by 4 desc, 5 desc, k.user_id
          limit $4",
    )
    .bind(st.town_id)
    .bind(campaign_id)
    .bind(min_days)
    .bind(limit)
    .fetch_all(&st.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| crate::model::LeaderRow {
            user_id: r.get(0),
            display_name: r.get(1),
            village_name: r.get(2),
            days: r.get(3),
            checkins: r.get(4),
        })
        .collect())
}
