//! The server's rules for one shared space, in memory: the reference every store follows and
//! the server the tests simulate.

use std::collections::BTreeMap;

use super::wire::{check_entries, Entry, Refusal};
use super::{MAX_ENTRIES, PULL_LIMIT};
use crate::Stamp;

/// One shared space: a row per entry id, each with the sequence number of its last change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Space {
    seq: u64,
    rows: BTreeMap<String, Row>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    at: Stamp,
    data: String,
    seq: u64,
}

/// A page of changes, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub entries: Vec<Entry>,
    /// The sequence number to pull after next time.
    pub next: u64,
    /// Whether more changes are waiting after this page.
    pub more: bool,
}

/// Whether an incoming entry replaces the row: only a later stamp does. An equal stamp is the
/// same write sent again (a retry), so it changes nothing.
pub fn replaces(row: Option<Stamp>, incoming: Stamp) -> bool {
    row.is_none_or(|at| incoming > at)
}

impl Space {
    /// The sequence number of the last change.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// How many entries the space holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the space holds no entry.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Takes in a push at the server's time `now_ms`, all or nothing: each entry whose stamp is
    /// later than its row's replaces it and gets the next sequence number. Returns the
    /// sequence number after the push.
    pub fn push(&mut self, entries: &[Entry], now_ms: u64) -> Result<u64, Refusal> {
        check_entries(entries, now_ms)?;
        let new_ids = entries
            .iter()
            .filter(|e| !self.rows.contains_key(&e.id))
            .map(|e| e.id.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        if self.rows.len() + new_ids > MAX_ENTRIES {
            return Err(Refusal::TooManyEntries);
        }
        for e in entries {
            if replaces(self.rows.get(&e.id).map(|r| r.at), e.at) {
                self.seq += 1;
                self.rows.insert(e.id.clone(), Row { at: e.at, data: e.data.clone(), seq: self.seq });
            }
        }
        Ok(self.seq)
    }

    /// The changes after sequence number `after`, at most `limit` (and at most
    /// [`PULL_LIMIT`]) of them.
    pub fn pull(&self, after: u64, limit: usize) -> Page {
        let mut changed: Vec<(&String, &Row)> = self.rows.iter().filter(|(_, r)| r.seq > after).collect();
        changed.sort_by_key(|(_, r)| r.seq);
        let limit = limit.clamp(1, PULL_LIMIT);
        let more = changed.len() > limit;
        changed.truncate(limit);
        let next = changed.last().map_or(after.max(self.seq), |(_, r)| r.seq);
        let entries =
            changed.into_iter().map(|(id, r)| Entry { id: id.clone(), at: r.at, data: r.data.clone() }).collect();
        Page { entries, next, more }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::MAX_AHEAD_MS;

    fn entry(id: &str, ms: u64, data: &str) -> Entry {
        Entry { id: id.into(), at: Stamp { ms, c: 0, node: 1 }, data: data.into() }
    }

    #[test]
    fn a_retried_or_older_push_changes_nothing() {
        let mut s = Space::default();
        assert_eq!(s.push(&[entry("a", 10, "x1"), entry("b", 10, "y1")], 100), Ok(2));
        assert_eq!(s.push(&[entry("a", 10, "x1")], 100), Ok(2), "the same push again");
        assert_eq!(s.push(&[entry("a", 5, "old")], 100), Ok(2), "an older stamp");
        assert_eq!(s.push(&[entry("a", 20, "x2")], 100), Ok(3));
        let page = s.pull(0, 100);
        assert_eq!(page.entries, [entry("b", 10, "y1"), entry("a", 20, "x2")]);
        assert_eq!((page.next, page.more), (3, false));
        assert_eq!(s.pull(3, 100).entries, []);
        assert_eq!(s.pull(3, 100).next, 3);
    }

    #[test]
    fn pulls_page_by_page() {
        let mut s = Space::default();
        let many: Vec<Entry> = (0..7).map(|i| entry(&format!("k{i}"), 10, "d")).collect();
        s.push(&many, 100).unwrap();
        let first = s.pull(0, 3);
        assert_eq!((first.entries.len(), first.next, first.more), (3, 3, true));
        let second = s.pull(first.next, 3);
        assert_eq!((second.entries.len(), second.next, second.more), (3, 6, true));
        let last = s.pull(second.next, 3);
        assert_eq!((last.entries.len(), last.next, last.more), (1, 7, false));
    }

    #[test]
    fn refuses_a_bad_push_whole() {
        let mut s = Space::default();
        s.push(&[entry("a", 10, "x")], 100).unwrap();
        let far = 100 + MAX_AHEAD_MS + 1;
        assert_eq!(
            s.push(&[entry("b", 10, "y"), entry("c", far, "z")], 100),
            Err(Refusal::ClockAhead { index: 1, now_ms: 100 })
        );
        assert_eq!(s.push(&[entry("", 10, "y")], 100), Err(Refusal::BadId { index: 0 }));
        assert_eq!(s.push(&[entry("a/b", 10, "y")], 100), Err(Refusal::BadId { index: 0 }));
        assert_eq!(s.push(&[entry("b", 10, "not base64!")], 100), Err(Refusal::BadData { index: 0 }));
        assert_eq!(s.push(&[entry("b", 10, &"A".repeat(4_097))], 100), Err(Refusal::EntryTooLarge { index: 0 }));
        assert_eq!((s.len(), s.seq()), (1, 1), "nothing of a refused push is kept");
    }

    #[test]
    fn holds_at_most_the_limit_of_entries() {
        let mut s = Space::default();
        let full: Vec<Entry> = (0..MAX_ENTRIES).map(|i| entry(&format!("k{i}"), 10, "d")).collect();
        s.push(&full, 100).unwrap();
        assert_eq!(s.push(&[entry("one-more", 10, "d")], 100), Err(Refusal::TooManyEntries));
        assert_eq!(s.push(&[entry("k0", 11, "e")], 100).map(|_| ()), Ok(()), "existing keys still change");
    }
}
