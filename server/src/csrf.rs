//! Refuses state-changing requests that come from another site.
//!
//! Browsers label every request with `Sec-Fetch-Site`; when it is present
//! only `same-origin` (and `none`, a typed URL or bookmark) may change
//! anything. Older browsers without it still send `Origin` on a POST, which
//! must then name this host, over HTTPS when the site is served over HTTPS
//! (secure cookies on). Requests with neither are not from a browser
//! page and carry no ambient session risk. Session cookies are also
//! `SameSite=Lax`.

use axum::{
    body::Body,
    extract::State,
    http::{Method, Request, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Whether the site is served over HTTPS only (then an `Origin` must be too).
#[derive(Clone, Copy)]
pub struct HttpsOnly(pub bool);

pub async fn guard(State(HttpsOnly(https_only)): State<HttpsOnly>, req: Request<Body>, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let verdict = match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => matches!(site, "same-origin" | "none"),
        None => match (headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()), headers.get(header::HOST).and_then(|v| v.to_str().ok())) {
            (Some(origin), Some(host)) => same_site(origin, host, https_only),
            (Some(_), None) => false,
            (None, _) => true,
        },
    };
    if verdict {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "请求来自其他网站，已拒绝。请回到文明银行页面重新提交。\nCross-site request refused; please submit the form from the app itself.",
        )
            .into_response()
    }
}

/// `origin` names this `host`, with a scheme this site is served over.
fn same_site(origin: &str, host: &str, https_only: bool) -> bool {
    match origin.split_once("://") {
        Some((scheme, rest)) => {
            let scheme_ok = scheme == "https" || (scheme == "http" && !https_only);
            scheme_ok && rest.trim_end_matches('/') == host
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::same_site;

    #[test]
    fn an_origin_must_name_this_host_over_a_scheme_the_site_uses() {
        assert!(same_site("http://127.0.0.1:3000", "127.0.0.1:3000", false));
        assert!(same_site("https://civic.example", "civic.example", true));
        assert!(!same_site("http://civic.example", "civic.example", true), "plain HTTP page posting to an HTTPS site");
        assert!(!same_site("https://evil.example", "127.0.0.1:3000", false));
        assert!(!same_site("ftp://127.0.0.1:3000", "127.0.0.1:3000", false));
        assert!(!same_site("null", "127.0.0.1:3000", false));
    }
}
