//! A phone's side of a shared space: its progress, the changes it has not had acknowledged
//! yet (the outbox), where it is in the space's sequence, and how far its clock is off.
//!
//! The outbox is part of the same value as the progress, so the app stores both with one
//! write before it says "saved": a change can then wait through closed tabs and dead batteries
//! until a push is acknowledged.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::wire::Change;
use super::{after, CLOCK_TOLERANCE_MS, MAX_SAMPLE_RTT_MS};
use crate::progress::{Cell, Progress, DONE};
use crate::Stamp;

/// A key written on this phone and not yet acknowledged by the server. Public so that the
/// app can store it with its own reader and writer (serde would add kilobytes to the wasm).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Pending {
    /// What this phone wrote, with its stamp.
    pub mine: Cell,
    /// This phone's time when it wrote, as it then knew it. The stamp can be later (a clock
    /// that saw a later change moves on from that), and only this time is ever corrected.
    pub wall: u64,
    /// The latest stamp this phone had seen from the space when it wrote: the write came after
    /// that one, so a corrected stamp never goes below it.
    pub floor: Stamp,
    /// The latest change of the same key pulled while this one waited. Which of the two wins
    /// is decided by the stamps as they are, and decided again if this phone's clock turns out
    /// to be wrong; until then the losing write is kept.
    pub rival: Option<Cell>,
}

impl Pending {
    fn order(c: &Cell) -> (Stamp, &str) {
        (c.at, c.value.as_str())
    }

    /// Whether this phone's write wins over what was pulled.
    fn wins(&self) -> bool {
        self.rival.as_ref().is_none_or(|r| Pending::order(&self.mine) > Pending::order(r))
    }
}

/// Progress that is shared through a space.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Shared {
    progress: Progress,
    /// The last sequence number pulled.
    seq: u64,
    /// Added to this phone's clock to get the server's.
    offset_ms: i64,
    pending: BTreeMap<String, Pending>,
    /// The latest stamp seen from the space: pulled, or pushed and acknowledged.
    seen: Stamp,
}

impl Shared {
    /// Starts sharing `progress`: everything it holds waits to be pushed.
    pub fn new(progress: Progress) -> Shared {
        // A loop, not `collect`: collecting into a map sorts first, which costs the wasm a
        // stable sort (about 1 KB brotli).
        let mut pending = BTreeMap::new();
        for key in progress.keys() {
            if let Some(c) = progress.cell(key) {
                pending.insert(key.to_owned(), Pending::new(c.clone(), c.at.ms, Stamp::default()));
            }
        }
        Shared { progress, seq: 0, offset_ms: 0, pending, seen: Stamp::default() }
    }

    /// Puts stored parts back together, as [`Shared::parts`] gave them.
    pub fn from_parts(
        progress: Progress,
        seq: u64,
        offset_ms: i64,
        pending: BTreeMap<String, Pending>,
        seen: Stamp,
    ) -> Shared {
        Shared { progress, seq, offset_ms, pending, seen }
    }

    /// The parts to store: progress, sequence number, clock offset, outbox and latest seen stamp.
    pub fn parts(&self) -> (&Progress, u64, i64, &BTreeMap<String, Pending>, Stamp) {
        (&self.progress, self.seq, self.offset_ms, &self.pending, self.seen)
    }

    /// The progress, to read.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Takes in what another tab of the same phone stored: its progress, and its outbox, so
    /// that a change waiting there keeps waiting here (per key, the later write). A waiting
    /// write that the merged progress has overtaken meets it as a pulled change would.
    pub fn merge(&mut self, other: &Shared) {
        self.progress.merge(&other.progress);
        for (key, theirs) in &other.pending {
            if self.pending.get(key).is_none_or(|ours| theirs.mine.at > ours.mine.at) {
                self.pending.insert(key.clone(), theirs.clone());
            }
        }
        for (key, p) in &mut self.pending {
            if let Some(cell) = self.progress.cell(key).filter(|c| c.at > p.mine.at) {
                if p.rival.as_ref().is_none_or(|r| Pending::order(cell) > Pending::order(r)) {
                    p.rival = Some(cell.clone());
                }
            }
        }
        self.seq = self.seq.max(other.seq);
        self.seen = self.seen.max(other.seen);
    }

    /// The last sequence number pulled: the next pull asks for what came after it.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// How many changes wait for an acknowledged push.
    pub fn waiting(&self) -> usize {
        self.pending.values().filter(|p| p.wins()).count()
    }

    /// The server's time when this phone's clock says `local_ms`, as far as it is known.
    pub fn now(&self, local_ms: u64) -> u64 {
        (local_ms as i64).saturating_add(self.offset_ms).max(0) as u64
    }

    /// Sets a key at this phone's time `local_ms` (an empty value clears it), and puts it in the
    /// outbox when it changed.
    pub fn set(&mut self, key: &str, value: &str, local_ms: u64) {
        let before = self.progress.cell(key).map(|c| c.at);
        let wall = self.now(local_ms);
        self.progress.set(key, value, wall);
        if let Some(cell) = self.progress.cell(key).filter(|c| Some(c.at) != before) {
            self.pending.insert(key.to_owned(), Pending::new(cell.clone(), wall, self.seen));
        }
    }

    /// Clears every key starting with `prefix` ("Delete my answers").
    pub fn clear(&mut self, prefix: &str, local_ms: u64) {
        let keys: Vec<String> = self.progress.values(prefix).map(|(k, _)| format!("{prefix}{k}")).collect();
        for key in keys {
            self.set(&key, "", local_ms);
        }
    }

    /// Ticks or unticks a step.
    pub fn set_done(&mut self, step: &str, done: bool, local_ms: u64) {
        self.set(&format!("{DONE}{step}"), if done { "1" } else { "" }, local_ms);
    }

    /// What to push: every key written here, not yet acknowledged and not overtaken.
    pub fn outbox(&self) -> Vec<Change> {
        self.pending
            .iter()
            .filter(|(_, p)| p.wins())
            .map(|(k, p)| Change { key: k.clone(), cell: p.mine.clone() })
            .collect()
    }

    /// The server acknowledged a push of `sent`: those keys leave the outbox, unless they were
    /// written again since.
    pub fn pushed(&mut self, sent: &[Change]) {
        for change in sent {
            if self.pending.get(&change.key).is_some_and(|p| p.mine.at == change.cell.at) {
                self.pending.remove(&change.key);
            }
            self.seen = self.seen.max(change.cell.at);
        }
    }

    /// Takes in pulled changes (already opened) and the sequence number they reach. Per key
    /// the later stamp wins; pulling the same page twice, or pages out of order, is harmless.
    pub fn pulled(&mut self, changes: &[Change], next: u64) {
        for change in changes {
            self.progress.merge_cell(&change.key, &change.cell);
            if let Some(p) = self.pending.get_mut(&change.key) {
                if p.rival.as_ref().is_none_or(|r| Pending::order(&change.cell) > Pending::order(r)) {
                    p.rival = Some(change.cell.clone());
                }
            }
            self.seen = self.seen.max(change.cell.at);
        }
        self.seq = self.seq.max(next);
    }

    /// Learns the server's clock from an answer: `server_ms` was its time when it answered a
    /// request sent at this phone's `sent_local` and answered at `received_local`. When this
    /// phone's clock is off by more than the sample can tell, it is corrected, and the changes
    /// nobody has seen yet move with it: they were stamped by the wrong clock at the moment
    /// they were made, so moving them gives them the time they were really made, and nobody
    /// can have ordered anything after the wrong stamps. A change that met a pulled one of the
    /// same key is then decided again by the corrected stamps. Returns whether the clock changed.
    pub fn observe_clock(&mut self, server_ms: u64, sent_local: u64, received_local: u64) -> bool {
        let Some(rtt) = received_local.checked_sub(sent_local).filter(|rtt| *rtt <= MAX_SAMPLE_RTT_MS) else {
            return false;
        };
        let estimate = server_ms as i64 + (rtt / 2) as i64 - received_local as i64;
        let delta = estimate - self.offset_ms;
        let corrected = delta.unsigned_abs() > CLOCK_TOLERANCE_MS + rtt / 2;
        if corrected {
            self.offset_ms = estimate;
            let node = self.progress.node();
            let mut clock = self.seen;
            for (key, p) in &mut self.pending {
                p.wall = (p.wall as i64).saturating_add(delta).max(0) as u64;
                let mut at = Stamp { ms: p.wall, c: 0, node };
                if at <= p.floor {
                    at = after(p.floor, node);
                }
                p.mine.at = at;
                clock = clock.max(at);
                let winner = if p.wins() { &p.mine } else { p.rival.as_ref().unwrap_or(&p.mine) };
                self.progress.put(key, winner.clone());
            }
            self.progress.set_clock(clock);
        }
        // The clock is now known to be right, so what lost is decided for good.
        self.pending.retain(|_, p| p.wins());
        corrected
    }
}

/// Reading a shared replica reads its progress: `shared.is_done(step)`.
impl std::ops::Deref for Shared {
    type Target = Progress;

    fn deref(&self) -> &Progress {
        &self.progress
    }
}

impl Pending {
    fn new(mine: Cell, wall: u64, floor: Stamp) -> Pending {
        Pending { mine, wall, floor, rival: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_waits_until_acknowledged_and_a_newer_one_keeps_waiting() {
        let mut s = Shared::new(Progress::new(1));
        s.set_done("gp", true, 100);
        let first = s.outbox();
        assert_eq!(first.len(), 1);
        s.set_done("gp", false, 200);
        s.pushed(&first);
        assert_eq!(s.waiting(), 1, "the untick after the push still waits");
        let second = s.outbox();
        s.pushed(&second);
        s.pushed(&second);
        assert_eq!(s.waiting(), 0);
    }

    #[test]
    fn starting_to_share_puts_everything_in_the_outbox() {
        let mut p = Progress::new(1);
        p.set_done("gp", true, 5);
        p.set("answer:housing", "azc", 6);
        let s = Shared::new(p);
        let keys: Vec<String> = s.outbox().into_iter().map(|c| c.key).collect();
        assert_eq!(keys, ["answer:housing", "done:gp"]);
    }

    #[test]
    fn a_clock_an_hour_ahead_is_corrected_with_its_waiting_changes() {
        let hour = 3_600_000;
        let mut s = Shared::new(Progress::new(1));
        s.set_done("gp", true, 10_000 + hour);
        assert!(!s.observe_clock(20_000, 20_000 + hour, 20_000 + hour + 30_000), "a slow sample is not used");
        assert!(s.observe_clock(20_000, 20_000 + hour, 20_000 + hour));
        assert_eq!(s.outbox()[0].cell.at.ms, 10_000, "stamped when it was really made");
        assert_eq!(s.now(30_000 + hour), 30_000);
        assert!(!s.observe_clock(30_500, 30_000 + hour, 30_000 + hour), "half a second is noise");
        s.set_done("dentist", true, 31_000 + hour);
        assert_eq!(s.progress().cell("done:dentist").unwrap().at.ms, 31_000);
    }

    #[test]
    fn a_correction_never_moves_a_change_before_what_it_followed() {
        let mut s = Shared::new(Progress::new(1));
        let theirs =
            Change { key: "done:gp".into(), cell: Cell { value: "1".into(), at: Stamp { ms: 50_000, c: 0, node: 2 } } };
        s.pulled(std::slice::from_ref(&theirs), 1);
        s.set_done("gp", false, 60_000);
        // The server says this phone was a minute ahead: the untick moves back, but stays after
        // the tick it undid.
        assert!(s.observe_clock(10_000, 70_000, 70_000));
        let at = s.outbox()[0].cell.at;
        assert!(at > theirs.cell.at, "{at:?}");
        assert!(!s.progress().is_done("gp"));
    }

    #[test]
    fn another_tabs_waiting_change_keeps_waiting_after_a_merge() {
        let mut ours = Shared::new(Progress::new(1));
        ours.set_done("gp", true, 100);
        let mut theirs = ours.clone();
        theirs.set_done("dentist", true, 200);
        theirs.set("note:gp", "12 March 10:00", 300);
        ours.set_done("gp", false, 400);
        ours.merge(&theirs);
        let keys: Vec<String> = ours.outbox().into_iter().map(|c| c.key).collect();
        assert_eq!(keys, ["done:dentist", "done:gp", "note:gp"]);
        assert!(!ours.is_done("gp"), "our later untick stays");
        theirs.merge(&ours);
        assert_eq!(theirs.outbox(), ours.outbox(), "both tabs agree");
    }

    #[test]
    fn stored_parts_give_the_same_replica_back() {
        let mut s = Shared::new(Progress::new(1));
        s.set("answer:housing", "azc", 100);
        s.clear("answer:", 200);
        let (progress, seq, offset, pending, seen) = s.parts();
        let back = Shared::from_parts(progress.clone(), seq, offset, pending.clone(), seen);
        assert_eq!(back, s);
        assert_eq!(back.get("answer:housing"), None);
        assert_eq!(back.waiting(), 1, "the cleared answer waits to be pushed");
    }

    #[test]
    fn a_later_pulled_change_replaces_a_waiting_one() {
        let mut s = Shared::new(Progress::new(1));
        s.set_done("gp", true, 100);
        let later =
            Change { key: "done:gp".into(), cell: Cell { value: String::new(), at: Stamp { ms: 500, c: 0, node: 2 } } };
        s.pulled(std::slice::from_ref(&later), 4);
        s.pulled(&[later], 2);
        assert_eq!((s.waiting(), s.seq()), (0, 4));
        assert!(!s.progress().is_done("gp"));
    }
}
