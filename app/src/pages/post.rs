//! A post's own page (comments, reporting, moderation) and a person's page.

use super::common::{FormError, Notice, load_error, param_id, query};
use super::feed::{PostCard, PostList};
use crate::api::social::{get_person, get_post};
use crate::error::AppError;
use crate::model::{CommentItem, PostDetail};
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn PostPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let id = param_id();
    let data = Resource::new_blocking(move || id, |id| async move {
        match id {
            Some(id) => get_post(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Notice/>
        <FormError/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <PostBody d/> }.into_any(),
                    Err(AppError::NotFound) => view! { <UnsentComment/> <crate::pages::NotFound/> }.into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PostBody(d: PostDetail) -> impl IntoView {
    let ui = current_lang().ui();
    let post_id = d.item.post_id;
    let here = format!("/posts/{post_id}");
    let can_moderate = d.can_moderate;
    let post_hidden = d.item.hidden_reason.is_some();
    let comment_form = if d.logged_in {
        view! {
            <form method="post" action="/api/posts/comment" class="form" id="comment-form">
                <input type="hidden" name="post_id" value=post_id.to_string()/>
                <label for="comment-text">{ui.comment_write}</label>
                <textarea id="comment-text" name="text" rows="2" maxlength="300" required>{query("text")}</textarea>
                {d.reply_as.clone().map(|dept| view! {
                    <label class="check"><input type="checkbox" name="as_department" value="on"/>{ui.reply_as_department}{dept}</label>
                })}
                <button type="submit" class="btn primary big">{ui.comment_submit}</button>
            </form>
        }
        .into_any()
    } else {
        view! { <a class="btn primary big" href=format!("/login?next={here}")>{ui.login_to_comment}</a> }.into_any()
    };
    let comments = d.comments.clone();
    view! {
        <PostCard item=d.item.clone() back=here.clone() link=false/>
        {can_moderate.then(|| view! {
            <ModerateForm post_id comment_id=None hidden=post_hidden back=here.clone()/>
        })}
        <section class="card" id="comments">
            <h2>{ui.comments_label} " (" {comments.len()} ")"</h2>
            {comments.is_empty().then(|| view! { <p class="muted">{ui.no_comments}</p> })}
            <ol class="comments">
                {comments.into_iter().map(|c| view! {
                    <CommentView c post_id can_moderate back=here.clone() logged_in=d.logged_in/>
                }).collect_view()}
            </ol>
            {comment_form}
        </section>
        {d.logged_in.then(|| view! {
            <details class="card report">
                <summary>{ui.report_post}</summary>
                <ReportForm post_id comment_id=None/>
            </details>
        })}
    }
}

#[component]
fn CommentView(c: CommentItem, post_id: i64, can_moderate: bool, back: String, logged_in: bool) -> impl IntoView {
    let ui = current_lang().ui();
    let hidden = c.hidden_reason.is_some();
    let who = match c.department_name.clone() {
        Some(d) => view! { <strong>{d}</strong> <span class="badge official">{ui.official_badge}</span> }.into_any(),
        None => view! { <a href=format!("/people/{}", c.author_id)><strong>{c.author_name.clone()}</strong></a> }.into_any(),
    };
    view! {
        <li class="comment" id=format!("comment-{}", c.id)>
            <p>{who} " " <time class="muted small">{c.time_label.clone()}</time></p>
            {c.hidden_reason.clone().map(|r| view! { <p class="error small">{ui.hidden_notice}{r}</p> })}
            <p class="body">{c.body.clone()}</p>
            {can_moderate.then(|| view! {
                <ModerateForm post_id comment_id=Some(c.id) hidden back=back.clone()/>
            })}
            {logged_in.then(|| view! {
                <details class="report small">
                    <summary>{ui.report_comment}</summary>
                    <ReportForm post_id comment_id=Some(c.id)/>
                </details>
            })}
        </li>
    }
}

#[component]
fn ReportForm(post_id: i64, comment_id: Option<i64>) -> impl IntoView {
    let ui = current_lang().ui();
    view! {
        <form method="post" action="/api/posts/report" class="form">
            <input type="hidden" name="post_id" value=post_id.to_string()/>
            <input type="hidden" name="comment_id" value=comment_id.map(|c| c.to_string()).unwrap_or_default()/>
            <label>{ui.report_reason}
                <input name="reason" required maxlength="200" placeholder=ui.report_reason_hint value=query("reason")/>
            </label>
            <button type="submit" class="btn">{ui.report_submit}</button>
        </form>
    }
}

/// Staff: hide or restore with a reason.
#[component]
pub fn ModerateForm(post_id: i64, comment_id: Option<i64>, hidden: bool, back: String) -> impl IntoView {
    let ui = current_lang().ui();
    view! {
        <form method="post" action="/api/moderation/act" class="form moderate">
            <input type="hidden" name="post_id" value=post_id.to_string()/>
            <input type="hidden" name="comment_id" value=comment_id.map(|c| c.to_string()).unwrap_or_default()/>
            <input type="hidden" name="action" value=if hidden { "restore" } else { "hide" }/>
            <input type="hidden" name="back" value=back/>
            <label>{ui.moderation_reason}
                <input name="reason" required maxlength="200" value=query("reason")/>
            </label>
            <button type="submit" class="btn">{if hidden { ui.restore } else { ui.hide }}</button>
        </form>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let id = param_id();
    let before = query("before").parse::<i64>().ok();
    let data = Resource::new_blocking(move || (id, before), |(id, before)| async move {
        match id {
            Some(id) => get_person(id, before).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => {
                        let here = format!("/people/{}", p.user_id);
                        view! {
                            <h1>{p.display_name.clone()}</h1>
                            {p.village_name.clone().map(|v| view! { <p class="muted">{v}</p> })}
                            {p.posts.items.is_empty().then(|| view! { <p class="muted">{ui.person_no_posts}</p> })}
                            <PostList items=p.posts.items back=here.clone()/>
                            {p.posts.next_before.map(|b| view! {
                                <a class="btn" href=format!("{here}?before={b}")>{ui.feed_older}</a>
                            })}
                        }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <crate::pages::NotFound/> }.into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}

/// A comment sent to a post that was hidden meanwhile comes back here with
/// its text: shown for copying, not lost.
#[component]
fn UnsentComment() -> impl IntoView {
    let ui = current_lang().ui();
    let text = query("text");
    (!text.trim().is_empty()).then(|| view! {
        <section class="card" data-testid="unsent-comment">
            <p class="hint-box">{ui.unsent_comment}</p>
            <textarea class="copy-box" readonly rows="3" aria-label=ui.unsent_comment>{text}</textarea>
        </section>
    })
}
