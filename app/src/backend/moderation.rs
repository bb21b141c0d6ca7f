//! Reports and moderation. Anyone logged in may report a post or a comment;
//! headquarters and the branch of the post author's village see the queue
//! and hide or restore content with a reason. Hidden content is kept, the
//! author and the reporters are told, and every action is logged.

use super::{AppState, notify};
use crate::domain::localday::local_time_label;
use crate::domain::post::{self, MAX_REASON_CHARS, TextProblem};
use crate::domain::role::Actor;
use crate::error::AppError;
use crate::model::{HiddenItem, ModerationQueue, ReportItem, ReportReason};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, Row};

fn reason_problem(p: TextProblem) -> AppError {
    match p {
        TextProblem::Empty => AppError::ReasonEmpty,
        TextProblem::TooLong => AppError::ReasonTooLong,
    }
}

/// What a moderation action applies to: a post, or one of its comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub post_id: i64,
    pub comment_id: Option<i64>,
}

impl Target {
    fn link(&self) -> String {
        match self.comment_id {
            Some(c) => format!("/posts/{}#comment-{c}", self.post_id),
            None => format!("/posts/{}", self.post_id),
        }
    }
}

/// The village of the post's author, which decides which branch moderates,
/// and the author of the target itself. `NotFound` if the comment is not on
/// that post.
async fn scope(conn: &mut PgConnection, town_id: i64, t: Target) -> Result<(Option<i64>, i64), AppError> {
    let row = sqlx::query(
        "select u.village_id, coalesce(c.author_id, p.author_id)
           from posts p join users u on u.town_id = p.town_id and u.id = p.author_id
           left join comments c on c.town_id = p.town_id and c.post_id = p.id and c.id = $3
          where p.town_id = $1 and p.id = $2 and ($3::bigint is null or c.id is not null)",
    )
    .bind(town_id)
    .bind(t.post_id)
    .bind(t.comment_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok((row.get(0), row.get(1)))
}

#[tracing::instrument(skip_all, fields(town = st.town_id, user = reporter, post = t.post_id))]
pub async fn report(st: &AppState, reporter: i64, t: Target, reason: &str) -> Result<i64, AppError> {
    let reason = post::bounded_text(reason, MAX_REASON_CHARS).map_err(reason_problem)?;
    let mut conn = st.pool.acquire().await?;
    let (_, author) = scope(&mut conn, st.town_id, t).await?;
    if author == reporter {
        return Err(AppError::CannotReportOwn);
    }
    // Hidden content is already out of sight: nothing to report.
    let visible: bool = sqlx::query_scalar(
        "select p.hidden_at is null and ($3::bigint is null or exists (
                    select 1 from comments c where c.town_id = p.town_id and c.id = $3 and c.hidden_at is null))
           from posts p where p.town_id = $1 and p.id = $2",
    )
    .bind(st.town_id)
    .bind(t.post_id)
    .bind(t.comment_id)
    .fetch_one(&mut *conn)
    .await?;
    if !visible {
        return Err(AppError::NotFound);
    }
    let id: Option<i64> = sqlx::query_scalar(
        "insert into reports (town_id, post_id, comment_id, reporter_id, reason, created_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (town_id, reporter_id, post_id, coalesce(comment_id, 0)) where state = 'open' do nothing
         returning id",
    )
    .bind(st.town_id)
    .bind(t.post_id)
    .bind(t.comment_id)
    .bind(reporter)
    .bind(&reason)
    .bind(st.clock.now())
    .fetch_optional(&mut *conn)
    .await?;
    id.ok_or(AppError::AlreadyReported)
}

/// Hides (`hide = true`) or restores the target with `reason`, resolving its
/// open reports as upheld when hiding.
#[tracing::instrument(skip_all, fields(town = st.town_id, by = actor.user_id, post = t.post_id, hide))]
pub async fn set_hidden(st: &AppState, actor: &Actor, t: Target, hide: bool, reason: &str) -> Result<(), AppError> {
    let reason = post::bounded_text(reason, MAX_REASON_CHARS).map_err(reason_problem)?;
    let now = st.clock.now();
    let mut tx = st.pool.begin().await?;
    let (village, author) = scope(&mut tx, st.town_id, t).await?;
    if !actor.may_moderate(village) {
        return Err(AppError::Forbidden);
    }
    let table = if t.comment_id.is_some() { "comments" } else { "posts" };
    let id = t.comment_id.unwrap_or(t.post_id);
    let changed = if hide {
        let sql = format!(
            "update {table} set hidden_at = $3, hidden_reason = $4, hidden_by = $5
              where town_id = $1 and id = $2 and hidden_at is null"
        );
        sqlx::query(&sql).bind(st.town_id).bind(id).bind(now).bind(&reason).bind(actor.user_id).execute(&mut *tx).await?
    } else {
        let sql = format!(
            "update {table} set hidden_at = null, hidden_reason = null, hidden_by = null
              where town_id = $1 and id = $2 and hidden_at is not null"
        );
        sqlx::query(&sql).bind(st.town_id).bind(id).execute(&mut *tx).await?
    }
    .rows_affected();
    if changed == 0 {
        return Err(if hide { AppError::AlreadyHidden } else { AppError::NotHidden });
    }
    sqlx::query(
        "insert into moderation_log (town_id, post_id, comment_id, action, reason, acted_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(st.town_id)
    .bind(t.post_id)
    .bind(t.comment_id)
    .bind(if hide { "hide" } else { "restore" })
    .bind(&reason)
    .bind(actor.user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let kind = match (t.comment_id.is_some(), hide) {
        (false, true) => "post_hidden",
        (false, false) => "post_restored",
        (true, true) => "comment_hidden",
        (true, false) => "comment_restored",
    };
    notify::send(&mut tx, st.town_id, author, kind, "", &reason, &t.link(), now).await?;
    if hide {
        resolve_reports(&mut tx, st.town_id, actor.user_id, t, "upheld", &reason, now).await?;
    }
    tx.commit().await?;
    st.feed_cache.changed();
    Ok(())
}

/// Closes a report without hiding anything; the reporter is told why.
#[tracing::instrument(skip_all, fields(town = st.town_id, by = actor.user_id, report = report_id))]
pub async fn dismiss(st: &AppState, actor: &Actor, report_id: i64, reason: &str) -> Result<(), AppError> {
    let reason = post::bounded_text(reason, MAX_REASON_CHARS).map_err(reason_problem)?;
    let mut tx = st.pool.begin().await?;
    let row = sqlx::query("select post_id, comment_id from reports where town_id = $1 and id = $2 and state = 'open'")
        .bind(st.town_id)
        .bind(report_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::ReportNotFound)?;
    let t = Target { post_id: row.get(0), comment_id: row.get(1) };
    let (village, _) = scope(&mut tx, st.town_id, t).await?;
    if !actor.may_moderate(village) {
        return Err(AppError::Forbidden);
    }
    resolve_reports(&mut tx, st.town_id, actor.user_id, t, "dismissed", &reason, st.clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

async fn resolve_reports(
    conn: &mut PgConnection,
    town_id: i64,
    by: i64,
    t: Target,
    state: &str,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let reporters: Vec<i64> = sqlx::query_scalar(
        "update reports set state = $4, resolved_by = $5, resolution = $6, resolved_at = $7
          where town_id = $1 and post_id = $2 and coalesce(comment_id, 0) = coalesce($3, 0) and state = 'open'
          returning reporter_id",
    )
    .bind(town_id)
    .bind(t.post_id)
    .bind(t.comment_id)
    .bind(state)
    .bind(by)
    .bind(reason)
    .bind(at)
    .fetch_all(&mut *conn)
    .await?;
    // Upheld means hidden: the reporter can no longer open it.
    let link = if state == "upheld" { "/feed".to_string() } else { t.link() };
    for reporter in reporters {
        notify::send(conn, town_id, reporter, "report_resolved", state, reason, &link, at).await?;
    }
    Ok(())
}

/// Open reports and hidden content that `actor` may moderate, newest first.
pub async fn queue(st: &AppState, actor: &Actor) -> Result<ModerationQueue, AppError> {
    let scope_village = actor.moderation_scope().ok_or(AppError::Forbidden)?;
    let rows = sqlx::query(
        "select r.id, r.post_id, r.comment_id, coalesce(c.body, p.body),
                case when r.comment_id is null then coalesce(pd.name, pu.display_name) else coalesce(cd.name, cu.display_name) end,
                case when r.comment_id is null then v.name else cv.name end,
                ru.display_name, r.reason, r.created_at, coalesce(c.hidden_at, p.hidden_at) is not null
           from reports r
           join posts p on p.town_id = r.town_id and p.id = r.post_id
           join users pu on pu.town_id = p.town_id and pu.id = p.author_id
           left join villages v on v.town_id = pu.town_id and v.id = pu.village_id
           left join departments pd on pd.town_id = p.town_id and pd.id = p.department_id
           left join comments c on c.town_id = r.town_id and c.id = r.comment_id
           left join users cu on cu.town_id = c.town_id and cu.id = c.author_id
           left join villages cv on cv.town_id = cu.town_id and cv.id = cu.village_id
           left join departments cd on cd.town_id = c.town_id and cd.id = c.department_id
           join users ru on ru.town_id = r.town_id and ru.id = r.reporter_id
          where r.town_id = $1 and r.state = 'open' and ($2::bigint is null or pu.village_id = $2)
          order by r.id desc limit 100",
    )
    .bind(st.town_id)
    .bind(scope_village)
    .fetch_all(&st.pool)
    .await?;
    // One card per reported post or comment, in the order of its newest
    // report, listing every report on it.
    let mut reports: Vec<ReportItem> = Vec::new();
    for r in &rows {
        let (post_id, comment_id): (i64, Option<i64>) = (r.get(1), r.get(2));
        let reason = ReportReason { reporter_name: r.get(6), reason: r.get(7), time_label: local_time_label(r.get(8)) };
        match reports.iter_mut().find(|i| i.post_id == post_id && i.comment_id == comment_id) {
            Some(item) => item.reports.push(reason),
            None => reports.push(ReportItem {
                id: r.get(0),
                post_id,
                comment_id,
                excerpt: r.get::<String, _>(3).chars().take(120).collect(),
                author_name: r.get(4),
                village_name: r.get(5),
                reports: vec![reason],
                hidden: r.get(9),
            }),
        }
    }
    let rows = sqlx::query(
        "select * from (
            select p.id as post_id, null::bigint as comment_id, p.body, u.display_name, p.hidden_reason, p.hidden_at
              from posts p join users u on u.town_id = p.town_id and u.id = p.author_id
             where p.town_id = $1 and p.hidden_at is not null and ($2::bigint is null or u.village_id = $2)
            union all
            select c.post_id, c.id, c.body, cu.display_name, c.hidden_reason, c.hidden_at
              from comments c join users cu on cu.town_id = c.town_id and cu.id = c.author_id
              join posts p on p.town_id = c.town_id and p.id = c.post_id
              join users pu on pu.town_id = p.town_id and pu.id = p.author_id
             where c.town_id = $1 and c.hidden_at is not null and ($2::bigint is null or pu.village_id = $2)
         ) h order by hidden_at desc limit 50",
    )
    .bind(st.town_id)
    .bind(scope_village)
    .fetch_all(&st.pool)
    .await?;
    let hidden = rows
        .iter()
        .map(|r| HiddenItem {
            post_id: r.get(0),
            comment_id: r.get(1),
            excerpt: r.get::<String, _>(2).chars().take(120).collect(),
            author_name: r.get(3),
            reason: r.get(4),
            time_label: local_time_label(r.get(5)),
        })
        .collect();
    Ok(ModerationQueue { reports, hidden })
}
