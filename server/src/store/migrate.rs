//! Moving a deployment from one database to another (SQLite to PostgreSQL, say) without losing
//! a space: every space is copied whole, with its token's hash and sequence numbers, so phones
//! go on pulling from where they were and notice nothing.

use super::{Counts, Store, StoreError};

/// Copies every space and deleted space of `from` into `to`, which must be empty, and checks
/// that `to` then holds as many of each as `from` handed over. Stop the servers writing to
/// `from` first: what reaches it during the copy is not copied.
pub fn copy_all(from: &dyn Store, to: &dyn Store) -> Result<Counts, StoreError> {
    let held = to.counts()?;
    if held != Counts::default() {
        return Err(StoreError::Internal(format!(
            "the target database is not empty ({} spaces, {} entries, {} deleted spaces): nothing was copied",
            held.spaces, held.entries, held.deleted
        )));
    }
    let mut copied = Counts::default();
    from.export(&mut |record| {
        to.import(&record)?;
        match &record {
            super::Record::Space { entries, .. } => {
                copied.spaces += 1;
                copied.entries += entries.len() as u64;
            }
            super::Record::Deleted { .. } => copied.deleted += 1,
        }
        Ok(())
    })?;
    let now = to.counts()?;
    if now != copied {
        return Err(StoreError::Internal(format!(
            "the copy does not add up: sent {copied:?}, the target holds {now:?}"
        )));
    }
    Ok(copied)
}
