//! `/{lang}/glossary/`: the Dutch official words a person meets in letters, each explained in
//! the person's language, with an anchor per word so steps can link to it.

use leptos::prelude::*;

use crate::content::Content;
use crate::{dom, routes};

/// The glossary.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let content = expect_context::<Content>();
    let ui = content.ui();
    dom::set_title(ui.glossary());
    // Opened from a shared or reloaded address such as `/ar/glossary/#bsn`, the word did not
    // exist yet when the browser looked for it.
    Effect::new(move |_| dom::scroll_to_hash());
    // structure.json keeps the glossary in alphabetical order (a content check sees to it).
    let entries: Vec<(String, String, String)> = content
        .structure
        .glossary
        .iter()
        .filter_map(|t| Some((t.term.clone(), t.id.clone(), content.words.glossary.get(&t.id)?.clone())))
        .collect();
    let items = entries
        .into_iter()
        .map(|(term, id, explanation)| {
            view! {
                <div class="glossary__entry">
                    <dt id=id lang="nl">{term}</dt>
                    <dd>{explanation}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <nav class="crumbs"><a href=routes::home(content.lang.code)>{ui.home().to_owned()}</a></nav>
        <h1 class="page__title">{ui.glossary().to_owned()}</h1>
        <p class="page__lead">{ui.glossary_intro().to_owned()}</p>
        <dl class="glossary">{items}</dl>
    }
}
