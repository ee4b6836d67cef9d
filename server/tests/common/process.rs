//! Real server processes for the tests: started on a database and a stand-in app, and
//! waited for until they answer.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use hyper::Request;
use hyper_util::client::legacy::Client;

use super::TestDb;

/// An HTTP client as the tests use it.
pub type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Body>;

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A folder with a stand-in for the built app, which the server requires at start.
pub fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>Wegwijs</title>").unwrap();
    dir
}

/// Starts the server binary on `db`, serving `dist` on `port`, without rate limits.
pub fn start(db: &TestDb, dist: &Path, port: u16) -> Child {
    server(db, dist, port).stdout(Stdio::null()).spawn().expect("the server binary starts")
}

/// The command `start` runs (its output not yet directed), for a test that reads the log.
pub fn server(db: &TestDb, dist: &Path, port: u16) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wegwijs-server"));
    command
        .env("PORT", port.to_string())
        .env("WEGWIJS_ADDR", "127.0.0.1")
        .env("WEGWIJS_DB", db.env_value())
        .env("WEGWIJS_DIST", dist)
        .env("WEGWIJS_RATE_PER_ADDRESS", "0")
        .env("WEGWIJS_RATE_PER_SPACE", "0")
        .stderr(Stdio::null());
    command
}

/// Waits until the server at `base` (its `/api/v1`) answers health with 200.
pub async fn until_up(client: &Http, base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let req = Request::get(format!("{base}/health")).body(Body::empty()).unwrap();
        if client.request(req).await.is_ok_and(|r| r.status() == 200) {
            return;
        }
        assert!(Instant::now() < deadline, "the server did not answer within 30 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
