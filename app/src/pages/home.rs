use super::common::{CampaignTile, Notice, load_error};
use crate::api::reads::{current_user, get_open_campaigns};
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let data = Resource::new_blocking(|| (), |_| async { (current_user().await, get_open_campaigns().await) });
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                let (user, campaigns) = data.await;
                let user = user.ok().flatten();
                let greeting = match &user {
                    Some(u) => view! {
                        <section class="card hello">
                            <p class="big">{ui.hello}{u.display_name.clone()}</p>
                            <a class="btn" href="/wallet">{ui.nav_wallet}</a>
                        </section>
                    }.into_any(),
                    None => view! {
                        <section class="card hero">
                            <h1>{ui.welcome_guest}</h1>
                            <p>{ui.tagline}</p>
                            <a class="btn primary big" href="/signup">{ui.signup_title}</a>
                            <a class="btn big" href="/login">{ui.nav_login}</a>
                        </section>
                    }.into_any(),
                };
                let list = match campaigns {
                    Ok(list) if list.is_empty() => view! { <p class="muted">{ui.no_campaigns}</p> }.into_any(),
                    Ok(list) => list
                        .into_iter()
                        .map(|c| view! { <CampaignTile card=c show_action=true/> })
                        .collect_view()
                        .into_any(),
                    Err(e) => load_error(e, lang),
                };
                view! {
                    {greeting}
                    <h2>{ui.active_campaigns}</h2>
                    {list}
                }
            })}
        </Suspense>
    }
}
