//! The checkbox that ticks a step, saved on the device at once.

use leptos::prelude::*;

use crate::storage::ProgressState;

/// A real checkbox with a label. `hide_label` keeps the label for screen readers only, where
/// the step's title stands beside the box already.
#[component]
pub fn DoneCheckbox(
    step: String,
    label: String,
    #[prop(optional)] hide_label: bool,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let state = expect_context::<ProgressState>();
    let watched = step.clone();
    let class = if large { "done-toggle done-toggle--large" } else { "done-toggle" };
    view! {
        <label class=class>
            <input
                type="checkbox"
                prop:checked=move || state.is_done(&watched)
                on:change=move |ev| state.set_done(&step, event_target_checked(&ev))
            />
            <span class:visually-hidden=hide_label>{label}</span>
        </label>
    }
}
