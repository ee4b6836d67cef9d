//! A person's own data on their device, as a per-key last-writer-wins replica: each step's done
//! flag (`done:<step>`), each note (`note:<step>`) and each intake answer (`answer:<field>`) is a key with a value and a
//! hybrid-logical-clock stamp. Two devices that changed things while offline merge per key: the
//! later stamp wins, and a device whose clock runs behind cannot undo a newer change. A cleared
//! value is kept as an empty value with its stamp (a tombstone), so clearing syncs too.
//!
//! Stored formats: version 1 held only ticks (`steps: {id: {done, at}}`); version 2 holds cells.
//! Version 1 is migrated on reading, tick for tick and stamp for stamp.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Bound;

use serde::{Deserialize, Serialize};

/// The format version written by [`Progress::to_json`].
pub const FORMAT_VERSION: u32 = 2;

/// The prefix of a step's done flag; the value is `"1"` when done, empty when not.
pub const DONE: &str = "done:";
/// The prefix of an intake answer (see [`crate::intake::Field`]).
pub const ANSWER: &str = "answer:";
/// The prefix of a person's note on a step.
pub const NOTE: &str = "note:";
/// The most UTF-16 units a note may hold (the text box's `maxlength`): sealed, even three bytes
/// a unit, it stays within an entry's limit (`sync::MAX_DATA_CHARS`).
pub const NOTE_MAX: usize = 800;

/// A hybrid logical clock stamp: wall-clock milliseconds, a counter for events within the same
/// millisecond (or while the wall clock lags), and the writing device; ordered in that order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub ms: u64,
    pub c: u32,
    pub node: u32,
}

/// One key's value and when it was written. An empty value means cleared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Cell {
    pub value: String,
    pub at: Stamp,
}

/// The state of one step in stored format version 1, read only to migrate it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct EntryV1 {
    pub done: bool,
    pub at: Stamp,
}

/// Everything one person keeps, by language-independent key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Progress {
    v: u32,
    /// This device's id in stamps; random, so it tells nothing about the person.
    node: u32,
    /// The highest stamp issued or seen, so the next one is always later.
    clock: Stamp,
    cells: BTreeMap<String, Cell>,
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
                write!(f, "saved progress has format version {v}, this app reads versions 1 to {FORMAT_VERSION}")
            }
        }
    }
}

impl std::error::Error for ProgressError {}

impl Progress {
    /// Empty progress for the device `node`.
    pub fn new(node: u32) -> Progress {
        Progress { v: FORMAT_VERSION, node, clock: Stamp { node, ..Stamp::default() }, cells: BTreeMap::new() }
    }

    /// Progress of this format version from its parts, as a reader other than serde finds them.
    pub fn from_parts(node: u32, clock: Stamp, cells: BTreeMap<String, Cell>) -> Progress {
        Progress { v: FORMAT_VERSION, node, clock, cells }
    }

    /// Progress from the parts of stored format version 1: each step's tick becomes its done
    /// key with the same stamp, so a later merge orders it exactly as before.
    pub fn from_v1(node: u32, clock: Stamp, steps: BTreeMap<String, EntryV1>) -> Progress {
        // Inserts rather than `collect()`: collecting into a map sorts, and the sort costs the
        // wasm about 1 KB brotli.
        let mut cells = BTreeMap::new();
        for (step, e) in steps {
            cells.insert(format!("{DONE}{step}"), Cell { value: if e.done { "1" } else { "" }.into(), at: e.at });
        }
        Progress::from_parts(node, clock, cells)
    }

    /// The parts of the stored form: format version, device id, clock and cells.
    pub fn parts(&self) -> (u32, u32, &Stamp, &BTreeMap<String, Cell>) {
        (self.v, self.node, &self.clock, &self.cells)
    }

    /// This device's id.
    pub fn node(&self) -> u32 {
        self.node
    }

    /// The value of a key; `None` when never set or cleared.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.cells.get(key).map(|c| c.value.as_str()).filter(|v| !v.is_empty())
    }

    /// The cell of a key, cleared ones included.
    pub fn cell(&self, key: &str) -> Option<&Cell> {
        self.cells.get(key)
    }

    /// The keys starting with `prefix` that hold a value, without the prefix, with their values.
    pub fn values<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.cells
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(move |(k, _)| k.starts_with(prefix))
            .filter(|(_, c)| !c.value.is_empty())
            .map(move |(k, c)| (&k[prefix.len()..], c.value.as_str()))
    }

    /// Sets a key at wall-clock time `wall_ms`; an empty value clears it. Setting the value it
    /// already has changes nothing, so repeating an answer does not outrank another device's.
    pub fn set(&mut self, key: &str, value: &str, wall_ms: u64) {
        if self.cells.get(key).is_some_and(|c| c.value == value) {
            return;
        }
        let at = self.tick(wall_ms);
        self.cells.insert(key.to_owned(), Cell { value: value.to_owned(), at });
    }

    /// Clears every key starting with `prefix` ("Delete my answers").
    pub fn clear(&mut self, prefix: &str, wall_ms: u64) {
        let keys: Vec<String> = self.values(prefix).map(|(k, _)| format!("{prefix}{k}")).collect();
        for key in keys {
            self.set(&key, "", wall_ms);
        }
    }

    /// Whether the step is ticked.
    pub fn is_done(&self, step: &str) -> bool {
        self.get(&format!("{DONE}{step}")).is_some()
    }

    /// How many of `steps` are ticked.
    pub fn count_done<'a>(&self, steps: impl IntoIterator<Item = &'a str>) -> usize {
        steps.into_iter().filter(|s| self.is_done(s)).count()
    }

    /// Ticks or unticks a step at wall-clock time `wall_ms`.
    pub fn set_done(&mut self, step: &str, done: bool, wall_ms: u64) {
        self.set(&format!("{DONE}{step}"), if done { "1" } else { "" }, wall_ms);
    }

    /// The next stamp: the wall clock when it has moved on, otherwise one count after the last.
    fn tick(&mut self, wall_ms: u64) -> Stamp {
        let last = self.clock;
        let next = if wall_ms > last.ms {
            Stamp { ms: wall_ms, c: 0, node: self.node }
        } else {
            Stamp { ms: last.ms, c: last.c.saturating_add(1), node: self.node }
        };
        self.clock = next;
        next
    }

    /// Takes in another device's progress: per key, the cell with the later stamp wins (the
    /// larger value on an equal stamp, which only damaged data can have). Merging is
    /// commutative, associative and idempotent, so devices agree in any order.
    pub fn merge(&mut self, other: &Progress) {
        for (key, theirs) in &other.cells {
            self.merge_cell(key, theirs);
        }
        self.observe(other.clock);
    }

    /// Takes in one cell from elsewhere (another tab, or a shared space): it wins when its stamp
    /// is later, as in [`Progress::merge`]. Returns whether it changed this key.
    pub fn merge_cell(&mut self, key: &str, theirs: &Cell) -> bool {
        self.observe(theirs.at);
        match self.cells.get(key) {
            Some(ours) if (ours.at, &ours.value) >= (theirs.at, &theirs.value) => false,
            _ => {
                self.cells.insert(key.to_owned(), theirs.clone());
                true
            }
        }
    }

    /// Moves this device's clock past a stamp seen elsewhere, so its next write is later.
    fn observe(&mut self, seen: Stamp) {
        if seen > self.clock {
            self.clock = Stamp { node: self.node, ..seen };
        }
    }

    /// Puts a cell in place whatever its stamp. Only [`crate::sync::Shared`] calls it, when it
    /// learned that this device's wall clock was wrong (see there why that is safe).
    pub(crate) fn put(&mut self, key: &str, cell: Cell) {
        self.cells.insert(key.to_owned(), cell);
    }

    /// Sets the clock after such a correction.
    pub(crate) fn set_clock(&mut self, clock: Stamp) {
        self.clock = Stamp { node: self.node, ..clock };
    }

    /// The keys that hold a cell, cleared ones included.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.cells.keys().map(String::as_str)
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("progress always serialises")
    }

    /// Reads the stored form of any version, telling damaged data apart from data of a newer
    /// app version.
    pub fn from_json(text: &str) -> Result<Progress, ProgressError> {
        #[derive(Deserialize)]
        struct Version {
            v: Option<serde_json::Number>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct V1 {
            #[allow(dead_code)]
            v: u32,
            node: u32,
            clock: Stamp,
            steps: BTreeMap<String, EntryV1>,
        }
        let version: Version = serde_json::from_str(text).map_err(|e| ProgressError::Malformed(e.to_string()))?;
        Progress::decode_versioned(version.v.and_then(|v| v.as_f64()), |v| {
            if v == 1 {
                let old: V1 = serde_json::from_str(text).map_err(|e| e.to_string())?;
                Ok(Progress::from_v1(old.node, old.clock, old.steps))
            } else {
                serde_json::from_str(text).map_err(|e| e.to_string())
            }
        })
    }

    /// The one rule for stored versions, whatever parser reads the text: `decode` runs with the
    /// version for versions 1 to [`FORMAT_VERSION`]; a whole number above is a newer app's data,
    /// and anything else is damaged.
    pub fn decode_versioned(
        version: Option<f64>,
        decode: impl FnOnce(u32) -> Result<Progress, String>,
    ) -> Result<Progress, ProgressError> {
        match version {
            Some(v) if v.fract() == 0.0 && (1.0..=f64::from(FORMAT_VERSION)).contains(&v) => {
                decode(v as u32).map_err(ProgressError::Malformed)
            }
            Some(v) if v.fract() == 0.0 && v > f64::from(FORMAT_VERSION) => {
                Err(ProgressError::UnsupportedVersion(v as u64))
            }
            _ => Err(ProgressError::Malformed("no format version".into())),
        }
    }
}

#[cfg(test)]
mod tests;
