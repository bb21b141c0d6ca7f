use super::common::{Notice, load_error, query};
use crate::api::reads::get_feed;
use crate::model::FeedItem;
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn FeedPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let before = query("before").parse::<i64>().ok();
    let page = Resource::new_blocking(move || before, get_feed);
    view! {
        <Notice/>
        <h1>{ui.feed_title}</h1>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="muted">{ui.feed_empty}</p> }.into_any(),
                    Ok(p) => view! {
                        <ol class="feed">
                            {p.items.into_iter().map(|item| view! { <li><PostCard item/></li> }).collect_view()}
                        </ol>
                        <div class="pager">
                            {before.is_some().then(|| view! { <a class="btn" href="/feed">{ui.feed_newest}</a> })}
                            {p.next_before.map(|b| view! {
                                <a class="btn" href=format!("/feed?before={b}")>{ui.feed_older}</a>
                            })}
                        </div>
                    }.into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PostCard(item: FeedItem) -> impl IntoView {
    view! {
        <article class="card post" id=format!("post-{}", item.post_id)>
            <header>
                <strong class="author">{item.author_name}</strong>
                {item.village_name.map(|v| view! { <span class="muted">" · " {v}</span> })}
                <time class="muted">{item.time_label}</time>
            </header>
            {item.topic.map(|t| view! { <span class="topic">"#" {t}</span> })}
            <p class="body">{item.body}</p>
            {item.photo_url.map(|src| view! {
                <img src=src loading="lazy" decoding="async" alt=""
                    width=item.photo_width.map(|w| w.to_string()) height=item.photo_height.map(|h| h.to_string())/>
            })}
            {item.campaign_name.map(|c| view! { <p class="muted small">{c}</p> })}
        </article>
    }
}
