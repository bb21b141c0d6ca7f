use super::common::{FormError, Notice, load_error, param_id, query};
use crate::api::reads::{current_user, get_campaign_stats, get_persistent, get_recent_checkins, get_staff_campaigns, get_villages};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn StaffPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let data = Resource::new_blocking(
        || (),
        |_| async { (current_user().await, get_staff_campaigns().await, get_villages().await) },
    );
    view! {
        <Notice/>
        <h1>{ui.staff_title}</h1>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                let (user, campaigns, villages) = data.await;
                let user = match user {
                    Ok(Some(u)) => u,
                    Ok(None) => return load_error(AppError::NotLoggedIn, lang),
                    Err(e) => return load_error(e, lang),
                };
                let campaigns = match campaigns {
                    Ok(c) => c,
                    Err(e) => return load_error(e, lang),
                };
                let create = (user.role == Role::HqAdmin).then(|| {
                    let villages = villages.unwrap_or_default();
                    let chosen = query("village");
                    view! {
                        <section class="card">
                            <h2>{ui.staff_new_campaign}</h2>
                            <FormError/>
                            <form method="post" action="/api/campaigns/create" class="form">
                                <label for="name">{ui.field_campaign_name}</label>
                                <input id="name" name="name" required value=query("name")/>
                                <label for="topic">{ui.field_topic}</label>
                                <input id="topic" name="topic" placeholder="#护河打卡" value=query("topic")/>
                                <label for="village_id">{ui.field_scope}</label>
                                <select id="village_id" name="village_id">
                                    <option value="">{ui.whole_town}</option>
                                    {villages.into_iter().map(|v| {
                                        let selected = v.id.to_string() == chosen;
                                        view! { <option value=v.id.to_string() selected=selected>{v.name}</option> }
                                    }).collect_view()}
                                </select>
                                <label for="starts_on">{ui.field_starts_on}</label>
                                <input id="starts_on" name="starts_on" type="date" required value=query("starts_on")/>
                                <label for="ends_on">{ui.field_ends_on}</label>
                                <input id="ends_on" name="ends_on" type="date" required value=query("ends_on")/>
                                <label for="points">{ui.field_points}</label>
                                <input id="points" name="points" type="number" min="1" max="100" required
                                    value={let p = query("points"); if p.is_empty() { "2".to_string() } else { p }}/>
                                <button type="submit" class="btn primary big">{ui.create_button}</button>
                            </form>
                        </section>
                    }
                });
                let ledger_links = matches!(user.role, Role::HqAdmin | Role::BranchStaff).then(|| view! {
                    <nav class="staff-links">
                        <a class="btn" href="/staff/award">{ui.staff_award}</a>
                        <a class="btn" href="/staff/reviews">{ui.staff_reviews}</a>
                        <a class="btn" href="/staff/catalogue">{ui.staff_catalogue}</a>
                        <a class="btn" href="/staff/moderation">{ui.moderation_title}</a>
                    </nav>
                });
                view! {
                    {ledger_links}
                    <h2>{ui.staff_campaigns}</h2>
                    <table class="table">
                        <thead><tr>
                            <th>{ui.field_campaign_name}</th><th>{ui.checkins}</th><th>{ui.participants}</th>
                        </tr></thead>
                        <tbody>
                            {campaigns.into_iter().map(|c| view! {
                                <tr>
                                    <td><a href=format!("/staff/campaigns/{}", c.id)>{c.name}</a>
                                        <br/><small class="muted">{c.starts_on} " ~ " {c.ends_on}</small></td>
                                    <td class="num">{c.checkins}</td>
                                    <td class="num">{c.participants}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {create}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn CampaignStatsPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let id = param_id();
    let stats = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => match get_campaign_stats(id).await {
                    Ok(s) => match get_persistent(id).await {
                        // Departments see statistics only; judging check-ins is for HQ and branches.
                        Ok(p) => Ok((s, p, get_recent_checkins(id).await.unwrap_or_default())),
                        Err(e) => Err(e),
                    },
                    Err(e) => Err(e),
                },
                None => Err(AppError::CampaignNotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok((s, persistent, recent)) => view! {
                        <Notice/>
                        <FormError/>
                        <h1>{s.campaign.name.clone()}</h1>
                        <dl class="figures wide">
                            <div><dt>{ui.checkins}</dt><dd data-testid="total-checkins">{s.campaign.checkins}</dd></div>
                            <div><dt>{ui.participants}</dt><dd data-testid="total-participants">{s.campaign.participants}</dd></div>
                            <div><dt>{ui.days_left}</dt><dd>{s.campaign.days_left}</dd></div>
                        </dl>
                        <h2>{ui.stats_by_day}</h2>
                        <table class="table">
                            <thead><tr><th>{ui.stats_day}</th><th>{ui.checkins}</th><th>{ui.participants}</th></tr></thead>
                            <tbody>
                                {s.per_day.into_iter().map(|d| view! {
                                    <tr><td>{d.day}</td><td class="num">{d.checkins}</td><td class="num">{d.participants}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <h2>{ui.persistent_title}</h2>
                        <p class="muted small">{ui.persistent_hint}</p>
                        <table class="table" data-testid="persistent">
                            <thead><tr><th>{ui.field_name}</th><th>{ui.field_village}</th><th>{ui.persistent_days}</th><th>{ui.best_streak}</th></tr></thead>
                            <tbody>
                                {persistent.into_iter().map(|p| view! {
                                    <tr><td>{p.display_name}</td><td>{p.village_name.unwrap_or_default()}</td>
                                        <td class="num">{p.days}</td><td class="num">{p.best_streak}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <h2>{ui.recent_checkins}</h2>
                        <ol class="plain-list" data-testid="recent-checkins">
                            {recent.into_iter().map(|k| {
                                let campaign_id = s.campaign.id;
                                view! {
                                    <li class="card checkin-row" id=format!("checkin-{}", k.id)>
                                        {k.thumb_url.clone().map(|src| view! { <img src=src loading="lazy" alt="" class="thumb"/> })}
                                        <div>
                                            <p><a href=format!("/posts/{}", k.post_id)><strong>{k.author_name.clone()}</strong></a>
                                                {k.village_name.clone().map(|v| format!(" · {v}"))}
                                                " " <time class="muted small">{k.time_label.clone()}</time></p>
                                            <p class="small">{k.body.clone()}</p>
                                            {match k.rejected_reason.clone() {
                                                Some(r) => view! { <p class="error small">{ui.rejected_label}{r}</p> }.into_any(),
                                                None => view! {
                                                    <form method="post" action="/api/staff/checkins/reject" class="form">
                                                        <input type="hidden" name="checkin_id" value=k.id.to_string()/>
                                                        <input type="hidden" name="campaign_id" value=campaign_id.to_string()/>
                                                        <input name="reason" required maxlength="200" placeholder=ui.not_genuine_hint
                                                            value=query("reason")
                                                            aria-label=ui.not_genuine_hint/>
                                                        <button type="submit" class="btn">{ui.mark_not_genuine}</button>
                                                    </form>
                                                }.into_any(),
                                            }}
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        <a class="btn" href="/staff">{ui.back}</a>
                    }.into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}
