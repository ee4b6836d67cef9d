//! Tick boxes inside HTML strings: [`checkbox`] writes one, [`Ticks`] shows a string of HTML
//! whose boxes (and a step's note, `textarea[data-note]`) save at once (one listener for all)
//! and follow the progress (a change in another tab), without a view node per box.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use wegwijs_model::progress::NOTE;

use super::escape;
use crate::storage::ProgressState;

/// A real checkbox with a label, for `step`. `hide_label` keeps the label for screen readers
/// only, where the step's title stands beside the box already.
pub fn checkbox(step: &str, label: &str, hide_label: bool, large: bool, checked: bool) -> String {
    format!(
        r#"<label class="done-toggle{}"><input type="checkbox" data-step="{}"{}><span{}>{}</span></label>"#,
        if large { " done-toggle--large" } else { "" },
        escape(step),
        if checked { " checked" } else { "" },
        if hide_label { r#" class="visually-hidden""# } else { "" },
        escape(label)
    )
}

/// `html` (drawn once), whose [`checkbox`]es tick their steps.
#[component]
pub fn Ticks(html: String) -> impl IntoView {
    let state = expect_context::<ProgressState>();
    // Every box on screen shows the stored state, also after a change in another tab.
    Effect::new(move |_| {
        state.progress.with(|p| {
            let Ok(boxes) = crate::dom::document().query_selector_all("input[data-step]") else { return };
            for i in 0..boxes.length() {
                if let Some(input) = boxes.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) {
                    input.set_checked(input.get_attribute("data-step").is_some_and(|s| p.is_done(&s)));
                }
            }
            // A note written in another tab shows here, unless this one is being written in.
            let note = crate::dom::document().query_selector("textarea[data-note]").ok().flatten();
            if let Some(area) = note.and_then(|n| n.dyn_into::<HtmlTextAreaElement>().ok()) {
                let focused = crate::dom::document().active_element().is_some_and(|a| a == **area);
                if let (false, Some(step)) = (focused, area.get_attribute("data-note")) {
                    area.set_value(p.get(&format!("{NOTE}{step}")).unwrap_or(""));
                }
            }
        })
    });
    // Every keystroke is saved, so a note survives the app being closed mid-sentence.
    let on_input = move |ev: leptos::ev::Event| {
        let Some(area) = ev.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) else { return };
        if let Some(step) = area.get_attribute("data-note") {
            state.set_note(&step, &area.value());
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if let Some(step) = input.get_attribute("data-step") {
            state.set_done(&step, input.checked());
        }
    };
    view! { <div class="ticks" inner_html=html on:change=on_change on:input=on_input></div> }
}
