use super::common::{FormError, Notice, load_error, query};
use crate::api::reads::{current_user, get_villages};
use crate::domain::role::Role;
use crate::i18n::Ui;
use crate::islands::PasswordField;
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn SignupPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let villages = Resource::new_blocking(|| (), |_| get_villages());
    let (phone, name, village) = (query("phone"), query("name"), query("village"));
    view! {
        <section class="card">
            <h1>{ui.signup_title}</h1>
            <FormError/>
            <form method="post" action="/api/signup" class="form">
                <label for="phone">{ui.field_phone}</label>
                <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel"
                    required value=phone aria-describedby="phone-hint"/>
                <small id="phone-hint">{ui.field_phone_hint}</small>
                <label for="display_name">{ui.field_name}</label>
                <input id="display_name" name="display_name" type="text" autocomplete="nickname"
                    maxlength="20" required value=name/>
                <small>{ui.field_name_hint}</small>
                <label for="village_id">{ui.field_village}</label>
                <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
                    {
                        let village = village.clone();
                        move || {
                            let village = village.clone();
                            Suspend::new(async move {
                                let list = villages.await.unwrap_or_default();
                                view! {
                                    <select id="village_id" name="village_id" required>
                                        <option value="">{ui.field_village_choose}</option>
                                        {list.into_iter().map(|v| {
                                            let selected = v.id.to_string() == village;
                                            view! { <option value=v.id.to_string() selected=selected>{v.name}</option> }
                                        }).collect_view()}
                                    </select>
                                }
                            })
                        }
                    }
                </Suspense>
                <PasswordField name="password".into() id="password".into() label=ui.field_password.into()
                    hint=ui.field_password_hint.into() show_label=ui.show_password.into() new_password=true/>
                <label for="password2">{ui.field_password2}</label>
                <input id="password2" name="password2" type="password" autocomplete="new-password" required/>
                <button type="submit" class="btn primary big">{ui.signup_button}</button>
            </form>
            <a class="link" href="/login">{ui.signup_have_account}</a>
        </section>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let ui = current_lang().ui();
    let next = query("next");
    view! {
        <Notice/>
        <section class="card">
            <h1>{ui.login_title}</h1>
            <FormError/>
            <form method="post" action="/api/login" class="form">
                <input type="hidden" name="next" value=next/>
                <label for="phone">{ui.field_phone}</label>
                <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel"
                    required value=query("phone")/>
                <PasswordField name="password".into() id="password".into() label=ui.field_password.into()
                    hint=String::new() show_label=ui.show_password.into() new_password=false/>
                <button type="submit" class="btn primary big">{ui.login_button}</button>
            </form>
            <a class="link" href="/signup">{ui.login_no_account}</a>
        </section>
    }
}

pub fn role_label(ui: &Ui, role: Role) -> &'static str {
    match role {
        Role::Depositor => ui.role_depositor,
        Role::BranchStaff => ui.role_branch_staff,
        Role::DepartmentStaff => ui.role_department_staff,
        Role::HqAdmin => ui.role_hq_admin,
    }
}

#[component]
pub fn MePage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let me = Resource::new_blocking(|| (), |_| current_user());
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(u)) => view! {
                        <section class="card">
                            <h1>{ui.me_title}</h1>
                            <dl class="facts">
                                <dt>{ui.field_name}</dt><dd>{u.display_name.clone()}</dd>
                                <dt>{ui.field_phone}</dt><dd>{u.phone.clone()}</dd>
                                <dt>{ui.field_village}</dt><dd>{u.village_name.clone().unwrap_or_default()}</dd>
                                <dt>{ui.me_role}</dt><dd>{role_label(ui, u.role)}</dd>
                            </dl>
                            {matches!(u.role, Role::HqAdmin | Role::BranchStaff).then(|| view! { <a class="btn big" href="/staff">{ui.nav_staff}</a> })}
                            <form method="post" action="/api/logout">
                                <button type="submit" class="btn big">{ui.logout_button}</button>
                            </form>
                        </section>
                    }.into_any(),
                    Ok(None) => load_error(crate::error::AppError::NotLoggedIn, lang),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}
