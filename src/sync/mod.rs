//! Walking together, the app's end of it: the replicas on this phone that are shared (the
//! phone's own, or each person a volunteer follows) are sent to and fetched from their spaces
//! on the server, sealed, by the model's rules (`wegwijs_model::sync`). Everything keeps
//! working without the server: a change waits in the replica's outbox, stored with it, until a
//! push of it is acknowledged.
//!
//! The sync rounds, the sync bar and the share, join and people screens are a second wasm
//! module (`src/bin/together`), which `src/share.js` loads only once something here is shared
//! or one of those screens opens: in this wasm they cost every first visit about 14 KB brotli
//! that a phone that never shares does not need. The app tells it when something changed and
//! where to draw; it edits the stored replicas and tells the app what it changed.

pub mod people;
pub mod stored;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wegwijs_model::sync::keys::{to_base64url, SECRET_BYTES};

use crate::storage::ProgressState;

#[wasm_bindgen(module = "/src/share.js")]
extern "C" {
    /// Gives `src/share.js` the function the together module tells the app through.
    #[wasm_bindgen(js_name = togetherInit)]
    fn together_init(tell: &js_sys::Function);
    /// Draws the bar again and syncs; loads the together module first when `shared`.
    #[wasm_bindgen(js_name = togetherNow)]
    fn together_now(shared: bool);
    /// Opens one of the together module's screens in `#together-screen`.
    #[wasm_bindgen(js_name = togetherShow)]
    fn together_show(screen: &str, arg: &str);
}

/// A status text with its number of changes waiting.
pub fn waiting_text(template: &str, waiting: usize) -> String {
    wegwijs_model::content::fill(template, &[("n", &waiting.to_string())])
}

/// A new random secret of [`SECRET_BYTES`] from the browser's cryptographic source, as the link
/// carries it; `None` where the browser has none.
pub fn new_secret() -> Option<String> {
    let mut bytes = [0u8; SECRET_BYTES];
    web_sys::window()?.crypto().ok()?.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(to_base64url(&bytes))
}

/// The sync of this phone, in context.
#[derive(Clone, Copy)]
pub struct Sync {
    /// The together module could not be loaded (offline before the service worker kept it):
    /// the app says so itself, and the changes wait.
    pub unavailable: RwSignal<bool>,
    /// Counts the together module's requests for the home screen (after joining, or choosing
    /// a person); the screen that asked goes there.
    pub home: RwSignal<u32>,
    /// The together screen open now, with its argument, to open again on "Try again".
    screen: StoredValue<Option<(&'static str, String)>>,
    state: ProgressState,
}

impl Sync {
    /// Starts syncing: now, and after every change made here or another replica put on screen.
    pub fn start(state: ProgressState) -> Sync {
        let sync =
            Sync { unavailable: RwSignal::new(false), home: RwSignal::new(0), screen: StoredValue::new(None), state };
        let tell = Closure::<dyn FnMut(String, String)>::new(move |what: String, key: String| sync.told(&what, &key));
        together_init(tell.as_ref().unchecked_ref());
        // The app lives as long as the page; so does the function.
        tell.forget();
        Effect::new(move |_| {
            state.changed.track();
            state.key.track();
            sync.now();
        });
        sync
    }

    /// Lets the together module draw the bar and sync. A phone that shares nothing loads
    /// nothing and makes no call at all: this runs on every tick.
    pub fn now(self) {
        together_now(self.state.progress.with_untracked(|r| r.link.is_some()) || !people::list().is_empty());
    }

    /// Opens the together module's `screen` (`share`, `join` with the link's secret, `people`);
    /// `None` when that screen closes.
    pub fn show(self, screen: Option<(&'static str, String)>) {
        self.screen.set_value(screen.clone());
        match screen {
            Some((screen, arg)) => together_show(screen, &arg),
            // Whether the module is missing matters again only where it is needed.
            None => self.unavailable.set(false),
        }
    }

    /// Tries to load the together module again: for the screen open, and for what is shared.
    pub fn retry(self) {
        if let Some((screen, arg)) = self.screen.get_value() {
            together_show(screen, &arg);
        }
        self.now();
    }

    /// What the together module says it changed (the table in `src/bin/together/main.rs`).
    fn told(self, what: &str, key: &str) {
        match what {
            "stored" if key == self.state.key.get_untracked() => self.state.reload(),
            "open" => {
                if !key.is_empty() {
                    self.state.open(key);
                }
                self.home.update(|n| *n = n.wrapping_add(1));
            }
            "available" => self.unavailable.set(false),
            "unavailable" => self.unavailable.set(true),
            _ => {}
        }
    }
}
