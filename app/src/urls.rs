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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_encoded_in_links() {
        assert_eq!(topic_href("老物件"), "/topics/show?t=%E8%80%81%E7%89%A9%E4%BB%B6");
        assert_eq!(encode("a b&c"), "a%20b%26c");
    }
}
