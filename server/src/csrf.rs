//! Refuses state-changing requests that come from another site.
//!
//! Browsers label every request with `Sec-Fetch-Site`; when it is present
//! only `same-origin` (and `none`, a typed URL or bookmark) may change
//! anything. Older browsers without it still send `Origin` on a POST, which
//! must then name this host. Requests with neither are not from a browser
//! page and carry no ambient session risk. Session cookies are also
//! `SameSite=Lax`.

use axum::{body::Body, http::{Method, Request, StatusCode, header}, middleware::Next, response::{IntoResponse, Response}};

pub async fn guard(req: Request<Body>, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let verdict = match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => matches!(site, "same-origin" | "none"),
        None => match (headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()), headers.get(header::HOST).and_then(|v| v.to_str().ok())) {
            (Some(origin), Some(host)) => origin_host(origin) == Some(host),
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

fn origin_host(origin: &str) -> Option<&str> {
    origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::origin_host;

    #[test]
    fn origin_host_drops_scheme() {
        assert_eq!(origin_host("http://127.0.0.1:3000"), Some("127.0.0.1:3000"));
        assert_eq!(origin_host("null"), None);
    }
}
