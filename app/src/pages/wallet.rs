use super::common::{Notice, load_error};
use crate::api::reads::get_wallet;
use crate::model::WalletEntry;
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn WalletPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let wallet = Resource::new_blocking(|| (), |_| get_wallet());
    view! {
        <Notice/>
        <h1>{ui.wallet_title}</h1>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match wallet.await {
                    Ok(w) => view! {
                        <section class="card balance">
                            <p class="muted">{ui.my_balance}</p>
                            <p class="balance-figure" data-testid="balance">{w.balance} <small>{ui.points_unit}</small></p>
                        </section>
                        <h2>{ui.wallet_entries}</h2>
                        {if w.entries.is_empty() {
                            view! { <p class="muted">{ui.wallet_empty}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="entries">
                                    {w.entries.into_iter().map(|e| view! { <Entry e/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Entry(e: WalletEntry) -> impl IntoView {
    let ui = current_lang().ui();
    let cause = match e.cause_kind.as_str() {
        "checkin" => ui.cause_checkin,
        _ => ui.cause_other,
    };
    let (class, sign) = if e.amount >= 0 { ("amount plus", "+") } else { ("amount minus", "") };
    view! {
        <li class="entry">
            <span class="cause">{cause}</span>
            <time class="muted">{e.time_label}</time>
            <span class=class>{sign}{e.amount}</span>
        </li>
    }
}
