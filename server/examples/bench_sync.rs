//! `make bench`'s sync figures: sync round trips (a push of one sealed-size entry, then a pull
//! of what changed) per second with p50 and p99 latency at 32 and at 256 concurrent clients,
//! each on its own space, against real server processes (the release binary): one on a fresh
//! SQLite file, and, when `WEGWIJS_BENCH_PG` holds a PostgreSQL URL (`make bench` starts a
//! throwaway cluster), one and then two on a fresh PostgreSQL database, the clients spread
//! over them. Beside each, the same servers' `/api/v1/health` throughput in the same run, so
//! the ratio says how close sync comes to the servers' floor. Load, servers and PostgreSQL
//! share this machine's cores: the figures are a floor for dedicated machines, not a ceiling.
//!
//! `cargo build --release -p wegwijs-server && cargo run --release -p wegwijs-server --example bench_sync [seconds]`

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use http_body_util::BodyExt;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::json;

/// The loads measured: a town's server on a quiet day, and a busy one.
const CLIENTS: [usize; 2] = [32, 256];

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Body>;

struct Run {
    clients: usize,
    count: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

impl Run {
    fn rate(&self) -> f64 {
        self.count as f64 / self.elapsed.as_secs_f64()
    }
}

/// One row of the table: a backend with its processes at one load.
fn row(backend: &str, processes: usize, health: &Run, mut sync: Run) {
    sync.latencies.sort();
    println!(
        "{backend:<11} {processes:>9} {:>7} {:>10.0} /s {:>10.0} /s {:>8.2} ms {:>8.2} ms {:>7.0} %",
        sync.clients,
        health.rate(),
        sync.rate(),
        pct(&sync.latencies, 0.5),
        pct(&sync.latencies, 0.99),
        sync.rate() / health.rate() * 100.0
    );
}

async fn send(client: &Http, req: Request<Body>) -> u16 {
    let response = client.request(req).await.expect("the server answers");
    let status = response.status().as_u16();
    response.into_body().collect().await.expect("a whole body");
    status
}

/// Runs `clients` loops of `step` for `seconds`, timing each step.
async fn load<F, Fut>(clients: usize, seconds: u64, step: F) -> Run
where
    F: Fn(usize, u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let step = Arc::new(step);
    let start = Instant::now();
    let end = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for client in 0..clients {
        let step = step.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut i = 0;
            while Instant::now() < end {
                let t = Instant::now();
                step(client, i).await;
                latencies.push(t.elapsed());
                i += 1;
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    Run { clients, count: latencies.len(), elapsed: start.elapsed(), latencies }
}

/// A running server process, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The release server binary beside this example (`target/release/wegwijs-server`).
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().and_then(Path::parent).unwrap().join("wegwijs-server");
    assert!(bin.is_file(), "no server binary at {}: run `cargo build --release -p wegwijs-server`", bin.display());
    bin
}

/// Starts `n` server processes on the database `db` and waits until each answers; returns
/// them with their API bases.
async fn servers(client: &Http, db: &str, dist: &Path, n: usize) -> (Vec<Server>, Vec<String>) {
    let mut running = Vec::new();
    let mut bases = Vec::new();
    for _ in 0..n {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(server_binary())
            .env("PORT", port.to_string())
            .env("WEGWIJS_DB", db)
            .env("WEGWIJS_DIST", dist)
            // Limits off: the load comes from one address on purpose.
            .env("WEGWIJS_RATE_PER_ADDRESS", "0")
            .env("WEGWIJS_RATE_PER_SPACE", "0")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("the server starts");
        running.push(Server(child));
        bases.push(format!("http://127.0.0.1:{port}/api/v1"));
    }
    for base in &bases {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let req = Request::get(format!("{base}/health")).body(Body::empty()).unwrap();
            if client.request(req).await.is_ok_and(|r| r.status() == 200) {
                break;
            }
            assert!(Instant::now() < deadline, "the server at {base} did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    (running, bases)
}

/// A new, empty database on the PostgreSQL server at `url`; returns its URL.
fn fresh_postgres(url: &str, name: &str) -> String {
    let mut admin = postgres::Client::connect(url, postgres::NoTls).expect("the bench's PostgreSQL answers");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let (head, query) = url.split_once('?').map_or((url, None), |(h, q)| (h, Some(q)));
    let server = head.rsplit_once('/').map_or(head, |(s, _)| s);
    query.map_or_else(|| format!("{server}/{name}"), |q| format!("{server}/{name}?{q}"))
}

/// Health, then sync, at each load, with client `c` on server `c % servers`.
async fn measure(client: &Http, backend: &str, bases: &[String], seconds: u64) {
    let bases = Arc::new(bases.to_vec());
    for clients in CLIENTS {
        let health = {
            let (client, bases) = (client.clone(), bases.clone());
            load(clients, seconds, move |c, _| {
                let (client, uri) = (client.clone(), format!("{}/health", bases[c % bases.len()]));
                async move {
                    assert_eq!(send(&client, Request::get(uri).body(Body::empty()).unwrap()).await, 200);
                }
            })
            .await
        };

        // Each client its own space and token; entries the size of a sealed note.
        let data = "A".repeat(160);
        let sync = {
            let (client, bases) = (client.clone(), bases.clone());
            load(clients, seconds, move |c, i| {
                let client = client.clone();
                let space = format!("{:0>22}", format!("bench{c}"));
                let token = format!("{:A>43}", c);
                let uri = format!("{}/spaces/{space}/entries", bases[c % bases.len()]);
                let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
                let body = json!({ "entries": [{ "id": format!("k{}", i % 40), "at": { "ms": now, "c": i, "node": c }, "data": data }] });
                async move {
                    let push = Request::post(&uri)
                        .header("authorization", format!("Bearer {token}"))
                        .header("content-type", "application/json")
                        .body(Body::from(body.to_string()))
                        .unwrap();
                    assert_eq!(send(&client, push).await, 200);
                    let pull = Request::get(format!("{uri}?after={i}"))
                        .header("authorization", format!("Bearer {token}"))
                        .body(Body::empty())
                        .unwrap();
                    assert_eq!(send(&client, pull).await, 200);
                }
            })
            .await
        };
        row(backend, bases.len(), &health, sync);
    }
}

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>Wegwijs</title>").unwrap();
    let client: Http = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(256).build_http();
    println!(
        "sync round trips (push 1 entry + pull), servers, database and load on this machine's {} cores, {seconds} s each",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:<11} {:>9} {:>7} {:>13} {:>13} {:>11} {:>11} {:>9}",
        "backend", "processes", "clients", "health", "sync", "sync p50", "sync p99", "/health"
    );
    let sqlite = dir.path().join("bench.sqlite").display().to_string();
    let mut runs = vec![("sqlite", 1, sqlite)];
    match std::env::var("WEGWIJS_BENCH_PG") {
        Ok(url) if !url.is_empty() => {
            for n in [1, 2] {
                let url = url.clone();
                let db = tokio::task::spawn_blocking(move || fresh_postgres(&url, &format!("wegwijs_bench_{n}")))
                    .await
                    .unwrap();
                runs.push(("postgres", n, db));
            }
        }
        _ => println!("(WEGWIJS_BENCH_PG is not set: no PostgreSQL rows; `make bench` sets it)"),
    }
    for (backend, n, db) in runs {
        let (_running, bases) = servers(&client, &db, dir.path(), n).await;
        measure(&client, backend, &bases, seconds).await;
    }
    println!("/health: sync round trips per health request of the same servers (each round trip is 2 requests)");
}
