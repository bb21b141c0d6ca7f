//! Pieces shared by several pages: banners for notices and errors, the
//! campaign card, and reading the query string.

use crate::error::AppError;
use crate::i18n::{Lang, Ui};
use crate::model::CampaignCard;
use crate::shell::current_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The page's numeric `:id` route parameter.
pub fn param_id() -> Option<i64> {
    leptos_router::hooks::use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()))
}

/// A query parameter of the current URL, or "".
pub fn query(name: &str) -> String {
    use_query_map().with_untracked(|q| q.get(name).unwrap_or_default())
}

fn notice_text(ui: &Ui, code: &str, points: &str) -> Option<String> {
    Some(match code {
        "welcome" => ui.notice_welcome.to_string(),
        "logged_in" => ui.notice_logged_in.to_string(),
        "logged_out" => ui.notice_logged_out.to_string(),
        "checkin_awarded" => format!("{}{} {}", ui.notice_checkin_awarded, points, ui.points_unit),
        "checkin_not_awarded" => ui.notice_checkin_not_awarded.to_string(),
        "campaign_created" => ui.notice_campaign_created.to_string(),
        "awarded" => {
            let digits = |k: &str| query(k).chars().filter(|c| c.is_ascii_digit()).collect::<String>();
            format!("{}{}；{}{}", ui.notice_awarded, digits("n"), ui.notice_skipped, digits("skipped"))
        }
        "rule_saved" => ui.notice_rule_saved.to_string(),
        "question_sent" => ui.notice_question_sent.to_string(),
        "review_answered" => ui.notice_review_answered.to_string(),
        "posted" => ui.notice_posted.to_string(),
        "posted_no_points" => ui.notice_posted_no_points.to_string(),
        "posted_points" => format!("{}{} {}", ui.notice_posted_points, points, ui.points_unit),
        "commented" => ui.notice_commented.to_string(),
        "reported" => ui.notice_reported.to_string(),
        "hidden" => ui.notice_hidden.to_string(),
        "restored" => ui.notice_restored.to_string(),
        "dismissed" => ui.notice_dismissed.to_string(),
        "exhibition_saved" => ui.notice_exhibition_saved.to_string(),
        "checkin_rejected" => ui.notice_checkin_rejected.to_string(),
        _ => return None,
    })
}

/// The green "done" banner after a redirect (`?notice=`).
#[component]
pub fn Notice() -> impl IntoView {
    let ui = current_lang().ui();
    let points: String = query("pts").chars().filter(|c| c.is_ascii_digit()).collect();
    notice_text(ui, &query("notice"), &points).map(|text| {
        view! { <p class="notice" role="status">{text}</p> }
    })
}

/// The red banner for a failed form (`?err=`).
#[component]
pub fn FormError() -> impl IntoView {
    let lang = current_lang();
    AppError::from_code(&query("err")).map(|e| error_banner(e, lang))
}

pub fn category_label(ui: &Ui, code: &str) -> &'static str {
    match code {
        "civic_practice" => ui.cat_civic_practice,
        "environment" => ui.cat_environment,
        "online" => ui.cat_online,
        "volunteer" => ui.cat_volunteer,
        _ => "",
    }
}

pub fn error_banner(e: AppError, lang: Lang) -> impl IntoView {
    view! { <p class="error" role="alert">{e.message(lang)}</p> }
}

/// Shows an error met while loading a page, with a way forward; the
/// response carries the error's status (403 for a page one may not see …).
pub fn load_error(e: AppError, lang: Lang) -> AnyView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(crate::backend::forms::status_for(e));
    }
    let ui = lang.ui();
    match e {
        AppError::NotLoggedIn => view! {
            <section class="card">
                {error_banner(e, lang)}
                <a class="btn primary big" href="/login">{ui.nav_login}</a>
            </section>
        }
        .into_any(),
        _ => view! { <section class="card">{error_banner(e, lang)}</section> }.into_any(),
    }
}

#[component]
pub fn CampaignTile(card: CampaignCard, show_action: bool) -> impl IntoView {
    let ui = current_lang().ui();
    let scope = card.village_name.clone().unwrap_or_else(|| ui.whole_town.to_string());
    let href = format!("/campaigns/{}", card.id);
    view! {
        <article class="card campaign">
            <h3><a href=href.clone()>{card.name.clone()}</a></h3>
            <p class="meta">
                {(!card.topic.is_empty()).then(|| format!("#{} · ", card.topic))}
                {scope} " · " {card.starts_on.clone()} " ~ " {card.ends_on.clone()}
            </p>
            <dl class="figures">
                <div><dt>{ui.days_left}</dt><dd>{card.days_left}</dd></div>
                <div><dt>{ui.checkins}</dt><dd>{card.checkins}</dd></div>
                <div><dt>{ui.participants}</dt><dd>{card.participants}</dd></div>
                <div><dt>{ui.per_checkin}</dt><dd>"+" {card.points_per_checkin}</dd></div>
            </dl>
            {show_action.then(|| view! { <a class="btn primary big" href=href>{ui.go_checkin}</a> })}
        </article>
    }
}

/// Small previews of photos kept from an earlier attempt (comma-separated
/// ids), so that people see which photos will go with the form.
#[component]
pub fn KeptPhotos(ids: String) -> impl IntoView {
    let ui = current_lang().ui();
    let thumbs: Vec<String> = ids.split(',').filter_map(crate::urls::kept_thumb).collect();
    (!thumbs.is_empty()).then(|| view! {
        <div class="photo-grid kept" data-testid="kept-photos">
            {thumbs.into_iter().map(|src| view! {
                <img src=src loading="lazy" decoding="async" alt=ui.photo_alt width="120" height="90"/>
            }).collect_view()}
        </div>
    })
}
