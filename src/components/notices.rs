//! Notices above every page: a new version waiting to be loaded, how far a translation can be
//! trusted, and saved-ticks problems.

use leptos::prelude::*;
use wegwijs_model::TranslationStatus;

use crate::components::escape;
use crate::content::Content;
use crate::pwa::Pwa;
use crate::storage::{ProgressState, StorageNotice};

/// The translation status banner and any storage notice, in the page's language.
#[component]
pub fn Notices() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let pwa = expect_context::<Pwa>();
    let ui = content.ui().clone();
    let (update_ready, reload) = (ui.update_ready().to_owned(), ui.reload().to_owned());
    // Reloading is the person's choice: nothing changes under them while they read.
    let update = move || {
        if !pwa.update_ready.get() {
            return String::new();
        }
        format!(
            r#"<div class="notice notice--update"><p>{}</p><button type="button" class="button">{}</button></div>"#,
            escape(&update_ready),
            escape(&reload)
        )
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if crate::dom::event_from(&ev, "button").is_some() {
            pwa.apply_update();
        }
    };
    let translation = match content.lang.status {
        TranslationStatus::Machine => Some(ui.machine_translation()),
        TranslationStatus::Reviewed => Some(ui.reviewed_translation()),
        TranslationStatus::Source => None,
    }
    .map(|text| format!(r#"<p class="notice notice--translation">{}</p>"#, escape(text)))
    .unwrap_or_default();
    let storage = move || {
        let text = match state.notice.get() {
            Some(StorageNotice::Unreadable { .. }) => ui.progress_unreadable(),
            Some(StorageNotice::Unavailable) => ui.storage_unavailable(),
            None => return String::new(),
        };
        format!(r#"<p class="notice notice--warning" role="status">{}</p>"#, escape(text))
    };
    view! {
        <div role="status" inner_html=update on:click=on_click></div>
        <div inner_html=translation></div>
        <div inner_html=storage></div>
    }
}
