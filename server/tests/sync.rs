//! The sync API through the router: a plan sealed on one phone reaches another, the database
//! holds none of it in the clear, every limit and malformed request gets its 4xx JSON error,
//! and every response carries the security headers. (The request log is checked in log.rs,
//! alone in its process, since a test's log subscriber is only seen reliably there.)

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;
use wegwijs_model::sync::seal::{new_secret, Keys};
use wegwijs_model::sync::wire::Change;
use wegwijs_model::sync::{Entry, Shared, MAX_AHEAD_MS, MAX_ENTRIES};
use wegwijs_model::{Progress, Stamp};
use wegwijs_server::{app_with, AppState, Rates, SqliteStore, DEFAULT_RATES};

const INLINE: &str = "document.documentElement.dir='rtl'";

struct Server {
    app: Router,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

fn server(rates: Rates) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), format!("<!doctype html><script>{INLINE}</script><title>Wegwijs</title>"))
        .unwrap();
    let db = dir.path().join("wegwijs.sqlite");
    let store = SqliteStore::open(&db).unwrap();
    let app = app_with(AppState { store: Arc::new(store) }, dist, rates)
        .layer(MockConnectInfo(SocketAddr::from(([203, 0, 113, 7], 50_000))));
    Server { app, db, _dir: dir }
}

fn no_limits() -> Rates {
    Rates { per_address: 0, per_space: 0, behind_proxy: false }
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    json: Value,
}

async fn call(app: &Router, method: Method, uri: &str, token: Option<&str>, body: Option<String>) -> Answer {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if body.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/json");
    }
    let response = app.clone().oneshot(req.body(body.map_or_else(Body::empty, Body::from)).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer { status, headers, json }
}

fn entries_uri(keys: &Keys) -> String {
    format!("/api/v1/spaces/{}/entries", keys.space_id)
}

async fn push(app: &Router, keys: &Keys, entries: &[Entry]) -> Answer {
    call(app, Method::POST, &entries_uri(keys), Some(&keys.token), Some(json!({ "entries": entries }).to_string()))
        .await
}

fn assert_error(a: &Answer, status: StatusCode, code: &str) {
    assert_eq!(a.status, status, "{}", a.json);
    assert_eq!(a.json["error"], code, "{}", a.json);
    assert!(a.json["message"].as_str().is_some_and(|m| m.len() > 10), "a message that says what is wrong: {}", a.json);
}

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64
}

#[tokio::test]
async fn a_plan_with_notes_reaches_the_other_phone_and_the_database_cannot_read_it() {
    let s = server(no_limits());
    let secret = new_secret();
    let keys = Keys::from_secret(&secret).unwrap();
    let t = now_ms();
    let mut person = Shared::new(Progress::new(11));
    person.set_done("register-brp", true, t);
    person.set_done("nareis-apply", true, t);
    person.set("note:nareis-apply", "afspraak IND Zevenaar 12 maart 10:00", t);
    person.set("answer:housing", "azc", t);
    person.set("answer:birth_year", "1991", t);

    let sent = person.outbox();
    let sealed: Vec<Entry> = sent.iter().map(|c| keys.seal(c)).collect();
    let pushed = push(&s.app, &keys, &sealed).await;
    assert_eq!(pushed.status, StatusCode::OK, "{}", pushed.json);
    assert_eq!(pushed.json["seq"], 5);
    assert!(pushed.json["now_ms"].as_u64().unwrap() >= t);
    person.pushed(&sent);
    assert_eq!(person.waiting(), 0);

    // The volunteer's phone derives the same space from the link's secret.
    let theirs = Keys::from_secret(&secret).unwrap();
    let pulled =
        call(&s.app, Method::GET, &format!("{}?after=0", entries_uri(&theirs)), Some(&theirs.token), None).await;
    assert_eq!(pulled.status, StatusCode::OK, "{}", pulled.json);
    let entries: Vec<Entry> = serde_json::from_value(pulled.json["entries"].clone()).unwrap();
    let opened: Vec<Change> = entries.iter().map(|e| theirs.open(e).unwrap()).collect();
    let mut volunteer = Shared::new(Progress::new(22));
    volunteer.pulled(&opened, pulled.json["next"].as_u64().unwrap());
    assert!(volunteer.progress().is_done("nareis-apply"));
    assert_eq!(volunteer.progress().get("note:nareis-apply"), Some("afspraak IND Zevenaar 12 maart 10:00"));
    assert_eq!(volunteer.progress().get("answer:housing"), Some("azc"));

    // A retried push changes nothing.
    let again = push(&s.app, &keys, &sealed).await;
    assert_eq!(again.json["seq"], 5, "a replayed push adds nothing");

    let mut stored = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{suffix}", s.db.display()));
        stored.extend(std::fs::read(&path).unwrap_or_default());
    }
    let stored = String::from_utf8_lossy(&stored);
    assert!(stored.contains(&keys.space_id), "the check reads the right files");
    for secret_text in [
        "register-brp",
        "nareis-apply",
        "note:",
        "done:",
        "answer:",
        "Zevenaar",
        "12 maart",
        "azc",
        "1991",
        &secret,
        &keys.token,
    ] {
        assert!(!stored.contains(secret_text), "the database holds {secret_text:?} in the clear");
    }
}

#[tokio::test]
async fn every_bad_request_gets_its_json_error() {
    let s = server(no_limits());
    let keys = Keys::from_secret(&new_secret()).unwrap();
    let uri = entries_uri(&keys);
    let t = now_ms();
    let good = keys.seal(&Change {
        key: "done:gp".into(),
        cell: wegwijs_model::progress::Cell { value: "1".into(), at: Stamp { ms: t, c: 0, node: 1 } },
    });

    let a = call(&s.app, Method::POST, &uri, Some(&keys.token), Some("{\"entries\": [".into())).await;
    assert_error(&a, StatusCode::BAD_REQUEST, "bad_json");
    let a = call(&s.app, Method::POST, &uri, Some(&keys.token), Some("{\"entry\": []}".into())).await;
    assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "bad_fields");
    let req = Request::post(&uri)
        .header(header::AUTHORIZATION, format!("Bearer {}", keys.token))
        .body(Body::from("{}"))
        .unwrap();
    let r = s.app.clone().oneshot(req).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let a = call(&s.app, Method::POST, &uri, None, Some(json!({ "entries": [] }).to_string())).await;
    assert_error(&a, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(a.headers[header::WWW_AUTHENTICATE], "Bearer");
    let a = call(&s.app, Method::POST, &uri, Some("not-a-token"), Some(json!({ "entries": [] }).to_string())).await;
    assert_error(&a, StatusCode::UNAUTHORIZED, "unauthorized");

    let a = call(&s.app, Method::GET, &uri, Some(&keys.token), None).await;
    assert_error(&a, StatusCode::NOT_FOUND, "no_space");
    assert_eq!(push(&s.app, &keys, std::slice::from_ref(&good)).await.status, StatusCode::OK);
    let other = Keys::from_secret(&new_secret()).unwrap();
    let a = call(&s.app, Method::GET, &uri, Some(&other.token), None).await;
    assert_error(&a, StatusCode::UNAUTHORIZED, "unauthorized");
    let a = call(&s.app, Method::GET, "/api/v1/spaces/short/entries", Some(&keys.token), None).await;
    assert_error(&a, StatusCode::BAD_REQUEST, "bad_space");
    let a = call(&s.app, Method::GET, &format!("{uri}?after=-1"), Some(&keys.token), None).await;
    assert_error(&a, StatusCode::BAD_REQUEST, "bad_query");

    let bad_data = Entry { data: "not base64!".into(), ..good.clone() };
    assert_error(&push(&s.app, &keys, &[bad_data]).await, StatusCode::BAD_REQUEST, "bad_data");
    let bad_id = Entry { id: "a/b".into(), ..good.clone() };
    assert_error(&push(&s.app, &keys, &[bad_id]).await, StatusCode::BAD_REQUEST, "bad_id");
    let big = Entry { data: "A".repeat(4_100), ..good.clone() };
    assert_error(&push(&s.app, &keys, &[big]).await, StatusCode::PAYLOAD_TOO_LARGE, "entry_too_large");
    let ahead = Entry { at: Stamp { ms: t + MAX_AHEAD_MS + 60_000, ..good.at }, ..good.clone() };
    let a = push(&s.app, &keys, &[ahead]).await;
    assert_error(&a, StatusCode::BAD_REQUEST, "clock_ahead");
    assert!(a.json["now_ms"].as_u64().unwrap() >= t, "the server's clock, to correct by");

    let huge: Vec<Entry> =
        (0..30).map(|i| Entry { id: format!("x{i}"), data: "A".repeat(3_000), ..good.clone() }).collect();
    assert_error(&push(&s.app, &keys, &huge).await, StatusCode::PAYLOAD_TOO_LARGE, "too_large");

    let full: Vec<Entry> =
        (0..MAX_ENTRIES).map(|i| Entry { id: format!("f{i}"), data: "AA".into(), ..good.clone() }).collect();
    for chunk in full.chunks(500) {
        assert_eq!(push(&s.app, &other, chunk).await.status, StatusCode::OK);
    }
    let extra = Entry { id: "one-more".into(), ..good.clone() };
    assert_error(&push(&s.app, &other, &[extra]).await, StatusCode::CONFLICT, "too_many_entries");

    let del = call(&s.app, Method::DELETE, &format!("/api/v1/spaces/{}", keys.space_id), Some(&keys.token), None).await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_error(&call(&s.app, Method::GET, &uri, Some(&keys.token), None).await, StatusCode::GONE, "space_deleted");
    // A phone that opens the old link only now, or had never reached the space, is told it
    // ended: its push does not create an empty space under the same id.
    let late = push(&s.app, &keys, std::slice::from_ref(&good)).await;
    assert_error(&late, StatusCode::GONE, "space_deleted");
    assert!(late.json["message"].as_str().unwrap().contains("deleted"));
    let never = Keys::from_secret(&new_secret()).unwrap();
    let unknown = format!("/api/v1/spaces/{}/entries?after=0", never.space_id);
    assert_error(
        &call(&s.app, Method::GET, &unknown, Some(&never.token), None).await,
        StatusCode::NOT_FOUND,
        "no_space",
    );
}

#[tokio::test]
async fn too_many_requests_per_space_and_per_address_are_429() {
    let s = server(Rates { per_address: 0, per_space: 6, behind_proxy: false });
    let keys = Keys::from_secret(&new_secret()).unwrap();
    let mut statuses = Vec::new();
    for _ in 0..11 {
        statuses.push(push(&s.app, &keys, &[]).await.status);
    }
    assert!(statuses[..10].iter().all(|s| *s == StatusCode::OK), "{statuses:?}");
    let a = push(&s.app, &keys, &[]).await;
    assert_error(&a, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    assert!(a.headers[header::RETRY_AFTER].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    let other = Keys::from_secret(&new_secret()).unwrap();
    assert_eq!(push(&s.app, &other, &[]).await.status, StatusCode::OK, "another space has its own bucket");

    let s = server(Rates { per_address: 6, per_space: 0, behind_proxy: false });
    let mut last = StatusCode::OK;
    for _ in 0..12 {
        last = call(&s.app, Method::GET, "/api/v1/health", None, None).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "one address sent too many");
}

#[tokio::test]
async fn security_headers_on_pages_and_api() {
    let s = server(DEFAULT_RATES);
    for uri in ["/", "/ar/first-weeks/", "/api/v1/health", "/api/v1/nope"] {
        let r = s.app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        let h = r.headers();
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        use base64::Engine;
        use sha2::Digest;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(INLINE.as_bytes()));
        assert!(csp.contains(&format!("'sha256-{hash}'")), "{uri}: the inline script's hash in {csp}");
        for part in [
            "'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "default-src 'self'",
        ] {
            assert!(csp.contains(part), "{uri}: {part} in {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        let style = base64::engine::general_purpose::STANDARD
            .encode(sha2::Sha256::digest(wegwijs_model::intake::follow_up_css().as_bytes()));
        assert!(
            csp.contains(&format!("style-src 'self' 'sha256-{style}'")),
            "{uri}: the questions page's style in {csp}"
        );
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{uri}");
    }
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let s = server(DEFAULT_RATES);
    let a = call(&s.app, Method::GET, "/api/v1/openapi.json", None, None).await;
    assert_eq!(a.status, StatusCode::OK);
    let paths: Vec<&str> = a.json["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(paths, ["/health", "/openapi.json", "/spaces/{space}", "/spaces/{space}/entries"]);
    assert!(a.json["paths"]["/spaces/{space}/entries"]["post"].is_object());
    assert!(a.json["paths"]["/spaces/{space}/entries"]["get"].is_object());
    assert!(a.json["paths"]["/spaces/{space}"]["delete"].is_object());
}
