//! Export and import of whole spaces for `wegwijs-server migrate`, and the counts it compares.

use postgres::{Client, IsolationLevel};
use wegwijs_model::sync::Entry;

use super::stamp;
use crate::store::{Counts, Record, SpaceId, StoreError, TokenHash};

fn space_id(text: String) -> Result<SpaceId, StoreError> {
    SpaceId::parse(&text).ok_or_else(|| StoreError::Internal("a stored space id has the wrong form".into()))
}

fn token(bytes: &[u8]) -> Result<TokenHash, StoreError> {
    bytes.try_into().map(TokenHash).map_err(|_| StoreError::Internal("a stored token hash is not 32 bytes".into()))
}

/// Every space, then every deleted space, from one snapshot.
pub(super) fn export(
    client: &mut Client,
    each: &mut dyn FnMut(Record) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut tx = client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
    let spaces = tx.query("SELECT id, token_hash, seq FROM spaces ORDER BY id", &[])?;
    let entries =
        tx.prepare("SELECT id, at_ms, at_c, at_node, data, seq FROM entries WHERE space = $1 ORDER BY seq")?;
    for row in spaces {
        let id: String = row.get(0);
        let rows = tx.query(&entries, &[&id])?;
        let entries = rows
            .iter()
            .map(|r| {
                (
                    Entry { id: r.get(0), at: stamp(r.get(1), r.get(2), r.get(3)), data: r.get(4) },
                    r.get::<_, i64>(5) as u64,
                )
            })
            .collect();
        let seq = row.get::<_, i64>(2) as u64;
        each(Record::Space { id: space_id(id)?, token: token(row.get(1))?, seq, entries })?;
    }
    for row in tx.query("SELECT id, token_hash FROM deleted_spaces ORDER BY id", &[])? {
        each(Record::Deleted { id: space_id(row.get(0))?, token: token(row.get(1))? })?;
    }
    tx.commit()?;
    Ok(())
}

/// Adds one exported space in one transaction; refused when its id is taken.
pub(super) fn import(client: &mut Client, record: &Record) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    let (Record::Space { id, .. } | Record::Deleted { id, .. }) = record;
    let taken: i64 = tx
        .query_one(
            "SELECT (SELECT count(*) FROM spaces WHERE id = $1) + (SELECT count(*) FROM deleted_spaces WHERE id = $1)",
            &[&id.as_str()],
        )?
        .get(0);
    if taken > 0 {
        return Err(StoreError::Internal(format!("space {id} is already in the target database")));
    }
    match record {
        Record::Space { id, token, seq, entries } => {
            tx.execute(
                "INSERT INTO spaces (id, token_hash, seq) VALUES ($1, $2, $3)",
                &[&id.as_str(), &&token.0[..], &(*seq as i64)],
            )?;
            let insert = tx.prepare(
                "INSERT INTO entries (space, id, at_ms, at_c, at_node, data, seq) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )?;
            for (e, s) in entries {
                let (ms, c, node) = (e.at.ms as i64, i64::from(e.at.c), i64::from(e.at.node));
                tx.execute(&insert, &[&id.as_str(), &e.id, &ms, &c, &node, &e.data, &(*s as i64)])?;
            }
        }
        Record::Deleted { id, token } => {
            tx.execute("INSERT INTO deleted_spaces (id, token_hash) VALUES ($1, $2)", &[&id.as_str(), &&token.0[..]])?;
        }
    }
    tx.commit()?;
    Ok(())
}

pub(super) fn counts(client: &mut Client) -> Result<Counts, StoreError> {
    let row = client.query_one(
        "SELECT (SELECT count(*) FROM spaces), (SELECT count(*) FROM entries), (SELECT count(*) FROM deleted_spaces)",
        &[],
    )?;
    Ok(Counts {
        spaces: row.get::<_, i64>(0) as u64,
        entries: row.get::<_, i64>(1) as u64,
        deleted: row.get::<_, i64>(2) as u64,
    })
}
