//! The installed, offline app: registers the service worker (`public/sw.js`, through
//! `src/pwa.js`), and holds what the screens show about it: the connection, a waiting new
//! version, and which languages are on the phone. Everything here degrades to nothing in a
//! browser without service workers; the app itself works as before.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/pwa.js")]
extern "C" {
    #[wasm_bindgen(js_name = start)]
    fn js_start(on_update: &Closure<dyn FnMut()>, on_line: &Closure<dyn FnMut(bool)>);
    #[wasm_bindgen(js_name = applyUpdate)]
    fn js_apply_update();
    #[wasm_bindgen(js_name = keep)]
    fn js_keep(codes: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = languages)]
    fn js_languages(lang: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = persist)]
    fn js_persist();
}

/// Whether a language's content is on the phone, and what downloading it costs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageCopy {
    pub code: String,
    /// Its download size, written in the page's language ("12 kB").
    pub size: String,
    pub kept: bool,
}

/// Where "keep all languages" stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keeping {
    Idle,
    Busy,
    Failed,
}

/// The offline app's state, shared through context.
#[derive(Clone, Copy)]
pub struct Pwa {
    /// False while the browser knows it has no network.
    pub online: RwSignal<bool>,
    /// A new version is installed and waits for the person to reload.
    pub update_ready: RwSignal<bool>,
    /// The languages of this build; `None` until the worker answers (or without one).
    pub languages: RwSignal<Option<Vec<LanguageCopy>>>,
    pub keeping: RwSignal<Keeping>,
}

impl Pwa {
    /// Starts watching the connection and registers the worker once the page has loaded.
    pub fn start() -> Pwa {
        let pwa = Pwa {
            online: RwSignal::new(true),
            update_ready: RwSignal::new(false),
            languages: RwSignal::new(None),
            keeping: RwSignal::new(Keeping::Idle),
        };
        let on_update = Closure::<dyn FnMut()>::new(move || pwa.update_ready.set(true));
        let on_line = Closure::<dyn FnMut(bool)>::new(move |online| pwa.online.set(online));
        js_start(&on_update, &on_line);
        // Both are called for the page's whole life.
        on_update.forget();
        on_line.forget();
        pwa
    }

    /// Reloads into the waiting version.
    pub fn apply_update(&self) {
        js_apply_update();
    }

    /// Keeps a language on the phone once the worker is there (the one on screen, so that it
    /// opens offline next time).
    pub fn keep(&self, code: &'static str) {
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(js_keep(code)).await;
        });
    }

    /// Keeps every language on the phone, then refreshes the list.
    pub fn keep_all(self, lang: &'static str) {
        self.keeping.set(Keeping::Busy);
        let codes: Vec<&str> = wegwijs_model::LANGUAGES.iter().map(|l| l.code).collect();
        let codes = codes.join(",");
        leptos::task::spawn_local(async move {
            let all = JsFuture::from(js_keep(&codes)).await.is_ok_and(|v| v.is_truthy());
            self.keeping.set(if all { Keeping::Idle } else { Keeping::Failed });
            self.refresh(lang);
        });
    }

    /// Asks the worker which languages are on the phone.
    pub fn refresh(self, lang: &'static str) {
        leptos::task::spawn_local(async move {
            let Ok(list) = JsFuture::from(js_languages(lang)).await else { return };
            if list.is_null() {
                return;
            }
            let list = js_sys::Array::from(&list);
            let copies = list
                .iter()
                .map(|item| {
                    let item = js_sys::Array::from(&item);
                    LanguageCopy {
                        code: item.get(0).as_string().unwrap_or_default(),
                        size: item.get(1).as_string().unwrap_or_default(),
                        kept: item.get(2).is_truthy(),
                    }
                })
                .collect::<Vec<_>>();
            self.languages.set((!copies.is_empty()).then_some(copies));
        });
    }
}

/// Asks the browser to keep this site's storage, so a person's ticks are never evicted (asked
/// after a tick: browsers grant it more readily once the site holds something of the person's).
pub fn persist() {
    js_persist();
}
