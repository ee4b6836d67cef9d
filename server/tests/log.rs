//! The request log holds each request's route pattern and status, and never a client address,
//! a token or a space id. Alone in its test binary: a log subscriber set for one test is only
//! seen reliably when no other test runs in the process.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Method, Request};
use axum::Router;
use serde_json::json;
use tower::ServiceExt;
use wegwijs_model::sync::seal::{new_secret, Keys};
use wegwijs_server::{app, AppState, SqliteStore};

async fn call(app: &Router, method: Method, uri: &str, token: &str, body: Option<String>) {
    let mut req = Request::builder().method(method).uri(uri).header(header::AUTHORIZATION, format!("Bearer {token}"));
    if body.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/json");
    }
    app.clone().oneshot(req.body(body.map_or_else(Body::empty, Body::from)).unwrap()).await.unwrap();
}

#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_request_log_holds_routes_not_addresses_tokens_or_spaces() {
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("w.sqlite")).unwrap();
    let app = app(AppState { store: Arc::new(store) }, dir.path().to_path_buf())
        .layer(MockConnectInfo(SocketAddr::from(([203, 0, 113, 7], 50_000))));
    let keys = Keys::from_secret(&new_secret()).unwrap();
    let uri = format!("/api/v1/spaces/{}/entries", keys.space_id);
    call(&app, Method::POST, &uri, &keys.token, Some(json!({ "entries": [] }).to_string())).await;
    call(&app, Method::GET, &uri, "wrong", None).await;
    call(&app, Method::GET, &uri, &keys.token, None).await;
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("/api/v1/spaces/{space}/entries"), "the route is logged: {text}");
    assert!(text.contains("status=200"), "{text}");
    for secret in [keys.space_id.as_str(), &keys.token, "203.0.113.7"] {
        assert!(!text.contains(secret), "the log holds {secret}: {text}");
    }
}
