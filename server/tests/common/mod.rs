//! The databases the server's tests run on: SQLite always, and PostgreSQL when
//! `WEGWIJS_TEST_PG` holds the URL of a server where the tests may create databases (`make
//! test` starts a throwaway cluster and sets it). `make test` also sets
//! `WEGWIJS_TEST_PG_REQUIRED=1`, so there a missing URL fails instead of skipping PostgreSQL.

#![allow(dead_code)] // each test file uses its own part of this module

pub mod process;

use std::path::PathBuf;
use std::sync::Arc;

use wegwijs_server::config::Database;
use wegwijs_server::{store, Store};

/// One database for one test, removed when it drops (a SQLite folder) or when the next run
/// starts (a PostgreSQL database of the same name).
pub enum TestDb {
    Sqlite { _dir: tempfile::TempDir, path: PathBuf },
    Postgres { url: String },
}

impl TestDb {
    /// `"sqlite"` or `"postgres"`, for assertion messages.
    pub fn name(&self) -> &'static str {
        self.database().backend()
    }

    /// The setting a server would be given for this database.
    pub fn database(&self) -> Database {
        match self {
            TestDb::Sqlite { path, .. } => Database::Sqlite(path.clone()),
            TestDb::Postgres { url } => Database::parse(url).expect("a test URL"),
        }
    }

    /// The value of `WEGWIJS_DB` for a server process on this database.
    pub fn env_value(&self) -> String {
        match self {
            TestDb::Sqlite { path, .. } => path.display().to_string(),
            TestDb::Postgres { url } => url.clone(),
        }
    }

    /// Opens a store on it, as a server process does at start.
    pub fn open(&self) -> Arc<dyn Store> {
        store::open(&self.database()).unwrap_or_else(|e| panic!("{}: {e}", self.name()))
    }
}

/// A new, empty SQLite file in a folder of its own.
pub fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wegwijs.sqlite");
    TestDb::Sqlite { _dir: dir, path }
}

/// A new, empty PostgreSQL database named after `test`, when a server is configured.
pub fn postgres(test: &str) -> Option<TestDb> {
    let base = match std::env::var("WEGWIJS_TEST_PG") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            assert!(
                std::env::var("WEGWIJS_TEST_PG_REQUIRED").as_deref() != Ok("1"),
                "WEGWIJS_TEST_PG_REQUIRED=1 but WEGWIJS_TEST_PG is not set: the PostgreSQL tests cannot run"
            );
            eprintln!("WEGWIJS_TEST_PG is not set: {test} runs on SQLite only");
            return None;
        }
    };
    let url = fresh_postgres(&base, &format!("wegwijs_test_{test}"));
    Some(TestDb::Postgres { url })
}

/// Creates (again, when it exists) the empty database `name` on the PostgreSQL server at `url`;
/// returns its URL.
pub fn fresh_postgres(url: &str, name: &str) -> String {
    let mut admin = postgres::Client::connect(url, postgres::NoTls).expect("the PostgreSQL server answers");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let (head, query) = url.split_once('?').map_or((url, None), |(h, q)| (h, Some(q)));
    let server = head.rsplit_once('/').map_or(head, |(s, _)| s);
    query.map_or_else(|| format!("{server}/{name}"), |q| format!("{server}/{name}?{q}"))
}

/// A fresh database of every backend there is, for a test named `test`.
pub fn each(test: &str) -> Vec<TestDb> {
    let mut dbs = vec![sqlite()];
    dbs.extend(postgres(test));
    dbs
}
