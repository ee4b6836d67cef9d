//! `/{lang}/{guide}/{step}`: one step in full: why, what to do, what to bring, who helps, its
//! deadline and who it is for, the Dutch words in letters, the person's own note, and its source
//! with the date it was last checked.

use leptos::prelude::*;
use wegwijs_model::content::fill;
use wegwijs_model::progress::{NOTE, NOTE_MAX};
use wegwijs_model::{Guide, Step, StepWords};

use crate::components::glossary_text::linked_html;
use crate::components::{checkbox, escape, with_all_words, Ticks};
use crate::content::Content;
use crate::pages::NotFoundView;
use crate::storage::ProgressState;
use crate::{dom, routes};

/// A step, or not found.
#[component]
pub fn StepPage(guide: String, step: String) -> impl IntoView {
    with_all_words(expect_context::<Content>(), Box::new(move |content| step_page(content, &guide, &step).into_any()))
}

fn step_page(content: Content, guide: &str, step: &str) -> impl IntoView {
    let found = content
        .structure
        .guide(guide)
        .filter(|g| g.steps.iter().any(|s| s == step))
        .zip(content.structure.step(step))
        .zip(content.step_words(step));
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
    let ui = content.ui();
    let lang = content.lang.code;
    dom::set_title(&words.title);
    let guide_title = content.guide_words(&guide.id).map(|g| g.title.clone()).unwrap_or_default();

    let position = guide.steps.iter().position(|s| *s == step.id).unwrap_or(0);
    let neighbour = |index: Option<usize>| {
        let id = guide.steps.get(index?)?;
        Some((routes::step(lang, &guide.id, id), content.step_words(id)?.title.clone()))
    };

    let body = body_html(&content, &step, &words);
    let pager = [(position.checked_sub(1), ui.previous_step(), "previous"), (Some(position + 1), ui.next_step(), "next")]
        .into_iter()
        .filter_map(|(index, label, class)| {
            let (href, title) = neighbour(index)?;
            Some(format!(
                r#"<a class="pager__link pager__link--{class}" href="{}"><span class="pager__label">{}</span><span>{}</span></a>"#,
                escape(&href),
                escape(label),
                escape(&title)
            ))
        })
        .collect::<String>();

    let done = expect_context::<ProgressState>().progress.with_untracked(|p| p.is_done(&step.id));
    let html = format!(
        r#"<nav class="crumbs"><a href="{}">{}</a><span aria-hidden="true" class="crumbs__sep"> › </span><a href="{}">{}</a></nav><article class="step"><h1 class="page__title">{}</h1>{}<div class="step__body">{body}</div></article><nav class="pager">{pager}</nav>"#,
        escape(&routes::home(lang)),
        escape(ui.home()),
        escape(&routes::guide(lang, &guide.id)),
        escape(&guide_title),
        escape(&words.title),
        checkbox(&step.id, ui.mark_done(), false, true, done)
    );
    view! { <Ticks html=html/> }
}

/// Everything of a step below its tick, as escaped HTML: one string instead of a view node per
/// part saves about 5 KB brotli of wasm on every first visit.
fn body_html(content: &Content, step: &Step, words: &StepWords) -> String {
    let ui = content.ui();
    let (language, lang) = (content.lang, content.lang.code);
    let terms: Vec<(&str, &str)> =
        content.structure.glossary.iter().map(|t| (t.id.as_str(), t.term.as_str())).collect();
    let text = |t: &str| linked_html(t, &terms, language);
    let section = |class: &str, heading: Option<&str>, inner: String| {
        let h = heading.map(|h| format!("<h2>{}</h2>", escape(h))).unwrap_or_default();
        format!(r#"<section class="step__section{class}">{h}{inner}</section>"#)
    };
    let list = |tag: &str, class: &str, items: &[String]| {
        let lis: String = items.iter().map(|i| format!("<li>{}</li>", text(i))).collect();
        format!(r#"<{tag} class="{class}">{lis}</{tag}>"#)
    };
    let link = |url: &str, org: &str| {
        format!(
            r#"<a href="{}" rel="noopener" target="_blank">{} · {}</a>"#,
            escape(url),
            escape(org),
            escape(host(url))
        )
    };
    let mut out = section("", Some(ui.why()), format!("<p>{}</p>", text(&words.why)));
    if let Some(t) = &words.deadline {
        out += &section(" callout callout--deadline", Some(ui.deadline()), format!("<p>{}</p>", text(t)));
    }
    if let Some(t) = &words.applies {
        out += &section("", Some(ui.for_whom()), format!("<p>{}</p>", text(t)));
    }
    if let Some(t) = &words.uncertain {
        let inner = format!("<p>{}</p><p>{}</p>", text(t), escape(ui.may_change()));
        out += &section(r#" callout callout--uncertain" role="note"#, None, inner);
    }
    if !step.after.is_empty() {
        let state = expect_context::<ProgressState>();
        let items: String = step
            .after
            .iter()
            .filter_map(|before| {
                let before_guide = content.structure.guide_of(before)?;
                let title = &content.step_words(before)?.title;
                let done = state.progress.with_untracked(|p| p.is_done(before));
                let tag =
                    if done { format!(r#" <span class="tag">{}</span>"#, escape(ui.done())) } else { String::new() };
                Some(format!(
                    r#"<li{}><a href="{}">{}</a>{tag}</li>"#,
                    if done { r#" class="is-done""# } else { "" },
                    escape(&routes::step(lang, &before_guide.id, before)),
                    escape(title)
                ))
            })
            .collect();
        out += &section("", Some(ui.do_first()), format!(r#"<ul class="bullets">{items}</ul>"#));
    }
    out += &section("", Some(ui.what_to_do()), list("ol", "actions", &words.actions));
    let bring = if words.bring.is_empty() {
        format!("<p>{}</p>", escape(ui.nothing_to_bring()))
    } else {
        list("ul", "bullets", &words.bring)
    };
    out += &section("", Some(ui.what_to_bring()), bring);
    let links: String = step.links.iter().map(|l| format!("<li>{}</li>", link(&l.url, &l.org))).collect();
    out +=
        &section("", Some(ui.who_helps()), format!(r#"<p>{}</p><ul class="links">{links}</ul>"#, text(&words.helper)));
    if !step.keywords.is_empty() {
        let chips: String = step
            .keywords
            .iter()
            .map(|k| {
                let word = match content.structure.glossary.iter().find(|t| t.term.eq_ignore_ascii_case(k)) {
                    Some(term) => {
                        format!(r#"<a href="{}">{}</a>"#, escape(&routes::glossary_entry(lang, &term.id)), escape(k))
                    }
                    None => escape(k),
                };
                format!(r#"<li class="chip" lang="nl" dir="ltr">{word}</li>"#)
            })
            .collect();
        out += &section("", Some(ui.words_in_letters()), format!(r#"<ul class="chips">{chips}</ul>"#));
    }
    let note =
        expect_context::<ProgressState>().progress.with_untracked(|p| p.get(&format!("{NOTE}{}", step.id)).map(escape));
    out += &format!(
        r#"<section class="step__section step__note"><label class="note__label" for="note">{}</label><p class="note__hint" id="note-hint">{}</p><textarea id="note" class="note__text" data-note="{}" rows="3" maxlength="{NOTE_MAX}" aria-describedby="note-hint">{}</textarea></section>"#,
        escape(ui.note()),
        escape(ui.note_hint()),
        escape(&step.id),
        note.unwrap_or_default()
    );
    let checked = fill(ui.last_checked(), &[("date", &dom::format_date(step.source.checked, lang))]);
    out + &format!(
        r#"<footer class="step__source"><p>{}</p><p>{}: {}</p></footer>"#,
        escape(&checked),
        escape(ui.source()),
        link(&step.source.url, &step.source.org)
    )
}
