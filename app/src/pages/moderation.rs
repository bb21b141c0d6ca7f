//! Staff: the moderation queue — open reports, and what is hidden.

use super::common::{FormError, Notice, load_error};
use super::post::ModerateForm;
use crate::api::social::get_moderation_queue;
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let data = Resource::new_blocking(|| (), |_| get_moderation_queue());
    view! {
        <Notice/>
        <FormError/>
        <h1>{ui.moderation_title}</h1>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                let q = match data.await {
                    Ok(q) => q,
                    Err(e) => return load_error(e, lang),
                };
                view! {
                    <h2>{ui.moderation_reports}</h2>
                    {q.reports.is_empty().then(|| view! { <p class="muted">{ui.no_reports}</p> })}
                    <ol class="plain-list">
                        {q.reports.into_iter().map(|r| {
                            let link = match r.comment_id {
                                Some(c) => format!("/posts/{}#comment-{c}", r.post_id),
                                None => format!("/posts/{}", r.post_id),
                            };
                            view! {
                                <li class="card" id=format!("report-{}", r.id)>
                                    <p><a href=link>{r.author_name.clone()}
                                        {r.village_name.clone().map(|v| format!(" · {v}"))}</a>
                                        {(r.reports.len() > 1).then(|| view! {
                                            " " <span class="badge">{r.reports.len()} {ui.reports_count}</span>
                                        })}</p>
                                    <blockquote>{r.excerpt.clone()}</blockquote>
                                    <ul class="plain-list small">
                                        {r.reports.iter().map(|x| view! {
                                            <li>{ui.reported_by}{x.reporter_name.clone()} " — " {x.reason.clone()}
                                                " " <time class="muted">{x.time_label.clone()}</time></li>
                                        }).collect_view()}
                                    </ul>
                                    {(!r.hidden).then(|| view! {
                                        <ModerateForm post_id=r.post_id comment_id=r.comment_id hidden=false
                                            back="/staff/moderation".to_string()/>
                                    })}
                                    <form method="post" action="/api/moderation/dismiss" class="form">
                                        <input type="hidden" name="report_id" value=r.id.to_string()/>
                                        <input type="hidden" name="reason" value=ui.dismiss_reason/>
                                        <button type="submit" class="btn">{ui.dismiss}</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    <h2>{ui.moderation_hidden}</h2>
                    <ol class="plain-list">
                        {q.hidden.into_iter().map(|h| view! {
                            <li class="card">
                                <p><strong>{h.author_name.clone()}</strong> " " <time class="muted small">{h.time_label.clone()}</time></p>
                                <blockquote>{h.excerpt.clone()}</blockquote>
                                <p class="muted">{ui.hidden_notice}{h.reason.clone()}</p>
                                <ModerateForm post_id=h.post_id comment_id=h.comment_id hidden=true
                                    back="/staff/moderation".to_string()/>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            })}
        </Suspense>
    }
}
