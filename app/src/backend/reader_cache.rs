//! Who is reading and how many unread inbox entries they have, remembered
//! between page views.
//!
//! Every page shows the signed-in person and their inbox badge, so without
//! this each view would cost two queries before the page's own. Both change
//! only when something is written: the server calls [`ReaderCache::changed`]
//! after every request that may write (anything but GET and HEAD), and the
//! inbox calls it when it marks entries read. A value read before a change
//! is never kept after it (values carry the generation they were read at),
//! and none is kept longer than `TTL`, which bounds how long a write made
//! outside this process (a script, another server) goes unseen.

use crate::model::SessionUser;
use moka::sync::Cache;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

const TTL: Duration = Duration::from_secs(10);
const CAPACITY: u64 = 50_000;

pub struct ReaderCache {
    generation: AtomicU64,
    users: Cache<i64, (u64, SessionUser)>,
    unread: Cache<i64, (u64, i64)>,
}

impl Default for ReaderCache {
    fn default() -> Self {
        ReaderCache { generation: AtomicU64::new(0), users: bounded(), unread: bounded() }
    }
}

fn bounded<V: Clone + Send + Sync + 'static>() -> Cache<i64, V> {
    Cache::builder().max_capacity(CAPACITY).time_to_live(TTL).build()
}

impl fmt::Debug for ReaderCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReaderCache").field("generation", &self.generation()).finish()
    }
}

impl ReaderCache {
    /// Something may have been written: forget everything kept.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.users.invalidate_all();
        self.unread.invalidate_all();
    }

    /// Read this before querying and pass it to `put_*`.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub fn user(&self, id: i64) -> Option<SessionUser> {
        self.users.get(&id).filter(|(g, _)| *g == self.generation()).map(|(_, u)| u)
    }

    pub fn put_user(&self, generation: u64, user: &SessionUser) {
        if generation == self.generation() {
            self.users.insert(user.id, (generation, user.clone()));
        }
    }

    pub fn unread(&self, user_id: i64) -> Option<i64> {
        self.unread.get(&user_id).filter(|(g, _)| *g == self.generation()).map(|(_, n)| n)
    }

    pub fn put_unread(&self, generation: u64, user_id: i64, n: i64) {
        if generation == self.generation() {
            self.unread.insert(user_id, (generation, n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;

    fn someone(id: i64) -> SessionUser {
        SessionUser {
            id,
            display_name: "护河的小李".into(),
            role: Role::Depositor,
            village_id: Some(1),
            village_name: Some("大甘棠村".into()),
            phone: "13800000099".into(),
            department_id: None,
            department_name: None,
        }
    }

    #[test]
    fn kept_values_last_until_something_is_written() {
        let c = ReaderCache::default();
        let g = c.generation();
        c.put_user(g, &someone(5));
        c.put_unread(g, 5, 3);
        assert_eq!(c.user(5).map(|u| u.id), Some(5));
        assert_eq!(c.unread(5), Some(3));
        assert_eq!(c.unread(6), None);
        c.changed();
        assert_eq!(c.user(5), None);
        assert_eq!(c.unread(5), None);
    }

    #[test]
    fn a_value_read_before_a_write_is_not_kept_after_it() {
        let c = ReaderCache::default();
        let before = c.generation();
        c.changed();
        c.put_unread(before, 5, 3);
        assert_eq!(c.unread(5), None);
        c.put_unread(c.generation(), 5, 4);
        assert_eq!(c.unread(5), Some(4));
    }
}
