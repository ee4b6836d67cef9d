//! No acknowledged write is lost when the server process dies: several clients stream pushes to
//! the real server binary, on SQLite and on PostgreSQL, the process is killed with SIGKILL in
//! the middle (no shutdown, no flush), started again on the same database, and every entry
//! whose push was answered 200 is pulled back, byte for byte. A push that got no answer may or
//! may not be there; the phone sends it again, and pushes are idempotent. Two server processes
//! on one PostgreSQL serve the same spaces: what one acknowledges, the other hands out at once.
//! And SIGTERM, what systemd and container runtimes send, stops the server cleanly; its log,
//! written to a pipe as there, is plain lines without colour codes.

mod common;

use common::process::{dist, free_port, server, start, until_up, Http};

use std::collections::BTreeMap;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use http_body_util::BodyExt;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};

const CLIENTS: usize = 8;
/// Below the limit of entries per space, so every push is one the server may accept.
const PUSHES_PER_CLIENT: usize = 1_500;

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
        let body = json!({ "entries": [{ "id": id, "at": { "ms": now_ms(), "c": 0, "node": c }, "data": data }] });
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
    // The PostgreSQL client blocks: it may not run on the runtime's own threads.
    for db in tokio::task::spawn_blocking(|| common::each("sigkill")).await.unwrap() {
        sigkill_on(&db).await;
    }
}

async fn sigkill_on(db: &common::TestDb) {
    let dist = dist();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let client: Http = Client::builder(TokioExecutor::new()).build_http();

    let mut server = start(db, dist.path(), port);
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
    let name = db.name();
    assert!(cut > 0, "{name}: the kill came after every stream had finished: nothing was tested");
    assert!(total > CLIENTS, "{name}: too few pushes were acknowledged before the kill ({total})");

    let mut server = start(db, dist.path(), port);
    until_up(&client, &base).await;
    for (c, acked) in acknowledged.iter().enumerate() {
        let held = pull_all(&client, &base, c).await;
        let lost: Vec<&String> = acked.keys().filter(|id| !held.contains_key(*id)).collect();
        assert!(
            lost.is_empty(),
            "{name}, client {c}: {} acknowledged entries lost, first {:?}",
            lost.len(),
            lost.first()
        );
        for (id, data) in acked {
            assert_eq!(&held[id], data, "{name}, client {c}, entry {id}");
        }
    }
    println!("{name}: {total} acknowledged pushes from {CLIENTS} clients, {cut} cut off by SIGKILL: none lost");
    server.kill().unwrap();
    server.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_serve_the_same_spaces() {
    let Some(db) = tokio::task::spawn_blocking(|| common::postgres("two_servers")).await.unwrap() else { return };
    let dist = dist();
    let (port_a, port_b) = (free_port(), free_port());
    let (a, b) = (format!("http://127.0.0.1:{port_a}/api/v1"), format!("http://127.0.0.1:{port_b}/api/v1"));
    let client: Http = Client::builder(TokioExecutor::new()).build_http();
    // Started together: the migrations run once, under their lock.
    let mut servers = [start(&db, dist.path(), port_a), start(&db, dist.path(), port_b)];
    until_up(&client, &a).await;
    until_up(&client, &b).await;
    for base in [&a, &b] {
        let response =
            client.request(Request::get(format!("{base}/health")).body(Body::empty()).unwrap()).await.unwrap();
        let health: Value = serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
        assert_eq!((&health["backend"], &health["database"]), (&json!("postgres"), &json!("ok")), "{health}");
    }

    // Four clients push to their spaces through A and B in turn, and each kills nothing: every
    // push answered by one server is at once in a pull through the other.
    let streams: Vec<_> = (0..4)
        .map(|c| {
            let (client, base) = (client.clone(), if c % 2 == 0 { a.clone() } else { b.clone() });
            tokio::spawn(async move { stream_n(client, base, c, 50).await })
        })
        .collect();
    for (c, s) in streams.into_iter().enumerate() {
        let acked = s.await.unwrap();
        assert_eq!(acked.len(), 50, "client {c}: every push is answered");
        let other = if c % 2 == 0 { &b } else { &a };
        assert_eq!(pull_all(&client, other, c).await, acked, "client {c}: the other server hands out the same");
    }
    // One space, pushed to through both servers at once: one sequence without gaps or repeats.
    let (space, token) = space(9);
    let mut seqs = Vec::new();
    let pushes: Vec<_> = (0..40)
        .map(|i| {
            let (client, base, uri_space, token) = (client.clone(), if i % 2 == 0 { &a } else { &b }.clone(), space.clone(), token.clone());
            tokio::spawn(async move {
                let body = json!({ "entries": [{ "id": format!("both{i}"), "at": { "ms": now_ms(), "c": 0, "node": i }, "data": "d" }] });
                let push = Request::post(format!("{base}/spaces/{uri_space}/entries"))
                    .header("authorization", format!("Bearer {token}"))
                    .header("content-type", "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap();
                let response = client.request(push).await.unwrap();
                assert_eq!(response.status(), 200);
                let body: Value = serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
                body["seq"].as_u64().unwrap()
            })
        })
        .collect();
    for p in pushes {
        seqs.push(p.await.unwrap());
    }
    seqs.sort();
    assert_eq!(seqs, (1..=40).collect::<Vec<u64>>());
    assert_eq!(pull_all(&client, &a, 9).await, pull_all(&client, &b, 9).await);
    for server in &mut servers {
        server.kill().unwrap();
        server.wait().unwrap();
    }
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64
}

/// `n` pushes of one new entry each, all of which must be answered; returns what was sent.
async fn stream_n(client: Http, base: String, c: usize, n: usize) -> BTreeMap<String, String> {
    let (space, token) = space(c);
    let mut sent = BTreeMap::new();
    for i in 0..n {
        let (id, data) = (format!("c{c}e{i}"), format!("{c}_{i}"));
        let body = json!({ "entries": [{ "id": id, "at": { "ms": now_ms(), "c": 0, "node": c }, "data": data }] });
        let push = Request::post(format!("{base}/spaces/{space}/entries"))
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let response = client.request(push).await.expect("the server answers");
        assert_eq!(response.status(), 200);
        response.into_body().collect().await.unwrap();
        sent.insert(id, data);
    }
    sent
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_server_cleanly() {
    for db in tokio::task::spawn_blocking(|| common::each("sigterm")).await.unwrap() {
        sigterm_on(&db).await;
    }
}

async fn sigterm_on(db: &common::TestDb) {
    let dist = dist();
    let port = free_port();
    let client: Http = Client::builder(TokioExecutor::new()).build_http();
    let mut server = server(db, dist.path(), port).stdout(Stdio::piped()).spawn().expect("the server binary starts");
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
    assert!(status.success(), "{}: SIGTERM is a normal stop, not a failure: {status}", db.name());
    let mut log = String::new();
    server.stdout.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(
        log.contains("Wegwijs is at") && log.contains("stopping"),
        "{}: the log says it started and stopped:\n{log}",
        db.name()
    );
    assert!(!log.contains('\u{1b}'), "{}: no colour codes in a log that is not a terminal:\n{log:?}", db.name());
}
