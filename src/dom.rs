//! Small bridges to the browser: the document, its language and direction, its title, the
//! clock, and dates in the person's language.

use wasm_bindgen::JsValue;
use wegwijs_model::{Date, Language};

/// The page's document.
pub fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("Wegwijs runs in a browser page")
}

/// Sets `<html lang dir>`, so the whole layout mirrors for right-to-left languages and screen
/// readers speak the right language.
pub fn set_document_language(lang: &Language) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang.code);
        let _ = html.set_attribute("dir", lang.dir.as_str());
    }
}

/// Sets the tab and history title: `{page} · Wegwijs`.
pub fn set_title(page: &str) {
    let title = if page.is_empty() { "Wegwijs".to_owned() } else { format!("{page} · Wegwijs") };
    document().set_title(&title);
}

/// Moves focus to `<main>` (which has `tabindex="-1"`), without scrolling.
pub fn focus_main() {
    use wasm_bindgen::JsCast;
    if let Some(main) = document().get_element_by_id("main").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = main.focus_with_options(&options);
    }
}

/// Scrolls the element named by the address's `#fragment` into view, if there is one, and marks
/// it `data-target` (CSS's `:target` does not follow the router's in-app navigation).
pub fn scroll_to_hash() {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let id = hash.trim_start_matches('#');
    if let Some(element) = (!id.is_empty()).then(|| document().get_element_by_id(id)).flatten() {
        let _ = element.set_attribute("data-target", "");
        element.scroll_into_view();
    }
}

/// Milliseconds since the Unix epoch, from the device clock.
pub fn now_millis() -> u64 {
    js_sys::Date::now() as u64
}

/// Today's date in the Netherlands (Europe/Amsterdam), whatever time zone the phone is set to.
pub fn today() -> Date {
    Date::amsterdam_from_unix_millis(js_sys::Date::now())
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = document().create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // Revoked a while later: some browsers read the file only after the click returns.
    leptos::prelude::set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(30),
    );
}

/// The element matching `selector` that an event inside a string of HTML came from (itself or
/// the nearest ancestor), for listeners that serve a whole screen.
pub fn event_from(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok().flatten()
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The browser's preferred languages, most preferred first.
pub fn preferred_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

thread_local! {
    // One formatter per language and option: `toLocaleDateString` builds a new one on every call
    // (about 5 ms each on a slow phone, and the plan writes dozens of dates); a kept formatter
    // writes a date in microseconds.
    static FORMATS: std::cell::RefCell<Vec<(String, &'static str, js_sys::Function)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Noon UTC of `day` (`YYYY-MM-DD`) written by the browser in `lang` with one `Intl` option
/// (`dateStyle: long`, `month: long`), in UTC so no time zone shifts the day; `None` when the
/// browser cannot.
fn locale_text(day: &str, lang: &str, option: &'static str) -> Option<String> {
    let format = FORMATS.with_borrow_mut(|formats| {
        if let Some((_, _, f)) = formats.iter().find(|(l, o, _)| l == lang && *o == option) {
            return f.clone();
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &option.into(), &"long".into());
        let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
        let locales = js_sys::Array::of1(&lang.into());
        let f = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
        formats.push((lang.to_owned(), option, f.clone()));
        f
    });
    let js = js_sys::Date::new(&JsValue::from_str(&format!("{day}T12:00:00Z")));
    // An invalid date makes the formatter throw: then the caller writes the ISO form.
    let text = format.call1(&JsValue::UNDEFINED, &js).ok()?.as_string()?;
    (!text.is_empty()).then_some(text)
}

/// The name of a month (1 to 12) in `lang` ("mei", "أيار"), or its number.
pub fn month_name(month: u8, lang: &str) -> String {
    locale_text(&format!("2024-{month:02}-15"), lang, "month").unwrap_or_else(|| month.to_string())
}

/// A date written out in `lang` ("29 november 2026", "٢٩ نوفمبر ٢٠٢٦"), or ISO when the browser
/// cannot.
pub fn format_date(date: Date, lang: &str) -> String {
    locale_text(&date.to_string(), lang, "dateStyle").unwrap_or_else(|| date.to_string())
}
