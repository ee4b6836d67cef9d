//! The place of the sync bar under the header, which the together module draws while something
//! on this phone is shared (`src/bin/together/screens.rs`). While that module cannot be loaded
//! (offline before the service worker kept it), the app says so itself, with the changes
//! waiting and "Try again".

use leptos::prelude::*;

use crate::content::Content;
use crate::storage::ProgressState;
use crate::sync::{waiting_text, Sync};

/// The bar under the header.
#[component]
pub fn SyncBar() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let sync = expect_context::<Sync>();
    let ui = content.ui().clone();
    // The place is new with every language's screen: the module draws into it again.
    request_animation_frame(move || sync.now());
    // Changes waiting when something is shared; else only that this part is not here.
    let missing = move || {
        sync.unavailable.get().then(|| {
            let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
            let text = match state.progress.with(|r| r.is_syncing().then(|| r.waiting())) {
                Some(waiting) => waiting_text(if online { ui.sync_failed() } else { ui.sync_offline() }, waiting),
                None => ui.offline().to_owned(),
            };
            let retry = ui.sync_retry().to_owned();
            view! {
                <div class="sync-bar">
                    <span class="sync-bar__status">{text}</span>" "
                    <button type="button" class="button button--small button--secondary" on:click=move |_| sync.retry()>
                        {retry}
                    </button>
                </div>
            }
        })
    };
    view! {
        <div id="together-bar" role="status"></div>
        <div role="status">{missing}</div>
    }
}
