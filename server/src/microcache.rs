//! A short-lived cache of the public list pages (the 文明圈 feed and online
//! exhibitions) as a guest sees them. When a post is shared in a village
//! chat, hundreds of phones open the same page within seconds; those without
//! a session get the page rendered at most once per `TTL` per URL and
//! language, and any write (a request other than GET/HEAD) empties the cache
//! so that guests see it at once. Signed-in readers always get a personal
//! page (their likes, their inbox badge).

use axum::{
    body::{Body, Bytes},
    http::{HeaderMap, Method, Request, StatusCode, header},
    middleware::Next,
    response::Response,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_secs(2);
/// Pages larger than this are not kept.
const MAX_BODY: usize = 512 * 1024;
/// Entries kept at most (distinct URLs × languages).
const MAX_ENTRIES: usize = 256;

struct Entry {
    at: Instant,
    headers: HeaderMap,
    body: Bytes,
}

static CACHE: LazyLock<Mutex<HashMap<String, Entry>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Bumped by every `forget_all`: a page whose rendering began before a
/// write is not kept after it.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Something may have been written: guests get freshly rendered pages.
pub fn forget_all() {
    GENERATION.fetch_add(1, Ordering::AcqRel);
    if let Ok(mut cache) = CACHE.lock() {
        cache.clear();
    }
}

fn cacheable_path(path: &str) -> bool {
    path == "/feed" || path.starts_with("/exhibitions/")
}

/// The cache key of a guest's request, or `None` if it must be rendered.
fn key_of(req: &Request<Body>) -> Option<String> {
    if req.method() != Method::GET || !cacheable_path(req.uri().path()) {
        return None;
    }
    let cookies: Vec<&str> = req.headers().get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    if cookies.iter().any(|c| c.contains("civic_session=")) {
        return None;
    }
    // Exactly the page's own reading of the cookie, so that a page is kept
    // under the language it was rendered in.
    let lang = civic_app::i18n::Lang::from_cookies(cookies.iter().copied()).tag();
    Some(format!("{lang} {}", req.uri()))
}

pub async fn guest_pages(req: Request<Body>, next: Next) -> Response {
    let Some(key) = key_of(&req) else {
        return next.run(req).await;
    };
    if let Some(hit) = lookup(&key) {
        return hit;
    }
    let generation = GENERATION.load(Ordering::Acquire);
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Response::builder().status(StatusCode::INTERNAL_SERVER_ERROR).body(Body::empty()).unwrap_or_default();
    };
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= MAX_ENTRIES {
            cache.retain(|_, e| e.at.elapsed() < TTL);
        }
        if cache.len() < MAX_ENTRIES && generation == GENERATION.load(Ordering::Acquire) {
            cache.insert(key, Entry { at: Instant::now(), headers: parts.headers.clone(), body: bytes.clone() });
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn lookup(key: &str) -> Option<Response> {
    let cache = CACHE.lock().ok()?;
    let entry = cache.get(key).filter(|e| e.at.elapsed() < TTL)?;
    let mut res = Response::new(Body::from(entry.body.clone()));
    *res.headers_mut() = entry.headers.clone();
    Some(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(uri: &str, cookie: Option<&str>) -> Request<Body> {
        let mut b = Request::builder().method(Method::GET).uri(uri);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_guests_reading_public_lists_are_served_from_the_cache() {
        assert_eq!(key_of(&get("/feed", None)).as_deref(), Some("zh-CN /feed"));
        assert_eq!(key_of(&get("/feed?before=40", Some("lang=en"))).as_deref(), Some("en /feed?before=40"));
        assert_eq!(key_of(&get("/exhibitions/3", Some("lang=zh"))).as_deref(), Some("zh-CN /exhibitions/3"));
        // Read as the page reads it: any English tag, the first cookie wins.
        assert_eq!(key_of(&get("/feed", Some("lang=en-US"))).as_deref(), Some("en /feed"));
        assert_eq!(key_of(&get("/feed", Some("lang=zh; lang=en"))).as_deref(), Some("zh-CN /feed"));
        assert_eq!(key_of(&get("/feed", Some("lang=en; civic_session=abc"))), None);
        assert_eq!(key_of(&get("/wallet", None)), None);
        assert_eq!(key_of(&get("/feed/new", None)), None);
        let post = Request::builder().method(Method::POST).uri("/feed").body(Body::empty()).unwrap();
        assert_eq!(key_of(&post), None);
    }
}
