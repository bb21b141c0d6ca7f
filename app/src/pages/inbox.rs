//! The inbox: points received or reversed, replies, moderation outcomes.

use super::common::{load_error, query};
use crate::api::social::get_inbox;
use crate::i18n::Ui;
use crate::model::InboxItem;
use crate::shell::current_lang;
use leptos::prelude::*;

fn headline(ui: &Ui, item: &InboxItem) -> String {
    let amount = item.amount.unwrap_or_default();
    match item.kind.as_str() {
        "points_in" => format!("{} +{} {} · {}", ui.inbox_points_in, amount, ui.points_unit, item.actor),
        "points_out" => format!("{} {} {} · {}", ui.inbox_points_out, amount, ui.points_unit, item.actor),
        "points_reversed" => format!("{} {} {} · {}", ui.inbox_points_reversed, amount, ui.points_unit, item.actor),
        "reply" => format!("{}{}", item.actor, ui.inbox_reply),
        "report_resolved" if item.actor == "upheld" => ui.inbox_report_upheld.to_string(),
        "report_resolved" => ui.inbox_report_dismissed.to_string(),
        "post_hidden" => ui.inbox_post_hidden.to_string(),
        "post_restored" => ui.inbox_post_restored.to_string(),
        "comment_hidden" => ui.inbox_comment_hidden.to_string(),
        "comment_restored" => ui.inbox_comment_restored.to_string(),
        "checkin_rejected" => format!("{}（{}）", ui.inbox_checkin_rejected, item.actor),
        _ => ui.cause_other.to_string(),
    }
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let below = (query("t").parse::<i64>().ok(), query("n").parse::<i64>().ok());
    let data = Resource::new_blocking(move || below, |(t, n)| get_inbox(t, n));
    view! {
        <h1>{ui.inbox_title}</h1>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) if page.items.is_empty() => view! { <p class="muted">{ui.inbox_empty}</p> }.into_any(),
                    Ok(page) => view! {
                        <ol class="inbox">
                            {page.items.into_iter().map(|i| {
                                let title = headline(ui, &i);
                                let class = if i.unread { "card inbox-item unread" } else { "card inbox-item" };
                                view! {
                                    <li class=class data-kind=i.kind.clone()>
                                        <a href=i.link.clone()>
                                            <strong>{title}</strong>
                                            {(!i.detail.is_empty()).then(|| {
                                                let text = if i.kind == "reply" { format!("“{}”", i.detail) } else { format!("{}{}", ui.reason, i.detail) };
                                                view! { <span class="detail">{text}</span> }
                                            })}
                                            <time class="muted small">{i.time_label.clone()}</time>
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        <div class="pager">
                            {below.0.is_some().then(|| view! { <a class="btn" href="/notifications">{ui.inbox_newest}</a> })}
                            {page.older.map(|c| view! {
                                <a class="btn" href=format!("/notifications?t={}&n={}", c.transfer, c.note)>{ui.inbox_older}</a>
                            })}
                        </div>
                    }.into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}
