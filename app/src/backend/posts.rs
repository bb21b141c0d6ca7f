//! Writing to the 文明圈: posts with up to nine photos and a topic (as
//! oneself or as one's department), likes and comments. A post by a
//! depositor earns the catalogue's posting item within its caps, in the
//! same transaction as the post.

use super::images::StoredPhoto;
use super::{AppState, awards, feed, notify, request};
use crate::domain::post::{self, PostProblem, TextProblem};
use crate::error::AppError;
use crate::model::{CommentItem, PersonPage, PostDetail, PostOutcome, SessionUser};
use crate::domain::localday::local_time_label;
use chrono::{DateTime, Utc};
use sqlx::Row;

/// The catalogue item a feed post earns (线上展与文化活动, "online participation").
pub const POSTING_ITEM: &str = "online_exhibition";

pub fn post_problem(p: PostProblem) -> AppError {
    match p {
        PostProblem::Empty => AppError::PostEmpty,
        PostProblem::TooLong => AppError::PostTooLong,
        PostProblem::TooManyPhotos => AppError::TooManyPhotos,
        PostProblem::TopicInvalid => AppError::TopicInvalid,
    }
}

pub fn comment_problem(p: TextProblem) -> AppError {
    match p {
        TextProblem::Empty => AppError::CommentEmpty,
        TextProblem::TooLong => AppError::CommentTooLong,
    }
}

#[derive(Debug, Clone)]
pub struct NewPost<'a> {
    pub body: &'a str,
    pub topic: &'a str,
    pub photos: &'a [StoredPhoto],
    /// Post as the author's department (department staff only).
    pub as_department: bool,
}

#[tracing::instrument(skip_all, fields(town = st.town_id, user = user.id, photos = new.photos.len()))]
pub async fn create(st: &AppState, user: &SessionUser, new: NewPost<'_>) -> Result<PostOutcome, AppError> {
    let body = post::validate_post(new.body, new.photos.len()).map_err(post_problem)?;
    let topic = post::normalize_topic(new.topic).map_err(post_problem)?;
    let department = if new.as_department { Some(user.department_id.ok_or(AppError::Forbidden)?) } else { None };
    // A photo-only post still needs text in the schema: a camera says it.
    let body = if body.is_empty() { "📷".to_string() } else { body };
    let now = st.clock.now();
    let mut tx = st.pool.begin().await?;
    let post_id: i64 = sqlx::query_scalar(
        "insert into posts (town_id, author_id, body, topic, department_id, created_at)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(st.town_id)
    .bind(user.id)
    .bind(&body)
    .bind(&topic)
    .bind(department)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if !new.photos.is_empty() {
        let positions: Vec<i16> = (0..new.photos.len() as i16).collect();
        let media: Vec<uuid::Uuid> = new.photos.iter().map(|p| p.id).collect();
        sqlx::query(
            "insert into post_photos (town_id, post_id, position, media_id)
             select $1, $2, pos, media from unnest($3::smallint[], $4::uuid[]) as x(pos, media)",
        )
        .bind(st.town_id)
        .bind(post_id)
        .bind(&positions)
        .bind(&media)
        .execute(&mut *tx)
        .await?;
    }
    let mut points = None;
    if !user.role.is_staff() {
        let item: Option<i64> = sqlx::query_scalar("select id from point_items where town_id = $1 and code = $2")
            .bind(st.town_id)
            .bind(POSTING_ITEM)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(item) = item {
            let key = format!("post:{post_id}");
            let (outcome, _, moved) =
                awards::call_award(&mut *tx, st.town_id, user.id, item, &key, &key, None, None, now).await?;
            if outcome == "awarded" {
                points = Some(moved);
            }
        }
    }
    tx.commit().await?;
    st.feed_cache.changed();
    tracing::info!(post_id, ?points, "post published");
    Ok(PostOutcome { post_id, points })
}

/// Likes the post, or takes the like back if the viewer already liked it.
/// Returns whether the viewer likes it now.
pub async fn toggle_like(st: &AppState, user_id: i64, post_id: i64) -> Result<bool, AppError> {
    visible(st, user_id, post_id).await?;
    let removed = sqlx::query("delete from post_likes where town_id = $1 and post_id = $2 and user_id = $3")
        .bind(st.town_id)
        .bind(post_id)
        .bind(user_id)
        .execute(&st.pool)
        .await?
        .rows_affected();
    if removed > 0 {
        st.feed_cache.changed();
        return Ok(false);
    }
    sqlx::query("insert into post_likes (town_id, post_id, user_id) values ($1, $2, $3) on conflict do nothing")
        .bind(st.town_id)
        .bind(post_id)
        .bind(user_id)
        .execute(&st.pool)
        .await?;
    st.feed_cache.changed();
    Ok(true)
}

/// Fails with `NotFound` unless the post exists and is visible to `user_id`
/// (hidden posts accept nothing but from their author's view).
async fn visible(st: &AppState, user_id: i64, post_id: i64) -> Result<i64, AppError> {
    let author: Option<i64> = sqlx::query_scalar(
        "select author_id from posts where town_id = $1 and id = $2 and (hidden_at is null or author_id = $3)",
    )
    .bind(st.town_id)
    .bind(post_id)
    .bind(user_id)
    .fetch_optional(&st.pool)
    .await?;
    author.ok_or(AppError::NotFound)
}

/// A comment on a post, as oneself or (department staff) as the department.
/// The post's author is told, unless they wrote the comment.
#[tracing::instrument(skip_all, fields(town = st.town_id, user = user.id, post = post_id))]
pub async fn comment(st: &AppState, user: &SessionUser, post_id: i64, text: &str, as_department: bool) -> Result<i64, AppError> {
    let body = post::bounded_text(text, post::MAX_COMMENT_CHARS).map_err(comment_problem)?;
    let department = if as_department { Some(user.department_id.ok_or(AppError::Forbidden)?) } else { None };
    let author = visible(st, user.id, post_id).await?;
    let now = st.clock.now();
    let mut tx = st.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "insert into comments (town_id, post_id, author_id, department_id, body, created_at)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(st.town_id)
    .bind(post_id)
    .bind(user.id)
    .bind(department)
    .bind(&body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if author != user.id {
        let who = match (&department, &user.department_name) {
            (Some(_), Some(d)) => d.clone(),
            _ => user.display_name.clone(),
        };
        let excerpt: String = body.chars().take(60).collect();
        notify::send(&mut tx, st.town_id, author, "reply", &who, &excerpt, &format!("/posts/{post_id}#comment-{id}"), now).await?;
    }
    tx.commit().await?;
    st.feed_cache.changed();
    Ok(id)
}

/// A post's page: the post, its comments, and what the viewer may do.
pub async fn detail(st: &AppState, viewer: Option<&SessionUser>, post_id: i64) -> Result<PostDetail, AppError> {
    let viewer_id = viewer.map(|u| u.id);
    let (item, author_village) = feed::one(st, viewer_id, post_id).await?;
    let can_moderate = viewer.is_some_and(|u| request::actor_of(u).may_moderate(author_village));
    if item.hidden_reason.is_some() && viewer_id != Some(item.author_id) && !can_moderate {
        return Err(AppError::NotFound);
    }
    let rows = sqlx::query(
        "select c.id, c.author_id, u.display_name, d.name, c.body, c.created_at, c.hidden_reason
           from comments c
           join users u on u.town_id = c.town_id and u.id = c.author_id
           left join departments d on d.town_id = c.town_id and d.id = c.department_id
          where c.town_id = $1 and c.post_id = $2 and (c.hidden_at is null or $3 or c.author_id = $4)
          order by c.id",
    )
    .bind(st.town_id)
    .bind(post_id)
    .bind(can_moderate)
    .bind(viewer_id.unwrap_or(0))
    .fetch_all(&st.pool)
    .await?;
    let comments = rows
        .iter()
        .map(|r| CommentItem {
            id: r.get(0),
            author_id: r.get(1),
            author_name: r.get(2),
            department_name: r.get(3),
            body: r.get(4),
            time_label: local_time_label(r.get::<DateTime<Utc>, _>(5)),
            hidden_reason: r.get(6),
        })
        .collect();
    Ok(PostDetail {
        item,
        comments,
        can_moderate,
        reply_as: viewer.and_then(|u| u.department_name.clone()),
        logged_in: viewer.is_some(),
    })
}

/// A depositor's own page: who they are and their posts.
pub async fn person(st: &AppState, viewer: Option<i64>, user_id: i64, before: Option<i64>) -> Result<PersonPage, AppError> {
    let row = sqlx::query(
        "select u.display_name, v.name from users u
           left join villages v on v.town_id = u.town_id and v.id = u.village_id
          where u.town_id = $1 and u.id = $2",
    )
    .bind(st.town_id)
    .bind(user_id)
    .fetch_optional(&st.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let posts = feed::page(st, viewer, &feed::Filter { before, author: Some(user_id), ..feed::Filter::default() }).await?;
    Ok(PersonPage { user_id, display_name: row.get(0), village_name: row.get(1), posts })
}
