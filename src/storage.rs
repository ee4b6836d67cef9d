//! Progress (ticks, notes and intake answers) kept on the device, in `localStorage`: the phone's
//! own replica, and on a volunteer's phone one per person followed (`people`). Nothing leaves
//! the device from here; `sync` sends what is shared, sealed. Stored data that cannot be read is
//! never thrown away: it is copied aside before a fresh list starts.

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wegwijs_model::progress::{ANSWER, NOTE};
use wegwijs_model::{Field, Intake, Progress, ProgressError};

use crate::dom;
use crate::sync::stored::{self, Replica};

/// Where the ticks are stored.
pub const PROGRESS_KEY: &str = "wegwijs.progress";
/// Where the last chosen language is stored, so `/` opens in it next time.
pub const LANGUAGE_KEY: &str = "wegwijs.language";
/// Prefix of the copies of unreadable progress, followed by the time they were set aside.
pub const UNREADABLE_PREFIX: &str = "wegwijs.progress.unreadable.";

/// Something the person should know about their saved ticks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageNotice {
    /// Saved ticks could not be read; they were kept under this key and a fresh list started.
    Unreadable { kept_as: String },
    /// The browser does not let the app save (private mode, storage blocked or full).
    Unavailable,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the phone's own progress from `storage`, setting unreadable data aside under a new key.
pub fn read_progress(
    storage: &web_sys::Storage,
    now_ms: u64,
    new_node: impl FnOnce() -> u32,
) -> (Progress, Option<StorageNotice>) {
    let (replica, notice) = read_replica(storage, PROGRESS_KEY, now_ms, new_node);
    (replica.shared.progress().clone(), notice)
}

/// Reads the replica stored under `key`, setting unreadable data aside under a new key.
pub fn read_replica(
    storage: &web_sys::Storage,
    key: &str,
    now_ms: u64,
    new_node: impl FnOnce() -> u32,
) -> (Replica, Option<StorageNotice>) {
    let fresh = |node| Replica::local(Progress::new(node));
    let stored = match storage.get_item(key) {
        Ok(stored) => stored,
        Err(_) => return (fresh(new_node()), Some(StorageNotice::Unavailable)),
    };
    let Some(text) = stored else {
        return (fresh(new_node()), None);
    };
    match parse_replica(&text) {
        Ok(replica) => (replica, None),
        Err(error) => {
            let kept_as = if key == PROGRESS_KEY {
                format!("{UNREADABLE_PREFIX}{now_ms}")
            } else {
                format!("{key}.unreadable.{now_ms}")
            };
            if storage.set_item(&kept_as, &text).is_err() {
                // Could not copy it aside: leave the original where it is and do not save over it.
                return (fresh(new_node()), Some(StorageNotice::Unavailable));
            }
            let _ = storage.remove_item(key);
            web_sys::console::warn_1(&format!("Wegwijs: {error}; kept it as {kept_as}").into());
            (fresh(new_node()), Some(StorageNotice::Unreadable { kept_as }))
        }
    }
}

/// Reads the stored form written by [`progress_to_json`]: the same format as the model's
/// `Progress::from_json`, parsed by the browser's `JSON.parse` and read by `read` because serde
/// would add kilobytes to the wasm that every first visit downloads.
pub fn parse_progress(text: &str) -> Result<Progress, ProgressError> {
    parse_replica(text).map(|r| r.shared.progress().clone())
}

/// Reads a stored replica: progress as [`parse_progress`] reads it, and its sync part if shared.
pub fn parse_replica(text: &str) -> Result<Replica, ProgressError> {
    let value = js_sys::JSON::parse(text).map_err(|_| ProgressError::Malformed("not JSON".into()))?;
    let version = js_sys::Reflect::get(&value, &JsValue::from_str("v")).ok().and_then(|v| v.as_f64());
    let invalid = |field| format!("\"{field}\" is missing or not valid");
    let progress = Progress::decode_versioned(version, |v| crate::read::progress(&value, v).map_err(invalid))?;
    stored::replica(&value, progress).map_err(|field| ProgressError::Malformed(invalid(field)))
}

/// The stored form of progress: the same JSON as the model's `Progress::to_json`.
pub fn progress_to_json(progress: &Progress) -> String {
    crate::read::progress_json(progress)
}

/// Writes the phone's own progress to `storage`, not shared.
pub fn write_progress(storage: &web_sys::Storage, progress: &Progress) -> Result<(), StorageNotice> {
    storage.set_item(PROGRESS_KEY, &progress_to_json(progress)).map_err(|_| StorageNotice::Unavailable)
}

/// Writes a replica under `key`: one `setItem` for progress and outbox together.
pub fn write_replica(storage: &web_sys::Storage, key: &str, replica: &Replica) -> Result<(), StorageNotice> {
    storage.set_item(key, &stored::replica_json(replica)).map_err(|_| StorageNotice::Unavailable)
}

/// The browser's local storage, if it lets the app have it.
pub fn local() -> Option<web_sys::Storage> {
    local_storage()
}

/// A random device id for clock stamps; it says nothing about the person.
pub fn random_node() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// The progress on screen, shared by every page through context: the phone's own, or on a
/// volunteer's phone the person chosen in `people`.
#[derive(Clone, Copy)]
pub struct ProgressState {
    /// The replica on screen; it reads as [`Progress`] (`state.progress.with(|p| p.is_done(…))`).
    pub progress: RwSignal<Replica>,
    pub notice: RwSignal<Option<StorageNotice>>,
    /// The storage key of the replica on screen.
    pub key: RwSignal<String>,
    /// Bumped after every change made on this phone, so `sync` sends it soon.
    pub changed: RwSignal<u32>,
    /// False when saving over the stored data would lose something, or storage is missing.
    writable: StoredValue<bool>,
}

impl ProgressState {
    /// Loads the replica last on screen (see `people::active_key`), or starts empty.
    pub fn load() -> ProgressState {
        let key = crate::sync::people::active_key();
        let state = ProgressState {
            progress: RwSignal::new(Replica::local(Progress::new(0))),
            notice: RwSignal::new(None),
            key: RwSignal::new(key.clone()),
            changed: RwSignal::new(0),
            writable: StoredValue::new(false),
        };
        state.open(&key);
        state
    }

    /// Puts the replica stored under `key` on screen.
    pub fn open(&self, key: &str) {
        let (replica, notice, writable) = match local_storage() {
            Some(storage) => {
                let (replica, notice) = read_replica(&storage, key, dom::now_millis(), random_node);
                let writable = notice != Some(StorageNotice::Unavailable);
                (replica, notice, writable)
            }
            None => (Replica::local(Progress::new(random_node())), Some(StorageNotice::Unavailable), false),
        };
        self.writable.set_value(writable);
        self.key.set(key.to_owned());
        self.progress.set(replica);
        self.notice.set(notice);
    }

    /// Whether a step is ticked (reactive).
    pub fn is_done(&self, step: &str) -> bool {
        self.progress.with(|p| p.is_done(step))
    }

    /// How many of `steps` are ticked (reactive).
    pub fn count_done(&self, steps: &[String]) -> usize {
        self.progress.with(|p| p.count_done(steps.iter().map(String::as_str)))
    }

    /// Ticks or unticks a step and saves at once, so closing the page right after loses nothing.
    pub fn set_done(&self, step: &str, done: bool) {
        self.change(|p, now| p.shared.set_done(step, done, now));
    }

    /// Writes a step's note (an empty one clears it) and saves at once.
    pub fn set_note(&self, step: &str, text: &str) {
        self.change(|p, now| p.shared.set(&format!("{NOTE}{step}"), text, now));
    }

    /// The stored answer to an intake question (reactive), "I don't know" included.
    pub fn answer(&self, field: Field) -> Option<String> {
        self.progress.with(|p| Intake::new(p).answer(field).map(str::to_owned))
    }

    /// Answers an intake question (an empty value clears it) and saves at once.
    pub fn set_answer(&self, field: Field, value: &str) {
        self.change(|p, now| p.shared.set(&field.key(), value, now));
    }

    /// Deletes every intake answer ("Delete my answers"); the ticks stay.
    pub fn delete_answers(&self) {
        self.change(|p, now| p.shared.clear(ANSWER, now));
    }

    /// Changes the progress (through its outbox) and saves it at once.
    fn change(&self, edit: impl FnOnce(&mut Replica, u64)) {
        self.edit(|r| edit(r, dom::now_millis()));
        self.changed.update(|n| *n = n.wrapping_add(1));
    }

    /// Changes the replica on screen and saves it: what the person does, and what `sync`
    /// learns from the server. Another tab may have saved changes since this one loaded: they
    /// are taken in first, so saving the whole replica cannot undo them.
    pub fn edit(&self, edit: impl FnOnce(&mut Replica)) {
        self.take_in_stored();
        self.progress.update(edit);
        if !self.writable.get_value() {
            return;
        }
        let key = self.key.get_untracked();
        let saved = local_storage()
            .ok_or(StorageNotice::Unavailable)
            .and_then(|s| self.progress.with_untracked(|p| write_replica(&s, &key, p)));
        match saved {
            Ok(()) => crate::pwa::persist(),
            Err(notice) => self.notice.set(Some(notice)),
        }
    }

    /// Puts on screen what is stored now for the replica on screen: the together module
    /// changed it (a sync round, or sharing started or stopped). Every change made here was
    /// saved before, so nothing on screen is lost; when saving is not possible, nothing is read.
    pub fn reload(&self) {
        let Some(storage) = local_storage().filter(|_| self.writable.get_value()) else { return };
        let (replica, notice) = read_replica(&storage, &self.key.get_untracked(), dom::now_millis(), random_node);
        if notice.is_none() {
            self.progress.set(replica);
        }
    }

    /// Merges the stored replica into this one (the later write of a key wins, both outboxes
    /// are kept). Unreadable stored data is left alone here; loading already set it aside.
    pub fn take_in_stored(&self) {
        let key = self.key.get_untracked();
        let stored = local_storage().and_then(|s| s.get_item(&key).ok().flatten());
        if let Some(Ok(theirs)) = stored.map(|text| parse_replica(&text)) {
            if self.progress.with_untracked(|ours| *ours != theirs) {
                self.progress.update(|ours| ours.merge(&theirs));
            }
        }
    }

    /// Keeps this tab's ticks in step with other tabs of the same browser.
    pub fn follow_other_tabs(self) {
        let handle = leptos::prelude::window_event_listener(leptos::ev::storage, move |event| {
            if event.key() == Some(self.key.get_untracked()) {
                self.take_in_stored();
            }
        });
        // The app lives as long as the page; so does the listener.
        std::mem::forget(handle);
    }
}

/// The language the person chose last time, if any.
pub fn remembered_language() -> Option<String> {
    local_storage()?.get_item(LANGUAGE_KEY).ok().flatten()
}

/// Remembers the language for the next visit to `/`.
pub fn remember_language(code: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANGUAGE_KEY, code);
    }
}
