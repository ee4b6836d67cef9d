//! The sync API's three calls (`/api/v1/spaces/{space}/entries` push and pull, and delete of the
//! space), with the token from the secret. JSON is built and read through the browser's `JSON`,
//! as `read.rs` does. Nothing here sees a key or a note: entries arrive sealed.

use gloo_net::http::{Request, Response};
use js_sys::{Array, Object};
use wasm_bindgen::JsValue;
use wegwijs_model::sync::Entry;

use crate::crypto::Keys;
use crate::read::{self, array, boolean, number, set, stamp, stamp_object, string};

/// Why a call did not get its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetError {
    /// No answer at all: no network, or the server is down.
    Unreachable,
    /// The space is not on the server: never pushed yet, or deleted.
    NoSpace,
    /// The server answered with an error (its status and message), or with something unreadable.
    Refused(u16, String),
    /// This browser could not derive the keys or seal (no Web Crypto here).
    Crypto,
}

/// A page of pulled entries.
pub struct Pulled {
    pub entries: Vec<Entry>,
    pub next: u64,
    pub more: bool,
    pub now_ms: u64,
}

fn url(keys: &Keys, tail: &str) -> String {
    format!("/api/v1/spaces/{}{tail}", keys.space_id)
}

fn bearer(keys: &Keys) -> String {
    format!("Bearer {}", keys.token)
}

/// The answer's JSON when it is a 2xx, else the error it stands for.
async fn answer(sent: Result<Response, gloo_net::Error>) -> Result<JsValue, NetError> {
    let response = sent.map_err(|_| NetError::Unreachable)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| NetError::Unreachable)?;
    let body = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    match status {
        200..=299 => Ok(body),
        404 => Err(NetError::NoSpace),
        _ => Err(NetError::Refused(status, string(&body, "message").unwrap_or(text))),
    }
}

fn unreadable(field: &str) -> NetError {
    NetError::Refused(200, format!("the server's answer has no valid \"{field}\""))
}

fn entry(value: &JsValue) -> Result<Entry, read::Error> {
    Ok(Entry { id: string(value, "id")?, at: stamp(value, "at")?, data: string(value, "data")? })
}

/// The changes after sequence number `after`.
pub async fn pull(keys: &Keys, after: u64) -> Result<Pulled, NetError> {
    let sent = Request::get(&url(keys, &format!("/entries?after={after}"))).header("Authorization", &bearer(keys)).send().await;
    let body = answer(sent).await?;
    let mut entries = Vec::new();
    for item in array(&body, "entries").map_err(unreadable)?.iter() {
        entries.push(entry(&item).map_err(unreadable)?);
    }
    Ok(Pulled {
        entries,
        next: number(&body, "next", 9e15).map_err(unreadable)? as u64,
        more: boolean(&body, "more").map_err(unreadable)?,
        now_ms: number(&body, "now_ms", 9e15).map_err(unreadable)? as u64,
    })
}

/// Pushes sealed entries; the answer is the server's clock.
pub async fn push(keys: &Keys, entries: &[Entry]) -> Result<u64, NetError> {
    let list = Array::new();
    for e in entries {
        let o = Object::new();
        set(&o, "id", &JsValue::from_str(&e.id));
        set(&o, "at", &stamp_object(&e.at));
        set(&o, "data", &JsValue::from_str(&e.data));
        list.push(&o);
    }
    let body = Object::new();
    set(&body, "entries", &list);
    let request = Request::post(&url(keys, "/entries"))
        .header("Authorization", &bearer(keys))
        .header("Content-Type", "application/json")
        .body(read::stringify(&body))
        .map_err(|_| NetError::Unreachable)?;
    let answer = answer(request.send().await).await?;
    Ok(number(&answer, "now_ms", 9e15).map_err(unreadable)? as u64)
}

/// Deletes the whole space from the server. A space already gone counts as deleted.
pub async fn delete(keys: &Keys) -> Result<(), NetError> {
    let sent = Request::delete(&url(keys, "")).header("Authorization", &bearer(keys)).send().await;
    match answer(sent).await {
        Ok(_) | Err(NetError::NoSpace) => Ok(()),
        Err(e) => Err(e),
    }
}
