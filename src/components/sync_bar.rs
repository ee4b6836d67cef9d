//! The sync status of the replica on screen, on every screen while it is shared: whose steps
//! these are (on a volunteer's phone), up to date / sending / offline with changes waiting /
//! the server not reachable, with "Try again" / sharing ended; and the way to the people list.

use leptos::prelude::*;
use wegwijs_model::Ui;

use crate::components::escape;
use crate::content::Content;
use crate::pages::waiting_text;
use crate::routes;
use crate::storage::ProgressState;
use crate::sync::{people, Status, Sync};

/// What the bar says for `status` with `waiting` changes not yet acknowledged (nothing when the
/// steps are not shared).
pub fn status_text(ui: &Ui, status: Status, waiting: usize) -> String {
    match status {
        Status::Local => String::new(),
        Status::Synced if waiting == 0 => ui.sync_synced().to_owned(),
        // Changes made since the last round, on their way.
        Status::Synced => waiting_text(ui.sync_sending(), waiting),
        Status::Offline => waiting_text(ui.sync_offline(), waiting),
        Status::Failed => waiting_text(ui.sync_failed(), waiting),
        Status::Ended => ui.sync_ended().to_owned(),
    }
}

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
        let text = status_text(&ui, status, waiting);
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

#[cfg(test)]
mod tests {
    //! What the bar says, by the words of the content files.
    use super::*;
    use wegwijs_model::Words;

    #[test]
    fn says_sending_while_changes_are_on_their_way_and_how_many_wait() {
        for code in ["en", "ar"] {
            let path = format!("{}/content/lang/{code}.json", env!("CARGO_MANIFEST_DIR"));
            let words = Words::from_json(code, &std::fs::read_to_string(path).unwrap()).unwrap();
            let ui = &words.ui;
            assert_eq!(status_text(ui, Status::Synced, 0), ui.sync_synced());
            let sending = status_text(ui, Status::Synced, 3);
            assert_eq!(sending, ui.sync_sending().replace("{n}", "3"), "{code}");
            assert_ne!(sending, ui.sync_synced(), "{code}");
            assert_eq!(status_text(ui, Status::Offline, 2), ui.sync_offline().replace("{n}", "2"), "{code}");
            assert_eq!(status_text(ui, Status::Failed, 1), ui.sync_failed().replace("{n}", "1"), "{code}");
            assert_eq!(status_text(ui, Status::Ended, 5), ui.sync_ended(), "{code}");
            assert_eq!(status_text(ui, Status::Local, 5), "", "{code}");
        }
    }
}
