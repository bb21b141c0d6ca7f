//! Topics, one topic's posts (with the exhibition form for headquarters),
//! and an online exhibition's gallery.

use super::common::{FormError, Notice, load_error, param_id, query};
use super::feed::{Photos, PostList};
use crate::api::social::{get_exhibition, get_topic, get_topics};
use crate::error::AppError;
use crate::shell::current_lang;
use crate::urls::{encode, topic_href};
use leptos::prelude::*;

#[component]
pub fn TopicsPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let data = Resource::new_blocking(|| (), |_| get_topics());
    view! {
        <h1>{ui.topics_title}</h1>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted">{ui.no_topics}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="topic-list">
                            {list.into_iter().map(|t| view! {
                                <li class="card">
                                    <a class="big" href=topic_href(&t.topic)>"#" {t.topic.clone()}</a>
                                    <span class="muted">" " {t.posts} {ui.topic_posts}</span>
                                    {t.exhibition_id.map(|e| view! {
                                        <a class="btn" href=format!("/exhibitions/{e}")>{ui.view_exhibition}</a>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn TopicPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let topic = query("t");
    let before = query("before").parse::<i64>().ok();
    let data = Resource::new_blocking(move || (topic.clone(), before), |(t, b)| get_topic(t, b));
    view! {
        <Notice/>
        <FormError/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                let page = match data.await {
                    Ok(p) => p,
                    Err(AppError::NotFound) => return view! { <crate::pages::NotFound/> }.into_any(),
                    Err(e) => return load_error(e, lang),
                };
                let here = topic_href(&page.topic);
                let curate = page.may_curate.then(|| {
                    let choices = page.posts.items.clone();
                    let picked = page.exhibition_posts.clone();
                    // Posts already shown that are not on this page stay in the exhibition.
                    let kept: Vec<i64> = picked.iter().copied().filter(|id| !choices.iter().any(|c| c.post_id == *id)).collect();
                    let title = {
                        let t = query("title");
                        if !t.is_empty() { t } else if !page.exhibition_title.is_empty() { page.exhibition_title.clone() } else { format!("#{}", page.topic) }
                    };
                    let intro = { let i = query("intro"); if i.is_empty() { page.exhibition_intro.clone() } else { i } };
                    view! {
                        <details class="card" open=!query("err").is_empty()>
                            <summary>{if page.exhibition_id.is_some() { ui.curate_edit_title } else { ui.curate_title }}</summary>
                            <form method="post" action="/api/exhibitions/curate" class="form">
                                <input type="hidden" name="topic" value=page.topic.clone()/>
                                <label for="title">{ui.field_title}</label>
                                <input id="title" name="title" required maxlength="40" value=title/>
                                <label for="intro">{ui.field_intro}</label>
                                <textarea id="intro" name="intro" rows="3" maxlength="500">{intro}</textarea>
                                {kept.into_iter().map(|id| view! { <input type="hidden" name="post_ids[]" value=id.to_string()/> }).collect_view()}
                                <p class="muted small">{ui.curate_hint}</p>
                                <ul class="pick-list">
                                    {choices.into_iter().map(|p| view! {
                                        <li>
                                            <label class="check">
                                                <input type="checkbox" name="post_ids[]" value=p.post_id.to_string()
                                                    checked=picked.contains(&p.post_id)/>
                                                <span>{p.author_name.clone()} "：" {p.body.chars().take(40).collect::<String>()}</span>
                                            </label>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <button type="submit" class="btn primary big">{ui.curate_submit}</button>
                            </form>
                        </details>
                    }
                });
                view! {
                    <div class="title-row">
                        <h1>"#" {page.topic.clone()}</h1>
                        <a class="btn primary" href=format!("/feed/new?t={}", encode(&page.topic))>{ui.compose_title}</a>
                    </div>
                    {page.exhibition_id.map(|e| view! {
                        <a class="btn big" href=format!("/exhibitions/{e}")>{ui.view_exhibition}</a>
                    })}
                    {curate}
                    {page.posts.items.is_empty().then(|| view! { <p class="muted">{ui.feed_empty}</p> })}
                    <PostList items=page.posts.items back=here.clone()/>
                    {page.posts.next_before.map(|b| view! {
                        <a class="btn" href=format!("{here}&before={b}")>{ui.feed_older}</a>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn ExhibitionPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let id = param_id();
    let data = Resource::new_blocking(move || id, |id| async move {
        match id {
            Some(id) => get_exhibition(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(e) => view! {
                        <article class="exhibition">
                            <p class="muted">{ui.exhibition_label} " · "
                                <a href=topic_href(&e.topic)>"#" {e.topic.clone()}</a></p>
                            <h1>{e.title.clone()}</h1>
                            {(!e.intro.is_empty()).then(|| view! { <p class="intro">{e.intro.clone()}</p> })}
                            <ol class="gallery">
                                {e.posts.into_iter().map(|p| view! {
                                    <li class="card">
                                        <Photos photos=p.photos.clone()/>
                                        <p class="body">{p.body.clone()}</p>
                                        <p class="muted small">
                                            <a href=format!("/posts/{}", p.post_id)>{p.department_name.clone().unwrap_or(p.author_name.clone())}</a>
                                            " · " {p.time_label.clone()}
                                        </p>
                                    </li>
                                }).collect_view()}
                            </ol>
                        </article>
                    }.into_any(),
                    Err(AppError::NotFound) => view! { <crate::pages::NotFound/> }.into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}
