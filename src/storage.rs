//! Progress (ticks and intake answers, one replica) kept on the device, in `localStorage`. Nothing leaves the device from here. Stored
//! data that cannot be read is never thrown away: it is copied aside before a fresh list starts.

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wegwijs_model::progress::{ANSWER, NOTE};
use wegwijs_model::{Field, Intake, Progress, ProgressError};

use crate::dom;

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

/// Reads progress from `storage`, setting unreadable data aside under a new key.
pub fn read_progress(
    storage: &web_sys::Storage,
    now_ms: u64,
    new_node: impl FnOnce() -> u32,
) -> (Progress, Option<StorageNotice>) {
    let stored = match storage.get_item(PROGRESS_KEY) {
        Ok(stored) => stored,
        Err(_) => return (Progress::new(new_node()), Some(StorageNotice::Unavailable)),
    };
    let Some(text) = stored else {
        return (Progress::new(new_node()), None);
    };
    match parse_progress(&text) {
        Ok(progress) => (progress, None),
        Err(error) => {
            let kept_as = format!("{UNREADABLE_PREFIX}{now_ms}");
            if storage.set_item(&kept_as, &text).is_err() {
                // Could not copy it aside: leave the original where it is and do not save over it.
                return (Progress::new(new_node()), Some(StorageNotice::Unavailable));
            }
            let _ = storage.remove_item(PROGRESS_KEY);
            web_sys::console::warn_1(&format!("Wegwijs: {error}; kept it as {kept_as}").into());
            (Progress::new(new_node()), Some(StorageNotice::Unreadable { kept_as }))
        }
    }
}

/// Reads the stored form written by [`progress_to_json`]: the same format as the model's
/// `Progress::from_json`, parsed by the browser's `JSON.parse` and read by `read` because serde
/// would add kilobytes to the wasm that every first visit downloads.
pub fn parse_progress(text: &str) -> Result<Progress, ProgressError> {
    let value = js_sys::JSON::parse(text).map_err(|_| ProgressError::Malformed("not JSON".into()))?;
    let version = js_sys::Reflect::get(&value, &JsValue::from_str("v")).ok().and_then(|v| v.as_f64());
    Progress::decode_versioned(version, |v| {
        crate::read::progress(&value, v).map_err(|field| format!("\"{field}\" is missing or not valid"))
    })
}

/// The stored form of progress: the same JSON as the model's `Progress::to_json`.
pub fn progress_to_json(progress: &Progress) -> String {
    crate::read::progress_json(progress)
}

/// Writes progress to `storage`.
pub fn write_progress(storage: &web_sys::Storage, progress: &Progress) -> Result<(), StorageNotice> {
    storage.set_item(PROGRESS_KEY, &progress_to_json(progress)).map_err(|_| StorageNotice::Unavailable)
}

/// A random device id for clock stamps; it says nothing about the person.
fn random_node() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// The person's progress, shared by every page through context.
#[derive(Clone, Copy)]
pub struct ProgressState {
    pub progress: RwSignal<Progress>,
    pub notice: RwSignal<Option<StorageNotice>>,
    /// False when saving over the stored data would lose something, or storage is missing.
    writable: StoredValue<bool>,
}

impl ProgressState {
    /// Loads the stored progress, or starts empty.
    pub fn load() -> ProgressState {
        let (progress, notice, writable) = match local_storage() {
            Some(storage) => {
                let (progress, notice) = read_progress(&storage, dom::now_millis(), random_node);
                let writable = notice != Some(StorageNotice::Unavailable);
                (progress, notice, writable)
            }
            None => (Progress::new(random_node()), Some(StorageNotice::Unavailable), false),
        };
        ProgressState {
            progress: RwSignal::new(progress),
            notice: RwSignal::new(notice),
            writable: StoredValue::new(writable),
        }
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
        self.change(|p, now| p.set_done(step, done, now));
    }

    /// Writes a step's note (an empty one clears it) and saves at once.
    pub fn set_note(&self, step: &str, text: &str) {
        self.change(|p, now| p.set(&format!("{NOTE}{step}"), text, now));
    }

    /// The stored answer to an intake question (reactive), "I don't know" included.
    pub fn answer(&self, field: Field) -> Option<String> {
        self.progress.with(|p| Intake::new(p).answer(field).map(str::to_owned))
    }

    /// Answers an intake question (an empty value clears it) and saves at once.
    pub fn set_answer(&self, field: Field, value: &str) {
        self.change(|p, now| p.set(&field.key(), value, now));
    }

    /// Deletes every intake answer ("Delete my answers"); the ticks stay.
    pub fn delete_answers(&self) {
        self.change(|p, now| p.clear(ANSWER, now));
    }

    /// Changes the progress and saves it at once.
    fn change(&self, edit: impl FnOnce(&mut Progress, u64)) {
        // Another tab may have saved changes since this one loaded: take them in first, so
        // saving the whole replica cannot undo them.
        self.take_in_stored();
        self.progress.update(|p| edit(p, dom::now_millis()));
        if !self.writable.get_value() {
            return;
        }
        let saved = local_storage()
            .ok_or(StorageNotice::Unavailable)
            .and_then(|s| self.progress.with_untracked(|p| write_progress(&s, p)));
        match saved {
            Ok(()) => crate::pwa::persist(),
            Err(notice) => self.notice.set(Some(notice)),
        }
    }

    /// Merges the stored ticks into these (the later tick of a step wins). Unreadable stored
    /// data is left alone here; loading already set it aside.
    pub fn take_in_stored(&self) {
        let stored = local_storage().and_then(|s| s.get_item(PROGRESS_KEY).ok().flatten());
        if let Some(Ok(theirs)) = stored.map(|text| parse_progress(&text)) {
            if self.progress.with_untracked(|ours| *ours != theirs) {
                self.progress.update(|ours| ours.merge(&theirs));
            }
        }
    }

    /// Keeps this tab's ticks in step with other tabs of the same browser.
    pub fn follow_other_tabs(self) {
        let handle = leptos::prelude::window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() == Some(PROGRESS_KEY) {
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
