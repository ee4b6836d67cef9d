//! `/{lang}/{guide}/{step}`: one step in full: why, what to do, what to bring, who helps, its
//! deadline and who it is for, the Dutch words in letters, and its source with the date it was
//! last checked.

use leptos::prelude::*;
use wegwijs_model::content::fill;
use wegwijs_model::{Guide, Step, StepWords};

use crate::components::{DoneCheckbox, GlossaryText};
use crate::content::Content;
use crate::pages::NotFoundView;
use crate::storage::ProgressState;
use crate::{dom, routes};

/// A step, or not found.
#[component]
pub fn StepPage(guide: String, step: String) -> impl IntoView {
    let content = expect_context::<Content>();
    let found = content
        .structure
        .guide(&guide)
        .filter(|g| g.steps.contains(&step))
        .zip(content.structure.step(&step))
        .zip(content.step_words(&step));
    match found {
        Some(((guide, step), words)) => view! {
            <StepView content=content.clone() guide=guide.clone() step=step.clone() words=words.clone()/>
        }
        .into_any(),
        None => view! { <NotFoundView/> }.into_any(),
    }
}

/// The host name of a URL, to show where a link goes.
fn host(url: &str) -> &str {
    url.trim_start_matches("https://").split('/').next().unwrap_or(url).trim_start_matches("www.")
}

#[component]
fn StepView(content: Content, guide: Guide, step: Step, words: StepWords) -> impl IntoView {
    let state = expect_context::<ProgressState>();
    let ui = content.ui().clone();
    let lang = content.lang.code;
    dom::set_title(&words.title);
    let guide_title = content.guide_words(&guide.id).map(|g| g.title.clone()).unwrap_or_default();

    let position = guide.steps.iter().position(|s| *s == step.id).unwrap_or(0);
    let neighbour = |index: Option<usize>| {
        let id = guide.steps.get(index?)?;
        Some((routes::step(lang, &guide.id, id), content.step_words(id)?.title.clone()))
    };
    let previous = neighbour(position.checked_sub(1));
    let next = neighbour(Some(position + 1));

    let do_first = step
        .after
        .iter()
        .filter_map(|before| {
            let before_guide = content.structure.guide_of(before)?;
            let title = content.step_words(before)?.title.clone();
            let watched = before.clone();
            let done = Memo::new(move |_| state.is_done(&watched));
            Some(view! {
                <li class:is-done=done>
                    <a href=routes::step(lang, &before_guide.id, before)>{title}</a>
                    <span class="tag" class:hidden=move || !done.get()>{ui.done.clone()}</span>
                </li>
            })
        })
        .collect_view();
    let has_do_first = !step.after.is_empty();

    let links = step
        .links
        .iter()
        .map(|link| {
            view! {
                <li>
                    <a href=link.url.clone() rel="noopener" target="_blank">{link.org.clone()} " · " {host(&link.url).to_owned()}</a>
                </li>
            }
        })
        .collect_view();

    let actions = words.actions.iter().map(|a| view! { <li><GlossaryText text=a.clone()/></li> }).collect_view();
    let bring = if words.bring.is_empty() {
        view! { <p>{ui.nothing_to_bring.clone()}</p> }.into_any()
    } else {
        let items = words.bring.iter().map(|b| view! { <li><GlossaryText text=b.clone()/></li> }).collect_view();
        view! { <ul class="bullets">{items}</ul> }.into_any()
    };
    let keywords = step
        .keywords
        .iter()
        .map(|k| {
            let entry = content.structure.glossary.iter().find(|t| t.term.eq_ignore_ascii_case(k));
            let word = match entry {
                Some(term) => view! { <a href=routes::glossary_entry(lang, &term.id)>{k.clone()}</a> }.into_any(),
                None => k.clone().into_any(),
            };
            view! { <li class="chip" lang="nl" dir="ltr">{word}</li> }
        })
        .collect_view();
    let checked = fill(&ui.last_checked, &[("date", &dom::format_date(step.source.checked, lang))]);

    view! {
        <nav class="crumbs">
            <a href=routes::home(lang)>{ui.home.clone()}</a>
            <span aria-hidden="true" class="crumbs__sep">" › "</span>
            <a href=routes::guide(lang, &guide.id)>{guide_title}</a>
        </nav>
        <article class="step">
            <h1 class="page__title">{words.title.clone()}</h1>
            <DoneCheckbox step=step.id.clone() label=ui.mark_done.clone() large=true/>

            <section class="step__section">
                <h2>{ui.why.clone()}</h2>
                <p><GlossaryText text=words.why.clone()/></p>
            </section>

            {words.deadline.clone().map(|text| view! {
                <section class="step__section callout callout--deadline">
                    <h2>{ui.deadline.clone()}</h2>
                    <p><GlossaryText text=text/></p>
                </section>
            })}
            {words.applies.clone().map(|text| view! {
                <section class="step__section">
                    <h2>{ui.for_whom.clone()}</h2>
                    <p><GlossaryText text=text/></p>
                </section>
            })}
            {words.uncertain.clone().map(|text| view! {
                <section class="step__section callout callout--uncertain" role="note">
                    <p><GlossaryText text=text/></p>
                    <p>{ui.may_change.clone()}</p>
                </section>
            })}
            {has_do_first.then(|| view! {
                <section class="step__section">
                    <h2>{ui.do_first.clone()}</h2>
                    <ul class="bullets">{do_first}</ul>
                </section>
            })}

            <section class="step__section">
                <h2>{ui.what_to_do.clone()}</h2>
                <ol class="actions">{actions}</ol>
            </section>
            <section class="step__section">
                <h2>{ui.what_to_bring.clone()}</h2>
                {bring}
            </section>
            <section class="step__section">
                <h2>{ui.who_helps.clone()}</h2>
                <p><GlossaryText text=words.helper.clone()/></p>
                <ul class="links">{links}</ul>
            </section>
            {(!step.keywords.is_empty()).then(|| view! {
                <section class="step__section">
                    <h2>{ui.words_in_letters.clone()}</h2>
                    <ul class="chips">{keywords}</ul>
                </section>
            })}

            <footer class="step__source">
                <p>{checked}</p>
                <p>
                    {ui.source.clone()} ": "
                    <a href=step.source.url.clone() rel="noopener" target="_blank">{step.source.org.clone()} " · " {host(&step.source.url).to_owned()}</a>
                </p>
            </footer>
        </article>
        <nav class="pager">
            {previous.map(|(href, title)| view! {
                <a class="pager__link pager__link--previous" href=href>
                    <span class="pager__label">{ui.previous_step.clone()}</span>
                    <span>{title}</span>
                </a>
            })}
            {next.map(|(href, title)| view! {
                <a class="pager__link pager__link--next" href=href>
                    <span class="pager__label">{ui.next_step.clone()}</span>
                    <span>{title}</span>
                </a>
            })}
        </nav>
    }
}
