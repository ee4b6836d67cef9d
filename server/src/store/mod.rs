//! Where the server keeps data: shared spaces of sealed entries, behind a trait, so SQLite (the
//! default) and PostgreSQL (for large deployments) can stand behind the same handlers. What it
//! stores is end-to-end encrypted: ids and data are opaque, and it never holds a key.
//!
//! Every store follows the rules of `wegwijs_model::sync::space::Space`, the in-memory
//! reference: a row per entry id, replaced only by a later stamp, numbered by the space's
//! sequence; a push is all or nothing; and nothing is acknowledged before it is durable.

mod migrate;
mod postgres;
mod sqlite;

use std::fmt;
use std::sync::Arc;

use wegwijs_model::sync::space::Page;
use wegwijs_model::sync::wire::Refusal;
use wegwijs_model::sync::Entry;

pub use migrate::copy_all;
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use crate::config::Database;

/// Opens the store a [`Database`] setting names, applying its migrations.
pub fn open(db: &Database) -> Result<Arc<dyn Store>, StoreError> {
    Ok(match db {
        Database::Sqlite(path) => Arc::new(SqliteStore::open(path)?),
        Database::Postgres(url) => Arc::new(PostgresStore::open(url)?),
    })
}

/// A whole space as `migrate` copies it from one store to another: with its token's hash and
/// every entry's sequence number, so phones go on pulling from where they were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// A space and its entries in sequence order.
    Space { id: SpaceId, token: TokenHash, seq: u64, entries: Vec<(Entry, u64)> },
    /// A deleted space: only its id and its token's hash are kept.
    Deleted { id: SpaceId, token: TokenHash },
}

/// How much a store holds, to compare two stores after a copy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub spaces: u64,
    pub entries: u64,
    pub deleted: u64,
}

/// A space's id as the API carries it: base64url of 16 bytes (22 characters).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SpaceId(String);

impl SpaceId {
    /// Checks the form of a space id.
    pub fn parse(text: &str) -> Option<SpaceId> {
        let ok = text.len() == 22 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| SpaceId(text.to_owned()))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Shows only the first four characters: enough to follow one space through a log, too little
/// to find it, or to tie a person's address to it.
impl fmt::Display for SpaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}…", &self.0[..4])
    }
}

/// The SHA-256 of a space's token: all the server keeps of it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TokenHash(pub [u8; 32]);

impl fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenHash(…)")
    }
}

/// Why a store call failed.
#[derive(Debug, PartialEq, Eq)]
pub enum StoreError {
    /// No such space: never pushed to.
    NotFound,
    /// The space was deleted; it stays deleted, a push does not create it again.
    Gone,
    /// The space exists and the token is not its token.
    Forbidden,
    /// The push breaks a rule of the protocol; nothing of it was kept.
    Refused(Refusal),
    /// The store itself failed; the text is for the log only.
    Internal(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NotFound => f.write_str("no such space"),
            StoreError::Gone => f.write_str("the space was deleted"),
            StoreError::Forbidden => f.write_str("wrong token for this space"),
            StoreError::Refused(r) => r.fmt(f),
            StoreError::Internal(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for StoreError {}

/// Storage behind the API. Calls block; handlers run them on the blocking pool, so the async
/// runtime never waits on a disk.
pub trait Store: Send + Sync {
    /// Which kind of database this is, as health reports it: `"sqlite"` or `"postgres"`.
    fn backend(&self) -> &'static str;

    /// Whether the store answers.
    fn ping(&self) -> Result<(), StoreError>;

    /// Applies a push to a space at the server's time `now_ms`, creating the space with this
    /// token when it is new (never when it was deleted); returns the space's sequence number after it. Durable when it
    /// returns.
    fn push(&self, space: &SpaceId, token: &TokenHash, entries: &[Entry], now_ms: u64) -> Result<u64, StoreError>;

    /// The changes after sequence number `after`, at most `limit`.
    fn pull(&self, space: &SpaceId, token: &TokenHash, after: u64, limit: usize) -> Result<Page, StoreError>;

    /// Deletes a space and every entry in it. Its id stays taken: pushes, pulls and deletes
    /// with its token are [`StoreError::Gone`] from then on.
    fn delete(&self, space: &SpaceId, token: &TokenHash) -> Result<(), StoreError>;

    /// Hands every space and deleted space to `each`, one at a time, from one snapshot.
    fn export(&self, each: &mut dyn FnMut(Record) -> Result<(), StoreError>) -> Result<(), StoreError>;

    /// Adds a space exactly as exported. Refused when its id is taken here, so a copy never
    /// mixes two spaces.
    fn import(&self, record: &Record) -> Result<(), StoreError>;

    /// How many spaces, entries and deleted spaces the store holds.
    fn counts(&self) -> Result<Counts, StoreError>;
}
