//! The together module's screens (`src/bin/together/screens.rs`): `/{lang}/share/` (walk
//! together: share with a volunteer, stop, delete), `/join#<secret>` (a volunteer's phone
//! joins) and `/{lang}/people/` (the people a volunteer walks with). The app gives each its
//! title and its place, and goes home when the module asks; while the module cannot be loaded,
//! the sync bar says so.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsValue;
use wegwijs_model::sync::keys::{from_base64url, SECRET_BYTES};

use crate::content::Content;
use crate::sync::Sync;
use crate::{dom, routes};

/// Reads a join link's secret from the address and removes it from there at once, so it is
/// not left in the history while the module that joins is still on its way.
fn take_secret() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(routes::JOIN));
    }
    let secret = hash.trim_start_matches('#').to_owned();
    from_base64url(&secret).is_some_and(|b| b.len() == SECRET_BYTES).then_some(secret)
}

/// One of the together module's screens: `share`, `join` or `people`.
#[component]
pub fn TogetherPage(screen: &'static str) -> impl IntoView {
    let content = expect_context::<Content>();
    let sync = expect_context::<Sync>();
    let ui = content.ui();
    let title = if screen == "people" { ui.people() } else { ui.share() }.to_owned();
    dom::set_title(&title);
    let arg = if screen == "join" { take_secret().unwrap_or_default() } else { String::new() };
    let navigate = use_navigate();
    let home = routes::home(content.lang.code);
    Effect::new(move |asked: Option<u32>| {
        let now = sync.home.get();
        if asked.is_some_and(|n| n != now) {
            navigate(&home, Default::default());
        }
        now
    });
    // Once the place is on the page. While the module cannot load, the sync bar says so.
    request_animation_frame(move || sync.show(Some((screen, arg))));
    on_cleanup(move || sync.show(None));
    // The screen's heading stays while its module is missing (the bar says why).
    let missing = move || sync.unavailable.get().then(|| view! { <h1 class="page__title">{title.clone()}</h1> });
    view! { {missing} <div id="together-screen"></div> }
}
