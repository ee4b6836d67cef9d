//! Export and import of whole spaces for `wegwijs-server migrate`, and the counts it compares.

use rusqlite::{params, Connection};
use wegwijs_model::sync::Entry;

use super::{stamp, SqliteStore};
use crate::store::{Counts, Record, SpaceId, StoreError, TokenHash};

fn space_id(text: String) -> Result<SpaceId, StoreError> {
    SpaceId::parse(&text).ok_or_else(|| StoreError::Internal("a stored space id has the wrong form".into()))
}

fn token(bytes: Vec<u8>) -> Result<TokenHash, StoreError> {
    <[u8; 32]>::try_from(bytes)
        .map(TokenHash)
        .map_err(|_| StoreError::Internal("a stored token hash is not 32 bytes".into()))
}

impl SqliteStore {
    /// Every space, then every deleted space, from one read transaction (one snapshot).
    pub(super) fn export_all(&self, each: &mut dyn FnMut(Record) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let mut conn = self.reader()?;
        let tx = conn.transaction()?;
        let spaces: Vec<(String, Vec<u8>, i64)> = tx
            .prepare("SELECT id, token_hash, seq FROM spaces ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut entries =
            tx.prepare("SELECT id, at_ms, at_c, at_node, data, seq FROM entries WHERE space = ?1 ORDER BY seq")?;
        for (id, hash, seq) in spaces {
            let rows: Vec<(Entry, u64)> = entries
                .query_map([&id], |r| {
                    let entry = Entry { id: r.get(0)?, at: stamp(r.get(1)?, r.get(2)?, r.get(3)?), data: r.get(4)? };
                    Ok((entry, r.get::<_, i64>(5)? as u64))
                })?
                .collect::<Result<_, _>>()?;
            each(Record::Space { id: space_id(id)?, token: token(hash)?, seq: seq as u64, entries: rows })?;
        }
        let deleted: Vec<(String, Vec<u8>)> = tx
            .prepare("SELECT id, token_hash FROM deleted_spaces ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (id, hash) in deleted {
            each(Record::Deleted { id: space_id(id)?, token: token(hash)? })?;
        }
        Ok(())
    }

    /// Adds one exported space in one transaction; refused when its id is taken.
    pub(super) fn import_one(&self, record: &Record) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let (Record::Space { id, .. } | Record::Deleted { id, .. }) = record;
        let taken: i64 = tx.query_row(
            "SELECT (SELECT count(*) FROM spaces WHERE id = ?1) + (SELECT count(*) FROM deleted_spaces WHERE id = ?1)",
            [id.as_str()],
            |r| r.get(0),
        )?;
        if taken > 0 {
            return Err(StoreError::Internal(format!("space {id} is already in the target database")));
        }
        match record {
            Record::Space { id, token, seq, entries } => {
                tx.execute(
                    "INSERT INTO spaces (id, token_hash, seq) VALUES (?1, ?2, ?3)",
                    params![id.as_str(), &token.0[..], *seq as i64],
                )?;
                let mut insert = tx.prepare(
                    "INSERT INTO entries (space, id, at_ms, at_c, at_node, data, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?;
                for (e, s) in entries {
                    insert.execute(params![id.as_str(), e.id, e.at.ms as i64, e.at.c, e.at.node, e.data, *s as i64])?;
                }
            }
            Record::Deleted { id, token } => {
                tx.execute(
                    "INSERT INTO deleted_spaces (id, token_hash) VALUES (?1, ?2)",
                    params![id.as_str(), &token.0[..]],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    pub(super) fn count_all(&self) -> Result<Counts, StoreError> {
        count(&*self.conn()?)
    }
}

fn count(conn: &Connection) -> Result<Counts, StoreError> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM spaces), (SELECT count(*) FROM entries), (SELECT count(*) FROM deleted_spaces)",
        [],
        |r| {
            Ok(Counts {
                spaces: r.get::<_, i64>(0)? as u64,
                entries: r.get::<_, i64>(1)? as u64,
                deleted: r.get::<_, i64>(2)? as u64,
            })
        },
    )?)
}
