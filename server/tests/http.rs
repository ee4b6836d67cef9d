//! The server through its router, without a socket: API answers, static files with their cache
//! headers and precompression, and the client-route fallback.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;
use wegwijs_model::sync::space::Page;
use wegwijs_model::sync::Entry;
use wegwijs_server::store::{Counts, Record, SpaceId, StoreError, TokenHash};
use wegwijs_server::{app, AppState, SqliteStore, Store, VERSION};

const JS: &str = "wegwijs-0123456789abcdef.js";

fn built_app(dir: &Path) -> Router {
    let dist = dir.join("dist");
    std::fs::create_dir_all(dist.join("content/lang")).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>Wegwijs</title>").unwrap();
    std::fs::write(dist.join(JS), "console.log('plain')").unwrap();
    std::fs::write(dist.join(format!("{JS}.br")), "pretend-brotli").unwrap();
    std::fs::write(dist.join(format!("{JS}.gz")), "pretend-gzip").unwrap();
    std::fs::write(dist.join("content/lang/en.json"), "{}").unwrap();
    let store = SqliteStore::open(&dir.join("db/wegwijs.sqlite")).unwrap();
    app(AppState { store: Arc::new(store) }, dist)
}

async fn send(
    app: &Router,
    method: Method,
    uri: &str,
    encoding: Option<&str>,
) -> (StatusCode, header::HeaderMap, String) {
    let headers: Vec<(header::HeaderName, &str)> = encoding.map(|e| (header::ACCEPT_ENCODING, e)).into_iter().collect();
    send_with(app, method, uri, &headers).await
}

async fn send_with(
    app: &Router,
    method: Method,
    uri: &str,
    headers: &[(header::HeaderName, &str)],
) -> (StatusCode, header::HeaderMap, String) {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let response = app.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn get(headers: &header::HeaderMap, name: header::HeaderName) -> &str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[tokio::test]
async fn health_reports_version_and_database() {
    let dir = tempfile::tempdir().unwrap();
    let app = built_app(dir.path());
    let (status, headers, body) = send(&app, Method::GET, "/api/v1/health", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(get(&headers, header::CONTENT_TYPE), "application/json");
    assert_eq!(get(&headers, header::CACHE_CONTROL), "no-store");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["version"], VERSION);
    assert_eq!(json["backend"], "sqlite");
    assert_eq!(json["database"], "ok");
    assert!(dir.path().join("db/wegwijs.sqlite").is_file(), "the database file and its folder were created");
}

struct BrokenStore;

fn broken() -> StoreError {
    StoreError::Internal("disk I/O error at /secret/path".into())
}

impl Store for BrokenStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }
    fn ping(&self) -> Result<(), StoreError> {
        Err(broken())
    }
    fn push(&self, _: &SpaceId, _: &TokenHash, _: &[Entry], _: u64) -> Result<u64, StoreError> {
        Err(broken())
    }
    fn pull(&self, _: &SpaceId, _: &TokenHash, _: u64, _: usize) -> Result<Page, StoreError> {
        Err(broken())
    }
    fn delete(&self, _: &SpaceId, _: &TokenHash) -> Result<(), StoreError> {
        Err(broken())
    }
    fn export(&self, _: &mut dyn FnMut(Record) -> Result<(), StoreError>) -> Result<(), StoreError> {
        Err(broken())
    }
    fn import(&self, _: &Record) -> Result<(), StoreError> {
        Err(broken())
    }
    fn counts(&self) -> Result<Counts, StoreError> {
        Err(broken())
    }
}

#[tokio::test]
async fn health_fails_cleanly_without_leaking_internals() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(AppState { store: Arc::new(BrokenStore) }, dir.path().to_path_buf());
    let (status, _, body) = send(&app, Method::GET, "/api/v1/health", None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["error"], "unavailable");
    assert!(!body.contains("secret"), "internals stay in the log: {body}");
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let dir = tempfile::tempdir().unwrap();
    let app = built_app(dir.path());
    for (method, uri) in [
        (Method::GET, "/api/v1/nope"),
        (Method::POST, "/api/v1/health/x"),
        (Method::GET, "/api"),
        (Method::GET, "/api/v2/x"),
    ] {
        let (status, headers, body) = send(&app, method, uri, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(get(&headers, header::CONTENT_TYPE), "application/json", "{uri}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"], "not_found", "{uri}");
    }
}

#[tokio::test]
async fn client_routes_get_the_app_shell_uncached() {
    let dir = tempfile::tempdir().unwrap();
    let app = built_app(dir.path());
    for uri in ["/", "/en/", "/ar/first-weeks/", "/nl/first-weeks/digid", "/xx/anything/at/all"] {
        let (status, headers, body) = send(&app, Method::GET, uri, None).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains("<title>Wegwijs</title>"), "{uri}");
        assert_eq!(get(&headers, header::CACHE_CONTROL), "no-cache", "{uri}");
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_precompressed() {
    let dir = tempfile::tempdir().unwrap();
    let app = built_app(dir.path());
    let uri = format!("/{JS}");
    let (status, headers, body) = send(&app, Method::GET, &uri, Some("gzip, deflate, br")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(get(&headers, header::CONTENT_ENCODING), "br");
    assert_eq!(body, "pretend-brotli");
    assert_eq!(get(&headers, header::CACHE_CONTROL), "public, max-age=31536000, immutable");
    assert_eq!(get(&headers, header::VARY), "accept-encoding");
    assert!(get(&headers, header::CONTENT_TYPE).contains("javascript"));

    let (_, headers, body) = send(&app, Method::GET, &uri, Some("gzip")).await;
    assert_eq!(get(&headers, header::CONTENT_ENCODING), "gzip");
    assert_eq!(body, "pretend-gzip");

    let (_, headers, body) = send(&app, Method::GET, &uri, None).await;
    assert_eq!(get(&headers, header::CONTENT_ENCODING), "");
    assert_eq!(body, "console.log('plain')");
}

#[tokio::test]
async fn unchanged_files_answer_304() {
    let dir = tempfile::tempdir().unwrap();
    let app = built_app(dir.path());
    let (_, headers, _) = send(&app, Method::GET, "/content/lang/en.json", None).await;
    let last_modified = get(&headers, header::LAST_MODIFIED).to_owned();
    assert!(!last_modified.is_empty());
    let (status, _, body) =
        send_with(&app, Method::GET, "/content/lang/en.json", &[(header::IF_MODIFIED_SINCE, &last_modified)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
}

#[tokio::test]
async fn content_files_revalidate_and_missing_files_are_404() {
    let dir = tempfile::tempdir().unwrap();
    let app = built_app(dir.path());
    let (status, headers, _) = send(&app, Method::GET, "/content/lang/en.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(get(&headers, header::CACHE_CONTROL), "no-cache");
    for uri in ["/content/lang/xx.json", "/wegwijs-ffffffffffffffff_bg.wasm", "/favicon.ico"] {
        let (status, _, body) = send(&app, Method::GET, uri, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!body.contains("<title>"), "{uri} must not get the app shell");
    }
}

#[tokio::test]
async fn files_outside_the_app_cannot_be_reached() {
    let dir = tempfile::tempdir().unwrap();
    let app = built_app(dir.path());
    std::fs::write(dir.path().join("secret.txt"), "do not serve").unwrap();
    for uri in ["/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/content/../../secret.txt"] {
        let (_, _, body) = send(&app, Method::GET, uri, None).await;
        assert!(!body.contains("do not serve"), "{uri} leaked a file outside dist");
    }
}

#[tokio::test]
async fn the_service_worker_is_always_revalidated_and_never_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let app = built_app(dir.path());
    // Missing, it is a 404: a shell served as the worker would register HTML as a script.
    let (status, _, body) = send(&app, Method::GET, "/sw.js", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("<title>"));

    std::fs::write(dir.path().join("dist/sw.js"), "const BUILD = 'abc';").unwrap();
    let (status, headers, body) = send(&app, Method::GET, "/sw.js", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "const BUILD = 'abc';");
    assert_eq!(get(&headers, header::CACHE_CONTROL), "no-cache", "a new build must reach the browser at once");
    assert!(get(&headers, header::CONTENT_TYPE).contains("javascript"));
}
