//! The PostgreSQL store, for deployments with several server processes on one database: the
//! same rules as the SQLite store, with PostgreSQL's transactions in place of the group commit.
//!
//! A push is one transaction that first locks its space's row (`SELECT … FOR UPDATE`), so the
//! pushes to one space take turns across every process while pushes to different spaces run
//! side by side. A push's sequence numbers are therefore committed in order: no pull, through
//! any process, sees number 7 before 6 exists, which is what lets phones pull incrementally.
//! PostgreSQL acknowledges a commit once its WAL is flushed (its default `synchronous_commit`),
//! and flushes concurrent commits together. A pull reads one snapshot (`REPEATABLE READ`).
//!
//! Migrations run at start in one transaction under an advisory lock, so servers started
//! together apply them once. Connections come from an r2d2 pool, each with its statements
//! prepared once.

mod copy;

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use postgres::{Client, IsolationLevel, NoTls, Statement, Transaction};
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
    pool: r2d2::Pool<Manager>,
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
    read_space: Statement,
    deleted: Statement,
    create: Statement,
    stamps: Statement,
    count: Statement,
    upsert: Statement,
    set_seq: Statement,
    page: Statement,
}

impl Statements {
    fn prepare(c: &mut Client) -> Result<Statements, postgres::Error> {
        Ok(Statements {
            lock_space: c.prepare("SELECT token_hash, seq FROM spaces WHERE id = $1 FOR UPDATE")?,
            read_space: c.prepare("SELECT token_hash, seq FROM spaces WHERE id = $1")?,
            deleted: c.prepare("SELECT token_hash FROM deleted_spaces WHERE id = $1")?,
            create: c
                .prepare("INSERT INTO spaces (id, token_hash, seq) VALUES ($1, $2, 0) ON CONFLICT (id) DO NOTHING")?,
            stamps: c.prepare("SELECT id, at_ms, at_c, at_node FROM entries WHERE space = $1 AND id = ANY($2)")?,
            count: c.prepare("SELECT count(*) FROM entries WHERE space = $1")?,
            upsert: c.prepare(
                "INSERT INTO entries (space, id, at_ms, at_c, at_node, data, seq) VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (space, id) DO UPDATE SET at_ms = $3, at_c = $4, at_node = $5, data = $6, seq = $7",
            )?,
            set_seq: c.prepare("UPDATE spaces SET seq = $2 WHERE id = $1")?,
            page: c.prepare(
                "SELECT id, at_ms, at_c, at_node, data, seq FROM entries
                 WHERE space = $1 AND seq > $2 ORDER BY seq LIMIT $3",
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
        Ok(PostgresStore { pool })
    }

    fn conn(&self) -> Result<r2d2::PooledConnection<Manager>, StoreError> {
        Ok(self.pool.get()?)
    }
}

/// Applies the migrations the database lacks, all in one transaction under the advisory lock.
fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
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

/// The space's sequence number after checking the token, reading its row with `query` (locking
/// it or not); `None` for a space never created, [`StoreError::Gone`] for one deleted.
fn space(
    tx: &mut Transaction<'_>,
    st: &Statements,
    query: &Statement,
    id: &SpaceId,
    token: &TokenHash,
) -> Result<Option<u64>, StoreError> {
    match tx.query_opt(query, &[&id.as_str()])? {
        Some(row) if row.get::<_, &[u8]>(0) != token.0 => Err(StoreError::Forbidden),
        Some(row) => Ok(Some(row.get::<_, i64>(1) as u64)),
        None => match tx.query_opt(&st.deleted, &[&id.as_str()])? {
            None => Ok(None),
            Some(row) if row.get::<_, &[u8]>(0) != token.0 => Err(StoreError::Forbidden),
            Some(_) => Err(StoreError::Gone),
        },
    }
}

/// One push inside its transaction: its new sequence number.
fn apply(
    tx: &mut Transaction<'_>,
    st: &Statements,
    id: &SpaceId,
    token: &TokenHash,
    entries: &[Entry],
) -> Result<u64, StoreError> {
    let mut seq = match space(tx, st, &st.lock_space, id, token)? {
        Some(seq) => seq,
        None => {
            // Another process may create it at the same moment: the insert then waits for that
            // commit and does nothing, and the second read takes the lock and checks the token.
            tx.execute(&st.create, &[&id.as_str(), &&token.0[..]])?;
            space(tx, st, &st.lock_space, id, token)?.ok_or(StoreError::NotFound)?
        }
    };
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    let mut held: HashMap<String, Stamp> = HashMap::new();
    for row in tx.query(&st.stamps, &[&id.as_str(), &ids])? {
        held.insert(row.get(0), stamp(row.get(1), row.get(2), row.get(3)));
    }
    let new_ids: BTreeSet<&str> = ids.iter().copied().filter(|e| !held.contains_key(*e)).collect();
    if !new_ids.is_empty() {
        let count: i64 = tx.query_one(&st.count, &[&id.as_str()])?.get(0);
        if count as usize + new_ids.len() > MAX_ENTRIES {
            return Err(StoreError::Refused(Refusal::TooManyEntries));
        }
    }
    for e in entries {
        // The same id twice in one push: the later of the two stamps wins, as in `Space`.
        if replaces(held.get(e.id.as_str()).copied(), e.at) {
            seq += 1;
            let (ms, c, node, s) = (e.at.ms as i64, i64::from(e.at.c), i64::from(e.at.node), seq as i64);
            tx.execute(&st.upsert, &[&id.as_str(), &e.id, &ms, &c, &node, &e.data, &s])?;
            held.insert(e.id.clone(), e.at);
        }
    }
    tx.execute(&st.set_seq, &[&id.as_str(), &(seq as i64)])?;
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
        let mut tx =
            client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
        let seq = space(&mut tx, st, &st.read_space, id, token)?.ok_or(StoreError::NotFound)?;
        let limit = limit.clamp(1, PULL_LIMIT);
        let rows = tx.query(&st.page, &[&id.as_str(), &(after as i64), &(limit as i64 + 1)])?;
        tx.commit()?;
        let mut rows: Vec<(Entry, u64)> = rows
            .iter()
            .map(|r| {
                let entry = Entry { id: r.get(0), at: stamp(r.get(1), r.get(2), r.get(3)), data: r.get(4) };
                (entry, r.get::<_, i64>(5) as u64)
            })
            .collect();
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = rows.last().map_or(after.max(seq), |(_, s)| *s);
        Ok(Page { entries: rows.into_iter().map(|(e, _)| e).collect(), next, more })
    }

    fn delete(&self, id: &SpaceId, token: &TokenHash) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let Conn { client, st } = &mut *conn;
        let mut tx = client.transaction()?;
        space(&mut tx, st, &st.lock_space, id, token)?.ok_or(StoreError::NotFound)?;
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
