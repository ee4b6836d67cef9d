//! Walking together: the replicas on this phone that are shared (the phone's own, or each
//! person a volunteer follows) are sent to and fetched from their spaces on the server, sealed,
//! by the model's rules (`wegwijs_model::sync`). Everything keeps working without the server: a
//! change waits in the replica's outbox, stored with it, until a push of it is acknowledged.
//!
//! The talking is done by `src/sync.js` (Web Crypto, the API's calls, when to sync), imported
//! only once something here is shared: as Rust it cost every first visit 8.3 KB brotli of
//! wasm (async rounds and their calls) that a phone that never shares does not need. It asks
//! this module, through one hook, for what to send and hands it what came back; the rules
//! stay here and in the model.

pub mod people;
pub mod stored;

use js_sys::{Array, Object};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wegwijs_model::sync::keys::{to_base64url, SECRET_BYTES};
use wegwijs_model::sync::wire::Change;

use self::stored::Replica;
use crate::read::{self, cell_object, get, number, set, string};
use crate::storage::{self, ProgressState};

#[wasm_bindgen(module = "/src/share.js")]
extern "C" {
    /// Gives `src/sync.js` the hook it asks through, once it is loaded.
    #[wasm_bindgen(js_name = syncInit)]
    fn sync_init(hook: &js_sys::Function);
    /// A round now (or right after the one running); loads `src/sync.js` the first time
    /// something is shared.
    #[wasm_bindgen(js_name = syncNow)]
    fn sync_now();
    /// Deletes the space of `secret` from the server: a promise of whether it is gone.
    #[wasm_bindgen(js_name = syncRemove)]
    pub fn sync_remove(secret: &str) -> js_sys::Promise;
}

/// What the person sees about the replica on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not shared: nothing to say.
    Local,
    /// Everything sent and fetched, as of the last round.
    Synced,
    /// The phone is offline; changes wait.
    Offline,
    /// The server did not answer, or refused; changes wait.
    Failed,
    /// The space was deleted; the copy on this phone stays.
    Ended,
}

/// The sync of this phone, in context.
#[derive(Clone, Copy)]
pub struct Sync {
    /// The status of the replica on screen.
    pub status: RwSignal<Status>,
    state: ProgressState,
}

/// A new random secret of [`SECRET_BYTES`] from the browser's cryptographic source, as the link
/// carries it; `None` where the browser has none.
pub fn new_secret() -> Option<String> {
    let mut bytes = [0u8; SECRET_BYTES];
    web_sys::window()?.crypto().ok()?.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(to_base64url(&bytes))
}

impl Sync {
    /// Starts syncing: now, and on every reason to.
    pub fn start(state: ProgressState) -> Sync {
        let sync = Sync { status: RwSignal::new(Status::Local), state };
        let hook = Closure::<dyn FnMut(String, String, JsValue) -> JsValue>::new(
            move |what: String, key: String, arg: JsValue| sync.hook(&what, &key, &arg),
        );
        sync_init(hook.as_ref().unchecked_ref());
        // The app lives as long as the page; so does the hook.
        hook.forget();
        // A change made here, or another replica put on screen.
        Effect::new(move |_| {
            state.changed.track();
            state.key.track();
            sync.now();
        });
        sync
    }

    /// Runs a round now, or right after the one running. A phone that shares nothing makes no
    /// call at all: this runs on every tick.
    pub fn now(self) {
        self.show_status();
        if self.state.progress.with_untracked(|r| r.link.is_some()) || !people::list().is_empty() {
            sync_now();
        }
    }

    /// Answers `src/sync.js` (its header lists the questions).
    fn hook(self, what: &str, key: &str, arg: &JsValue) -> JsValue {
        match what {
            "shared" => {
                let list = Array::new();
                for key in people::all_keys() {
                    let Some(r) = current(self.state, &key).filter(Replica::is_syncing) else { continue };
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
                for change in current(self.state, key).map(|r| r.outbox()).unwrap_or_default() {
                    let o = cell_object(&change.cell);
                    set(&o, "key", &JsValue::from_str(&change.key));
                    list.push(&o);
                }
                return list.into();
            }
            "pulled" => {
                let changes = changes(arg);
                let next = number(arg, "next", 9e15).unwrap_or(0.0) as u64;
                update(self.state, key, |r| {
                    r.shared.pulled(&changes, next);
                    observe(r, arg);
                });
            }
            "pushed" => {
                let changes = changes(arg);
                update(self.state, key, |r| {
                    r.shared.pushed(&changes);
                    observe(r, arg);
                });
            }
            "ended" => update(self.state, key, |r| r.link.iter_mut().for_each(|l| l.ended = true)),
            "status" if key == self.state.key.get_untracked() => self.status.set(match arg.as_string().as_deref() {
                Some("synced") => Status::Synced,
                Some("offline") => Status::Offline,
                _ => Status::Failed,
            }),
            _ => {}
        }
        self.show_status();
        JsValue::UNDEFINED
    }

    /// Local or ended replicas say so whatever the last round did.
    fn show_status(self) {
        let (shared, ended) =
            self.state.progress.with_untracked(|r| (r.link.is_some(), r.link.as_ref().is_some_and(|l| l.ended)));
        if !shared {
            self.status.set(Status::Local);
        } else if ended {
            self.status.set(Status::Ended);
        } else if matches!(self.status.get_untracked(), Status::Local | Status::Ended) {
            self.status.set(Status::Synced);
        }
    }
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

/// The replica under `key` as it is now (on screen, or in storage).
fn current(state: ProgressState, key: &str) -> Option<Replica> {
    if state.key.get_untracked() == key {
        state.take_in_stored();
        return Some(state.progress.get_untracked());
    }
    let storage = storage::local()?;
    let (replica, notice) = storage::read_replica(&storage, key, crate::dom::now_millis(), storage::random_node);
    notice.is_none().then_some(replica)
}

/// Changes the replica under `key` and saves it, starting from what it is now: the person may
/// have changed it while the network was busy.
fn update(state: ProgressState, key: &str, edit: impl FnOnce(&mut Replica)) {
    if state.key.get_untracked() == key {
        state.edit(edit);
        return;
    }
    let Some(storage) = storage::local() else { return };
    let (mut replica, notice) = storage::read_replica(&storage, key, crate::dom::now_millis(), storage::random_node);
    if notice.is_none() {
        edit(&mut replica);
        let _ = storage::write_replica(&storage, key, &replica);
    }
}
