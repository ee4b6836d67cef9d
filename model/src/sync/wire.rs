//! What travels between a phone and the server, as JSON under `/api/v1`, and the checks the
//! server makes on it. Only serde types: nothing here can open an entry.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{MAX_AHEAD_MS, MAX_DATA_CHARS, MAX_ENTRIES, MAX_ID_CHARS};
use crate::progress::Cell;
use crate::Stamp;

/// One key as the server holds it: an opaque id, the stamp it is ordered by, and the sealed
/// cell (base64url of nonce and ciphertext).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub at: Stamp,
    pub data: String,
}

/// One key as a phone holds it, before sealing or after opening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub key: String,
    pub cell: Cell,
}

/// `POST /api/v1/spaces/{space}/entries`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub entries: Vec<Entry>,
}

/// The answer to a push: the space's sequence number after it, and the server's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub seq: u64,
    pub now_ms: u64,
}

/// `GET /api/v1/spaces/{space}/entries?after=N`: the entries changed after `N`, in order; `next`
/// is the number to ask after next time, `more` whether there are others already.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    pub entries: Vec<Entry>,
    pub next: u64,
    pub more: bool,
    pub now_ms: u64,
}

/// Why the server refuses a push. Each is the client's doing, so it is answered with a 4xx.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// An entry's id is empty, too long or not base64url.
    BadId { index: usize },
    /// An entry's data is empty or not base64url.
    BadData { index: usize },
    /// An entry's data is longer than [`MAX_DATA_CHARS`].
    EntryTooLarge { index: usize },
    /// The space would hold more than [`MAX_ENTRIES`] entries.
    TooManyEntries,
    /// A stamp is further ahead of the server's clock than [`MAX_AHEAD_MS`].
    ClockAhead { index: usize, now_ms: u64 },
}

impl Refusal {
    /// A short code for the JSON error body.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::BadId { .. } => "bad_id",
            Refusal::BadData { .. } => "bad_data",
            Refusal::EntryTooLarge { .. } => "entry_too_large",
            Refusal::TooManyEntries => "too_many_entries",
            Refusal::ClockAhead { .. } => "clock_ahead",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::BadId { index } => write!(
                f,
                "entry {index}: the id must be 1 to {MAX_ID_CHARS} characters of base64url (A-Z, a-z, 0-9, - and _)"
            ),
            Refusal::BadData { index } => write!(f, "entry {index}: the data must be base64url and not empty"),
            Refusal::EntryTooLarge { index } => {
                write!(f, "entry {index}: the data is longer than {MAX_DATA_CHARS} characters")
            }
            Refusal::TooManyEntries => write!(f, "a shared space holds at most {MAX_ENTRIES} entries"),
            Refusal::ClockAhead { index, now_ms } => write!(
                f,
                "entry {index}: its stamp is more than {} minutes ahead of the server's clock ({now_ms}); correct the clock and stamp again",
                MAX_AHEAD_MS / 60_000
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// Whether `text` is non-empty base64url without padding.
fn is_base64url(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The checks on each entry of a push that need no stored state: well-formed id and data,
/// size, and a stamp not too far ahead of the server's clock `now_ms`.
pub fn check_entries(entries: &[Entry], now_ms: u64) -> Result<(), Refusal> {
    for (index, e) in entries.iter().enumerate() {
        if e.id.len() > MAX_ID_CHARS || !is_base64url(&e.id) {
            return Err(Refusal::BadId { index });
        }
        if e.data.len() > MAX_DATA_CHARS {
            return Err(Refusal::EntryTooLarge { index });
        }
        if !is_base64url(&e.data) {
            return Err(Refusal::BadData { index });
        }
        if e.at.ms > now_ms.saturating_add(MAX_AHEAD_MS) {
            return Err(Refusal::ClockAhead { index, now_ms });
        }
    }
    Ok(())
}
