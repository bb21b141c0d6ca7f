//! The 文明圈: posting, likes, comments, reports, moderation, topics,
//! exhibitions and the inbox.

use crate::error::AppError;
use crate::model::{
    Exhibition, FeedPage, InboxPage, ModerationQueue, PersonPage, PostDetail, PostOutcome, TopicPage, TopicSummary,
};
use leptos::prelude::*;
use server_fn::codec::{MultipartData, MultipartFormData};

/// Most bytes of photos one post may upload in total.
pub const MAX_POST_UPLOAD_BYTES: usize = 60 * 1024 * 1024;

/// A new post: multipart form with `text`, `topic`, `as_department`
/// (`on` to post as the department), up to nine `photos` files, and
/// `kept_photos`, the ids of photos stored by an earlier attempt that failed
/// for another reason (so they need not be chosen again).
#[server(input = MultipartFormData, endpoint = "posts/create")]
pub async fn create_post(data: MultipartData) -> Result<PostOutcome, AppError> {
    use crate::backend::{forms, images, posts, request};
    use crate::domain::post::MAX_PHOTOS;

    let mut text = String::new();
    let mut topic = String::new();
    let mut as_department = false;
    let mut kept = String::new();
    let mut uploads: Vec<Vec<u8>> = Vec::new();
    let (mut one_too_large, mut total_too_large, mut total) = (false, false, 0usize);

    let mut parts = data.into_inner().ok_or(AppError::Internal)?;
    while let Ok(Some(mut field)) = parts.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        if name == "photos" {
            let mut buf = Vec::new();
            let mut dropped = false;
            // Past a limit the rest is read and dropped, so the phone gets
            // our message rather than a broken connection.
            while let Ok(Some(chunk)) = field.chunk().await {
                total += chunk.len();
                if dropped || buf.len() + chunk.len() > images::MAX_UPLOAD_BYTES || total > MAX_POST_UPLOAD_BYTES {
                    dropped = true;
                    one_too_large |= buf.len() + chunk.len() > images::MAX_UPLOAD_BYTES;
                    total_too_large |= total > MAX_POST_UPLOAD_BYTES;
                    buf = Vec::new();
                    continue;
                }
                buf.extend_from_slice(&chunk);
            }
            if !buf.is_empty() && !dropped {
                uploads.push(buf);
            }
        } else {
            let value = field.text().await.unwrap_or_default();
            match name.as_str() {
                "text" => text = value,
                "topic" => topic = value,
                "as_department" => as_department = value == "on" || value == "1",
                "kept_photos" => kept = value,
                _ => {}
            }
        }
    }

    let mut stored_ids: Vec<String> = Vec::new();
    let mut capped = false;
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        // Staff earn nothing for posts; a depositor's post without points met the cap.
        capped = !user.role.is_staff();
        if total_too_large {
            return Err(AppError::PhotosTooLarge);
        }
        if one_too_large {
            return Err(AppError::PhotoTooLarge);
        }
        let mut photos = Vec::new();
        let mut kept_ids: Vec<uuid::Uuid> = Vec::new();
        for id in kept.split(',').filter_map(|s| s.trim().parse::<uuid::Uuid>().ok()) {
            if !kept_ids.contains(&id) && kept_ids.len() < MAX_PHOTOS {
                kept_ids.push(id);
            }
        }
        for id in kept_ids {
            if let Some(p) = images::owned(&st, user.id, id).await? {
                stored_ids.push(p.id.to_string());
                photos.push(p);
            }
        }
        if photos.len() + uploads.len() > MAX_PHOTOS {
            return Err(AppError::TooManyPhotos);
        }
        for bytes in std::mem::take(&mut uploads) {
            let p = images::store(&st, user.id, bytes).await?;
            stored_ids.push(p.id.to_string());
            photos.push(p);
        }
        posts::create(&st, &user, posts::NewPost { body: &text, topic: &topic, photos: &photos, as_department }).await
    }
    .await;
    let success = match &result {
        Ok(PostOutcome { post_id, points: Some(p) }) => format!("/posts/{post_id}?notice=posted_points&pts={p}"),
        Ok(PostOutcome { post_id, points: None }) if capped => format!("/posts/{post_id}?notice=posted_no_points"),
        Ok(PostOutcome { post_id, points: None }) => format!("/posts/{post_id}?notice=posted"),
        Err(_) => String::new(),
    };
    let kept = stored_ids.join(",");
    let dept = if as_department { "on" } else { "" };
    forms::redirect_after(&result, &success, "/feed/new", &[("text", &text), ("topic", &topic), ("kept_photos", &kept), ("as_department", dept)]);
    if matches!(result, Err(AppError::NotLoggedIn)) {
        let back = crate::urls::url_with("/feed/new", &[("text", &text), ("topic", &topic)]);
        leptos_axum::redirect(&crate::urls::url_with("/login", &[("err", "not_logged_in"), ("next", &back)]));
    }
    result
}

/// Where to go back to after a small action: a local path from the form,
/// else the post's page.
#[cfg(feature = "ssr")]
fn back_to(back: &str, post_id: &str) -> String {
    let back = back.trim();
    if crate::backend::forms::is_local_path(back) { back.to_string() } else { format!("/posts/{}", post_id.trim()) }
}

#[server(endpoint = "posts/like")]
pub async fn toggle_like(post_id: String, #[server(default)] back: String) -> Result<bool, AppError> {
    use crate::backend::{forms, posts, request};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let id: i64 = post_id.trim().parse().map_err(|_| AppError::NotFound)?;
        posts::toggle_like(&st, user.id, id).await
    }
    .await;
    let back = back_to(&back, &post_id);
    let anchor = format!("{}#post-{}", back.split('#').next().unwrap_or("/"), post_id.trim());
    forms::redirect_after(&result, &anchor, &back, &[]);
    result
}

#[server(endpoint = "posts/comment")]
pub async fn add_comment(post_id: String, text: String, #[server(default)] as_department: String) -> Result<i64, AppError> {
    use crate::backend::{forms, posts, request};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let id: i64 = post_id.trim().parse().map_err(|_| AppError::NotFound)?;
        posts::comment(&st, &user, id, &text, as_department == "on").await
    }
    .await;
    let page = format!("/posts/{}", post_id.trim());
    let success = match &result {
        Ok(c) => format!("{page}?notice=commented#comment-{c}"),
        Err(_) => String::new(),
    };
    forms::redirect_after(&result, &success, &page, &[("text", &text)]);
    result
}

#[server(endpoint = "posts/report")]
pub async fn report_content(post_id: String, #[server(default)] comment_id: String, reason: String) -> Result<i64, AppError> {
    use crate::backend::{forms, moderation, request};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let post: i64 = post_id.trim().parse().map_err(|_| AppError::NotFound)?;
        let comment = comment_id.trim().parse::<i64>().ok();
        moderation::report(&st, user.id, moderation::Target { post_id: post, comment_id: comment }, &reason).await
    }
    .await;
    let page = format!("/posts/{}", post_id.trim());
    forms::redirect_after(&result, &format!("{page}?notice=reported"), &page, &[("reason", &reason)]);
    result
}

/// Staff hide (`action=hide`) or restore (`action=restore`) a post or comment.
#[server(endpoint = "moderation/act")]
pub async fn moderate(
    post_id: String,
    #[server(default)] comment_id: String,
    action: String,
    reason: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    use crate::backend::{forms, moderation, request};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let post: i64 = post_id.trim().parse().map_err(|_| AppError::NotFound)?;
        let target = moderation::Target { post_id: post, comment_id: comment_id.trim().parse().ok() };
        let hide = match action.as_str() {
            "hide" => true,
            "restore" => false,
            _ => return Err(AppError::NotFound),
        };
        moderation::set_hidden(&st, &request::actor_of(&user), target, hide, &reason).await
    }
    .await;
    let back = back_to(&back, &post_id);
    let notice = if action == "hide" { "hidden" } else { "restored" };
    let sep = if back.contains('?') { '&' } else { '?' };
    forms::redirect_after(&result, &format!("{back}{sep}notice={notice}"), &back, &[("reason", &reason)]);
    result
}

#[server(endpoint = "moderation/dismiss")]
pub async fn dismiss_report(report_id: String, reason: String) -> Result<(), AppError> {
    use crate::backend::{forms, moderation, request};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let id: i64 = report_id.trim().parse().map_err(|_| AppError::ReportNotFound)?;
        moderation::dismiss(&st, &request::actor_of(&user), id, &reason).await
    }
    .await;
    forms::redirect_after(&result, "/staff/moderation?notice=dismissed", "/staff/moderation", &[]);
    result
}

#[server(endpoint = "moderation/queue")]
pub async fn get_moderation_queue() -> Result<ModerationQueue, AppError> {
    use crate::backend::{moderation, request};
    let st = request::state()?;
    let user = request::require_user(&st).await?;
    moderation::queue(&st, &request::actor_of(&user)).await
}

#[server(endpoint = "posts/get")]
pub async fn get_post(id: i64) -> Result<PostDetail, AppError> {
    use crate::backend::{posts, request};
    let st = request::state()?;
    let user = request::current_user(&st).await?;
    posts::detail(&st, user.as_ref(), id).await
}

#[server(endpoint = "people/get")]
pub async fn get_person(id: i64, before: Option<i64>) -> Result<PersonPage, AppError> {
    use crate::backend::{posts, request};
    let st = request::state()?;
    let user = request::current_user(&st).await?;
    posts::person(&st, user.map(|u| u.id), id, before).await
}

#[server(endpoint = "topics")]
pub async fn get_topics() -> Result<Vec<TopicSummary>, AppError> {
    use crate::backend::{request, topics};
    let st = request::state()?;
    topics::list(&st).await
}

#[server(endpoint = "topics/get")]
pub async fn get_topic(topic: String, before: Option<i64>) -> Result<TopicPage, AppError> {
    use crate::backend::{request, topics};
    let st = request::state()?;
    let actor = request::current_user(&st).await?.map(|u| request::actor_of(&u));
    topics::page(&st, actor.as_ref(), &topic, before).await
}

#[server(endpoint = "exhibitions/curate")]
pub async fn curate_exhibition(
    topic: String,
    title: String,
    intro: String,
    #[server(default)] post_ids: Vec<i64>,
) -> Result<i64, AppError> {
    use crate::backend::{forms, request, topics};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        topics::curate(&st, &request::actor_of(&user), &topic, &title, &intro, &post_ids).await
    }
    .await;
    let success = match &result {
        Ok(id) => format!("/exhibitions/{id}?notice=exhibition_saved"),
        Err(_) => String::new(),
    };
    let page = crate::urls::url_with("/topics/show", &[("t", &topic)]);
    forms::redirect_after(&result, &success, &page, &[("title", &title), ("intro", &intro)]);
    result
}

#[server(endpoint = "exhibitions/get")]
pub async fn get_exhibition(id: i64) -> Result<Exhibition, AppError> {
    use crate::backend::{request, topics};
    let st = request::state()?;
    let user = request::current_user(&st).await?;
    topics::exhibition(&st, user.map(|u| u.id), id).await
}

/// The feed for the signed-in viewer (their likes marked) or a guest.
#[server(endpoint = "feed/page")]
pub async fn get_feed_page(before: Option<i64>) -> Result<FeedPage, AppError> {
    use crate::backend::{feed, request};
    let st = request::state()?;
    let user = request::current_user(&st).await?;
    feed::page(&st, user.map(|u| u.id), &feed::Filter { before, ..feed::Filter::default() }).await
}

/// A page of the viewer's inbox: the newest (which marks everything read),
/// or the one below the cursor `t` (ledger) / `n` (notifications).
#[server(endpoint = "inbox")]
pub async fn get_inbox(t: Option<i64>, n: Option<i64>) -> Result<InboxPage, AppError> {
    use crate::backend::{notify, request};
    use crate::model::InboxCursor;
    let st = request::state()?;
    let user = request::require_user(&st).await?;
    let below = match (t, n) {
        (Some(transfer), Some(note)) => Some(InboxCursor { transfer, note }),
        _ => None,
    };
    let page = notify::inbox_page(&st, user.id, below).await?;
    // Opening the newest page marked its unread entries read: the badge
    // must say so.
    if below.is_none() && page.items.iter().any(|i| i.unread) {
        st.readers.changed();
    }
    Ok(page)
}

/// Unread inbox entries of the viewer; `None` for guests.
#[server(endpoint = "inbox/unread")]
pub async fn get_unread() -> Result<Option<i64>, AppError> {
    use crate::backend::{notify, request};
    let st = request::state()?;
    match request::current_user(&st).await? {
        Some(u) => {
            if let Some(n) = st.readers.unread(u.id) {
                return Ok(Some(n));
            }
            let generation = st.readers.generation();
            let n = notify::unread(&st, u.id).await?;
            st.readers.put_unread(generation, u.id, n);
            Ok(Some(n))
        }
        None => Ok(None),
    }
}
