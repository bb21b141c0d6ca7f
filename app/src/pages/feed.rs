//! The 文明圈 feed and the post card every list of posts uses.

use super::common::{FormError, Notice, load_error, query};
use crate::api::social::get_feed_page;
use crate::model::{FeedItem, PhotoRef};
use crate::shell::current_lang;
use crate::urls::topic_href;
use leptos::prelude::*;

#[component]
pub fn FeedPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let before = query("before").parse::<i64>().ok();
    let page = Resource::new_blocking(move || before, get_feed_page);
    view! {
        <Notice/>
        <FormError/>
        <div class="title-row">
            <h1>{ui.feed_title}</h1>
            <a class="btn primary" href="/feed/new">{ui.compose_title}</a>
        </div>
        <p><a href="/topics">{ui.topics_title}</a></p>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="muted">{ui.feed_empty}</p> }.into_any(),
                    Ok(p) => {
                        let here = match before { Some(b) => format!("/feed?before={b}"), None => "/feed".to_string() };
                        view! {
                            <PostList items=p.items back=here/>
                            <div class="pager">
                                {before.is_some().then(|| view! { <a class="btn" href="/feed">{ui.feed_newest}</a> })}
                                {p.next_before.map(|b| view! {
                                    <a class="btn" href=format!("/feed?before={b}")>{ui.feed_older}</a>
                                })}
                            </div>
                        }.into_any()
                    }
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}

/// A list of post cards; `back` is where a like returns to.
#[component]
pub fn PostList(items: Vec<FeedItem>, back: String) -> impl IntoView {
    view! {
        <ol class="feed">
            {items.into_iter().map(|item| list_entry(item, &back)).collect_view()}
        </ol>
    }
}

/// On the server a card is rendered once per content and language and
/// then reused: every reader of a busy page gets the same cards.
#[cfg(feature = "ssr")]
fn list_entry(item: FeedItem, back: &str) -> impl IntoView + use<> {
    let html = super::card_html::rendered(current_lang(), back, item, |item, back| {
        view! { <PostCard item back link=true/> }.to_html()
    });
    view! { <li inner_html=html></li> }
}

#[cfg(not(feature = "ssr"))]
fn list_entry(item: FeedItem, back: &str) -> impl IntoView + use<> {
    view! { <li><PostCard item back=back.to_string() link=true/></li> }
}

/// One post: author (or official account), text, photos, topic, and the
/// like and comment buttons. `link` makes the text lead to the post's page.
#[component]
pub fn PostCard(item: FeedItem, back: String, link: bool) -> impl IntoView {
    let ui = current_lang().ui();
    let post_href = format!("/posts/{}", item.post_id);
    let author = match item.department_name.clone() {
        Some(d) => view! {
            <strong class="author">{d}</strong>
            <span class="badge official">{ui.official_badge}</span>
        }
        .into_any(),
        None => view! {
            <a class="author" href=format!("/people/{}", item.author_id)>{item.author_name.clone()}</a>
            {item.village_name.clone().map(|v| view! { <span class="muted">" · " {v}</span> })}
        }
        .into_any(),
    };
    let body = if link {
        view! { <a class="body plain" href=post_href.clone()>{item.body.clone()}</a> }.into_any()
    } else {
        view! { <p class="body">{item.body.clone()}</p> }.into_any()
    };
    view! {
        <article class="card post" id=format!("post-{}", item.post_id)>
            <header>
                {author}
                <time class="muted">{item.time_label.clone()}</time>
            </header>
            {item.hidden_reason.clone().map(|r| view! { <p class="error small">{ui.hidden_notice}{r}</p> })}
            {item.rejected_reason.clone().map(|r| view! { <p class="hint-box small rejected">{ui.rejected_label}{r}</p> })}
            {item.topic.clone().map(|t| {
                let href = topic_href(&t);
                view! { <a class="topic" href=href>"#" {t}</a> }
            })}
            {body}
            <Photos photos=item.photos.clone()/>
            {item.campaign_name.clone().map(|c| view! {
                <p class="muted small"><a href=format!("/campaigns/{}", item.campaign_id.unwrap_or_default())>{c}</a></p>
            })}
            <footer class="actions">
                <form method="post" action="/api/posts/like" class="inline">
                    <input type="hidden" name="post_id" value=item.post_id.to_string()/>
                    <input type="hidden" name="back" value=back/>
                    <button type="submit" class=if item.liked { "btn like on" } else { "btn like" }
                        aria-pressed=item.liked.to_string()>
                        {if item.liked { ui.liked } else { ui.like }} " " <span class="count">{item.likes}</span>
                    </button>
                </form>
                <a class="btn" href=format!("{post_href}#comments")>{ui.comments_label} " " <span class="count">{item.comments}</span></a>
            </footer>
        </article>
    }
}

/// One photo fills the width; several make a grid of thumbnails, each
/// opening the full picture. Every image is lazy and sized up front.
#[component]
pub fn Photos(photos: Vec<PhotoRef>) -> impl IntoView {
    let ui = current_lang().ui();
    match photos.len() {
        0 => ().into_any(),
        1 => {
            let p = &photos[0];
            let srcset = format!("{} {}w, {} {}w", p.thumb_url, p.thumb_width, p.url, p.width);
            view! {
                <a href=p.url.clone() class="photo-one">
                    <img src=p.url.clone() srcset=srcset sizes="(max-width: 640px) 100vw, 640px"
                        loading="lazy" decoding="async" alt=ui.photo_alt width=p.width.to_string() height=p.height.to_string()/>
                </a>
            }
            .into_any()
        }
        n => {
            let class = if n == 2 || n == 4 { "photo-grid two" } else { "photo-grid" };
            view! {
                <div class=class>
                    {photos.into_iter().map(|p| view! {
                        <a href=p.url.clone()>
                            <img src=p.thumb_url.clone() loading="lazy" decoding="async" alt=ui.photo_alt
                                width=p.thumb_width.to_string() height=p.thumb_height.to_string()/>
                        </a>
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
    }
}
