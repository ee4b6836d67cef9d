//! `make bench`'s sync figures: sync round trips (a push of one sealed-size entry, then a pull
//! of what changed) per second with p50 and p99 latency at 32 and at 256 concurrent clients,
//! each on its own space, against a real server on a fresh SQLite file, beside the same server's
//! `/api/v1/health` throughput in the same run, so the ratio says how close sync comes to the
//! server's floor. Client and server share this machine's cores: the figures are a floor for a
//! dedicated server, not a ceiling.
//!
//! `cargo run --release -p wegwijs-server --example bench_sync [seconds]`

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use http_body_util::BodyExt;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::json;
use wegwijs_server::{app_with, AppState, Rates, SqliteStore};

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
    fn report(mut self, what: &str) -> f64 {
        self.latencies.sort();
        let rate = self.count as f64 / self.elapsed.as_secs_f64();
        println!(
            "{what:<34} {:>7} {rate:>10.0} /s {:>8.2} ms {:>8.2} ms   ({} in {:.1} s)",
            self.clients,
            pct(&self.latencies, 0.5),
            pct(&self.latencies, 0.99),
            self.count,
            self.elapsed.as_secs_f64()
        );
        rate
    }
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

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("bench.sqlite")).unwrap();
    // Limits off: the load comes from one address on purpose.
    let rates = Rates { per_address: 0, per_space: 0, behind_proxy: false };
    let app = app_with(AppState { store: Arc::new(store) }, dir.path().to_path_buf(), rates);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client: Http = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(256).build_http();
    let base = format!("http://{addr}/api/v1");
    println!(
        "sync on SQLite (server and load on this machine's {} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("{:<34} {:>7} {:>13} {:>11} {:>11}", "", "clients", "rate", "p50", "p99");
    for clients in CLIENTS {
        let health = {
            let (client, base) = (client.clone(), base.clone());
            load(clients, seconds, move |_, _| {
                let (client, uri) = (client.clone(), format!("{base}/health"));
                async move {
                    assert_eq!(send(&client, Request::get(uri).body(Body::empty()).unwrap()).await, 200);
                }
            })
            .await
        };

        // Each client its own space and token; entries the size of a sealed note.
        let data = "A".repeat(160);
        let sync = {
            let (client, base) = (client.clone(), base.clone());
            load(clients, seconds, move |c, i| {
                let client = client.clone();
                let space = format!("{:0>22}", format!("bench{c}"));
                let token = format!("{:A>43}", c);
                let uri = format!("{base}/spaces/{space}/entries");
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
        let floor = health.report("GET /api/v1/health");
        let rate = sync.report("sync round trip (push 1 + pull)");
        println!(
            "{:<34} {clients:>7} {:>10.0} %   (each round trip is 2 requests)",
            "  round trips / health requests",
            rate / floor * 100.0
        );
    }
}
