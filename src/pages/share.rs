//! `/{lang}/share/`: walk together. "Walk together with my volunteer" makes a random secret on
//! this phone and shows the link `<origin>/join#<secret>` to open on the volunteer's phone; the
//! secret is in the fragment, which browsers never send to a server. While shared: stop sharing
//! on this phone, or delete the shared data from the server. The screen is one string of HTML
//! with one listener, drawn again when the sharing changes.

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::components::escape;
use crate::content::Content;
use crate::storage::ProgressState;
use crate::sync::stored::{Link, Replica};
use crate::sync::{self, Sync};
use crate::{dom, routes};

#[wasm_bindgen(module = "/src/share.js")]
extern "C" {
    /// Draws `text` as a QR code into the element `id` (src/share.js).
    #[wasm_bindgen(js_name = drawQr)]
    fn draw_qr(id: &str, text: &str);
}

/// A status text with its number of changes waiting.
pub fn waiting_text(template: &str, waiting: usize) -> String {
    wegwijs_model::content::fill(template, &[("n", &waiting.to_string())])
}

fn button(action: &str, class: &str, text: &str) -> String {
    format!(r#"<button type="button" class="button {class}" data-action="{action}">{}</button>"#, escape(text))
}

/// The share screen, for the replica on screen.
#[component]
pub fn SharePage() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let sync = expect_context::<Sync>();
    let ui = content.ui().clone();
    dom::set_title(ui.share());
    let failed = RwSignal::new(false);
    let lang = content.lang.code;
    // Drawn again only when the sharing itself changes, not with every tick it carries.
    let shared = Memo::new(move |_| state.progress.with(|r| r.link.as_ref().map(|l| (l.secret.clone(), l.ended))));
    let html = move || {
        let link = shared.get().map(|(secret, ended)| Link { secret, known: true, ended });
        let mut out = format!(
            r#"<nav class="crumbs"><a href="{}">{}</a></nav><h1 class="page__title">{}</h1><p>{}</p>"#,
            escape(&routes::home(lang)),
            escape(ui.home()),
            escape(ui.share()),
            escape(ui.share_intro())
        );
        match link {
            None => out += &button("start", "", ui.share_start()),
            Some(Link { ended: true, .. }) => {
                out += &format!(r#"<p class="notice notice--warning">{}</p>"#, escape(ui.sync_ended()));
                out += &button("start", "", ui.share_start());
            }
            Some(link) => {
                let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
                let address = routes::join_link(&origin, &link.secret);
                // The code says what the link says, for the camera; the link is there for
                // screen readers and for copying.
                out += &format!(
                    r#"<div class="share"><div id="share-qr" class="share__qr"></div><label class="share__label" for="share-link">{}</label><input id="share-link" class="share__link" type="text" readonly dir="ltr" value="{}"><p>{}</p>"#,
                    escape(ui.share_link()),
                    escape(&address),
                    button("copy", "button--secondary", ui.share_copy())
                );
                request_animation_frame(move || draw_qr("share-qr", &address));
                out += &format!(
                    r#"<p class="share__end">{}{}</p></div>"#,
                    button("stop", "button--secondary", ui.share_stop()),
                    button("delete", "button--secondary", ui.share_delete())
                );
            }
        }
        // What stays, what goes, who can read it, how to delete it: before and after sharing.
        out += &format!(
            r#"<section class="your-data" aria-labelledby="your-data"><h2 id="your-data" class="section-title">{}</h2>{}</section>"#,
            escape(ui.data()),
            super::data::your_data(&ui)
        );
        if failed.get() {
            out += &format!(
                r#"<p class="notice notice--warning" role="alert">{}</p>"#,
                escape(&waiting_text(ui.sync_failed(), state.progress.with_untracked(|r| r.waiting())))
            );
        }
        out
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(action) = dom::event_from(&ev, "[data-action]").and_then(|b| b.get_attribute("data-action")) else {
            return;
        };
        match action.as_str() {
            "start" => match sync::new_secret() {
                Some(secret) => {
                    // A fresh start: everything on this phone goes into the new space.
                    state.edit(|r| {
                        *r = Replica::local(r.progress().clone());
                        r.link = Some(Link { secret, known: false, ended: false });
                    });
                    sync.now();
                }
                None => failed.set(true),
            },
            "copy" => {
                if let Some(input) = dom::document().get_element_by_id("share-link") {
                    let input: web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_into(input);
                    // Selected too, so it can be copied by hand where the clipboard is refused.
                    input.select();
                    if let Some(window) = web_sys::window() {
                        let _ = window.navigator().clipboard().write_text(&input.value());
                    }
                }
            }
            "stop" => stop(state),
            "delete" => {
                let Some(secret) = state.progress.with_untracked(|r| r.link.as_ref().map(|l| l.secret.clone())) else {
                    return;
                };
                leptos::task::spawn_local(async move {
                    let answer = wasm_bindgen_futures::JsFuture::from(sync::sync_remove(&secret)).await;
                    let deleted = answer.is_ok_and(|gone| gone.is_truthy());
                    failed.set(!deleted);
                    if deleted {
                        stop(state);
                    }
                });
            }
            _ => {}
        }
    };
    view! { <div class="share-page" inner_html=html on:click=on_click></div> }
}

/// Stops sharing the replica on screen on this phone: it stays, no longer sent anywhere.
fn stop(state: ProgressState) {
    state.edit(|r| *r = Replica::local(r.progress().clone()));
}
