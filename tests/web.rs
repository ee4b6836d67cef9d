//! Browser tests of what needs a real DOM and `localStorage`, run by `wasm-bindgen-test-runner`
//! in headless Chromium (`make test`). Native test runs skip this file.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wegwijs::components::DoneCheckbox;
use wegwijs::storage::{self, ProgressState, StorageNotice, PROGRESS_KEY};
use wegwijs::{dom, routes};
use wegwijs_model::{Date, Language, Progress};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn browser_json_is_the_model_json() {
    let mut p = Progress::new(77);
    p.set_done("bsn-letter", true, 1_795_910_400_123);
    p.set_done("digid", false, 1_795_910_400_123);
    assert_eq!(storage::progress_to_json(&p), p.to_json());
    assert_eq!(storage::parse_progress(&p.to_json()).unwrap(), p);
    assert_eq!(Progress::from_json(&storage::progress_to_json(&p)).unwrap(), p);
}

#[wasm_bindgen_test]
fn progress_survives_a_reload_of_storage() {
    let s = local_storage();
    s.clear().unwrap();
    let (mut p, notice) = storage::read_progress(&s, 1, || 5);
    assert_eq!(notice, None);
    assert_eq!(p.node(), 5);
    p.set_done("bank-account", true, 10);
    storage::write_progress(&s, &p).unwrap();
    let (again, notice) = storage::read_progress(&s, 2, || 6);
    assert_eq!(notice, None);
    assert!(again.is_done("bank-account"));
    assert_eq!(again.node(), 5, "the device keeps its id");
}

#[wasm_bindgen_test]
fn unreadable_progress_is_kept_aside_not_lost() {
    let s = local_storage();
    s.clear().unwrap();
    for (stored, now) in [("{broken", 100u64), (r#"{"v":2,"steps":"a newer app's format"}"#, 200)] {
        s.set_item(PROGRESS_KEY, stored).unwrap();
        let (p, notice) = storage::read_progress(&s, now, || 9);
        assert_eq!(p.count_done(["anything"]), 0);
        let Some(StorageNotice::Unreadable { kept_as }) = notice else { panic!("expected a notice, got {notice:?}") };
        assert_eq!(s.get_item(&kept_as).unwrap().as_deref(), Some(stored), "the original text is kept");
        assert_eq!(s.get_item(PROGRESS_KEY).unwrap(), None);
    }
}

#[wasm_bindgen_test]
fn the_document_takes_the_language_and_direction() {
    dom::set_document_language(Language::by_code("ar").unwrap());
    let html = dom::document().document_element().unwrap();
    assert_eq!(html.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(html.get_attribute("lang").as_deref(), Some("ar"));
    dom::set_document_language(Language::by_code("nl").unwrap());
    assert_eq!(html.get_attribute("dir").as_deref(), Some("ltr"));
}

#[wasm_bindgen_test]
fn dates_are_written_in_the_language() {
    let date: Date = "2026-11-29".parse().unwrap();
    let nl = dom::format_date(date, "nl");
    assert!(nl.contains("november") && nl.contains("2026"), "{nl}");
    let en = dom::format_date(date, "en");
    assert!(en.contains("November") && en.contains("29"), "{en}");
}

#[wasm_bindgen_test]
fn language_switch_keeps_the_screen() {
    assert_eq!(routes::switch_language("/ar/first-weeks/digid", "nl"), "/nl/first-weeks/digid");
}

#[wasm_bindgen_test]
async fn the_checkbox_ticks_and_saves_at_once() {
    let s = local_storage();
    s.clear().unwrap();
    let document = dom::document();
    let host = document.create_element("div").unwrap().unchecked_into::<web_sys::HtmlElement>();
    document.body().unwrap().append_child(&host).unwrap();
    let state = ProgressState::load();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_context(state);
        view! { <DoneCheckbox step="digid".to_string() label="I have done this step".to_string()/> }
    });
    let input = host
        .query_selector("label input[type=checkbox]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    assert_eq!(host.query_selector("label").unwrap().unwrap().text_content().unwrap(), "I have done this step");
    assert!(!input.checked());
    input.click();
    assert!(state.is_done("digid"));
    let stored = s.get_item(PROGRESS_KEY).unwrap().expect("saved on the tick");
    assert!(Progress::from_json(&stored).unwrap().is_done("digid"));
    input.click();
    assert!(!state.is_done("digid"));
    assert!(!Progress::from_json(&s.get_item(PROGRESS_KEY).unwrap().unwrap()).unwrap().is_done("digid"));
}
