use super::common::{CampaignTile, FormError, KeptPhotos, Notice, load_error, param_id, query};
use crate::api::reads::{current_user, get_campaign_progress};
use crate::model::CampaignProgress;
use crate::error::AppError;
use crate::islands::{PhotoPicker, UploadForm};
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn CampaignPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let id = param_id();
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            let card = match id {
                Some(id) => get_campaign_progress(id).await,
                None => Err(AppError::CampaignNotFound),
            };
            (card, current_user().await.ok().flatten())
        },
    );
    let (text, kept_photo) = (query("text"), query("kept_photo"));
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {
                let (text, kept_photo) = (text.clone(), kept_photo.clone());
                move || {
                    let (text, kept_photo) = (text.clone(), kept_photo.clone());
                    Suspend::new(async move {
                        let (card, user) = data.await;
                        let progress = match card {
                            Ok(c) => c,
                            Err(e) => return load_error(e, lang),
                        };
                        let card = progress.card.clone();
                        let form = if user.is_none() {
                            view! {
                                <section class="card">
                                    <p>{ui.checkin_login_needed}</p>
                                    <a class="btn primary big" href=format!("/login?next=/campaigns/{}", card.id)>{ui.nav_login}</a>
                                </section>
                            }.into_any()
                        } else if card.village_id.is_some()
                            && user.as_ref().is_some_and(|u| !u.role.is_staff() && u.village_id != card.village_id)
                        {
                            view! {
                                <section class="card">
                                    <p class="hint-box">{ui.campaign_other_village_hint}</p>
                                    <KeptDraft text=text.clone() photo=kept_photo.clone() topic=card.topic.clone()/>
                                </section>
                            }.into_any()
                        } else if !card.is_open {
                            let e = if card.days_left > 0 { AppError::CampaignNotStarted } else { AppError::CampaignEnded };
                            view! {
                                <section class="card">
                                    <p class="muted">{e.message(lang)}</p>
                                    <KeptDraft text=text.clone() photo=kept_photo.clone() topic=card.topic.clone()/>
                                </section>
                            }.into_any()
                        } else {
                            view! {
                                <section class="card">
                                    <h2>{ui.checkin_title}</h2>
                                    {card.awarded_today.then(|| view! { <p class="hint-box">{ui.checkin_done_today}</p> })}
                                    <FormError/>
                                    <UploadForm action="/api/checkin".into() submit_label=ui.checkin_submit.into()
                                        sending_label=ui.checkin_sending.into()>
                                        <input type="hidden" name="campaign_id" value=card.id.to_string()/>
                                        <label for="text">{ui.checkin_text}</label>
                                        <textarea id="text" name="text" rows="3" maxlength="500" required
                                            placeholder=ui.checkin_text_hint>{text}</textarea>
                                        <input type="hidden" name="kept_photo" value=kept_photo.clone()/>
                                        {(!kept_photo.is_empty()).then(|| view! {
                                            <p class="hint-box">{ui.checkin_photo_kept}</p>
                                            <KeptPhotos ids=kept_photo.clone()/>
                                        })}
                                        <PhotoPicker label=ui.checkin_photo.into() hint=ui.checkin_photo_hint.into()
                                            too_large=ui.photo_too_large_client.into() required=kept_photo.is_empty()/>
                                    </UploadForm>
                                </section>
                            }.into_any()
                        };
                        view! {
                            <CampaignTile card=card.clone() show_action=false/>
                            {form}
                            <Progress p=progress/>
                        }.into_any()
                    })
                }
            }
        </Suspense>
    }
}

/// The viewer's streak and calendar, and the leaderboard.
#[component]
fn Progress(p: CampaignProgress) -> impl IntoView {
    let ui = current_lang().ui();
    let mine = p.streak.map(|s| {
        let lead = p.calendar.first().map(|d| d.weekday).unwrap_or(0);
        view! {
            <section class="card" data-testid="my-streak">
                <h2>{ui.my_streak}</h2>
                <dl class="figures wide">
                    <div><dt>{ui.current_streak}</dt><dd data-testid="current-streak">{s.current}</dd></div>
                    <div><dt>{ui.best_streak}</dt><dd data-testid="best-streak">{s.best}</dd></div>
                    <div><dt>{ui.checked_days}</dt><dd>{s.days}</dd></div>
                </dl>
                <h3>{ui.calendar_title}</h3>
                <ol class="calendar" aria-label=ui.calendar_title>
                    {ui.weekdays.chars().map(|w| view! { <li class="wd" aria-hidden="true">{w.to_string()}</li> }).collect_view()}
                    {(0..lead).map(|_| view! { <li class="pad" aria-hidden="true"></li> }).collect_view()}
                    {p.calendar.iter().map(|d| {
                        let mut class = String::from("day");
                        if d.checked { class.push_str(" checked"); }
                        if d.is_today { class.push_str(" today"); }
                        if d.is_future { class.push_str(" future"); }
                        let label = format!("{}{}", d.day, if d.checked { " ✓" } else { "" });
                        view! { <li class=class title=label.clone() aria-label=label data-day=d.day.clone()>{d.day_of_month}</li> }
                    }).collect_view()}
                </ol>
            </section>
        }
    });
    view! {
        {mine}
        <section class="card">
            <h2>{ui.leaderboard_title}</h2>
            {p.leaders.is_empty().then(|| view! { <p class="muted">{ui.leaderboard_empty}</p> })}
            <ol class="leaders" data-testid="leaderboard">
                {p.leaders.into_iter().map(|l| view! {
                    <li>
                        <span class="name">{l.display_name}</span>
                        <span class="muted small">{l.village_name.unwrap_or_default()}</span>
                        <span class="num">{l.days} {ui.days_unit}</span>
                        <span class="muted small">{ui.best_streak} " " {l.best_streak}</span>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// A check-in that could not be submitted (the campaign ended meanwhile, or
/// is not this person's village) keeps its text and photo: they are shown,
/// with a way to post them to the 文明圈 instead.
#[component]
fn KeptDraft(text: String, photo: String, topic: String) -> impl IntoView {
    let ui = current_lang().ui();
    (!text.trim().is_empty() || !photo.is_empty()).then(|| {
        let href = crate::urls::compose_href(&text, &topic, &photo);
        view! {
            <div class="hint-box" data-testid="kept-draft">
                <p>{ui.draft_kept}</p>
                {(!text.trim().is_empty()).then(|| view! { <blockquote>{text.clone()}</blockquote> })}
                <KeptPhotos ids=photo.clone()/>
                <a class="btn primary" href=href>{ui.draft_to_feed}</a>
            </div>
        }
    })
}
