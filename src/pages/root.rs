//! `/`: sends to the best language: the one chosen last time, else the browser's, else English.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::NavigateOptions;
use wegwijs_model::Language;

use crate::{dom, routes, storage};

/// The language to open `/` in.
pub fn best_language() -> &'static Language {
    storage::remembered_language().and_then(|code| Language::by_code(&code)).unwrap_or_else(|| {
        let preferred = dom::preferred_languages();
        Language::negotiate(preferred.iter().map(String::as_str))
    })
}

/// Replaces `/` in the history with the home screen of the best language.
#[component]
pub fn RootRedirect() -> impl IntoView {
    let options = NavigateOptions { replace: true, ..NavigateOptions::default() };
    view! { <Redirect path=routes::home(best_language().code) options=options/> }
}
