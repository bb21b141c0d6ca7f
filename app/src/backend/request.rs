//! Reaching request-scoped things from inside a server function or a page
//! being rendered: shared state, the session and the signed-in person.

use super::{AppState, auth};
use crate::domain::role::Actor;
use crate::error::AppError;
use crate::model::SessionUser;
use axum::extract::ConnectInfo;
use leptos::prelude::use_context;
use std::net::SocketAddr;
use tower_sessions::Session;

pub const SESSION_USER_KEY: &str = "uid";

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "session layer missing");
        AppError::Internal
    })
}

/// The peer address of the connection (the app is meant to sit directly
/// on the network or behind a proxy that rate-limits itself).
pub async fn client_ip() -> String {
    match leptos_axum::extract::<ConnectInfo<SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => addr.ip().to_string(),
        Err(_) => "unknown".to_string(),
    }
}

/// The signed-in person, looked up once per HTTP request however many
/// server functions a page calls (the server puts an empty memo into every
/// request; see `UserMemo`).
pub async fn current_user(st: &AppState) -> Result<Option<SessionUser>, AppError> {
    let memo = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<UserMemo>().cloned());
    match memo {
        Some(memo) => memo.0.get_or_try_init(|| lookup_user(st)).await.cloned(),
        None => lookup_user(st).await,
    }
}

/// A request's answer to "who is signed in?", shared by every clone of the
/// request's parts.
#[derive(Clone, Default, Debug)]
pub struct UserMemo(std::sync::Arc<tokio::sync::OnceCell<Option<SessionUser>>>);

async fn lookup_user(st: &AppState) -> Result<Option<SessionUser>, AppError> {
    let session = session().await?;
    let Some(uid) = session.get::<i64>(SESSION_USER_KEY).await.map_err(|e| {
        tracing::error!(error = %e, "session store read failed");
        AppError::Internal
    })?
    else {
        return Ok(None);
    };
    if let Some(user) = st.readers.user(uid) {
        return Ok(Some(user));
    }
    let generation = st.readers.generation();
    let user = auth::load_user(&st.pool, st.town_id, uid).await?;
    if let Some(u) = &user {
        st.readers.put_user(generation, u);
    }
    if user.is_none() {
        // The account is gone: forget the stale session.
        let _ = session.flush().await;
    }
    Ok(user)
}

pub async fn require_user(st: &AppState) -> Result<SessionUser, AppError> {
    current_user(st).await?.ok_or(AppError::NotLoggedIn)
}

pub fn actor_of(user: &SessionUser) -> Actor {
    Actor { user_id: user.id, role: user.role, village_id: user.village_id }
}

/// Marks the session as belonging to `user_id`, with a fresh session id so
/// that an id planted before log-in is worthless afterwards.
pub async fn start_session(user_id: i64) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(|_| AppError::Internal)?;
    session.insert(SESSION_USER_KEY, user_id).await.map_err(|_| AppError::Internal)
}

pub async fn end_session() -> Result<(), AppError> {
    session().await?.flush().await.map_err(|_| AppError::Internal)
}
