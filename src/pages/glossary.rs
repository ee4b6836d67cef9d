//! `/{lang}/glossary/`: the Dutch official words a person meets in letters, each explained in
//! the person's language, with an anchor per word so steps can link to it.

use leptos::prelude::*;

use crate::components::{escape, with_all_words};
use crate::content::Content;
use crate::{dom, routes};

/// The glossary.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    with_all_words(expect_context::<Content>(), Box::new(|content| glossary(content).into_any()))
}

fn glossary(content: Content) -> impl IntoView {
    let ui = content.ui();
    dom::set_title(ui.glossary());
    // Opened from a shared or reloaded address such as `/ar/glossary/#bsn`, the word did not
    // exist yet when the browser looked for it.
    Effect::new(move |_| dom::scroll_to_hash());
    // structure.json keeps the glossary in alphabetical order (a content check sees to it).
    let mut html = format!(
        r#"<nav class="crumbs"><a href="{}">{}</a></nav><h1 class="page__title">{}</h1><p class="page__lead">{}</p><dl class="glossary">"#,
        escape(&routes::home(content.lang.code)),
        escape(ui.home()),
        escape(ui.glossary()),
        escape(ui.glossary_intro())
    );
    for term in &content.structure.glossary {
        if let Some(explanation) = content.words.glossary.get(&term.id) {
            html += &format!(
                r#"<div class="glossary__entry"><dt id="{}" lang="nl">{}</dt><dd>{}</dd></div>"#,
                escape(&term.id),
                escape(&term.term),
                escape(explanation)
            );
        }
    }
    html += "</dl>";
    view! { <div inner_html=html></div> }
}
