//! The HTTP surface: pages and server functions through Leptos, static
//! assets (precompressed, cached for a year under hashed names), photos,
//! the language switch, a health check, and the middleware around them.

use crate::{config::Config, csrf, microcache};
use axum::{
    Extension, Router,
    serve::ListenerExt,
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use civic_app::{App, backend::AppState, shell};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use tower_http::{
    compression::CompressionLayer, services::ServeDir, set_header::SetResponseHeaderLayer, trace::TraceLayer,
};
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};
use tower_sessions::CachingSessionStore;
use tower_sessions_moka_store::MokaStore;
use tower_sessions_sqlx_store::PostgresStore;

/// Sessions kept in memory at most (the rest are read from PostgreSQL).
const SESSIONS_IN_MEMORY: u64 = 50_000;
const YEAR: &str = "public, max-age=31536000, immutable";
/// Larger than any accepted photo, so the app's own 10 MB check speaks first.
const MAX_BODY: usize = 64 * 1024 * 1024;

pub async fn serve(state: AppState, config: &Config) -> anyhow::Result<()> {
    let conf = get_configuration(None)?;
    let options = conf.leptos_options;
    let addr = options.site_addr;
    let routes = generate_route_list(App);

    let store = PostgresStore::new(state.pool.clone());
    store.migrate().await?;
    // Sessions are read on every page view and written rarely: kept in
    // memory in front of PostgreSQL (writes go to both).
    let store = CachingSessionStore::new(MokaStore::new(Some(SESSIONS_IN_MEMORY)), store);
    let sessions = SessionManagerLayer::new(store)
        .with_name("civic_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::days(30)));

    let pkg = ServeDir::new(format!("{}/{}", options.site_root, options.site_pkg_dir))
        .precompressed_br()
        .precompressed_gzip();
    let media = ServeDir::new(&state.media_dir);

    let ctx_state = state.clone();
    let fn_state = state.clone();
    let mut app = Router::new()
        .route(
            "/api/{*fn_name}",
            post(move |req| {
                let st = fn_state.clone();
                leptos_axum::handle_server_fns_with_context(move || provide_context(st.clone()), req)
            }),
        )
        .leptos_routes_with_context(&options, routes, move || provide_context(ctx_state.clone()), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .route("/lang/{tag}", get(set_lang))
        .route("/healthz", get(healthz))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(YEAR)))
                .service(pkg),
        )
        .nest_service(
            "/media",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(YEAR)))
                .service(media),
        )
        // Files of the site root (favicon …), else the app's own 404 page.
        // It renders pages too (`/feed/` …), so they get the state as well.
        .fallback(leptos_axum::file_and_error_handler_with_context(
            {
                let st = state.clone();
                move || provide_context(st.clone())
            },
            shell,
        ));
    if config.test_clock {
        tracing::warn!("test clock enabled: POST /test/clock moves the server's time");
        app = app.route("/test/clock", post(set_clock));
    }
    let app = app
        .layer(axum::middleware::from_fn_with_state(csrf::HttpsOnly(config.secure_cookies), csrf::guard))
        .layer(axum::middleware::from_fn(error_status))
        .layer(axum::middleware::from_fn(user_memo))
        .layer(axum::middleware::from_fn(writes_refresh_readers))
        .layer(sessions)
        .layer(Extension(state.clone()))
        .layer(axum::middleware::from_fn(microcache::guest_pages))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY))
        .layer(axum::middleware::from_fn(oversized_form))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(without_trailing_slash))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
        }))
        .with_state(options);

    // Without TCP_NODELAY a response written as headers then body waits for
    // the client's delayed ACK (~40 ms) between the two.
    let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    tracing::info!("listening on http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Every request gets an empty "who is signed in" memo, filled by the first
/// server function that asks.
async fn user_memo(mut req: axum::http::Request<axum::body::Body>, next: axum::middleware::Next) -> Response {
    req.extensions_mut().insert(civic_app::backend::request::UserMemo::default());
    next.run(req).await
}

/// `/feed/` and the like lead to the page without the slash (`/feed`).
async fn without_trailing_slash(req: axum::http::Request<axum::body::Body>, next: axum::middleware::Next) -> Response {
    let path = req.uri().path();
    let reads = matches!(*req.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    if reads && path.len() > 1 && path.ends_with('/') {
        let mut target = format!("/{}", path.trim_matches('/'));
        if let Some(q) = req.uri().query() {
            target.push('?');
            target.push_str(q);
        }
        if civic_app::backend::forms::is_local_path(&target) {
            return Redirect::permanent(&target).into_response();
        }
    }
    next.run(req).await
}

/// Any request but a read may have changed who someone is, what their
/// inbox holds or what guests see; the kept answers are dropped once it
/// has been handled.
async fn writes_refresh_readers(
    Extension(state): Extension<AppState>,
    req: axum::http::Request<axum::body::Body>,
    next: axum::middleware::Next,
) -> Response {
    let reads_only = matches!(*req.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    let res = next.run(req).await;
    if !reads_only {
        state.readers.changed();
        microcache::forget_all();
    }
    res
}

/// Server functions answer every error with status 500; a script calling
/// one gets the status that fits the error instead (403, 404, 422 …).
async fn error_status(req: axum::http::Request<axum::body::Body>, next: axum::middleware::Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if let Ok(e) = serde_json::from_slice::<civic_app::error::AppError>(&bytes) {
        parts.status = civic_app::backend::forms::status_for(e);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A plain form post above the body limit (a huge photo) goes back to its
/// page with the app's own "photo too large" message, not a bare 413.
async fn oversized_form(req: axum::http::Request<axum::body::Body>, next: axum::middleware::Next) -> Response {
    let too_big = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > MAX_BODY);
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if !(too_big && wants_html) {
        return next.run(req).await;
    }
    let back = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string())))
        .map(|p| p.split('?').next().unwrap_or("/").to_string())
        .filter(|p| civic_app::backend::forms::is_local_path(p))
        .unwrap_or_else(|| "/".to_string());
    Redirect::to(&format!("{back}?err=photo_too_large")).into_response()
}

async fn healthz(Extension(state): Extension<AppState>) -> Response {
    match sqlx::query("select 1").execute(&state.pool).await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response(),
    }
}

/// `/lang/en` or `/lang/zh`: remembers the choice in a cookie and goes back.
async fn set_lang(Path(tag): Path<String>, headers: axum::http::HeaderMap) -> Response {
    let lang = civic_app::i18n::Lang::from_tag(&tag);
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string())))
        .filter(|p| civic_app::backend::forms::is_local_path(p))
        .unwrap_or_else(|| "/".to_string());
    let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", if lang == civic_app::i18n::Lang::En { "en" } else { "zh" });
    let mut res = Redirect::to(&back).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

#[derive(serde::Deserialize)]
struct ClockQuery {
    at: String,
}

async fn set_clock(State(_): State<LeptosOptions>, Extension(state): Extension<AppState>, Query(q): Query<ClockQuery>) -> Response {
    match chrono::DateTime::parse_from_rfc3339(&q.at) {
        Ok(at) => {
            state.clock.set(at.with_timezone(&chrono::Utc));
            (StatusCode::OK, format!("clock set to {}", state.clock.now())).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("`at` must be RFC 3339, e.g. 2026-03-01T08:00:00+08:00: {e}")).into_response(),
    }
}
