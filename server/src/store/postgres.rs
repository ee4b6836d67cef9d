//! The PostgreSQL store, for deployments with several server processes on one database: the
//! same rules as the SQLite store, with PostgreSQL's transactions in place of the group commit.
//!
//! A push is one transaction that first locks its space's row (`SELECT … FOR UPDATE`), so the
//! pushes to one space take turns across every process while pushes to different spaces run
//! side by side. A push's sequence numbers are therefore committed in order: no pull, through
//! any process, sees number 7 before 6 exists, which is what lets phones pull incrementally.
//! PostgreSQL acknowledges a commit once its WAL is flushed (its default `synchronous_commit`),
//! and flushes concurrent commits together. A pull is one statement, so one snapshot.
//!
//! Round trips are what a push costs here, far more than the work: a push takes five (begin,
//! lock, read, write, commit) and a pull one.
//!
//! Migrations run at start in one transaction under an advisory lock, so servers started
//! together apply them once. Connections come from an r2d2 pool, each with its statements
//! prepared once.

mod copy;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

use postgres::{Client, GenericClient, NoTls, Statement, Transaction};
use wegwijs_model::sync::space::{replaces, Page};
use wegwijs_model::sync::wire::{check_entries, Refusal};
use wegwijs_model::sync::{Entry, MAX_ENTRIES, PULL_LIMIT};
use wegwijs_model::Stamp;

use super::{Counts, Record, SpaceId, Store, StoreError, TokenHash};
use crate::config::PostgresUrl;

/// The schema, one step per version; the table `wegwijs_schema` says how many are applied.
const MIGRATIONS: &[&str] = &[include_str!("../../migrations/postgres/0001_spaces.sql")];

/// The advisory lock migrations take ("WegW" in ASCII), so two servers never run them at once.
const MIGRATION_LOCK: i64 = 0x5765_6757;

/// Connections per server process at most. Two processes stay far inside PostgreSQL's default
/// 100; more connections than cores only make them wait on each other.
const POOL_SIZE: u32 = 16;

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> StoreError {
        StoreError::Internal(format!("postgres: {e}"))
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(e: r2d2::Error) -> StoreError {
        StoreError::Internal(format!("postgres connection pool: {e}"))
    }
}

/// The PostgreSQL store: a pool of connections to one database.
pub struct PostgresStore {
    /// Always `Some` until the store drops.
    pool: Option<r2d2::Pool<Manager>>,
}

/// PostgreSQL's client closes a connection by blocking on a runtime of its own, which panics on
/// an async thread, where a server drops its state when it stops: the pool closes on a thread
/// of its own.
impl Drop for PostgresStore {
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

/// Opens pooled connections and prepares their statements.
struct Manager {
    config: postgres::Config,
}

/// A pooled connection with the statements every call uses.
struct Conn {
    client: Client,
    st: Statements,
}

struct Statements {
    lock_space: Statement,
    deleted: Statement,
    create: Statement,
    held: Statement,
    write: Statement,
    page: Statement,
}

impl Statements {
    fn prepare(c: &mut Client) -> Result<Statements, postgres::Error> {
        Ok(Statements {
            lock_space: c.prepare("SELECT token_hash, seq FROM spaces WHERE id = $1 FOR UPDATE")?,
            deleted: c.prepare("SELECT token_hash FROM deleted_spaces WHERE id = $1")?,
            create: c.prepare("INSERT INTO spaces (id, token_hash, seq) VALUES ($1, $2, 0) ON CONFLICT (id) DO NOTHING")?,
            // After the lock, so this statement's snapshot holds every push before this one.
            held: c.prepare(
                "SELECT c.held, k.id, k.at_ms, k.at_c, k.at_node
                 FROM (SELECT count(*) AS held FROM entries WHERE space = $1) c
                 LEFT JOIN (SELECT id, at_ms, at_c, at_node FROM entries WHERE space = $1 AND id = ANY($2)) k ON true",
            )?,
            // Every entry of a push and the space's new sequence number, in one round trip.
            write: c.prepare(
                "WITH new (id, at_ms, at_c, at_node, data, seq) AS (
                     SELECT * FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::bigint[])
                 ), written AS (
                     INSERT INTO entries (space, id, at_ms, at_c, at_node, data, seq)
                     SELECT $1, id, at_ms, at_c, at_node, data, seq FROM new
                     ON CONFLICT (space, id) DO UPDATE SET at_ms = excluded.at_ms, at_c = excluded.at_c,
                         at_node = excluded.at_node, data = excluded.data, seq = excluded.seq
                 )
                 UPDATE spaces SET seq = $8 WHERE id = $1",
            )?,
            // One statement is one snapshot: the space's number and its entries agree.
            page: c.prepare(
                "SELECT s.token_hash, s.seq, e.id, e.at_ms, e.at_c, e.at_node, e.data, e.seq
                 FROM spaces s LEFT JOIN LATERAL (
                     SELECT id, at_ms, at_c, at_node, data, seq FROM entries
                     WHERE space = s.id AND seq > $2 ORDER BY seq LIMIT $3
                 ) e ON true
                 WHERE s.id = $1 ORDER BY e.seq",
            )?,
        })
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = postgres::Error;

    fn connect(&self) -> Result<Conn, postgres::Error> {
        let mut client = self.config.connect(NoTls)?;
        let st = Statements::prepare(&mut client)?;
        Ok(Conn { client, st })
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.client.is_closed()
    }
}

impl PostgresStore {
    /// Connects to the database at `url`, applies the migrations it lacks and opens the pool.
    /// Refuses a database with a newer schema than this server knows, without changing it.
    pub fn open(url: &PostgresUrl) -> Result<PostgresStore, StoreError> {
        let mut config = url.client_config()?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let mut client =
            config.connect(NoTls).map_err(|e| StoreError::Internal(format!("cannot connect to {url}: {e}")))?;
        migrate(&mut client).map_err(|e| StoreError::Internal(format!("{url}: {e}")))?;
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(2))
            .connection_timeout(Duration::from_secs(10))
            // Every call checks `has_broken`; a ping before each checkout would add a round trip.
            .test_on_check_out(false)
            .build(Manager { config })?;
        Ok(PostgresStore { pool: Some(pool) })
    }

    fn conn(&self) -> Result<r2d2::PooledConnection<Manager>, StoreError> {
        let pool = self.pool.as_ref().ok_or_else(|| StoreError::Internal("the store is closing".into()))?;
        Ok(pool.get()?)
    }
}

/// Applies the migrations the database lacks, all in one transaction under the advisory lock.
fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    // Not "relation already exists, skipping" in the log at every start.
    tx.batch_execute("SET LOCAL client_min_messages = warning")?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS wegwijs_schema (
             one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
             version INTEGER NOT NULL
         )",
    )?;
    let version: i32 = tx.query_opt("SELECT version FROM wegwijs_schema", &[])?.map_or(0, |r| r.get(0));
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(StoreError::Internal(format!(
            "the database has schema version {version}, this server knows up to {}: run a newer server",
            MIGRATIONS.len()
        )));
    }
    for sql in &MIGRATIONS[version..] {
        tx.batch_execute(sql)?;
    }
    let now = MIGRATIONS.len() as i32;
    tx.execute(
        "INSERT INTO wegwijs_schema (version) VALUES ($1) ON CONFLICT (one) DO UPDATE SET version = $1",
        &[&now],
    )?;
    tx.commit()?;
    Ok(())
}

fn stamp(ms: i64, c: i64, node: i64) -> Stamp {
    Stamp { ms: ms as u64, c: c as u32, node: node as u32 }
}

/// A row of `spaces` or `deleted_spaces` checked against the token: the space's sequence
/// number, `None` for a space never created, [`StoreError::Gone`] for one deleted.
fn checked(
    client: &mut impl GenericClient,
    st: &Statements,
    row: Option<(&[u8], i64)>,
    id: &SpaceId,
    token: &TokenHash,
) -> Result<Option<u64>, StoreError> {
    match row {
        Some((hash, _)) if hash != token.0 => Err(StoreError::Forbidden),
        Some((_, seq)) => Ok(Some(seq as u64)),
        None => match client.query_opt(&st.deleted, &[&id.as_str()])? {
            None => Ok(None),
            Some(row) if row.get::<_, &[u8]>(0) != token.0 => Err(StoreError::Forbidden),
            Some(_) => Err(StoreError::Gone),
        },
    }
}

/// Locks the space's row for this transaction, and checks the token.
fn lock(tx: &mut Transaction<'_>, st: &Statements, id: &SpaceId, token: &TokenHash) -> Result<Option<u64>, StoreError> {
    let row = tx.query_opt(&st.lock_space, &[&id.as_str()])?;
    checked(tx, st, row.as_ref().map(|r| (r.get(0), r.get(1))), id, token)
}

/// One push inside its transaction: its new sequence number.
fn apply(
    tx: &mut Transaction<'_>,
    st: &Statements,
    id: &SpaceId,
    token: &TokenHash,
    entries: &[Entry],
) -> Result<u64, StoreError> {
    let mut seq = match lock(tx, st, id, token)? {
        Some(seq) => seq,
        None => {
            // Another process may create it at the same moment: the insert then waits for that
            // commit and does nothing, and the second read takes the lock and checks the token.
            tx.execute(&st.create, &[&id.as_str(), &&token.0[..]])?;
            lock(tx, st, id, token)?.ok_or(StoreError::NotFound)?
        }
    };
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    let mut count = 0;
    let mut held: HashMap<String, Stamp> = HashMap::new();
    for row in tx.query(&st.held, &[&id.as_str(), &ids])? {
        count = row.get::<_, i64>(0) as usize;
        if let Some(key) = row.get::<_, Option<String>>(1) {
            held.insert(key, stamp(row.get(2), row.get(3), row.get(4)));
        }
    }
    let new_ids: BTreeSet<&str> = ids.iter().copied().filter(|e| !held.contains_key(*e)).collect();
    if count + new_ids.len() > MAX_ENTRIES {
        return Err(StoreError::Refused(Refusal::TooManyEntries));
    }
    // What the push writes, by id: the same id twice keeps the later stamp, with the number of
    // its own write (as in `Space`, the earlier number is then skipped).
    let mut writes: BTreeMap<&str, (&Entry, i64)> = BTreeMap::new();
    for e in entries {
        if replaces(held.get(e.id.as_str()).copied(), e.at) {
            seq += 1;
            writes.insert(&e.id, (e, seq as i64));
            held.insert(e.id.clone(), e.at);
        }
    }
    let column = |f: fn(&Entry) -> i64| writes.values().map(|(e, _)| f(e)).collect::<Vec<i64>>();
    let keys: Vec<&str> = writes.keys().copied().collect();
    let data: Vec<&str> = writes.values().map(|(e, _)| e.data.as_str()).collect();
    let seqs: Vec<i64> = writes.values().map(|(_, s)| *s).collect();
    let (ms, c, node) = (column(|e| e.at.ms as i64), column(|e| i64::from(e.at.c)), column(|e| i64::from(e.at.node)));
    tx.execute(&st.write, &[&id.as_str(), &keys, &ms, &c, &node, &data, &seqs, &(seq as i64)])?;
    Ok(seq)
}

impl Store for PostgresStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn ping(&self) -> Result<(), StoreError> {
        self.conn()?.client.simple_query("SELECT 1")?;
        Ok(())
    }

    fn push(&self, id: &SpaceId, token: &TokenHash, entries: &[Entry], now_ms: u64) -> Result<u64, StoreError> {
        check_entries(entries, now_ms).map_err(StoreError::Refused)?;
        let mut conn = self.conn()?;
        let Conn { client, st } = &mut *conn;
        let mut tx = client.transaction()?;
        // A refused push is rolled back as the transaction drops.
        let seq = apply(&mut tx, st, id, token, entries)?;
        tx.commit()?;
        Ok(seq)
    }

    fn pull(&self, id: &SpaceId, token: &TokenHash, after: u64, limit: usize) -> Result<Page, StoreError> {
        let mut conn = self.conn()?;
        let Conn { client, st } = &mut *conn;
        let limit = limit.clamp(1, PULL_LIMIT);
        let rows = client.query(&st.page, &[&id.as_str(), &(after as i64), &(limit as i64 + 1)])?;
        let first = rows.first().map(|r| (r.get::<_, &[u8]>(0), r.get::<_, i64>(1)));
        let seq = checked(client, st, first, id, token)?.ok_or(StoreError::NotFound)?;
        let mut entries: Vec<(Entry, u64)> = rows
            .iter()
            .filter(|r| r.get::<_, Option<&str>>(2).is_some())
            .map(|r| {
                let entry = Entry { id: r.get(2), at: stamp(r.get(3), r.get(4), r.get(5)), data: r.get(6) };
                (entry, r.get::<_, i64>(7) as u64)
            })
            .collect();
        let more = entries.len() > limit;
        entries.truncate(limit);
        let next = entries.last().map_or(after.max(seq), |(_, s)| *s);
        Ok(Page { entries: entries.into_iter().map(|(e, _)| e).collect(), next, more })
    }

    fn delete(&self, id: &SpaceId, token: &TokenHash) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let Conn { client, st } = &mut *conn;
        let mut tx = client.transaction()?;
        lock(&mut tx, st, id, token)?.ok_or(StoreError::NotFound)?;
        tx.execute("DELETE FROM entries WHERE space = $1", &[&id.as_str()])?;
        tx.execute("DELETE FROM spaces WHERE id = $1", &[&id.as_str()])?;
        tx.execute("INSERT INTO deleted_spaces (id, token_hash) VALUES ($1, $2)", &[&id.as_str(), &&token.0[..]])?;
        tx.commit()?;
        Ok(())
    }

    fn export(&self, each: &mut dyn FnMut(Record) -> Result<(), StoreError>) -> Result<(), StoreError> {
        copy::export(&mut self.conn()?.client, each)
    }

    fn import(&self, record: &Record) -> Result<(), StoreError> {
        copy::import(&mut self.conn()?.client, record)
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        copy::counts(&mut self.conn()?.client)
    }
}
