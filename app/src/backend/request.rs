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
/// The town day the session was last used on.
const SESSION_SEEN_KEY: &str = "seen";

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
    keep_alive(&session, st).await;
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

/// Sessions expire 30 days after they were last saved, and a session is
/// saved only when it changes. Noting the town day of the visit changes it
/// once a day, so a session lasts 30 days from the last day it was used.
async fn keep_alive(session: &Session, st: &AppState) {
    let today = crate::domain::localday::local_day(st.clock.now()).to_string();
    let seen = session.get::<String>(SESSION_SEEN_KEY).await.ok().flatten();
    if seen.as_deref() != Some(today.as_str()) {
        if let Err(e) = session.insert(SESSION_SEEN_KEY, today).await {
            tracing::warn!(error = %e, "cannot note the session's visit day");
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::ratelimit::Limits;
    use chrono::{TimeZone, Utc};
    use std::sync::Arc;
    use tower_sessions::MemoryStore;

    #[tokio::test]
    async fn a_session_is_saved_again_once_per_day_of_use() {
        // The pool is never used: keep_alive reads only the clock.
        let pool = sqlx::postgres::PgPoolOptions::new().connect_lazy("postgres://nobody@127.0.0.1:1/none").unwrap();
        let st = AppState::new(pool, 1, std::env::temp_dir(), Limits::new(10));
        st.clock.set(Utc.with_ymd_and_hms(2026, 12, 4, 2, 0, 0).unwrap());
        let store = Arc::new(MemoryStore::default());

        let first = Session::new(None, store.clone(), None);
        keep_alive(&first, &st).await;
        assert!(first.is_modified(), "a new session notes its first day");
        first.save().await.unwrap();
        let id = first.id();

        // Later the same town day: nothing to save.
        st.clock.set(Utc.with_ymd_and_hms(2026, 12, 4, 15, 59, 0).unwrap());
        let again = Session::new(id, store.clone(), None);
        keep_alive(&again, &st).await;
        assert!(!again.is_modified());

        // 00:01 the next morning in the town (16:01 UTC): saved again, so
        // its expiry moves on.
        st.clock.set(Utc.with_ymd_and_hms(2026, 12, 4, 16, 1, 0).unwrap());
        let next_day = Session::new(id, store, None);
        keep_alive(&next_day, &st).await;
        assert!(next_day.is_modified());
    }
}
