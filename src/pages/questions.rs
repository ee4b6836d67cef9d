//! `/{lang}/plan/questions`: the intake. Every question is optional, "I don't know" is an answer
//! wherever it fits, and each answer is saved on the phone the moment it is given (no submit
//! button to forget). The form is one string of HTML (see `html`) with one listener.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wegwijs_model::{Field, Intake};

use crate::content::Content;
use crate::dom;
use crate::html::Page;
use crate::storage::ProgressState;

/// The intake screen.
#[component]
pub fn QuestionsPage() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let lang = content.lang.code;
    dom::set_title(content.ui().answer_questions());
    // Opened from "answer this to know your date": show that question.
    request_animation_frame(dom::scroll_to_hash);
    // Drawn again only when the answers are deleted; otherwise the controls hold the answers.
    let drawn = RwSignal::new(0u32);
    let html = move || {
        let date = |d| dom::format_date(d, lang);
        let month = |m| dom::month_name(m, lang);
        let form = state
            .progress
            .with_untracked(|p| Page::of(&content, dom::today(), &date, &month).questions_screen(Intake::new(p)));
        // The view sets `inner_html` only when the string changed, but the controls have changed
        // since it was drawn: the draw's number makes every draw a new string.
        format!("<!--{}-->{form}", drawn.get())
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target().and_then(|t| {
            t.dyn_into::<web_sys::HtmlInputElement>().ok().map(Control::Input).or_else(|| {
                ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(Control::Select)
            })
        }) else {
            return;
        };
        let (name, value) = target.name_value();
        if let Control::Input(input) = &target {
            if input.type_() == "number" {
                show_year_errors(input);
            }
        }
        if name.starts_with("child-") || name == Field::Children.id() {
            let none = matches!(&target, Control::Input(i) if i.type_() == "checkbox" && i.checked());
            state.set_answer(Field::Children, &if none { "none".to_owned() } else { children(&ev) });
        } else if let Some(field) = Field::from_id(&name) {
            if value.is_empty() || field.accepts(&value) {
                state.set_answer(field, &value);
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if dom::event_from(&ev, "[data-delete]").is_some() {
            state.delete_answers();
            drawn.update(|n| *n += 1);
        }
    };
    view! {
        <div class="questions" inner_html=html on:change=on_change on:click=on_click on:submit=|ev| ev.prevent_default()></div>
    }
}

/// Marks the years typed in `input`'s question that cannot be saved (`aria-invalid`), and shows
/// the question's message while any is left.
fn show_year_errors(input: &web_sys::HtmlInputElement) {
    let Some(question) = input.closest(".intake__q").ok().flatten() else { return };
    let mut any = false;
    if let Ok(years) = question.query_selector_all("input[type=number]") {
        for i in 0..years.length() {
            let Some(year) = years.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                continue;
            };
            let value = year.value();
            let invalid = !value.is_empty() && !Field::BirthYear.accepts(&value);
            let _ = year.set_attribute("aria-invalid", if invalid { "true" } else { "false" });
            any |= invalid;
        }
    }
    if let Some(message) = question.query_selector(".intake__error").ok().flatten() {
        let _ = message.toggle_attribute_with_force("hidden", !any);
    }
}

/// A form control that changed.
enum Control {
    Input(web_sys::HtmlInputElement),
    Select(web_sys::HtmlSelectElement),
}

impl Control {
    fn name_value(&self) -> (String, String) {
        match self {
            Control::Input(i) => (i.name(), i.value()),
            Control::Select(s) => (s.name(), s.value()),
        }
    }
}

/// The children's stored form from the form's rows: each year filled in, with its month.
fn children(ev: &leptos::ev::Event) -> String {
    let form = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let all = |name: &str| -> Vec<String> {
        let Some(list) = form.as_ref().and_then(|f| f.query_selector_all(&format!("[name={name}]")).ok()) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| js_sys::Reflect::get(&n, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default())
            .collect()
    };
    let months = all("child-month");
    let rows: Vec<String> = all("child-year")
        .into_iter()
        .zip(months)
        .filter(|(y, _)| Field::BirthYear.accepts(y))
        .map(|(y, m)| if m.is_empty() { y } else { format!("{y}-{m}") })
        .collect();
    rows.join(",")
}
