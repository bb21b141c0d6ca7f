//! Sign-up, log-in and log-out.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "signup")]
pub async fn signup(
    phone: String,
    display_name: String,
    village_id: String,
    password: String,
    password2: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, forms, request};
    use crate::domain::account::SignupForm;

    let result = async {
        let st = request::state()?;
        let ip = request::client_ip().await;
        st.limits.check_auth(&[format!("signup-ip:{ip}")])?;
        if password != password2 {
            return Err(AppError::PasswordMismatch);
        }
        let form = SignupForm {
            phone: phone.clone(),
            display_name: display_name.clone(),
            village_id: village_id.trim().parse().ok(),
            password,
        };
        let user = auth::signup(&st, form).await?;
        request::start_session(user.id).await?;
        tracing::info!(user = user.id, "depositor signed up");
        Ok(())
    }
    .await;
    forms::redirect_after(
        &result,
        "/?notice=welcome",
        "/signup",
        &[("phone", &phone), ("name", &display_name), ("village", &village_id)],
    );
    result
}

#[server(endpoint = "login")]
pub async fn login(phone: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::backend::{auth, forms, request};

    let result = async {
        let st = request::state()?;
        let ip = request::client_ip().await;
        let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
        st.limits.check_auth(&[format!("login-ip:{ip}"), format!("login-phone:{digits}")])?;
        let user = auth::login(&st, &phone, &password).await?;
        request::start_session(user.id).await?;
        tracing::info!(user = user.id, "logged in");
        Ok(())
    }
    .await;
    let next = next.filter(|n| forms::is_local_path(n)).unwrap_or_else(|| "/".into());
    let success = crate::urls::url_with(&next, &[("notice", "logged_in")]);
    forms::redirect_after(&result, &success, "/login", &[("phone", &phone), ("next", &next)]);
    result
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::backend::request;
    let result = request::end_session().await;
    leptos_axum::redirect("/?notice=logged_out");
    result
}
