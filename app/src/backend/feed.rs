//! The 文明圈 feed: newest posts first, paged by keyset on the post id, with
//! their first photo, in one query per page.

use super::{AppState, images::url_of};
use crate::domain::localday::local_time_label;
use crate::error::AppError;
use crate::model::{FeedItem, FeedPage};
use chrono::{DateTime, Utc};
use sqlx::Row;

pub const PAGE_SIZE: i64 = 20;

#[tracing::instrument(skip_all, fields(town = st.town_id, before))]
pub async fn page(st: &AppState, before: Option<i64>, author: Option<i64>) -> Result<FeedPage, AppError> {
    let rows = sqlx::query(
        "select p.id, u.display_name, v.name, p.body, m.path, m.width, m.height, p.created_at, c.name, p.topic
           from posts p
           join users u on u.town_id = p.town_id and u.id = p.author_id
           left join villages v on v.town_id = u.town_id and v.id = u.village_id
           left join campaigns c on c.town_id = p.town_id and c.id = p.campaign_id
           left join post_photos pp on pp.town_id = p.town_id and pp.post_id = p.id and pp.position = 0
           left join media m on m.town_id = pp.town_id and m.id = pp.media_id
          where p.town_id = $1 and ($2::bigint is null or p.id < $2) and ($3::bigint is null or p.author_id = $3)
          order by p.id desc
          limit $4",
    )
    .bind(st.town_id)
    .bind(before)
    .bind(author)
    .bind(PAGE_SIZE + 1)
    .fetch_all(&st.pool)
    .await?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    let items: Vec<FeedItem> = rows
        .iter()
        .take(PAGE_SIZE as usize)
        .map(|r| FeedItem {
            post_id: r.get(0),
            author_name: r.get(1),
            village_name: r.get(2),
            body: r.get(3),
            photo_url: r.get::<Option<String>, _>(4).map(|p| url_of(&p)),
            photo_width: r.get(5),
            photo_height: r.get(6),
            time_label: local_time_label(r.get::<DateTime<Utc>, _>(7)),
            campaign_name: r.get(8),
            topic: r.get(9),
        })
        .collect();
    let next_before = if has_more { items.last().map(|i| i.post_id) } else { None };
    Ok(FeedPage { items, next_before })
}
