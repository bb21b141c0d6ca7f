//! Check-in campaigns in Postgres: creation by headquarters, the cards
//! residents see, and the per-day statistics staff see.

use super::AppState;
use crate::domain::campaign::{CampaignProblem, NewCampaign, Window, validate_campaign};
use crate::domain::localday::local_day;
use crate::domain::role::Actor;
use crate::error::AppError;
use crate::domain::streak::streak;
use crate::model::{CalendarDay, CampaignCard, CampaignProgress, CampaignStats, DayCount};
use chrono::Datelike;
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
           (select count(*) from checkins k where k.town_id = c.town_id and k.campaign_id = c.id and k.rejected_at is null),
           (select count(distinct k.user_id) from checkins k
             where k.town_id = c.town_id and k.campaign_id = c.id and k.rejected_at is null),
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
/// a genuine check-in (at least `min_days`), then the longest run of
/// consecutive days. Staff use it to invite the core of a new volunteer
/// team; the campaign page shows its top as a leaderboard.
pub async fn persistent_participants(
    st: &AppState,
    campaign_id: i64,
    min_days: i64,
    limit: i64,
) -> Result<Vec<crate::model::LeaderRow>, AppError> {
    // Consecutive days share `day - rank`: each such group is one run.
    let rows = sqlx::query(
        "with genuine as (
             select user_id, local_day from checkins
              where town_id = $1 and campaign_id = $2 and rejected_at is null
         ), days as (
             select distinct user_id, local_day from genuine
         ), runs as (
             select user_id, count(*) as len
               from (select user_id, local_day - (row_number() over (partition by user_id order by local_day))::int as run
                       from days) d
              group by user_id, run
         ), per_user as (
             select user_id, sum(len)::bigint as days, max(len) as best from runs group by user_id
         )
         select p.user_id, u.display_name, v.name, p.days,
                (select count(*) from genuine g where g.user_id = p.user_id), p.best
           from per_user p
           join users u on u.town_id = $1 and u.id = p.user_id
           left join villages v on v.town_id = u.town_id and v.id = u.village_id
          where p.days >= $3
          order by p.days desc, p.best desc, p.user_id
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
            best_streak: r.get(5),
        })
        .collect())
}

/// The distinct town days on which `user_id` made a genuine check-in.
pub async fn checkin_days(st: &AppState, campaign_id: i64, user_id: i64) -> Result<Vec<NaiveDate>, AppError> {
    Ok(sqlx::query_scalar(
        "select distinct local_day from checkins
          where town_id = $1 and campaign_id = $2 and user_id = $3 and rejected_at is null
          order by 1",
    )
    .bind(st.town_id)
    .bind(campaign_id)
    .bind(user_id)
    .fetch_all(&st.pool)
    .await?)
}

/// Longest calendar shown on a campaign page; longer campaigns show the
/// weeks up to today.
const CALENDAR_DAYS: i64 = 63;

/// The campaign page: progress, the viewer's streak and calendar, and the
/// leaderboard.
#[tracing::instrument(skip_all, fields(campaign = id))]
pub async fn progress(st: &AppState, id: i64, viewer: Option<i64>) -> Result<CampaignProgress, AppError> {
    let card = get(st, id, viewer).await?;
    let today = local_day(st.clock.now());
    let window = Window {
        starts_on: NaiveDate::parse_from_str(&card.starts_on, "%Y-%m-%d").map_err(|_| AppError::Internal)?,
        ends_on: NaiveDate::parse_from_str(&card.ends_on, "%Y-%m-%d").map_err(|_| AppError::Internal)?,
    };
    let days = match viewer {
        Some(u) => checkin_days(st, id, u).await?,
        None => Vec::new(),
    };
    let streak_today = today.min(window.ends_on);
    let streak = viewer.map(|_| {
        let mut s = streak(&days, streak_today);
        if today > window.ends_on {
            // After the end nothing can extend a run: the last one is final.
            s.current = streak(&days, window.ends_on).current;
        }
        s
    });
    let last = window.ends_on;
    let first = if window.length_days() > CALENDAR_DAYS {
        (today.min(last) - chrono::Duration::days(CALENDAR_DAYS - 1)).max(window.starts_on)
    } else {
        window.starts_on
    };
    let last = if window.length_days() > CALENDAR_DAYS { (first + chrono::Duration::days(CALENDAR_DAYS - 1)).min(last) } else { last };
    let calendar = first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|d| CalendarDay {
            day: d.to_string(),
            day_of_month: d.day(),
            weekday: d.weekday().num_days_from_monday(),
            checked: days.binary_search(&d).is_ok(),
            is_today: d == today,
            is_future: d > today,
        })
        .collect();
    let leaders = persistent_participants(st, id, 1, 10).await?;
    Ok(CampaignProgress { card, streak, calendar, leaders })
}
