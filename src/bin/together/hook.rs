//! The answers to `src/sync.js`, whose header lists the questions: which replicas sync, what
//! each one's outbox holds, and what a round brought back, taken in by the model's rules
//! (`wegwijs_model::sync`) and saved before anything else happens.

use js_sys::{Array, Object};
use wasm_bindgen::JsValue;
use wegwijs::read::{self, cell_object, get, number, set, string};
use wegwijs::sync::people;
use wegwijs::sync::stored::Replica;
use wegwijs_model::sync::wire::Change;

use crate::{read as stored, redraw, update, Status, ROUNDS};

/// Answers `what` about the replica under `key`.
pub fn answer(what: String, key: String, arg: JsValue) -> JsValue {
    match what.as_str() {
        "shared" => {
            let list = Array::new();
            for key in people::all_keys() {
                let Some(r) = stored(&key).filter(Replica::is_syncing) else { continue };
                let Some(link) = &r.link else { continue };
                let o = Object::new();
                set(&o, "key", &JsValue::from_str(&key));
                set(&o, "secret", &JsValue::from_str(&link.secret));
                set(&o, "known", &JsValue::from_bool(link.known));
                set(&o, "seq", &JsValue::from_f64(r.seq() as f64));
                list.push(&o);
            }
            return list.into();
        }
        "outbox" => {
            let list = Array::new();
            for change in stored(&key).map(|r| r.outbox()).unwrap_or_default() {
                let o = cell_object(&change.cell);
                set(&o, "key", &JsValue::from_str(&change.key));
                list.push(&o);
            }
            return list.into();
        }
        // A replica that cannot be saved keeps what it had; the next round asks again.
        "pulled" => {
            let changes = changes(&arg);
            let next = number(&arg, "next", 9e15).unwrap_or(0.0) as u64;
            let _ = update(&key, |r| {
                r.shared.pulled(&changes, next);
                observe(r, &arg);
            });
        }
        "pushed" => {
            let changes = changes(&arg);
            let _ = update(&key, |r| {
                r.shared.pushed(&changes);
                observe(r, &arg);
            });
        }
        "ended" => {
            let _ = update(&key, |r| r.link.iter_mut().for_each(|l| l.ended = true));
        }
        "status" => {
            let status = match arg.as_string().as_deref() {
                Some("synced") => Status::Synced,
                Some("offline") => Status::Offline,
                _ => Status::Failed,
            };
            ROUNDS.with(|r| r.borrow_mut().insert(key, status));
        }
        _ => {}
    }
    redraw();
    JsValue::UNDEFINED
}

/// The changes `src/sync.js` opened or had acknowledged, as `[{key, value, at}]`; one that does
/// not read is left out (it came from this app, so that would be a bug, not the network).
fn changes(arg: &JsValue) -> Vec<Change> {
    let mut out = Vec::new();
    for item in read::array(arg, "changes").map(|a| a.iter().collect::<Vec<_>>()).unwrap_or_default() {
        if let (Ok(key), Ok(cell)) = (string(&item, "key"), read::cell(&item)) {
            out.push(Change { key, cell });
        }
    }
    out
}

/// Learns the server's clock from `clock`: [server ms, sent, received].
fn observe(r: &mut Replica, arg: &JsValue) {
    let clock = get(arg, "clock");
    let at = |i| number(&clock, i, 9e15).map(|n| n as u64);
    if let (Ok(server), Ok(sent), Ok(received)) = (at("0"), at("1"), at("2")) {
        r.shared.observe_clock(server, sent, received);
    }
    r.link.iter_mut().for_each(|l| l.known = true);
}
