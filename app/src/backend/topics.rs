//! Topics (`#老物件`) and the online exhibitions (线上展) headquarters makes
//! of them: a title, an introduction and hand-picked posts of the topic.

use super::{AppState, feed};
use crate::domain::post::{self, MAX_INTRO_CHARS, MAX_TITLE_CHARS, TextProblem};
use crate::domain::role::Actor;
use crate::error::AppError;
use crate::model::{Exhibition, TopicPage, TopicSummary};
use sqlx::Row;

/// Most posts an exhibition can show.
pub const MAX_EXHIBITION_POSTS: usize = 30;

/// Topics with visible posts, most recently used first.
pub async fn list(st: &AppState) -> Result<Vec<TopicSummary>, AppError> {
    let rows = sqlx::query(
        "select p.topic, count(*), e.id
           from posts p left join exhibitions e on e.town_id = p.town_id and e.topic = p.topic
          where p.town_id = $1 and p.topic is not null and p.hidden_at is null
          group by p.topic, e.id
          order by max(p.id) desc
          limit 60",
    )
    .bind(st.town_id)
    .fetch_all(&st.pool)
    .await?;
    Ok(rows.iter().map(|r| TopicSummary { topic: r.get(0), posts: r.get(1), exhibition_id: r.get(2) }).collect())
}

pub async fn page(st: &AppState, viewer: Option<&Actor>, topic: &str, before: Option<i64>) -> Result<TopicPage, AppError> {
    let topic = post::normalize_topic(topic).ok().flatten().ok_or(AppError::NotFound)?;
    let current = sqlx::query(
        "select e.id, e.title, e.intro,
                array(select x.post_id from exhibition_posts x
                       where x.town_id = e.town_id and x.exhibition_id = e.id order by x.position)
           from exhibitions e where e.town_id = $1 and e.topic = $2",
    )
    .bind(st.town_id)
    .bind(&topic)
    .fetch_optional(&st.pool)
    .await?;
    let filter = feed::Filter { before, topic: Some(topic.clone()), ..feed::Filter::default() };
    let posts = feed::page(st, viewer.map(|a| a.user_id), &filter).await?;
    Ok(TopicPage {
        exhibition_id: current.as_ref().map(|r| r.get(0)),
        exhibition_title: current.as_ref().map(|r| r.get(1)).unwrap_or_default(),
        exhibition_intro: current.as_ref().map(|r| r.get(2)).unwrap_or_default(),
        exhibition_posts: current.as_ref().map(|r| r.get(3)).unwrap_or_default(),
        topic,
        may_curate: viewer.is_some_and(|a| a.may_curate()),
        posts,
    })
}

fn title_problem(p: TextProblem) -> AppError {
    match p {
        TextProblem::Empty => AppError::TitleEmpty,
        TextProblem::TooLong => AppError::TitleTooLong,
    }
}

/// Turns `topic` into an exhibition of `post_ids` (in that order), all of
/// which must be visible posts of the topic. Doing it again for the same
/// topic replaces title, introduction and selection.
#[tracing::instrument(skip_all, fields(town = st.town_id, by = actor.user_id, posts = post_ids.len()))]
pub async fn curate(
    st: &AppState,
    actor: &Actor,
    topic: &str,
    title: &str,
    intro: &str,
    post_ids: &[i64],
) -> Result<i64, AppError> {
    if !actor.may_curate() {
        return Err(AppError::Forbidden);
    }
    let topic = post::normalize_topic(topic).ok().flatten().ok_or(AppError::TopicInvalid)?;
    let title = post::bounded_text(title, MAX_TITLE_CHARS).map_err(title_problem)?;
    let intro = intro.trim();
    if intro.chars().count() > MAX_INTRO_CHARS {
        return Err(AppError::IntroTooLong);
    }
    let mut ids: Vec<i64> = Vec::new();
    for id in post_ids {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    if ids.is_empty() {
        return Err(AppError::ExhibitionEmpty);
    }
    if ids.len() > MAX_EXHIBITION_POSTS {
        return Err(AppError::ExhibitionTooBig);
    }
    let mut tx = st.pool.begin().await?;
    let fitting: i64 = sqlx::query_scalar(
        "select count(*) from posts p
          where p.town_id = $1 and p.id = any($2) and p.topic = $3 and p.hidden_at is null
            and not exists (select 1 from checkins k
                             where k.town_id = p.town_id and k.post_id = p.id and k.rejected_at is not null)",
    )
    .bind(st.town_id)
    .bind(&ids)
    .bind(&topic)
    .fetch_one(&mut *tx)
    .await?;
    if fitting != ids.len() as i64 {
        return Err(AppError::ExhibitionPostsInvalid);
    }
    let id: i64 = sqlx::query_scalar(
        "insert into exhibitions (town_id, topic, title, intro, created_by) values ($1, $2, $3, $4, $5)
         on conflict (town_id, topic) do update set title = excluded.title, intro = excluded.intro
         returning id",
    )
    .bind(st.town_id)
    .bind(&topic)
    .bind(&title)
    .bind(intro)
    .bind(actor.user_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("delete from exhibition_posts where town_id = $1 and exhibition_id = $2")
        .bind(st.town_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let positions: Vec<i32> = (0..ids.len() as i32).collect();
    sqlx::query(
        "insert into exhibition_posts (town_id, exhibition_id, post_id, position)
         select $1, $2, post, pos from unnest($3::bigint[], $4::int[]) as x(post, pos)",
    )
    .bind(st.town_id)
    .bind(id)
    .bind(&ids)
    .bind(&positions)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn exhibition(st: &AppState, viewer: Option<i64>, id: i64) -> Result<Exhibition, AppError> {
    let row = sqlx::query("select topic, title, intro from exhibitions where town_id = $1 and id = $2")
        .bind(st.town_id)
        .bind(id)
        .fetch_optional(&st.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "select post_id from exhibition_posts where town_id = $1 and exhibition_id = $2 order by position",
    )
    .bind(st.town_id)
    .bind(id)
    .fetch_all(&st.pool)
    .await?;
    // Hidden posts are left out by `these`; check-ins found not genuine
    // after they were picked are left out here.
    let mut posts = feed::these(st, viewer, &ids).await?;
    posts.retain(|p| p.rejected_reason.is_none());
    Ok(Exhibition { id, topic: row.get(0), title: row.get(1), intro: row.get(2), posts })
}
