//! Walking together, the second wasm module: the share, join and people screens, the sync bar,
//! and the answers `src/sync.js` asks for (what to send, what came back). `src/share.js` loads
//! it only once a replica on this phone is shared or one of its screens is opened, so a first
//! visit never downloads it: in the app's own wasm it cost every first visit about 14 KB
//! brotli. The Makefile builds it beside the app into `dist/together/`; the service worker
//! keeps it for offline starts.
//!
//! It shares no memory with the app. Both edit the replicas stored on the phone (the app's
//! `storage`, one `setItem` per change, read again before every edit), and this module tells
//! the app, through the one function the app gave it, what it changed:
//!
//! | tell                | the app                                                 |
//! |---------------------|---------------------------------------------------------|
//! | `stored`, key       | puts what is stored under key on screen, if it is there |
//! | `open`, key         | puts that replica on screen, and opens the home screen  |
//! | `open`, ""          | opens the home screen                                   |
//!
//! The app calls [`now`] after every change it makes (and when its screen is drawn again), and
//! [`show`] when one of this module's screens opens.

mod hook;
mod screens;

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wegwijs::content::{self, Content};
use wegwijs::storage::{self, StorageNotice};
use wegwijs::sync::people;
use wegwijs::sync::stored::Replica;
use wegwijs_model::Language;

#[wasm_bindgen(module = "/src/together.js")]
extern "C" {
    /// Starts `src/sync.js` with the hook it asks through.
    #[wasm_bindgen(js_name = syncStart)]
    fn sync_start(hook: &Function);
    /// A sync round now, or right after the one running.
    #[wasm_bindgen(js_name = syncNow)]
    fn sync_now();
    /// Deletes the space of `secret` from the server: a promise of whether it is gone.
    #[wasm_bindgen(js_name = syncRemove)]
    fn sync_remove(secret: &str) -> js_sys::Promise;
    /// Draws `text` as a QR code into the element `id`.
    #[wasm_bindgen(js_name = drawQr)]
    fn draw_qr(id: &str, text: &str);
}

/// What the last sync round of a replica found.
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

thread_local! {
    static TELL: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// The last round's outcome per storage key.
    static ROUNDS: RefCell<HashMap<String, Status>> = RefCell::new(HashMap::new());
    /// The words of the language on screen, once read.
    static CONTENT: RefCell<Option<Content>> = const { RefCell::new(None) };
}

fn main() {}

/// Called once by `src/share.js` with the app's `tell(what, key)`.
#[wasm_bindgen]
pub fn start(tell: Function) {
    TELL.set(Some(tell));
    let hook = Closure::<dyn FnMut(String, String, JsValue) -> JsValue>::new(hook::answer);
    sync_start(hook.as_ref().unchecked_ref());
    // The module lives as long as the page; so does the hook.
    hook.forget();
}

/// Something changed on this phone: draw the bar (and the screen) again, and sync if shared.
#[wasm_bindgen]
pub fn now() {
    redraw();
    if people::all_keys().iter().any(|key| read(key).is_some_and(|r| r.is_syncing())) {
        sync_now();
    }
}

/// Opens one of this module's screens (`share`, `join` with the secret taken from the link or
/// "" when it was damaged, `people`) in the app's `#together-screen`.
#[wasm_bindgen]
pub fn show(screen: String, arg: String) {
    screens::open(&screen, arg);
    redraw();
}

/// Tells the app what changed (see the table above).
fn tell(what: &str, key: &str) {
    TELL.with(|t| {
        if let Some(tell) = t.borrow().as_ref() {
            let _ = tell.call2(&JsValue::NULL, &JsValue::from_str(what), &JsValue::from_str(key));
        }
    });
}

/// The replica stored under `key`; `None` when it cannot be read (the app shows why).
fn read(key: &str) -> Option<Replica> {
    let storage = storage::local()?;
    let (replica, notice) = storage::read_replica(&storage, key, wegwijs::dom::now_millis(), storage::random_node);
    notice.is_none().then_some(replica)
}

/// Changes the replica under `key`, starting from what is stored now (the person may have
/// changed it while the network was busy), saves it and tells the app.
fn update(key: &str, edit: impl FnOnce(&mut Replica)) -> Result<(), StorageNotice> {
    let storage = storage::local().ok_or(StorageNotice::Unavailable)?;
    let (mut replica, notice) = storage::read_replica(&storage, key, wegwijs::dom::now_millis(), storage::random_node);
    if let Some(notice) = notice {
        return Err(notice);
    }
    edit(&mut replica);
    storage::write_replica(&storage, key, &replica)?;
    tell("stored", key);
    Ok(())
}

/// What the bar says of the replica under `key`.
fn status(key: &str, replica: &Replica) -> Status {
    match &replica.link {
        None => Status::Local,
        Some(link) if link.ended => Status::Ended,
        Some(_) => ROUNDS.with(|r| r.borrow().get(key).copied()).unwrap_or(Status::Synced),
    }
}

/// Draws the bar and the open screen in the language on screen (`<html lang>`, which the app
/// sets), reading its words first when this module has not yet.
fn redraw() {
    let code = wegwijs::dom::document().document_element().map(|e| e.get_attribute("lang").unwrap_or_default());
    let Some(lang) = code.as_deref().and_then(Language::by_code) else { return };
    let cached = CONTENT.with(|c| c.borrow().as_ref().filter(|c| std::ptr::eq(c.lang, lang)).cloned());
    match cached {
        Some(content) => screens::draw(&content),
        None => wasm_bindgen_futures::spawn_local(async move {
            // Not readable (offline before it was kept): the app's own screen says so already.
            if let Ok(content) = content::load(lang).await {
                CONTENT.set(Some(content.clone()));
                screens::draw(&content);
            }
        }),
    }
}
