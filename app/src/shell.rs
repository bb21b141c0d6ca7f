//! The HTML document, the router and the frame around every page.

use crate::i18n::Lang;
use crate::api::social::get_unread;
use crate::pages::{NotFound, account, campaign, compose, feed, home, inbox, moderation, post, staff, staff_ledger, topics, wallet};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::{SsrMode, components::{A, Route, Router, Routes}, path};

/// The language of this request: the `lang` cookie, else Chinese.
pub fn current_lang() -> Lang {
    if let Some(lang) = use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "ssr")]
    {
        if let Some(parts) = use_context::<http::request::Parts>() {
            let cookies = parts.headers.get_all(http::header::COOKIE);
            return Lang::from_cookies(cookies.iter().filter_map(|v| v.to_str().ok()));
        }
    }
    Lang::Zh
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#b3261e"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options=options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = current_lang();
    provide_context(lang);
    let ui = lang.ui();
    let unread = Resource::new_blocking(|| (), |_| get_unread());
    view! {
        <Title text=ui.app_name/>
        <Router>
            <header class="topbar">
                <A href="/" attr:class="brand">{ui.app_name}</A>
                <Suspense fallback=|| ()>
                    {move || {
                        // On the inbox itself everything is being read now.
                        let reading = leptos_router::hooks::use_location().pathname.get_untracked() == "/notifications";
                        Suspend::new(async move {
                        unread.await.ok().flatten().map(|n| if reading { 0 } else { n }).map(|n| {
                            let label = if n > 99 { "99+".to_string() } else { n.to_string() };
                            view! {
                                <a class="inbox-link" href="/notifications" data-testid="inbox-link">
                                    {ui.inbox_title}
                                    {(n > 0).then(|| view! {
                                        <span class="unread-count" data-testid="unread-badge" aria-label=format!("{n} {}", ui.unread_label)>{label}</span>
                                    })}
                                </a>
                            }
                        })
                    })}}
                </Suspense>
                <a class="lang" href=format!("/lang/{}", if lang == Lang::Zh { "en" } else { "zh" })>
                    {ui.language_switch}
                </a>
            </header>
            <main class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=account::SignupPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=account::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/me") view=account::MePage ssr=SsrMode::Async/>
                    <Route path=path!("/feed") view=feed::FeedPage ssr=SsrMode::Async/>
                    <Route path=path!("/feed/new") view=compose::NewPostPage ssr=SsrMode::Async/>
                    <Route path=path!("/posts/:id") view=post::PostPage ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id") view=post::PersonPage ssr=SsrMode::Async/>
                    <Route path=path!("/topics") view=topics::TopicsPage ssr=SsrMode::Async/>
                    <Route path=path!("/topics/show") view=topics::TopicPage ssr=SsrMode::Async/>
                    <Route path=path!("/exhibitions/:id") view=topics::ExhibitionPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=inbox::InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/moderation") view=moderation::ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/wallet") view=wallet::WalletPage ssr=SsrMode::Async/>
                    <Route path=path!("/campaigns/:id") view=campaign::CampaignPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view=staff::StaffPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/campaigns/:id") view=staff::CampaignStatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/award") view=staff_ledger::AwardPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/catalogue") view=staff_ledger::CataloguePage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/reviews") view=staff_ledger::ReviewsPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <nav class="tabbar">
                <A href="/" exact=true>{ui.nav_home}</A>
                <A href="/feed">{ui.nav_feed}</A>
                <A href="/wallet">{ui.nav_wallet}</A>
                <A href="/me">{ui.nav_me}</A>
            </nav>
        </Router>
    }
}
