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

/// The page of one topic.
pub fn topic_href(topic: &str) -> String {
    format!("/topics/show?t={}", encode(topic))
}

/// The new-post form filled with a draft: text, topic and photos already
/// stored (comma-separated ids).
pub fn compose_href(text: &str, topic: &str, kept_photos: &str) -> String {
    format!("/feed/new?text={}&topic={}&kept_photos={}", encode(text), encode(topic), encode(kept_photos))
}

/// The thumbnail of a photo kept from an earlier attempt, by its id as the
/// form carries it; `None` unless it is a well-formed id.
pub fn kept_thumb(id: &str) -> Option<String> {
    let simple: String = id.trim().chars().filter(|c| *c != '-').collect::<String>().to_ascii_lowercase();
    (simple.len() == 32 && simple.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("/media/{}/{simple}-t.jpg", &simple[..2]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_encoded_in_links() {
        assert_eq!(topic_href("老物件"), "/topics/show?t=%E8%80%81%E7%89%A9%E4%BB%B6");
        assert_eq!(encode("a b&c"), "a%20b%26c");
        assert_eq!(
            kept_thumb("FE3515AC-e486-4dd9-a6f3-071adec8f152").as_deref(),
            Some("/media/fe/fe3515ace4864dd9a6f3071adec8f152-t.jpg")
        );
        assert_eq!(kept_thumb("../../etc/passwd"), None);
        assert_eq!(kept_thumb(""), None);
        assert_eq!(compose_href("河边#1", "护河打卡", "ab,cd"), "/feed/new?text=%E6%B2%B3%E8%BE%B9%231&topic=%E6%8A%A4%E6%B2%B3%E6%89%93%E5%8D%A1&kept_photos=ab%2Ccd");
    }
}
