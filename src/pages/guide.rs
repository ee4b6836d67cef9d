//! `/{lang}/{guide}/`: a guide's steps in order, each with its tick and a link to the step. The
//! list is one string of HTML with one listener for its ticks (`components::Ticks`).

use leptos::prelude::*;
use wegwijs_model::{Guide, GuideWords};

use crate::components::{checkbox, escape, Ticks};
use crate::content::Content;
use crate::pages::NotFoundView;
use crate::storage::ProgressState;
use crate::{dom, routes};

/// A guide, or not found.
#[component]
pub fn GuidePage(id: String) -> impl IntoView {
    let content = expect_context::<Content>();
    match (content.structure.guide(&id), content.guide_words(&id)) {
        (Some(guide), Some(words)) => guide_view(&content, guide, words).into_any(),
        _ => view! { <NotFoundView/> }.into_any(),
    }
}

fn guide_view(content: &Content, guide: &Guide, words: &GuideWords) -> impl IntoView {
    let state = expect_context::<ProgressState>();
    let ui = content.ui();
    let lang = content.lang.code;
    dom::set_title(&words.title);
    let head = format!(
        r#"<nav class="crumbs"><a href="{}">{}</a></nav><h1 class="page__title">{}</h1><p class="page__lead">{}</p>"#,
        escape(&routes::home(lang)),
        escape(ui.home()),
        escape(&words.title),
        escape(&words.summary)
    );
    let mut list = String::from(r#"<ol class="step-list">"#);
    state.progress.with_untracked(|p| {
        for id in &guide.steps {
            let Some(step) = content.step_words(id) else { continue };
            let deadline = step
                .deadline
                .as_deref()
                .map(|d| format!(r#"<span class="step-item__deadline">{}</span>"#, escape(d)))
                .unwrap_or_default();
            list += &format!(
                r#"<li class="step-item">{}<a class="step-item__link" href="{}"><span class="step-item__title">{}</span>{deadline}</a></li>"#,
                checkbox(id, &step.title, true, false, p.is_done(id)),
                escape(&routes::step(lang, &guide.id, id)),
                escape(&step.title)
            );
        }
    });
    list += "</ol>";
    let steps = guide.steps.clone();
    let total = steps.len();
    let ui = ui.clone();
    let progress_text = move || ui.progress_text(state.count_done(&steps), total);
    view! {
        <div inner_html=head></div>
        <p class="progress-line" aria-live="polite">{progress_text}</p>
        <Ticks html=list/>
    }
}
