//! Where the server keeps data. A trait, so SQLite (the default) and PostgreSQL (for large
//! deployments) can stand behind the same handlers. What the server will store is only ever
//! end-to-end encrypted; it can never read a person's progress.

use std::fmt;
use std::path::Path;
use std::sync::Mutex;

use rusqlite::Connection;

/// Marks a SQLite file as Wegwijs's ("WegW" in ASCII), so a wrong `WEGWIJS_DB` is refused
/// instead of written into.
const APPLICATION_ID: i32 = 0x5765_6757;

/// A storage failure, described for the log.
#[derive(Debug)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError(e.to_string())
    }
}

/// Storage behind the API. Calls block; handlers run them on the blocking pool.
pub trait Store: Send + Sync {
    /// Whether the store answers.
    fn ping(&self) -> Result<(), StoreError>;
}

/// The SQLite store: one file, created with its folder when missing.
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path`. Refuses a file that is not a SQLite database
    /// or belongs to another application, without changing it.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError(format!("cannot create the folder {} for the database: {e}", dir.display())))?;
        }
        let conn = Connection::open(path).map_err(|e| StoreError(format!("cannot open {}: {e}", path.display())))?;
        let not_ours = |why: String| {
            StoreError(format!("{} is not a Wegwijs database ({why}); set WEGWIJS_DB to another file", path.display()))
        };
        let app_id: i32 =
            conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| not_ours(e.to_string()))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        match app_id {
            APPLICATION_ID => {}
            0 if tables == 0 => conn.pragma_update(None, "application_id", APPLICATION_ID)?,
            other => return Err(not_ours(format!("its application id is {other:#x}"))),
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(SqliteStore { conn: Mutex::new(conn) })
    }
}

impl Store for SqliteStore {
    fn ping(&self) -> Result<(), StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError("database lock poisoned".into()))?;
        conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_folder_and_file_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/data/wegwijs.sqlite");
        SqliteStore::open(&path).unwrap().ping().unwrap();
        assert!(path.exists());
        SqliteStore::open(&path).unwrap().ping().unwrap();
    }

    #[test]
    fn refuses_foreign_files_and_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "this is not a database, and it is somebody's notes").unwrap();
        let err = SqliteStore::open(&text).err().expect("a text file is refused");
        assert!(err.0.contains("not a Wegwijs database"), "{err}");
        assert_eq!(std::fs::read_to_string(&text).unwrap(), "this is not a database, and it is somebody's notes");

        let other = dir.path().join("other.sqlite");
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);").unwrap();
        drop(conn);
        let err = SqliteStore::open(&other).err().expect("another app's database is refused");
        assert!(err.0.contains("application id is 0x0") || err.0.contains("not a Wegwijs database"), "{err}");
        let conn = Connection::open(&other).unwrap();
        assert_eq!(conn.query_row("SELECT x FROM t", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
    }
}
