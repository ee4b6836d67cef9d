//! A person's ticks, kept on their device. Every tick carries a hybrid-logical-clock stamp, so two
//! devices that ticked while offline can later merge per step: the last writer wins, and a
//! device's clock that runs behind cannot undo a newer tick.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The format version written by [`Progress::to_json`].
pub const FORMAT_VERSION: u32 = 1;

/// A hybrid logical clock stamp: wall-clock milliseconds, a counter for events within the same
/// millisecond (or while the wall clock lags), and the writing device; ordered in that order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub ms: u64,
    pub c: u32,
    pub node: u32,
}

/// The state of one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Entry {
    pub done: bool,
    pub at: Stamp,
}

/// All ticks of one person, by language-independent step id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Progress {
    v: u32,
    /// This device's id in stamps; random, so it tells nothing about the person.
    node: u32,
    /// The highest stamp issued or seen, so the next one is always later.
    clock: Stamp,
    steps: BTreeMap<String, Entry>,
}

/// Why stored progress could not be read. The stored text is never thrown away on such an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgressError {
    /// Not the JSON this app writes: damaged, or written by something else.
    Malformed(String),
    /// Written by a newer version of the app, which this version cannot read.
    UnsupportedVersion(u64),
}

impl fmt::Display for ProgressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProgressError::Malformed(why) => write!(f, "saved progress is damaged: {why}"),
            ProgressError::UnsupportedVersion(v) => {
                write!(f, "saved progress has format version {v}, this app reads version {FORMAT_VERSION}")
            }
        }
    }
}

impl std::error::Error for ProgressError {}

impl Progress {
    /// Empty progress for the device `node`.
    pub fn new(node: u32) -> Progress {
        Progress { v: FORMAT_VERSION, node, clock: Stamp { node, ..Stamp::default() }, steps: BTreeMap::new() }
    }

    /// Progress of this format version from its parts, as a reader other than serde finds them.
    pub fn from_parts(node: u32, clock: Stamp, steps: BTreeMap<String, Entry>) -> Progress {
        Progress { v: FORMAT_VERSION, node, clock, steps }
    }

    /// The parts of the stored form: format version, device id, clock and entries.
    pub fn parts(&self) -> (u32, u32, &Stamp, &BTreeMap<String, Entry>) {
        (self.v, self.node, &self.clock, &self.steps)
    }

    /// This device's id.
    pub fn node(&self) -> u32 {
        self.node
    }

    /// Whether the step is ticked.
    pub fn is_done(&self, step: &str) -> bool {
        self.steps.get(step).is_some_and(|e| e.done)
    }

    /// The entry of a step, if it was ever ticked or unticked.
    pub fn entry(&self, step: &str) -> Option<&Entry> {
        self.steps.get(step)
    }

    /// How many of `steps` are ticked.
    pub fn count_done<'a>(&self, steps: impl IntoIterator<Item = &'a str>) -> usize {
        steps.into_iter().filter(|s| self.is_done(s)).count()
    }

    /// Ticks or unticks a step at wall-clock time `wall_ms`.
    pub fn set_done(&mut self, step: &str, done: bool, wall_ms: u64) {
        let at = self.tick(wall_ms);
        self.steps.insert(step.to_owned(), Entry { done, at });
    }

    /// The next stamp: the wall clock when it has moved on, otherwise one count after the last.
    fn tick(&mut self, wall_ms: u64) -> Stamp {
        let last = self.clock;
        let next = if wall_ms > last.ms {
            Stamp { ms: wall_ms, c: 0, node: self.node }
        } else {
            Stamp { ms: last.ms, c: last.c + 1, node: self.node }
        };
        self.clock = next;
        next
    }

    /// Takes in another device's progress: per step, the entry with the later stamp wins.
    /// Merging is commutative, associative and idempotent, so devices agree in any order.
    pub fn merge(&mut self, other: &Progress) {
        for (step, theirs) in &other.steps {
            match self.steps.get(step) {
                Some(ours) if ours.at >= theirs.at => {}
                _ => {
                    self.steps.insert(step.clone(), *theirs);
                }
            }
        }
        let seen = other.steps.values().map(|e| e.at).chain([other.clock]).max().unwrap_or_default();
        if seen > self.clock {
            self.clock = Stamp { node: self.node, ..seen };
        }
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("progress always serialises")
    }

    /// Reads the stored form, telling damaged data apart from data of a newer app version.
    pub fn from_json(text: &str) -> Result<Progress, ProgressError> {
        #[derive(Deserialize)]
        struct Version {
            v: Option<serde_json::Number>,
        }
        let version: Version = serde_json::from_str(text).map_err(|e| ProgressError::Malformed(e.to_string()))?;
        Progress::decode_versioned(version.v.and_then(|v| v.as_f64()), || {
            serde_json::from_str(text).map_err(|e| e.to_string())
        })
    }

    /// The one rule for stored versions, whatever parser reads the text: `decode` runs only for
    /// this app's format version; a whole number of another version is a newer app's data, and
    /// anything else is damaged.
    pub fn decode_versioned(
        version: Option<f64>,
        decode: impl FnOnce() -> Result<Progress, String>,
    ) -> Result<Progress, ProgressError> {
        match version {
            Some(v) if v == f64::from(FORMAT_VERSION) => decode().map_err(ProgressError::Malformed),
            Some(v) if v.fract() == 0.0 && v >= 0.0 => Err(ProgressError::UnsupportedVersion(v as u64)),
            _ => Err(ProgressError::Malformed("no format version".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_and_unticks() {
        let mut p = Progress::new(7);
        assert!(!p.is_done("bsn-letter"));
        p.set_done("bsn-letter", true, 1_000);
        p.set_done("digid", true, 1_000);
        assert!(p.is_done("bsn-letter"));
        assert_eq!(p.count_done(["bsn-letter", "digid", "bank-account"]), 2);
        p.set_done("digid", false, 900);
        assert!(!p.is_done("digid"));
        let digid = p.entry("digid").unwrap().at;
        assert_eq!((digid.ms, digid.c), (1_000, 2), "a clock that went back still moves forward");
    }

    #[test]
    fn round_trips_and_rejects_bad_blobs() {
        let mut p = Progress::new(42);
        p.set_done("register-brp", true, 5);
        let text = p.to_json();
        assert_eq!(Progress::from_json(&text).unwrap(), p);
        assert!(matches!(Progress::from_json("{not json"), Err(ProgressError::Malformed(_))));
        assert!(matches!(Progress::from_json("[]"), Err(ProgressError::Malformed(_))));
        assert!(matches!(
            Progress::from_json(r#"{"v":1,"node":1,"clock":{"ms":0,"c":0,"node":1},"steps":{"x":{"done":"yes"}}}"#),
            Err(ProgressError::Malformed(_))
        ));
        assert_eq!(Progress::from_json(r#"{"v":2,"anything":true}"#), Err(ProgressError::UnsupportedVersion(2)));
        assert!(matches!(Progress::from_json(r#"{"v":1.5}"#), Err(ProgressError::Malformed(_))));
        assert!(matches!(Progress::from_json(r#"{"steps":{}}"#), Err(ProgressError::Malformed(_))));
    }

    #[test]
    fn merge_is_last_writer_wins_per_step_in_any_order() {
        let mut phone = Progress::new(1);
        let mut volunteer = Progress::new(2);
        phone.set_done("bank-account", true, 100);
        volunteer.set_done("bank-account", false, 200);
        volunteer.set_done("digid", true, 150);
        phone.set_done("register-brp", true, 300);

        let mut a = phone.clone();
        a.merge(&volunteer);
        let mut b = volunteer.clone();
        b.merge(&phone);
        for merged in [&a, &b] {
            assert!(!merged.is_done("bank-account"), "the later untick wins");
            assert!(merged.is_done("digid"));
            assert!(merged.is_done("register-brp"));
        }
        assert_eq!(a.steps, b.steps);

        let before = a.clone();
        a.merge(&volunteer);
        assert_eq!(a, before, "merging twice changes nothing");

        // After seeing the volunteer's later stamp, the phone's next tick is later still,
        // even though its own wall clock lags behind.
        let mut lagging = Progress::new(3);
        lagging.merge(&volunteer);
        lagging.set_done("bank-account", true, 10);
        let mut v = volunteer.clone();
        v.merge(&lagging);
        assert!(v.is_done("bank-account"));
    }
}
