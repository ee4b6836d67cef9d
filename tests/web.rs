//! Browser tests of what needs a real DOM and `localStorage`, run by `wasm-bindgen-test-runner`
//! in headless Chromium (`make test`). Native test runs skip this file.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use wegwijs::components::{checkbox, Ticks};
use wegwijs::storage::{self, ProgressState, StorageNotice, PROGRESS_KEY};
use wegwijs::{dom, read, routes};
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
    p.set("answer:children", "2019,2012-05", 1_795_910_400_124);
    p.set("answer:housing", "", 1_795_910_400_125);
    assert_eq!(storage::progress_to_json(&p), p.to_json());
    assert_eq!(storage::parse_progress(&p.to_json()).unwrap(), p);
    assert_eq!(Progress::from_json(&storage::progress_to_json(&p)).unwrap(), p);
}

/// Every content file, as committed.
const CONTENT: &[(&str, &str)] = &[
    ("nl", include_str!("../content/lang/nl.json")),
    ("en", include_str!("../content/lang/en.json")),
    ("ar", include_str!("../content/lang/ar.json")),
    ("ti", include_str!("../content/lang/ti.json")),
    ("prs", include_str!("../content/lang/prs.json")),
    ("fa", include_str!("../content/lang/fa.json")),
    ("ps", include_str!("../content/lang/ps.json")),
    ("tr", include_str!("../content/lang/tr.json")),
    ("kmr", include_str!("../content/lang/kmr.json")),
    ("so", include_str!("../content/lang/so.json")),
];

#[wasm_bindgen_test]
fn the_browser_reads_every_content_file_as_serde_does() {
    let text = include_str!("../content/structure.json");
    let mut native: wegwijs_model::Structure = serde_json::from_str(text).unwrap();
    // The app never shows why a source is a home page (only `make test` reads it), so the
    // browser's reader skips it rather than ship the code.
    native.steps.iter_mut().for_each(|step| step.source.home_page = None);
    assert_eq!(read_split(text), Ok(native));
    assert_eq!(CONTENT.len(), wegwijs_model::LANGUAGES.len(), "a language file is missing here");
    for (code, text) in CONTENT {
        // As the build serves it: the index, and the rest read into it.
        let native: wegwijs_model::Words = serde_json::from_str(text).unwrap();
        let (index, more) = wegwijs_model::content::split::split(text).unwrap();
        let mut words = read::words(&js_sys::JSON::parse(&index).unwrap()).unwrap();
        assert_eq!(words.steps.len(), native.steps.len(), "{code}");
        read::more(&js_sys::JSON::parse(&more).unwrap(), &mut words).unwrap();
        assert_eq!(words, native, "{code}");
    }
    // The rest of another build, lacking a step of this index, is refused rather than half read.
    let (index, _) = wegwijs_model::content::split::split(CONTENT[0].1).unwrap();
    let mut words = read::words(&js_sys::JSON::parse(&index).unwrap()).unwrap();
    let stale = r#"{"steps":{},"glossary":{}}"#;
    assert_eq!(read::more(&js_sys::JSON::parse(stale).unwrap(), &mut words), Err("steps"));
    // So are sources of another build, and a source whose date is not a date.
    let (lean, sources) = wegwijs_model::content::split::split_structure(text).unwrap();
    let mut structure = read::structure(&js_sys::JSON::parse(&lean).unwrap()).unwrap();
    assert!(
        structure.steps.iter().all(|s| s.links.is_empty() && s.source.url.is_empty()),
        "the lean structure has no sources"
    );
    assert_eq!(read::sources(&js_sys::JSON::parse(r#"{"steps":{}}"#).unwrap(), &mut structure), Err("steps"));
    let undated = sources.replacen(r#""checked":"20"#, r#""checked":"x20"#, 1);
    assert_ne!(undated, sources);
    assert_eq!(read::sources(&js_sys::JSON::parse(&undated).unwrap(), &mut structure), Err("checked"));
}

/// A structure file as the build serves it: split, then read in two parts as the app does.
fn read_split(text: &str) -> Result<wegwijs_model::Structure, &'static str> {
    let (lean, sources) = wegwijs_model::content::split::split_structure(text).map_err(|_| "split")?;
    let mut structure = read::structure(&js_sys::JSON::parse(&lean).unwrap())?;
    read::sources(&js_sys::JSON::parse(&sources).unwrap(), &mut structure)?;
    Ok(structure)
}

#[wasm_bindgen_test]
fn the_browser_reads_every_condition_and_deadline_form() {
    // Every variant, including those no step uses yet.
    let text = r#"{"guides":[],"glossary":[],"steps":[
      {"id":"a","after":[],"links":[],"source":{"org":"o","url":"u","checked":"2024-02-29"},"uncertain":true,"keywords":[],
       "applies":{"all":[{"any":[{"age_at_least":18},{"age_below":27}]},{"not":{"housing":"reception"}},{"housing":"home"},
         {"has_child_aged":{"min":4,"max":11}},{"family_abroad":true},{"working":false},{"has_diploma":true},
         {"has_driving_licence":false},{"on_social_assistance":true},{"came_as_minor":false},
         {"protection":"refugee"},{"protection":"subsidiary"},{"studying":true}]},
       "deadline":{"yearly":{"month":2,"day":29}}},
      {"id":"b","after":["a"],"links":[{"org":"o","url":"u"}],"source":{"org":"o","url":"u","checked":"2026-01-31"},"uncertain":false,
       "keywords":["k"],"applies":null,"deadline":[{"if":{"housing":"home"},"within":{"weeks":2},"after":"left_reception"},
         {"within":{"days":0},"after":"permit_expiry"}]},
      {"id":"c","after":[],"links":[],"source":{"org":"o","url":"u","checked":"2026-01-31"},"uncertain":false,"keywords":[],
       "deadline":{"within":{"days":20},"after":"digid_letter"}},
      {"id":"d","after":[],"links":[],"source":{"org":"o","url":"u","checked":"2026-01-31"},"uncertain":false,"keywords":[],
       "applies":null,"deadline":{"within":{"years":3},"after":"integration_start"}},
      {"id":"e","after":[],"links":[],"source":{"org":"o","url":"u","checked":"2026-01-31"},"uncertain":false,"keywords":[],
       "applies":null,"deadline":{"within":{"months":4},"after":"lease_signed"}},
      {"id":"f","after":[],"links":[],"source":{"org":"o","url":"u","checked":"2026-01-31"},"uncertain":false,"keywords":[],
       "applies":null,"deadline":[{"within":{"days":185},"after":"municipal_registration"},{"within":{"days":1},"after":"asylum_decision"}]}
    ]}"#;
    let native: wegwijs_model::Structure = serde_json::from_str(text).unwrap();
    assert_eq!(read_split(text), Ok(native));
    for (bad, field) in [
        (r#"{"guides":[],"glossary":[],"steps":[{"id":"a"}]}"#, "after"),
        (r#"{"guides":[{"id":"g","steps":[1]}],"glossary":[],"steps":[]}"#, "steps"),
        (r#"{"guides":[],"steps":[]}"#, "glossary"),
        (
            r#"{"guides":[],"glossary":[],"steps":[{"id":"a","after":[],"links":[],"source":{"org":"o","url":"u","checked":"2026-01-31"},"uncertain":false,"keywords":[],"deadline":[3]}]}"#,
            "deadline",
        ),
        (
            r#"{"guides":[],"glossary":[],"steps":[{"id":"a","after":[],"links":[],"source":{"org":"o","url":"u","checked":"2026-01-31"},"uncertain":false,"keywords":[],"deadline":{"if":{"working":1},"yearly":{"month":9,"day":1}}}]}"#,
            "applies",
        ),
    ] {
        assert_eq!(read::structure(&js_sys::JSON::parse(bad).unwrap()), Err(field), "{bad}");
    }
    let mut words: serde_json::Value = serde_json::from_str(CONTENT[1].1).unwrap();
    words["ui"].as_object_mut().unwrap().remove("reload");
    assert_eq!(read::words(&js_sys::JSON::parse(&words.to_string()).unwrap()), Err("reload"));
}

#[wasm_bindgen_test]
fn every_earlier_stored_format_reads_in_the_browser_as_natively() {
    // The browser reads stored progress with its own parser; it must agree with the model's on
    // every committed fixture of an earlier format.
    let v1 = include_str!("../model/tests/fixtures/progress-v1.json").trim();
    let browser = storage::parse_progress(v1).expect("format 1 reads in the browser");
    assert_eq!(browser, Progress::from_json(v1).unwrap());
    assert!(browser.is_done("register-brp") && !browser.is_done("digid"));
    let v2 = include_str!("../model/tests/fixtures/progress-v2.json").trim();
    let browser = storage::parse_progress(v2).expect("format 2 reads in the browser");
    assert_eq!(browser, Progress::from_json(v2).unwrap());
    assert_eq!(storage::progress_to_json(&browser), v2, "and is written back as it was");
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
    for (stored, now) in [
        ("{broken", 100u64),
        (r#"{"v":3,"cells":"a newer app's format"}"#, 200),
        (r#"{"v":2,"cells":{"done:x":{"value":true}}}"#, 300),
    ] {
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
    // The kept formatters: per language and option, and each date its own text.
    assert_eq!(dom::month_name(11, "nl"), "november");
    let later = dom::format_date("2027-05-01".parse().unwrap(), "nl");
    assert!(later.contains("mei") && later.contains("2027") && !later.contains("november"), "{later}");
    assert_eq!(dom::format_date(date, "nl"), nl);
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
        view! { <Ticks html=checkbox("digid", "I have done this step", false, false, false)/> }
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

#[wasm_bindgen_test]
fn today_is_the_day_in_the_netherlands_and_months_have_their_names() {
    // The model's summer-time rule gives the day the browser's time-zone data gives.
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"timeZone".into(), &"Europe/Amsterdam".into()).unwrap();
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en-CA".into()), &options);
    for ms in [
        js_sys::Date::now(),
        1_774_746_000_000.0 - 1.0,
        1_774_746_000_000.0,
        1_792_890_000_000.0 - 1.0,
        1_792_890_000_000.0,
    ] {
        let day =
            format.format().call1(&JsValue::UNDEFINED, &js_sys::Date::new(&ms.into())).unwrap().as_string().unwrap();
        assert_eq!(Date::amsterdam_from_unix_millis(ms).to_string(), day, "at {ms}");
    }
    assert_eq!(dom::today(), Date::amsterdam_from_unix_millis(js_sys::Date::now()));
    assert_eq!(dom::month_name(5, "nl"), "mei");
    assert_eq!(dom::month_name(12, "en"), "December");
}

#[wasm_bindgen_test]
fn answers_are_saved_at_once_and_deleting_them_keeps_the_ticks() {
    use wegwijs_model::{Field, Intake};
    let s = local_storage();
    s.clear().unwrap();
    let state = ProgressState::load();
    state.set_done("gp", true);
    state.set_answer(Field::BirthYear, "1990");
    state.set_answer(Field::Protection, "refugee");
    let stored = Progress::from_json(&s.get_item(PROGRESS_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(Intake::new(&stored).answer(Field::BirthYear), Some("1990"));
    assert_eq!(state.answer(Field::Protection).as_deref(), Some("refugee"));
    state.delete_answers();
    let stored = Progress::from_json(&s.get_item(PROGRESS_KEY).unwrap().unwrap()).unwrap();
    assert!(Intake::new(&stored).is_empty());
    assert!(stored.is_done("gp"), "the ticks stay");
}

#[wasm_bindgen_test]
fn a_shared_replica_is_stored_with_its_outbox_and_read_back() {
    use wegwijs::sync::stored::{replica_json, Link, Replica};
    use wegwijs_model::progress::Cell;
    use wegwijs_model::sync::wire::Change;
    use wegwijs_model::Stamp;
    let mut r = Replica::local(Progress::new(3));
    r.shared.set_done("gp", true, 100_000);
    r.shared.set("note:gp", "afspraak \"12 maart\" 10:00", 200_000);
    r.link = Some(Link { secret: "c2VjcmV0".into(), known: true, ended: false });
    let theirs = Cell { value: "1".into(), at: Stamp { ms: 50, c: 0, node: 9 } };
    r.shared.pulled(&[Change { key: "done:x".into(), cell: theirs }], 7);
    // This phone's clock was a minute ahead: a negative offset is stored too.
    assert!(r.shared.observe_clock(150_000, 210_000, 210_000));
    let back = storage::parse_replica(&replica_json(&r)).expect("reads back");
    assert_eq!(back, r);
    assert_eq!((back.seq(), back.waiting()), (7, 2));

    // Not shared, it is plain progress, as older versions and the model read it.
    let plain = Replica::local(r.progress().clone());
    assert_eq!(&Progress::from_json(&replica_json(&plain)).unwrap(), plain.progress());
    let damaged = r#"{"v":2,"node":1,"clock":{"ms":0,"c":0,"node":1},"cells":{},"sync":{"secret":5}}"#;
    assert!(matches!(storage::parse_replica(damaged), Err(wegwijs_model::ProgressError::Malformed(_))));
}
