//! `/{lang}/{guide}/`: a guide's steps in order, each with its tick and a link to the step.

use leptos::prelude::*;
use wegwijs_model::{Guide, GuideWords};

use crate::components::DoneCheckbox;
use crate::content::Content;
use crate::pages::NotFoundView;
use crate::storage::ProgressState;
use crate::{dom, routes};

/// A guide, or not found.
#[component]
pub fn GuidePage(id: String) -> impl IntoView {
    let content = expect_context::<Content>();
    match (content.structure.guide(&id), content.guide_words(&id)) {
        (Some(guide), Some(words)) => {
            view! { <GuideView content=content.clone() guide=guide.clone() words=words.clone()/> }.into_any()
        }
        _ => view! { <NotFoundView/> }.into_any(),
    }
}

#[component]
fn GuideView(content: Content, guide: Guide, words: GuideWords) -> impl IntoView {
    let state = expect_context::<ProgressState>();
    let ui = content.ui().clone();
    dom::set_title(&words.title);

    let steps = guide.steps.clone();
    let total = steps.len();
    let text_of = content.clone();
    let progress_text = move || text_of.progress_text(state.count_done(&steps), total);

    let items = guide
        .steps
        .iter()
        .filter_map(|step_id| {
            let step_words = content.step_words(step_id)?;
            let title = step_words.title.clone();
            let watched = step_id.clone();
            let done = move || state.is_done(&watched);
            let deadline = step_words.deadline.clone();
            Some(view! {
                <li class="step-item" class:step-item--done=done>
                    <DoneCheckbox step=step_id.clone() label=title.clone() hide_label=true/>
                    <a class="step-item__link" href=routes::step(content.lang.code, &guide.id, step_id)>
                        <span class="step-item__title">{title}</span>
                        {deadline.map(|d| view! { <span class="step-item__deadline">{d}</span> })}
                    </a>
                </li>
            })
        })
        .collect_view();

    view! {
        <nav class="crumbs"><a href=routes::home(content.lang.code)>{ui.home().to_owned()}</a></nav>
        <h1 class="page__title">{words.title}</h1>
        <p class="page__lead">{words.summary}</p>
        <p class="progress-line" aria-live="polite">{progress_text}</p>
        <ol class="step-list">{items}</ol>
    }
}
