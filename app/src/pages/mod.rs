//! Server-rendered pages. They run only on the server (islands mode); the
//! interactive bits they contain live in `crate::islands`.

pub mod account;
pub mod campaign;
pub mod common;
pub mod compose;
pub mod feed;
#[cfg(feature = "ssr")]
mod card_html;
pub mod home;
pub mod inbox;
pub mod moderation;
pub mod post;
pub mod staff;
pub mod staff_ledger;
pub mod topics;
pub mod wallet;

use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    let ui = current_lang().ui();
    view! {
        <section class="card">
            <h1>{ui.not_found_title}</h1>
            <p>{ui.not_found_body}</p>
            <a class="btn primary" href="/">{ui.nav_home}</a>
        </section>
    }
}
