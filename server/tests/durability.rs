//! No acknowledged write is lost when the server process dies: several clients stream pushes to
//! the real server binary on SQLite, the process is killed with SIGKILL in the middle (no
//! shutdown, no flush), started again on the same file, and every entry whose push was
//! answered 200 is pulled back, byte for byte. A push that got no answer may or may not be
//! there; the phone sends it again, and pushes are idempotent. And SIGTERM, what systemd and
//! container runtimes send, stops the server cleanly.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use http_body_util::BodyExt;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Body>;

const CLIENTS: usize = 8;
/// Below the limit of entries per space, so every push is one the server may accept.
const PUSHES_PER_CLIENT: usize = 1_500;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(dir: &Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_wegwijs-server"))
        .env("PORT", port.to_string())
        .env("WEGWIJS_ADDR", "127.0.0.1")
        .env("WEGWIJS_DB", dir.join("wegwijs.sqlite"))
        .env("WEGWIJS_DIST", dir.join("dist"))
        .env("WEGWIJS_RATE_PER_ADDRESS", "0")
        .env("WEGWIJS_RATE_PER_SPACE", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts")
}

async fn until_up(client: &Http, base: &str) {
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

fn space(c: usize) -> (String, String) {
    (format!("{:0>22}", format!("durable{c}")), format!("{:A>43}", c))
}

/// Pushes one new entry after another until the server stops answering; returns the entries
/// the server acknowledged, by id, and whether a push went unanswered (the kill was mid-stream).
async fn stream(client: Http, base: String, c: usize) -> (BTreeMap<String, String>, bool) {
    let (space, token) = space(c);
    let uri = format!("{base}/spaces/{space}/entries");
    let mut acknowledged = BTreeMap::new();
    for i in 0..PUSHES_PER_CLIENT {
        let (id, data) = (format!("c{c}e{i}"), format!("{:A>64}", format!("{c}x{i}")).replace('x', "_"));
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64;
        let body = json!({ "entries": [{ "id": id, "at": { "ms": now, "c": 0, "node": c }, "data": data }] });
        let push = Request::post(&uri)
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let answered = match client.request(push).await {
            Ok(response) => {
                let ok = response.status() == 200;
                // The acknowledgement is the whole 200 answer, as a phone reads it.
                ok && response.into_body().collect().await.is_ok()
            }
            Err(_) => false,
        };
        if !answered {
            return (acknowledged, true);
        }
        acknowledged.insert(id, data);
    }
    (acknowledged, false)
}

/// Everything the space holds now, by id, through the API as a phone pulls it.
async fn pull_all(client: &Http, base: &str, c: usize) -> BTreeMap<String, String> {
    let (space, token) = space(c);
    let mut held = BTreeMap::new();
    let mut after = 0;
    loop {
        let req = Request::get(format!("{base}/spaces/{space}/entries?after={after}"))
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let response = client.request(req).await.expect("the restarted server answers");
        let status = response.status();
        let body: Value = serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
        if status == 404 {
            // A space whose first push was never acknowledged may not exist at all.
            return held;
        }
        assert_eq!(status, 200, "{body}");
        for e in body["entries"].as_array().unwrap() {
            held.insert(e["id"].as_str().unwrap().to_owned(), e["data"].as_str().unwrap().to_owned());
        }
        after = body["next"].as_u64().unwrap();
        if !body["more"].as_bool().unwrap() {
            return held;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_stream_loses_no_acknowledged_push() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/index.html"), "<!doctype html><title>Wegwijs</title>").unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let client: Http = Client::builder(TokioExecutor::new()).build_http();

    let mut server = start(dir.path(), port);
    until_up(&client, &base).await;
    let streams: Vec<_> = (0..CLIENTS).map(|c| tokio::spawn(stream(client.clone(), base.clone(), c))).collect();
    // Long enough for many pushes to be acknowledged, short enough that all are still running.
    tokio::time::sleep(Duration::from_millis(400)).await;
    server.kill().expect("SIGKILL");
    server.wait().unwrap();

    let mut acknowledged = Vec::new();
    let mut cut = 0;
    for s in streams {
        let (acked, interrupted) = s.await.unwrap();
        cut += usize::from(interrupted);
        acknowledged.push(acked);
    }
    let total: usize = acknowledged.iter().map(BTreeMap::len).sum();
    assert!(cut > 0, "the kill came after every stream had finished: nothing was tested");
    assert!(total > CLIENTS, "too few pushes were acknowledged before the kill ({total})");

    let mut server = start(dir.path(), port);
    until_up(&client, &base).await;
    for (c, acked) in acknowledged.iter().enumerate() {
        let held = pull_all(&client, &base, c).await;
        let lost: Vec<&String> = acked.keys().filter(|id| !held.contains_key(*id)).collect();
        assert!(lost.is_empty(), "client {c}: {} acknowledged entries lost, first {:?}", lost.len(), lost.first());
        for (id, data) in acked {
            assert_eq!(&held[id], data, "client {c}, entry {id}");
        }
    }
    println!("{total} acknowledged pushes from {CLIENTS} clients, {cut} cut off by SIGKILL: none lost");
    server.kill().unwrap();
    server.wait().unwrap();
}

#[tokio::test]
async fn sigterm_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/index.html"), "<!doctype html><title>Wegwijs</title>").unwrap();
    let port = free_port();
    let client: Http = Client::builder(TokioExecutor::new()).build_http();
    let mut server = start(dir.path(), port);
    until_up(&client, &format!("http://127.0.0.1:{port}/api/v1")).await;
    let sent = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not stop within 10 s of SIGTERM");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(status.success(), "SIGTERM is a normal stop, not a failure: {status}");
}
