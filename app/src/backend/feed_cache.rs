//! The main 文明圈 pages as everyone sees them, kept between requests.
//!
//! Every reader of the feed sees the same posts, photos and counts; only
//! their own likes (and their own hidden posts) differ. A page is therefore
//! read from the database once and shared until something on it changes:
//! every write that touches posts, photos, likes, comments, moderation or a
//! check-in's verdict calls [`FeedCache::changed`], and a page older than
//! `TTL` is read again anyway (a renamed author, a write made outside this
//! process). The reader's own part is added per request by [`personalise`].

use crate::model::{FeedItem, FeedPage};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_secs(2);
/// Pages kept at most (distinct `before` cursors); older cursors are rare.
const MAX_PAGES: usize = 64;
/// Readers' like sets kept at most before starting over.
const MAX_LIKED_SETS: usize = 20_000;

/// One page of the main feed as a guest would see it, plus the hidden posts
/// that fall inside it (shown to their authors only).
#[derive(Debug)]
pub struct SharedPage {
    generation: u64,
    /// Tells this reading of the page from any other.
    serial: u64,
    at: Instant,
    /// Visible posts, newest first: up to `page_size + 1` (the extra one
    /// only says that an older page exists).
    pub visible: Vec<FeedItem>,
    /// Hidden posts newer than the extra visible one, newest first.
    pub hidden: Vec<FeedItem>,
}

#[derive(Default)]
pub struct FeedCache {
    generation: AtomicU64,
    serials: AtomicU64,
    pages: Mutex<HashMap<Option<i64>, Arc<SharedPage>>>,
    /// Which posts of a kept page (by serial) a reader has liked; a like or
    /// unlike is a change, so these stay exact.
    liked: Mutex<HashMap<(i64, u64), Arc<HashSet<i64>>>>,
    /// One reader rebuilds a page while the others wait for it.
    pub build: tokio::sync::Mutex<()>,
}

impl fmt::Debug for FeedCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FeedCache").field("generation", &self.generation.load(Ordering::Relaxed)).finish()
    }
}

impl FeedCache {
    /// Something shown in the feed has changed: every kept page is stale.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut pages) = self.pages.lock() {
            pages.clear();
        }
        if let Ok(mut liked) = self.liked.lock() {
            liked.clear();
        }
    }

    /// The reader's likes among `page`, if kept since the last change.
    pub fn liked(&self, reader: i64, page: &SharedPage) -> Option<Arc<HashSet<i64>>> {
        let liked = self.liked.lock().ok()?;
        liked.get(&(reader, page.serial)).cloned()
    }

    /// Keeps the reader's likes among `page`, read at `generation`.
    pub fn put_liked(&self, reader: i64, page: &SharedPage, generation: u64, set: HashSet<i64>) -> Arc<HashSet<i64>> {
        let set = Arc::new(set);
        if let Ok(mut liked) = self.liked.lock() {
            if liked.len() >= MAX_LIKED_SETS {
                liked.clear();
            }
            if generation == self.generation() {
                liked.insert((reader, page.serial), set.clone());
            }
        }
        set
    }

    /// Read before querying, so that a write committed while the page was
    /// being read makes the page stale at once.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub fn get(&self, before: Option<i64>) -> Option<Arc<SharedPage>> {
        let now = self.generation();
        let pages = self.pages.lock().ok()?;
        pages.get(&before).filter(|p| p.generation == now && p.at.elapsed() < TTL).cloned()
    }

    pub fn put(&self, before: Option<i64>, generation: u64, visible: Vec<FeedItem>, hidden: Vec<FeedItem>) -> Arc<SharedPage> {
        let serial = self.serials.fetch_add(1, Ordering::Relaxed);
        let page = Arc::new(SharedPage { generation, serial, at: Instant::now(), visible, hidden });
        if let Ok(mut pages) = self.pages.lock() {
            if pages.len() >= MAX_PAGES {
                pages.retain(|_, p| p.at.elapsed() < TTL);
            }
            if pages.len() < MAX_PAGES && generation == self.generation() {
                pages.insert(before, page.clone());
            }
        }
        page
    }
}

/// The page `viewer` sees: the shared posts with the viewer's own hidden
/// posts merged in by id, cut to `page_size`, with the viewer's likes.
pub fn personalise(shared: &SharedPage, viewer: Option<i64>, liked: &HashSet<i64>, page_size: usize) -> FeedPage {
    let own_hidden = shared.hidden.iter().filter(|h| Some(h.author_id) == viewer);
    let mut items: Vec<FeedItem> = shared.visible.iter().chain(own_hidden).cloned().collect();
    items.sort_by(|a, b| b.post_id.cmp(&a.post_id));
    let has_more = items.len() > page_size;
    items.truncate(page_size);
    for item in &mut items {
        item.liked = liked.contains(&item.post_id);
    }
    let next_before = if has_more { items.last().map(|i| i.post_id) } else { None };
    FeedPage { items, next_before }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(post_id: i64, author_id: i64) -> FeedItem {
        FeedItem {
            post_id,
            author_id,
            author_name: format!("author {author_id}"),
            village_name: None,
            department_name: None,
            body: format!("post {post_id}"),
            photos: Vec::new(),
            time_label: String::new(),
            campaign_id: None,
            campaign_name: None,
            topic: None,
            likes: 3,
            comments: 0,
            liked: false,
            hidden_reason: None,
            rejected_reason: None,
        }
    }

    fn shared(visible: &[i64], hidden: &[(i64, i64)]) -> SharedPage {
        SharedPage {
            generation: 0,
            serial: 0,
            at: Instant::now(),
            visible: visible.iter().map(|id| item(*id, 1)).collect(),
            hidden: hidden.iter().map(|(id, author)| item(*id, *author)).collect(),
        }
    }

    fn ids(p: &FeedPage) -> Vec<i64> {
        p.items.iter().map(|i| i.post_id).collect()
    }

    #[test]
    fn readers_see_the_shared_page_with_their_own_likes() {
        let s = shared(&[9, 8, 7, 6], &[]);
        let liked: HashSet<i64> = [8].into_iter().collect();
        let p = personalise(&s, Some(5), &liked, 3);
        assert_eq!(ids(&p), vec![9, 8, 7]);
        assert_eq!(p.next_before, Some(7), "a fourth post exists, so there is an older page");
        assert_eq!(p.items.iter().filter(|i| i.liked).map(|i| i.post_id).collect::<Vec<_>>(), vec![8]);
        let guest = personalise(&s, None, &HashSet::new(), 10);
        assert_eq!(ids(&guest), vec![9, 8, 7, 6]);
        assert_eq!(guest.next_before, None);
        assert!(guest.items.iter().all(|i| !i.liked));
    }

    #[test]
    fn hidden_posts_reach_only_their_author_and_keep_the_page_size() {
        let s = shared(&[9, 7, 6, 5], &[(8, 42), (10, 43)]);
        let author = personalise(&s, Some(42), &HashSet::new(), 3);
        assert_eq!(ids(&author), vec![9, 8, 7]);
        assert_eq!(author.next_before, Some(7));
        let other = personalise(&s, Some(44), &HashSet::new(), 3);
        assert_eq!(ids(&other), vec![9, 7, 6]);
        assert_eq!(personalise(&s, None, &HashSet::new(), 3).items.len(), 3);
    }

    #[test]
    fn a_change_makes_every_kept_page_stale() {
        let cache = FeedCache::default();
        let g = cache.generation();
        cache.put(None, g, vec![item(1, 1)], Vec::new());
        assert!(cache.get(None).is_some());
        assert!(cache.get(Some(1)).is_none());
        cache.changed();
        assert!(cache.get(None).is_none());
        // A page read before the change is not kept after it.
        cache.put(None, g, vec![item(1, 1)], Vec::new());
        assert!(cache.get(None).is_none());
    }

    #[test]
    fn a_readers_likes_are_kept_until_the_next_change() {
        let cache = FeedCache::default();
        let g = cache.generation();
        let page = cache.put(None, g, vec![item(3, 1), item(4, 1)], Vec::new());
        let other = cache.put(Some(3), g, vec![item(2, 1)], Vec::new());
        cache.put_liked(7, &page, g, [3, 4].into_iter().collect());
        assert_eq!(cache.liked(7, &page).map(|s| s.len()), Some(2));
        assert!(cache.liked(8, &page).is_none());
        assert!(cache.liked(7, &other).is_none());
        cache.changed();
        assert!(cache.liked(7, &page).is_none(), "a like or unlike anywhere forgets the kept sets");
    }
}
