//! The sync status of the replica on screen, on every screen while it is shared: whose steps
//! these are (on a volunteer's phone), up to date / sending / offline with changes waiting /
//! the server not reachable, with "Try again" / sharing ended; and the way to the people list.

use leptos::prelude::*;

use crate::components::escape;
use crate::content::Content;
use crate::pages::waiting_text;
use crate::routes;
use crate::storage::ProgressState;
use crate::sync::{people, Status, Sync};

/// The bar under the header.
#[component]
pub fn SyncBar() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let sync = expect_context::<Sync>();
    let ui = content.ui().clone();
    let lang = content.lang.code;
    let html = move || {
        let key = state.key.get();
        let waiting = state.progress.with(|r| r.waiting());
        let status = sync.status.get();
        let followed = people::list();
        let label = followed.iter().find(|p| p.key() == key).map(|p| p.label.clone());
        let text = match status {
            Status::Local => String::new(),
            Status::Synced if waiting == 0 => ui.sync_synced().to_owned(),
            // Changes made since the last round, on their way.
            Status::Synced => waiting_text(ui.sync_sending(), waiting),
            Status::Offline => waiting_text(ui.sync_offline(), waiting),
            Status::Failed => waiting_text(ui.sync_failed(), waiting),
            Status::Ended => ui.sync_ended().to_owned(),
        };
        if text.is_empty() && label.is_none() && followed.is_empty() && status == Status::Local {
            return String::new();
        }
        let mut out = String::from(r#"<div class="sync-bar">"#);
        if let Some(label) = label {
            out += &format!(r#"<strong class="sync-bar__who">{}</strong> "#, escape(&label));
        }
        out += &format!(r#"<span class="sync-bar__status">{}</span>"#, escape(&text));
        if status == Status::Failed || status == Status::Offline {
            out += &format!(
                r#" <button type="button" class="button button--small button--secondary" data-retry>{}</button>"#,
                escape(ui.sync_retry())
            );
        }
        if !followed.is_empty() {
            out += &format!(
                r#" <a class="sync-bar__people" href="{}">{}</a>"#,
                escape(&routes::people(lang)),
                escape(ui.people())
            );
        }
        out + "</div>"
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if crate::dom::event_from(&ev, "[data-retry]").is_some() {
            sync.now();
        }
    };
    view! { <div role="status" inner_html=html on:click=on_click></div> }
}
