//! Plain HTML forms post straight to server functions, so every form works
//! before (or without) the WASM. After such a post the browser is sent on:
//! to the next page on success, or back to the form with the error code and
//! what was typed (never passwords), so nothing entered is lost.

use crate::error::AppError;

use crate::urls::url_with;

/// A path on this site, never another host: `/x` but not `//host`, `/\\host`
/// or anything with a scheme or control characters.
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !p.chars().any(|c| c.is_control())
}

/// The HTTP status a script calling the server function gets for `e`.
pub fn status_for(e: AppError) -> http::StatusCode {
    use http::StatusCode as S;
    match e {
        AppError::NotLoggedIn => S::UNAUTHORIZED,
        AppError::Forbidden | AppError::NotYourVillage => S::FORBIDDEN,
        AppError::NotFound
        | AppError::CampaignNotFound
        | AppError::ReviewNotFound
        | AppError::HoldNotFound
        | AppError::ReportNotFound => S::NOT_FOUND,
        AppError::RateLimited => S::TOO_MANY_REQUESTS,
        AppError::PhotoTooLarge => S::PAYLOAD_TOO_LARGE,
        AppError::Internal => S::INTERNAL_SERVER_ERROR,
        _ => S::UNPROCESSABLE_ENTITY,
    }
}

/// Sends a plain-form post on to `success` or back to `form_path`; a script
/// caller gets the error with its proper status instead.
pub fn redirect_after<T>(result: &Result<T, AppError>, success: &str, form_path: &str, kept: &[(&str, &str)]) {
    match result {
        Ok(_) => leptos_axum::redirect(success),
        Err(e) => {
            if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(status_for(*e));
            }
            let mut params = vec![("err", e.code())];
            params.extend_from_slice(kept);
            leptos_axum::redirect(&url_with(form_path, &params));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/campaigns/3"));
        assert!(!is_local_path("//evil.example/x"));
        assert!(!is_local_path("/\\evil.example/x"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path("/\n/x"));
    }
}
