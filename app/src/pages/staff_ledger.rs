//! Staff pages of the ledger: awarding catalogue items, editing the
//! catalogue, and answering depositors' review requests.

use super::common::{FormError, Notice, category_label, load_error, query};
use crate::api::ledger::{get_award_roster, get_catalogue, get_open_reviews};
use crate::api::reads::current_user;
use crate::domain::role::Role;
use crate::shell::current_lang;
use leptos::prelude::*;

fn new_request_key() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

#[component]
pub fn AwardPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let village = query("village").parse::<i64>().ok();
    let data = Resource::new_blocking(move || village, |v| async move { (get_award_roster(v).await, get_catalogue().await) });
    view! {
        <Notice/>
        <h1>{ui.staff_award}</h1>
        <FormError/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                let (roster, catalogue) = data.await;
                let (villages, chosen, people) = match roster {
                    Ok(r) => r,
                    Err(e) => return load_error(e, lang),
                };
                let items = catalogue.unwrap_or_default();
                let chosen_s = chosen.map(|c| c.to_string()).unwrap_or_default();
                let picker = (villages.len() > 1).then(|| {
                    let chosen_s = chosen_s.clone();
                    view! {
                        <form method="get" action="/staff/award" class="form inline">
                            <label for="village">{ui.field_village}</label>
                            <select id="village" name="village">
                                {villages.iter().map(|v| {
                                    let selected = v.id.to_string() == chosen_s;
                                    view! { <option value=v.id.to_string() selected=selected>{v.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                            <button type="submit" class="btn">{ui.show_village}</button>
                        </form>
                    }
                });
                view! {
                    {picker}
                    <section class="card">
                        <form method="post" action="/api/staff/award" class="form">
                            <input type="hidden" name="request_key" value=new_request_key()/>
                            <input type="hidden" name="village_id" value=chosen_s/>
                            <label for="item_id">{ui.field_item}</label>
                            <select id="item_id" name="item_id" required>
                                {items.into_iter().map(|i| view! {
                                    <option value=i.id.to_string()>
                                        {format!("{} · {}（+{}，{}）", i.core_value, i.name, i.rule.points, category_label(ui, &i.category))}
                                    </option>
                                }).collect_view()}
                            </select>
                            <fieldset class="plain">
                                <legend>{ui.choose_households}</legend>
                                {if people.is_empty() {
                                    view! { <p class="muted">{ui.no_depositors}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="check-list">
                                            {people.into_iter().map(|p| view! {
                                                <li><label>
                                                    <input type="checkbox" name="user_ids[]" value=p.id.to_string()/>
                                                    <span>{p.display_name}</span>
                                                    <span class="muted small">{p.phone}</span>
                                                    <span class="muted small">{ui.balance_label} " " {p.balance}</span>
                                                </label></li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </fieldset>
                            <label for="memo">{ui.field_memo}</label>
                            <input id="memo" name="memo" maxlength="200" value=query("memo")/>
                            <button type="submit" class="btn primary big">{ui.award_submit}</button>
                        </form>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let data = Resource::new_blocking(|| (), |_| async { (current_user().await, get_catalogue().await) });
    view! {
        <Notice/>
        <h1>{ui.staff_catalogue}</h1>
        <FormError/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                let (user, items) = data.await;
                let editable = matches!(&user, Ok(Some(u)) if u.role == Role::HqAdmin);
                let items = match items {
                    Ok(i) => i,
                    Err(e) => return load_error(e, lang),
                };
                items.into_iter().map(|i| {
                    let cap = |c: Option<i32>| c.map(|c| c.to_string()).unwrap_or_default();
                    view! {
                        <section class="card item" id=format!("item-{}", i.id)>
                            <h3>{i.core_value.clone()} " · " {i.name.clone()}</h3>
                            <p class="muted small">{category_label(ui, &i.category)} " · " {ui.version} " " {i.version}</p>
                            {if editable {
                                view! {
                                    <form method="post" action="/api/catalogue/edit" class="rule-form">
                                        <input type="hidden" name="item_id" value=i.id.to_string()/>
                                        <label>{ui.points_per_award}
                                            <input name="points" type="number" min="1" max="1000" required value=i.rule.points.to_string()/></label>
                                        <label>{ui.field_daily_cap}<input name="daily_cap" type="number" min="1" value=cap(i.rule.daily_cap)/></label>
                                        <label>{ui.field_yearly_cap}<input name="yearly_cap" type="number" min="1" value=cap(i.rule.yearly_cap)/></label>
                                        <button type="submit" class="btn">{ui.save}</button>
                                    </form>
                                }.into_any()
                            } else {
                                view! {
                                    <p>"+" {i.rule.points} " " {ui.points_unit} " · " {ui.field_daily_cap} " " {cap(i.rule.daily_cap)}
                                       " · " {ui.field_yearly_cap} " " {cap(i.rule.yearly_cap)}</p>
                                }.into_any()
                            }}
                        </section>
                    }
                }).collect_view().into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn ReviewsPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let reviews = Resource::new_blocking(|| (), |_| get_open_reviews());
    view! {
        <Notice/>
        <h1>{ui.staff_reviews}</h1>
        <FormError/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match reviews.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted">{ui.no_reviews}</p> }.into_any(),
                    Ok(list) => list.into_iter().map(|r| {
                        let typed = if query("review") == r.id.to_string() { query("answer") } else { String::new() };
                        view! {
                        <section class="card review-request" id=format!("review-{}", r.id)>
                            <p><strong>{r.depositor}</strong> {r.village.map(|v| format!(" · {v}"))}
                               <span class="muted small">" · " {r.asked_at}</span></p>
                            <p class="muted">{r.cause_name} " · " {r.amount} " " {ui.points_unit}
                                {r.reversed.then(|| view! { " · " <span class="badge">{ui.entry_reversed}</span> })}</p>
                            <p>{ui.depositor_question}{r.question}</p>
                            <form method="post" action="/api/staff/reviews/answer" class="form">
                                <input type="hidden" name="review_id" value=r.id.to_string()/>
                                <label for=format!("answer-{}", r.id)>{ui.answer_field}</label>
                                <textarea id=format!("answer-{}", r.id) name="answer" rows="2" required>{typed}</textarea>
                                <label class="check"><input type="checkbox" name="reverse" value="1"/>{ui.reverse_entry}</label>
                                <button type="submit" class="btn primary">{ui.answer_submit}</button>
                            </form>
                        </section>
                    }}).collect_view().into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}
