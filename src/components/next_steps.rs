//! "What to do next": up to three steps from the person's plan (overdue first, then the nearest
//! date, then the next open step in order), each with why it is next and its date.

use leptos::prelude::*;
use wegwijs_model::plan;

use crate::content::Content;
use crate::dom;
use crate::plan_html::Page;
use crate::storage::ProgressState;

/// A [`Page`] for the content on screen, with the browser's date and month names.
pub fn page<'a>(
    content: &'a Content,
    today: wegwijs_model::Date,
    date: &'a dyn Fn(wegwijs_model::Date) -> String,
    month: &'a dyn Fn(u8) -> String,
) -> Page<'a> {
    Page { lang: content.lang.code, words: &content.words, structure: &content.structure, today, date, month }
}

/// The next three things to do, recomputed whenever a tick or an answer changes.
#[component]
pub fn NextSteps() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let today = dom::today();
    let title = content.ui().what_next().to_owned();
    let lang = content.lang.code;
    let html = move || {
        let date = |d| dom::format_date(d, lang);
        let month = |m| dom::month_name(m, lang);
        state.progress.with(|p| page(&content, today, &date, &month).next(&plan::plan(&content.structure, p, today)))
    };
    view! {
        <section class="next" aria-labelledby="next-title">
            <h2 class="section-title" id="next-title">{title}</h2>
            <ol class="next__list" inner_html=html></ol>
        </section>
    }
}
