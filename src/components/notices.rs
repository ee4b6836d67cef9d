//! Notices above every page: how far a translation can be trusted, and saved-ticks problems.

use leptos::prelude::*;
use wegwijs_model::TranslationStatus;

use crate::content::Content;
use crate::storage::{ProgressState, StorageNotice};

/// The translation status banner and any storage notice, in the page's language.
#[component]
pub fn Notices() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let ui = content.ui().clone();
    let translation = match content.lang.status {
        TranslationStatus::Machine => Some(ui.machine_translation.clone()),
        TranslationStatus::Reviewed => Some(ui.reviewed_translation.clone()),
        TranslationStatus::Source => None,
    };
    let storage = move || {
        state.notice.get().map(|notice| {
            let text = match notice {
                StorageNotice::Unreadable { .. } => ui.progress_unreadable.clone(),
                StorageNotice::Unavailable => ui.storage_unavailable.clone(),
            };
            view! { <p class="notice notice--warning" role="status">{text}</p> }
        })
    };
    view! {
        {translation.map(|text| view! { <p class="notice notice--translation">{text}</p> })}
        {storage}
    }
}
