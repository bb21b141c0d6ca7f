//! Post cards rendered once and reused (server only).
//!
//! A busy feed page is read by many people at once, and rendering its 20
//! cards is most of the page's cost. A card depends on nothing but its post
//! as read (text, photos, counts, the reader's like), the language and the
//! address a like returns to, so the rendered HTML is kept under exactly
//! that: any change to the post is a different key, and nothing ever needs
//! to be invalidated. Least-used cards fall out when the cache is full.

use crate::i18n::Lang;
use crate::model::FeedItem;
use moka::sync::Cache;
use std::sync::{Arc, LazyLock};

/// Cards kept at most (a few hundred bytes to a few KB each).
const CAPACITY: u64 = 20_000;

#[derive(Hash, PartialEq, Eq)]
struct Key {
    lang: Lang,
    back: String,
    item: FeedItem,
}

static CARDS: LazyLock<Cache<Arc<Key>, Arc<str>>> = LazyLock::new(|| Cache::new(CAPACITY));

/// The card's HTML, rendered by `render` only when not kept yet.
pub fn rendered(lang: Lang, back: &str, item: FeedItem, render: impl FnOnce(FeedItem, String) -> String) -> Arc<str> {
    let key = Arc::new(Key { lang, back: back.to_string(), item });
    if let Some(html) = CARDS.get(&key) {
        return html;
    }
    let html: Arc<str> = render(key.item.clone(), key.back.clone()).into();
    CARDS.insert(key, html.clone());
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn item(likes: i64) -> FeedItem {
        FeedItem {
            post_id: 77,
            author_id: 1,
            author_name: "护河的秀兰".into(),
            village_name: Some("大甘棠村".into()),
            department_name: None,
            body: "今天捡了两袋垃圾".into(),
            photos: Vec::new(),
            time_label: "12月4日 08:15".into(),
            campaign_id: None,
            campaign_name: None,
            topic: None,
            likes,
            comments: 0,
            liked: false,
            hidden_reason: None,
            rejected_reason: None,
        }
    }

    #[test]
    fn a_card_is_rendered_again_only_when_something_on_it_differs() {
        let renders = Cell::new(0);
        let render = |i: FeedItem, back: String| {
            renders.set(renders.get() + 1);
            format!("{} likes, back to {back}", i.likes)
        };
        assert_eq!(&*rendered(Lang::Zh, "/feed", item(1), render), "1 likes, back to /feed");
        assert_eq!(&*rendered(Lang::Zh, "/feed", item(1), render), "1 likes, back to /feed");
        assert_eq!(renders.get(), 1);
        assert_eq!(&*rendered(Lang::Zh, "/feed", item(2), render), "2 likes, back to /feed");
        let mut liked = item(2);
        liked.liked = true;
        rendered(Lang::Zh, "/feed", liked, render);
        rendered(Lang::En, "/feed", item(2), render);
        assert_eq!(&*rendered(Lang::Zh, "/feed?before=9", item(2), render), "2 likes, back to /feed?before=9");
        assert_eq!(renders.get(), 5);
    }
}
