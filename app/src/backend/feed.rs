//! Reading the 文明圈: pages of posts, newest first, paged by keyset on the
//! post id. A page costs three queries whatever its size: the posts, their
//! photos, and their like and comment counts. The main feed's pages are
//! shared between readers (see `feed_cache`); a reader then costs one query
//! for their own likes.

use super::{AppState, feed_cache};
use crate::urls::media_url;
use crate::domain::localday::local_time_label;
use crate::error::AppError;
use crate::model::{FeedItem, FeedPage, PhotoRef};
use chrono::{DateTime, Utc};
use sqlx::Row;
use std::collections::{HashMap, HashSet};

pub const PAGE_SIZE: i64 = 20;

/// Which posts a page shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only posts older than this id (the keyset cursor).
    pub before: Option<i64>,
    pub author: Option<i64>,
    pub topic: Option<String>,
    /// Exactly these posts (an exhibition).
    pub only: Option<Vec<i64>>,
    /// Include hidden posts (the caller checks who may see them).
    pub include_hidden: bool,
}

impl Filter {
    /// The unfiltered 文明圈 everyone reads, paged by `before` only.
    fn is_main_feed(&self) -> bool {
        self.author.is_none() && self.topic.is_none() && self.only.is_none() && !self.include_hidden
    }
}

/// A post as read from the database, before photos and counts are added.
struct Row0 {
    item: FeedItem,
    author_village: Option<i64>,
}

/// One page of posts for `viewer` (who sees their own hidden posts).
#[tracing::instrument(skip_all, fields(town = st.town_id, before = filter.before))]
pub async fn page(st: &AppState, viewer: Option<i64>, filter: &Filter) -> Result<FeedPage, AppError> {
    if filter.is_main_feed() {
        return main_page(st, viewer, filter.before).await;
    }
    let rows = posts(st, viewer, filter, PAGE_SIZE + 1).await?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    let items = complete(st, viewer, rows.into_iter().take(PAGE_SIZE as usize).map(|r| r.item).collect()).await?;
    let next_before = if has_more { items.last().map(|i| i.post_id) } else { None };
    Ok(FeedPage { items, next_before })
}

/// A main-feed page: the shared page (read once for all readers while
/// nothing on it changes) with the viewer's likes and hidden posts.
async fn main_page(st: &AppState, viewer: Option<i64>, before: Option<i64>) -> Result<FeedPage, AppError> {
    let shared = match st.feed_cache.get(before) {
        Some(p) => p,
        None => {
            let _one_reader = st.feed_cache.build.lock().await;
            match st.feed_cache.get(before) {
                Some(p) => p,
                None => {
                    let generation = st.feed_cache.generation();
                    let (visible, hidden) = shared_page(st, before).await?;
                    st.feed_cache.put(before, generation, visible, hidden)
                }
            }
        }
    };
    let liked = match viewer {
        Some(v) => match st.feed_cache.liked(v, &shared) {
            Some(set) => set,
            None => {
                let generation = st.feed_cache.generation();
                let ids: Vec<i64> = shared.visible.iter().chain(&shared.hidden).map(|i| i.post_id).collect();
                let set = liked_among(st, v, &ids).await?;
                st.feed_cache.put_liked(v, &shared, generation, set)
            }
        },
        None => Default::default(),
    };
    Ok(feed_cache::personalise(&shared, viewer, &liked, PAGE_SIZE as usize))
}

/// The page as a guest sees it (one post more than a page) and the hidden
/// posts among it, without anyone's likes.
#[tracing::instrument(skip_all, fields(town = st.town_id, before))]
async fn shared_page(st: &AppState, before: Option<i64>) -> Result<(Vec<FeedItem>, Vec<FeedItem>), AppError> {
    let visible: Vec<FeedItem> = posts(st, None, &Filter { before, ..Filter::default() }, PAGE_SIZE + 1)
        .await?
        .into_iter()
        .map(|r| r.item)
        .collect();
    let oldest = if visible.len() as i64 > PAGE_SIZE { visible.last().map(|i| i.post_id) } else { None };
    let hidden_ids: Vec<i64> = sqlx::query_scalar(
        "select id from posts
          where town_id = $1 and hidden_at is not null
            and ($2::bigint is null or id < $2) and id > coalesce($3, 0)
          order by id desc",
    )
    .bind(st.town_id)
    .bind(before)
    .bind(oldest)
    .fetch_all(&st.pool)
    .await?;
    let mut all = visible;
    let n_visible = all.len();
    if !hidden_ids.is_empty() {
        let filter = Filter { only: Some(hidden_ids.clone()), include_hidden: true, ..Filter::default() };
        all.extend(posts(st, None, &filter, hidden_ids.len() as i64).await?.into_iter().map(|r| r.item));
    }
    let mut all = complete(st, None, all).await?;
    let hidden = all.split_off(n_visible);
    Ok((all, hidden))
}

/// Which of `ids` the viewer has liked.
async fn liked_among(st: &AppState, viewer: i64, ids: &[i64]) -> Result<HashSet<i64>, AppError> {
    let liked: Vec<i64> =
        sqlx::query_scalar("select post_id from post_likes where town_id = $1 and user_id = $2 and post_id = any($3)")
            .bind(st.town_id)
            .bind(viewer)
            .bind(ids)
            .fetch_all(&st.pool)
            .await?;
    Ok(liked.into_iter().collect())
}

/// One post with its author's village (for moderation scope), hidden or not.
pub async fn one(st: &AppState, viewer: Option<i64>, post_id: i64) -> Result<(FeedItem, Option<i64>), AppError> {
    let filter = Filter { only: Some(vec![post_id]), include_hidden: true, ..Filter::default() };
    let row = posts(st, viewer, &filter, 1).await?.into_iter().next().ok_or(AppError::NotFound)?;
    let village = row.author_village;
    let item = complete(st, viewer, vec![row.item]).await?.remove(0);
    Ok((item, village))
}

/// Exactly the posts `ids`, in that order, leaving out hidden ones.
pub async fn these(st: &AppState, viewer: Option<i64>, ids: &[i64]) -> Result<Vec<FeedItem>, AppError> {
    let filter = Filter { only: Some(ids.to_vec()), ..Filter::default() };
    let rows = posts(st, viewer, &filter, ids.len() as i64).await?;
    let mut items = complete(st, viewer, rows.into_iter().map(|r| r.item).collect()).await?;
    items.sort_by_key(|i| ids.iter().position(|id| *id == i.post_id));
    Ok(items)
}

async fn posts(st: &AppState, viewer: Option<i64>, f: &Filter, limit: i64) -> Result<Vec<Row0>, AppError> {
    let rows = sqlx::query(
        "select p.id, p.author_id, u.display_name, v.name, d.name, p.body, p.created_at, p.campaign_id, c.name,
                p.topic, p.hidden_reason, u.village_id, k.rejected_reason
           from posts p
           join users u on u.town_id = p.town_id and u.id = p.author_id
           left join villages v on v.town_id = u.town_id and v.id = u.village_id
           left join departments d on d.town_id = p.town_id and d.id = p.department_id
           left join campaigns c on c.town_id = p.town_id and c.id = p.campaign_id
           left join checkins k on k.town_id = p.town_id and k.post_id = p.id
          where p.town_id = $1
            and ($2::bigint is null or p.id < $2)
            and ($3::bigint is null or p.author_id = $3)
            and ($4::text is null or p.topic = $4)
            and ($5::bigint[] is null or p.id = any($5))
            and (p.hidden_at is null or $6 or p.author_id = $7)
          order by p.id desc
          limit $8",
    )
    .bind(st.town_id)
    .bind(f.before)
    .bind(f.author)
    .bind(f.topic.as_deref())
    .bind(f.only.as_deref())
    .bind(f.include_hidden)
    .bind(viewer.unwrap_or(0))
    .bind(limit)
    .fetch_all(&st.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Row0 {
            item: FeedItem {
                post_id: r.get(0),
                author_id: r.get(1),
                author_name: r.get(2),
                village_name: r.get(3),
                department_name: r.get(4),
                body: r.get(5),
                photos: Vec::new(),
                time_label: local_time_label(r.get::<DateTime<Utc>, _>(6)),
                campaign_id: r.get(7),
                campaign_name: r.get(8),
                topic: r.get(9),
                likes: 0,
                comments: 0,
                liked: false,
                hidden_reason: r.get(10),
                rejected_reason: r.get(12),
            },
            author_village: r.get(11),
        })
        .collect())
}

/// Adds photos and counts to `items`: two queries for any number of posts.
async fn complete(st: &AppState, viewer: Option<i64>, mut items: Vec<FeedItem>) -> Result<Vec<FeedItem>, AppError> {
    if items.is_empty() {
        return Ok(items);
    }
    let ids: Vec<i64> = items.iter().map(|i| i.post_id).collect();
    let photo_rows = sqlx::query(
        "select pp.post_id, m.path, m.width, m.height,
                coalesce(m.thumb_path, m.path), coalesce(m.thumb_width, m.width), coalesce(m.thumb_height, m.height)
           from post_photos pp join media m on m.town_id = pp.town_id and m.id = pp.media_id
          where pp.town_id = $1 and pp.post_id = any($2)
          order by pp.post_id, pp.position",
    )
    .bind(st.town_id)
    .bind(&ids)
    .fetch_all(&st.pool)
    .await?;
    let mut photos: HashMap<i64, Vec<PhotoRef>> = HashMap::new();
    for r in &photo_rows {
        photos.entry(r.get(0)).or_default().push(PhotoRef {
            url: media_url(r.get::<&str, _>(1)),
            width: r.get(2),
            height: r.get(3),
            thumb_url: media_url(r.get::<&str, _>(4)),
            thumb_width: r.get(5),
            thumb_height: r.get(6),
        });
    }
    let count_rows = sqlx::query(
        "select x.id,
                (select count(*) from post_likes l where l.town_id = $1 and l.post_id = x.id),
                (select count(*) from comments c where c.town_id = $1 and c.post_id = x.id and c.hidden_at is null),
                exists (select 1 from post_likes l where l.town_id = $1 and l.post_id = x.id and l.user_id = $3)
           from unnest($2::bigint[]) as x(id)",
    )
    .bind(st.town_id)
    .bind(&ids)
    .bind(viewer.unwrap_or(0))
    .fetch_all(&st.pool)
    .await?;
    let counts: HashMap<i64, (i64, i64, bool)> =
        count_rows.iter().map(|r| (r.get(0), (r.get(1), r.get(2), r.get(3)))).collect();
    for item in &mut items {
        item.photos = photos.remove(&item.post_id).unwrap_or_default();
        if let Some((likes, comments, liked)) = counts.get(&item.post_id) {
            item.likes = *likes;
            item.comments = *comments;
            item.liked = *liked;
        }
    }
    Ok(items)
}
