//! `wegwijs-server migrate FROM TO`, as whoever runs a deployment uses it: a server on SQLite
//! holds spaces, is stopped, the command copies them into PostgreSQL, and a server started on
//! PostgreSQL hands the phones exactly what they had, from where they were. Run again, it
//! refuses to copy into a database that is not empty, and no output shows the password.

mod common;

use std::process::Command;

use axum::body::Body;
use http_body_util::BodyExt;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};

use common::process::{dist, free_port, start, until_up, Http};

const TOKEN: &str = "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT";

fn space(n: usize) -> String {
    format!("{:M>22}", format!("m{n}"))
}

async fn call(client: &Http, req: Request<Body>) -> (u16, Value) {
    let response = client.request(req).await.expect("the server answers");
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap() })
}

async fn push(client: &Http, base: &str, n: usize, id: &str, ms: u64) -> (u16, Value) {
    let body =
        json!({ "entries": [{ "id": id, "at": { "ms": ms, "c": 0, "node": 1 }, "data": format!("sealed-{id}") }] });
    let req = Request::post(format!("{base}/spaces/{}/entries", space(n)))
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    call(client, req).await
}

async fn pull(client: &Http, base: &str, n: usize, after: u64) -> (u16, Value) {
    let req = Request::get(format!("{base}/spaces/{}/entries?after={after}", space(n)))
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    let (status, mut body) = call(client, req).await;
    if let Some(o) = body.as_object_mut() {
        o.remove("now_ms");
    }
    (status, body)
}

fn migrate(from: &str, to: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wegwijs-server")).args(["migrate", from, to]).output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_moves_a_deployment_from_sqlite_to_postgres() {
    let Some(pg) = tokio::task::spawn_blocking(|| common::postgres("migrate_command")).await.unwrap() else { return };
    let (sqlite, dist) = (common::sqlite(), dist());
    let client: Http = Client::builder(TokioExecutor::new()).build_http();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;

    let port = free_port();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let mut server = start(&sqlite, dist.path(), port);
    until_up(&client, &base).await;
    for n in 0..3 {
        for i in 0..4 {
            assert_eq!(push(&client, &base, n, &format!("e{i}"), now).await.0, 200);
        }
        assert_eq!(push(&client, &base, n, "e0", now + 1).await.0, 200, "a replaced entry");
    }
    let delete = Request::delete(format!("{base}/spaces/{}", space(2)))
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&client, delete).await.0, 204);
    let mut before = Vec::new();
    for (n, after) in [(0, 0), (0, 3), (1, 0), (2, 0)] {
        before.push(pull(&client, &base, n, after).await);
    }
    server.kill().unwrap();
    server.wait().unwrap();

    let (ok, out) = migrate(&sqlite.env_value(), &pg.env_value());
    assert!(ok, "{out}");
    assert!(out.contains("copied 2 spaces with 8 entries and 1 deleted spaces"), "{out}");
    let password = pg.env_value().split(':').nth(2).unwrap().split('@').next().unwrap().to_owned();
    assert!(!out.contains(&password), "the password is not shown: {out}");

    let mut server = start(&pg, dist.path(), port);
    until_up(&client, &base).await;
    let mut after_copy = Vec::new();
    for (n, after) in [(0, 0), (0, 3), (1, 0), (2, 0)] {
        after_copy.push(pull(&client, &base, n, after).await);
    }
    assert_eq!(after_copy, before, "the phones pull the same from PostgreSQL");
    assert_eq!(before[3].0, 410, "the deleted space stays deleted");
    let (status, body) = push(&client, &base, 0, "new", now).await;
    assert_eq!((status, body["seq"].as_u64()), (200, Some(6)), "numbering goes on: {body}");
    server.kill().unwrap();
    server.wait().unwrap();

    let (ok, out) = migrate(&sqlite.env_value(), &pg.env_value());
    assert!(!ok && out.contains("not empty") && !out.contains(&password), "{out}");
    let (ok, out) = migrate("/nonexistent/wegwijs.sqlite", &pg.env_value());
    assert!(!ok && out.contains("no SQLite database at /nonexistent/wegwijs.sqlite"), "{out}");
    let (ok, out) = migrate("only-one-argument", "");
    assert!(!ok, "{out}");
}
