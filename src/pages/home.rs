//! `/{lang}/`: what Wegwijs is for, and the guides with how far the person got in each.

use leptos::prelude::*;

use crate::content::Content;
use crate::storage::ProgressState;
use crate::{dom, routes};

/// The home screen.
#[component]
pub fn HomePage() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    dom::set_title("");
    let ui = content.ui().clone();
    let guides = content
        .structure
        .guides
        .iter()
        .filter_map(|guide| {
            let words = content.guide_words(&guide.id)?.clone();
            let steps = guide.steps.clone();
            let total = steps.len();
            let done = Memo::new(move |_| state.count_done(&steps));
            let text_of = content.clone();
            let progress_text = move || text_of.progress_text(done.get(), total);
            let width = move || format!("width: {}%", done.get() * 100 / total.max(1));
            Some(view! {
                <li class="card">
                    <a class="card__link" href=routes::guide(content.lang.code, &guide.id)>
                        <h3 class="card__title">{words.title}</h3>
                        <p class="card__summary">{words.summary}</p>
                        <p class="card__progress">{progress_text}</p>
                        <div class="meter" aria-hidden="true"><div class="meter__fill" style=width></div></div>
                    </a>
                </li>
            })
        })
        .collect_view();
    view! {
        <h1 class="page__title">{ui.tagline().to_owned()}</h1>
        <h2 class="section-title">{ui.guides().to_owned()}</h2>
        <ul class="cards">{guides}</ul>
        <p class="glossary-link">
            <a class="button button--secondary" href=routes::glossary(content.lang.code)>{ui.glossary().to_owned()}</a>
        </p>
    }
}
