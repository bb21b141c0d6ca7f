//! Building links: percent-encoding query values, and the addresses of
//! pages that take one (used by server redirects and by pages alike).

/// `v` percent-encoded for a query string (UTF-8; unreserved bytes kept).
pub fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `path?k=v&...` with the values percent-encoded; empty values are left out.
pub fn url_with(path: &str, params: &[(&str, &str)]) -> String {
    let mut url = path.to_string();
    let mut sep = if path.contains('?') { '&' } else { '?' };
    for (k, v) in params {
        if v.is_empty() {
            continue;
        }
        url.push(sep);
        url.push_str(k);
        url.push('=');
        url.push_str(&encode(v));
        sep = '&';
    }
    url
}

/// The page of one topic.
pub fn topic_href(topic: &str) -> String {
    format!("/topics/show?t={}", encode(topic))
}

/// The new-post form filled with a draft: text, topic and photos already
/// stored (comma-separated ids).
pub fn compose_href(text: &str, topic: &str, kept_photos: &str) -> String {
    url_with("/feed/new", &[("text", text), ("topic", topic), ("kept_photos", kept_photos)])
}

/// Where a stored photo (`id` in simple hex form) is kept under the media
/// folder: `ab/ab….jpg`, and its thumbnail `ab/ab…-t.jpg`.
pub fn photo_file(id: &str, thumb: bool) -> String {
    format!("{}/{id}{}.jpg", &id[..2.min(id.len())], if thumb { "-t" } else { "" })
}

/// The address of a file under the media folder.
pub fn media_url(file: &str) -> String {
    format!("/media/{file}")
}

/// The thumbnail of a photo kept from an earlier attempt, by its id as the
/// form carries it; `None` unless it is a well-formed id.
pub fn kept_thumb(id: &str) -> Option<String> {
    let simple: String = id.trim().chars().filter(|c| *c != '-').collect::<String>().to_ascii_lowercase();
    (simple.len() == 32 && simple.bytes().all(|b| b.is_ascii_hexdigit())).then(|| media_url(&photo_file(&simple, true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_encoded_in_links() {
        assert_eq!(topic_href("老物件"), "/topics/show?t=%E8%80%81%E7%89%A9%E4%BB%B6");
        assert_eq!(encode("a b&c"), "a%20b%26c");
        assert_eq!(
            url_with("/signup", &[("err", "phone_taken"), ("name", "老张 A&B"), ("village", "")]),
            "/signup?err=phone_taken&name=%E8%80%81%E5%BC%A0%20A%26B"
        );
        assert_eq!(url_with("/c?x=1", &[("a", "b")]), "/c?x=1&a=b");
        assert_eq!(
            kept_thumb("FE3515AC-e486-4dd9-a6f3-071adec8f152").as_deref(),
            Some("/media/fe/fe3515ace4864dd9a6f3071adec8f152-t.jpg")
        );
        assert_eq!(kept_thumb("../../etc/passwd"), None);
        assert_eq!(kept_thumb(""), None);
        assert_eq!(compose_href("河边#1", "护河打卡", "ab,cd"), "/feed/new?text=%E6%B2%B3%E8%BE%B9%231&topic=%E6%8A%A4%E6%B2%B3%E6%89%93%E5%8D%A1&kept_photos=ab%2Ccd");
    }
}
