//! The sync protocol between the phones that walk one plan together, without IO: the app and
//! the server call it, and the tests run it with simulated networks.
//!
//! A shared space is a set of entries, one per key of [`crate::Progress`] (a step's done flag,
//! a note, an answer). On the wire an entry is `{id, at, data}`: an opaque id (on a phone, an
//! HMAC of the key), the cell's [`Stamp`] in the clear, and the sealed cell. The server keeps
//! one row per id and replaces it only with a later stamp, numbering every change with the
//! space's sequence; a phone pulls the changes after the last number it saw and pushes the keys
//! it wrote since its last acknowledged push. So a retried push changes nothing twice, a late
//! or repeated message cannot undo a newer one, and the order messages arrive in does not
//! matter ([`space::Space`] is the reference of these rules; every store follows it).
//!
//! ```
//! use wegwijs_model::sync::{space::Space, wire::Change, Entry, Shared};
//! use wegwijs_model::Progress;
//! # use wegwijs_model::progress::Cell;
//! // A stand-in for the phone's sealing (an HMAC id and AES-GCM data, both base64url).
//! # fn seal(c: &Change) -> Entry {
//! #     Entry { id: c.key.replace(':', "_"), at: c.cell.at, data: format!("v{}", c.cell.value) }
//! # }
//! # fn open(e: &Entry) -> Change {
//! #     Change { key: e.id.replacen('_', ":", 1), cell: Cell { value: e.data[1..].into(), at: e.at } }
//! # }
//!
//! // The person ticks a step offline; the volunteer's phone has joined the space.
//! let mut server = Space::default();
//! let mut person = Shared::new(Progress::new(1));
//! let mut volunteer = Shared::new(Progress::new(2));
//! person.set_done("register-brp", true, 1_000);
//!
//! // Back online, the person's phone pushes; the volunteer's phone pulls.
//! let sent = person.outbox();
//! let sealed: Vec<Entry> = sent.iter().map(seal).collect();
//! server.push(&sealed, 1_100).unwrap();
//! person.pushed(&sent);
//! let page = server.pull(volunteer.seq(), 100);
//! let opened: Vec<Change> = page.entries.iter().map(open).collect();
//! volunteer.pulled(&opened, page.next);
//! assert!(volunteer.progress().is_done("register-brp"));
//! assert_eq!(person.waiting(), 0, "nothing is waiting any more");
//! ```
//!
//! **Clocks.** Stamps are hybrid logical clocks, so a phone that has seen a change always
//! stamps its next one later. Phones' clocks can still be wrong by hours. Two rules keep a
//! wrong clock from deciding who wins: every answer of the server carries its time, and a phone
//! whose clock differs by more than the sample's uncertainty corrects it and moves the stamps
//! of the changes nobody has seen yet by the same amount ([`Shared::observe_clock`]); and the
//! server refuses a stamp more than [`MAX_AHEAD_MS`] ahead of its own clock, so a phone whose
//! clock is far in the future can never push a stamp that would outrank everybody's changes
//! for months. What stays: a change wins over another made less than about
//! [`CLOCK_ERROR_MS`] earlier on another phone only by chance.
//!
//! **What the server learns.** Ids and data are opaque to it, but the stamps it must compare
//! tell it when each change was made (to the millisecond) and how many keys a space has.

pub mod client;
pub mod keys;
#[cfg(feature = "seal")]
pub mod seal;
pub mod space;
pub mod wire;

pub use client::{Pending, Shared};
pub use wire::{Entry, PullResponse, PushResponse};

use crate::Stamp;

/// How far a stamp may be ahead of the server's clock; a push with a later one is refused.
pub const MAX_AHEAD_MS: u64 = 5 * 60 * 1000;
/// A clock sample is used only when its round trip took at most this long.
pub const MAX_SAMPLE_RTT_MS: u64 = 10_000;
/// A corrected clock is corrected again only when it is off by more than this plus half the
/// round trip: smaller differences are the network's noise.
pub const CLOCK_TOLERANCE_MS: u64 = 1_000;
/// The most a corrected clock can be off: half the longest usable round trip plus the
/// tolerance.
pub const CLOCK_ERROR_MS: u64 = MAX_SAMPLE_RTT_MS / 2 + CLOCK_TOLERANCE_MS;

/// The most entries one space may hold.
pub const MAX_ENTRIES: usize = 2_000;
/// The most characters of one entry's `data`.
pub const MAX_DATA_CHARS: usize = 4_096;
/// The most characters of one entry's `id`.
pub const MAX_ID_CHARS: usize = 64;
/// The most entries one pull answers with; `more` says when there are others.
pub const PULL_LIMIT: usize = 500;

/// The stamp that comes next after `at` on the same millisecond, for `node`.
fn after(at: Stamp, node: u32) -> Stamp {
    Stamp { ms: at.ms, c: at.c.saturating_add(1), node }
}
