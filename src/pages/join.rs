//! `/join#<secret>`: a volunteer's phone opens the link a person shared. The secret is read
//! from the fragment and taken out of the address bar at once, so it is not left in the
//! history; the volunteer names the person (on this phone only), and from then this phone
//! follows that person's space beside anyone else it follows.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::{JsCast, JsValue};
use wegwijs_model::sync::keys::{from_base64url, SECRET_BYTES};

use crate::components::escape;
use crate::content::Content;
use crate::storage::{self, ProgressState, PROGRESS_KEY};
use crate::sync::people;
use crate::{dom, routes};

/// Reads the secret from the address and removes it from there.
fn take_secret() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(routes::JOIN));
    }
    let secret = hash.trim_start_matches('#').to_owned();
    from_base64url(&secret).is_some_and(|b| b.len() == SECRET_BYTES).then_some(secret)
}

/// The join screen.
#[component]
pub fn JoinPage() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let ui = content.ui().clone();
    dom::set_title(ui.share());
    let secret = StoredValue::new(take_secret());
    let navigate = use_navigate();
    let lang = content.lang.code;
    let home = routes::home(lang);
    // The person's own link opened on their own phone: nothing to join.
    let own = storage::local().map(|s| storage::read_replica(&s, PROGRESS_KEY, 0, storage::random_node).0);
    if let (Some(secret), Some(own)) = (secret.get_value(), own) {
        if own.link.is_some_and(|l| l.secret == secret) {
            let home = home.clone();
            let navigate = navigate.clone();
            request_animation_frame(move || navigate(&home, Default::default()));
        }
    }
    let html = match secret.get_value() {
        None => format!(
            r#"<h1 class="page__title">{}</h1><p class="notice notice--warning">{}</p>"#,
            escape(ui.share()),
            escape(ui.join_bad())
        ),
        Some(_) => format!(
            r#"<h1 class="page__title">{}</h1><p>{}</p><form class="join"><label class="join__label" for="join-label">{}</label><input id="join-label" class="join__input" type="text" maxlength="60" autocomplete="off" required><button type="submit" class="button">{}</button></form>"#,
            escape(ui.share()),
            escape(ui.join_intro()),
            escape(ui.join_label()),
            escape(ui.join_start())
        ),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(secret) = secret.get_value() else { return };
        let label = dom::document()
            .get_element_by_id("join-label")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value().trim().to_owned())
            .unwrap_or_default();
        if label.is_empty() {
            return;
        }
        if let Some(key) = people::add(&label, &secret) {
            people::set_active(&key);
            state.open(&key);
            navigate(&home, Default::default());
        }
    };
    view! { <div class="join-page" inner_html=html on:submit=on_submit></div> }
}
