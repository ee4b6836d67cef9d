//! What this module draws, as strings of HTML with one listener each: the sync bar on every
//! screen while something is shared (whose steps these are, synced / sending / offline with
//! changes waiting / the server not reachable with "Try again" / sharing ended, the way to the
//! people list), and the share, join and people screens. Each is drawn again only when its
//! HTML changes, so the QR code and a half-typed label stay.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wegwijs::components::escape;
use wegwijs::content::Content;
use wegwijs::pages::your_data;
use wegwijs::storage::PROGRESS_KEY;
use wegwijs::sync::stored::{Link, Replica};
use wegwijs::sync::{new_secret, people, waiting_text};
use wegwijs::{dom, routes};
use wegwijs_model::Ui;

use crate::{draw_qr, read, redraw, status, sync_remove, tell, update, Status};

/// The screen open in `#together-screen`.
struct Open {
    screen: String,
    /// The secret a join link carried ("" when it was damaged).
    secret: String,
    /// The last action could not be done (no random source, or the server did not delete).
    failed: bool,
}

thread_local! {
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
    /// What each element was last given, so an unchanged screen is not drawn again.
    static DRAWN: RefCell<Vec<(web_sys::Element, String)>> = const { RefCell::new(Vec::new()) };
    static LISTENER: js_sys::Function = Closure::<dyn FnMut(web_sys::Event)>::new(act).into_js_value().unchecked_into();
}

/// Opens `screen`; a join link that is the phone's own goes home at once.
pub fn open(screen: &str, secret: String) {
    if screen == "join" {
        let own = read(PROGRESS_KEY).and_then(|r| r.link).is_some_and(|l| l.secret == secret);
        if own {
            tell("open", "");
            return;
        }
    }
    OPEN.set(Some(Open { screen: screen.to_owned(), secret, failed: false }));
}

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

/// Draws the bar and the open screen where the app has put their places.
pub fn draw(content: &Content) {
    let key = people::active_key();
    let Some(replica) = read(&key) else { return };
    put("together-bar", bar(content, &key, &replica));
    let html = OPEN.with(|o| {
        let open = o.borrow();
        let open = open.as_ref()?;
        Some(match open.screen.as_str() {
            "share" => share(content, &replica, open.failed),
            "join" => join(content.ui(), &open.secret),
            _ => people_list(content, &key),
        })
    });
    if let Some(html) = html {
        if put("together-screen", html) {
            if let Some(address) = replica.link.as_ref().filter(|l| !l.ended).map(|l| join_address(&l.secret)) {
                draw_qr("share-qr", &address);
            }
        }
    }
}

/// Gives the element `id` this HTML unless it has it already; whether it was drawn.
fn put(id: &str, html: String) -> bool {
    let Some(el) = dom::document().get_element_by_id(id) else { return false };
    let same = DRAWN.with(|d| d.borrow().iter().any(|(e, h)| *e == el && *h == html));
    if same {
        return false;
    }
    el.set_inner_html(&html);
    LISTENER.with(|f| {
        let el: &web_sys::HtmlElement = el.unchecked_ref();
        el.set_onclick(Some(f));
        el.set_onsubmit(Some(f));
    });
    DRAWN.with(|d| {
        let mut d = d.borrow_mut();
        // Elements the app has taken away since are let go.
        d.retain(|(e, _)| e.is_connected() && *e != el);
        d.push((el, html));
    });
    true
}

fn bar(content: &Content, key: &str, replica: &Replica) -> String {
    let ui = content.ui();
    let status = status(key, replica);
    let followed = people::list();
    let label = followed.iter().find(|p| p.key() == key).map(|p| p.label.clone());
    let text = status_text(ui, status, replica.waiting());
    if label.is_none() && followed.is_empty() && status == Status::Local {
        return String::new();
    }
    let mut out = String::from(r#"<div class="sync-bar">"#);
    if let Some(label) = label {
        out += &format!(r#"<strong class="sync-bar__who">{}</strong> "#, escape(&label));
    }
    out += &format!(r#"<span class="sync-bar__status">{}</span>"#, escape(&text));
    if status == Status::Failed || status == Status::Offline {
        out += &format!(
            r#" <button type="button" class="button button--small button--secondary" data-action="retry">{}</button>"#,
            escape(ui.sync_retry())
        );
    }
    if !followed.is_empty() {
        out += &format!(
            r#" <a class="sync-bar__people" href="{}">{}</a>"#,
            escape(&routes::people(content.lang.code)),
            escape(ui.people())
        );
    }
    out + "</div>"
}

fn button(action: &str, class: &str, text: &str) -> String {
    format!(r#"<button type="button" class="button {class}" data-action="{action}">{}</button>"#, escape(text))
}

fn crumbs(content: &Content, title: &str) -> String {
    format!(
        r#"<nav class="crumbs"><a href="{}">{}</a></nav><h1 class="page__title">{}</h1>"#,
        escape(&routes::home(content.lang.code)),
        escape(content.ui().home()),
        escape(title)
    )
}

fn join_address(secret: &str) -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    routes::join_link(&origin, secret)
}

/// `/{lang}/share/`: "Walk together with my volunteer" makes a random secret on this phone and
/// shows the link `<origin>/join#<secret>` as a QR code and as text (the fragment is never sent
/// to a server); while shared, stop sharing on this phone or delete the shared data.
fn share(content: &Content, replica: &Replica, failed: bool) -> String {
    let ui = content.ui();
    let mut out = crumbs(content, ui.share()) + &format!("<p>{}</p>", escape(ui.share_intro()));
    match &replica.link {
        None => out += &button("start", "", ui.share_start()),
        Some(Link { ended: true, .. }) => {
            out += &format!(r#"<p class="notice notice--warning">{}</p>"#, escape(ui.sync_ended()));
            out += &button("start", "", ui.share_start());
        }
        Some(link) => {
            // The code says what the link says, for the camera; the link is there for screen
            // readers and for copying.
            out += &format!(
                r#"<div class="share"><div id="share-qr" class="share__qr"></div><label class="share__label" for="share-link">{}</label><input id="share-link" class="share__link" type="text" readonly dir="ltr" value="{}"><p>{}</p><p class="share__end">{}{}</p></div>"#,
                escape(ui.share_link()),
                escape(&join_address(&link.secret)),
                button("copy", "button--secondary", ui.share_copy()),
                button("stop", "button--secondary", ui.share_stop()),
                button("delete", "button--secondary", ui.share_delete())
            );
        }
    }
    // What stays, what goes, who can read it, how to delete it: before and after sharing.
    out += &format!(
        r#"<section class="your-data" aria-labelledby="your-data"><h2 id="your-data" class="section-title">{}</h2>{}</section>"#,
        escape(ui.data()),
        your_data(ui)
    );
    if failed {
        out += &format!(
            r#"<p class="notice notice--warning" role="alert">{}</p>"#,
            escape(&waiting_text(ui.sync_failed(), replica.waiting()))
        );
    }
    out
}

/// `/join#<secret>`: the volunteer names the person (on this phone only), and from then this
/// phone follows that person's space beside anyone else it follows.
fn join(ui: &Ui, secret: &str) -> String {
    let title = format!(r#"<h1 class="page__title">{}</h1>"#, escape(ui.share()));
    if secret.is_empty() {
        return title + &format!(r#"<p class="notice notice--warning">{}</p>"#, escape(ui.join_bad()));
    }
    title
        + &format!(
            r#"<p>{}</p><form class="join"><label class="join__label" for="join-label">{}</label><input id="join-label" class="join__input" type="text" maxlength="60" autocomplete="off" required><button type="submit" class="button">{}</button></form>"#,
            escape(ui.join_intro()),
            escape(ui.join_label()),
            escape(ui.join_start())
        )
}

/// `/{lang}/people/`: everyone this phone walks with (by the label typed here) and the phone's
/// own steps, each with how far they got.
fn people_list(content: &Content, active: &str) -> String {
    let ui = content.ui();
    let steps: Vec<&str> = content.structure.guides.iter().flat_map(|g| g.steps.iter().map(String::as_str)).collect();
    let mut rows = vec![(PROGRESS_KEY.to_owned(), ui.people_me().to_owned())];
    rows.extend(people::list().into_iter().map(|p| (p.key(), p.label)));
    let mut out = crumbs(content, ui.people()) + r#"<ul class="people">"#;
    for (key, label) in rows {
        let done = read(&key).map_or(0, |r| r.count_done(steps.iter().copied()));
        out += &format!(
            r#"<li><button type="button" class="people__choose" data-key="{}"{}><span class="people__label">{}</span> <span class="people__progress">{}</span></button></li>"#,
            escape(&key),
            if key == active { r#" aria-current="true""# } else { "" },
            escape(&label),
            escape(&ui.progress_text(done, steps.len()))
        );
    }
    out + "</ul>"
}

/// Every click and submit on the bar and the screen.
fn act(ev: web_sys::Event) {
    let key = people::active_key();
    if ev.type_() == "submit" {
        ev.prevent_default();
        let secret = OPEN.with(|o| o.borrow().as_ref().map(|o| o.secret.clone())).unwrap_or_default();
        let label = dom::document()
            .get_element_by_id("join-label")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value().trim().to_owned())
            .unwrap_or_default();
        if secret.is_empty() || label.is_empty() {
            return;
        }
        if let Some(key) = people::add(&label, &secret) {
            people::set_active(&key);
            tell("open", &key);
        }
        return;
    }
    if let Some(chosen) = dom::event_from(&ev, "[data-key]").and_then(|b| b.get_attribute("data-key")) {
        people::set_active(&chosen);
        tell("open", &chosen);
        return;
    }
    let Some(action) = dom::event_from(&ev, "[data-action]").and_then(|b| b.get_attribute("data-action")) else {
        return;
    };
    match action.as_str() {
        "retry" => crate::now(),
        "start" => match new_secret() {
            // A fresh start: everything on this phone goes into the new space.
            Some(secret) => {
                let started = update(&key, |r| {
                    *r = Replica::local(r.progress().clone());
                    r.link = Some(Link { secret, known: false, ended: false });
                });
                set_failed(started.is_err());
                crate::now();
            }
            None => set_failed(true),
        },
        "copy" => {
            if let Some(input) = dom::document().get_element_by_id("share-link") {
                let input: web_sys::HtmlInputElement = input.unchecked_into();
                // Selected too, so it can be copied by hand where the clipboard is refused.
                input.select();
                if let Some(window) = web_sys::window() {
                    let _ = window.navigator().clipboard().write_text(&input.value());
                }
            }
        }
        "stop" => stop(&key),
        "delete" => {
            let Some(secret) = read(&key).and_then(|r| r.link).map(|l| l.secret) else { return };
            wasm_bindgen_futures::spawn_local(async move {
                let answer = wasm_bindgen_futures::JsFuture::from(sync_remove(&secret)).await;
                let deleted = answer.is_ok_and(|gone| gone.is_truthy());
                set_failed(!deleted);
                if deleted {
                    stop(&key);
                }
                redraw();
            });
        }
        _ => {}
    }
}

/// Stops sharing the replica under `key` on this phone: it stays, no longer sent anywhere.
fn stop(key: &str) {
    let stopped = update(key, |r| *r = Replica::local(r.progress().clone()));
    set_failed(stopped.is_err());
    redraw();
}

fn set_failed(failed: bool) {
    OPEN.with(|o| o.borrow_mut().iter_mut().for_each(|o| o.failed = failed));
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
