//! `/{lang}/`: what Wegwijs is for, what to do next, and the guides with how far the person got
//! in each. One string of HTML (`html::Page::home`), drawn again when a tick or answer changes.

use leptos::prelude::*;
use wegwijs_model::plan;

use crate::content::Content;
use crate::dom;
use crate::html::Page;
use crate::storage::ProgressState;

/// The home screen.
#[component]
pub fn HomePage() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    dom::set_title("");
    let today = dom::today();
    let lang = content.lang.code;
    let html = move || {
        let date = |d| dom::format_date(d, lang);
        let month = |m| dom::month_name(m, lang);
        state
            .progress
            .with(|p| Page::of(&content, today, &date, &month).home(p, &plan::plan(&content.structure, p, today)))
    };
    view! { <div class="home" inner_html=html></div> }
}
