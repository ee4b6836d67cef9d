//! `/{lang}/plan/`: the person's own plan: every step that is for them in order, with its state
//! and its date; steps not for them folded away with the reason, behind "Show all steps"; the
//! Dutch title beside each (so an official can read the printout); and the dates as a calendar
//! file, for one step or all.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wegwijs_model::plan::{self, Due, Item};
use wegwijs_model::{ics, Intake, Words};

use crate::components::{page, NextSteps};
use crate::content::{self, Content};
use crate::storage::ProgressState;
use crate::{dom, routes};

/// The plan screen.
#[component]
pub fn PlanPage() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let ui = content.ui().clone();
    let lang = content.lang.code;
    dom::set_title(ui.plan());
    let today = dom::today();
    let show_all = RwSignal::new(false);
    let dutch: RwSignal<Option<Arc<Words>>> = RwSignal::new(None);
    if lang != wegwijs_model::language::SOURCE {
        leptos::task::spawn_local(async move { dutch.set(content::dutch().await) });
    }
    let answered = move || state.progress.with(|p| !Intake::new(p).is_empty());
    let unreadable = move || state.progress.with(|p| Intake::new(p).unreadable().is_empty());

    let of = content.clone();
    let list = move || {
        let dutch = dutch.get();
        let date = |d| dom::format_date(d, lang);
        let month = |m| dom::month_name(m, lang);
        state.progress.with(|p| {
            page(&of, today, &date, &month).plan(&plan::plan(&of.structure, p, today), dutch.as_deref(), show_all.get())
        })
    };
    // One calendar file for every open dated step, or for the step whose button was pressed.
    let of = content.clone();
    let download = move |only: Option<String>| {
        let text =
            state.progress.with_untracked(|p| calendar(&of, &plan::plan(&of.structure, p, today), only.as_deref()));
        let name = only.map_or("wegwijs.ics".to_owned(), |id| format!("wegwijs-{id}.ics"));
        dom::download(&name, "text/calendar", &text);
    };
    let download = StoredValue::new(download);
    let on_list_click = move |ev: leptos::ev::MouseEvent| {
        let button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("[data-ics]").ok().flatten());
        if let Some(id) = button.and_then(|b| b.get_attribute("data-ics")) {
            download.with_value(|d| d(Some(id)));
        }
    };
    let switch_label = ui.change_answers().to_owned();
    let start_label = ui.answer_questions().to_owned();
    view! {
        <nav class="crumbs"><a href=routes::home(lang)>{ui.home().to_owned()}</a></nav>
        <h1 class="page__title">{ui.plan().to_owned()}</h1>
        <p class="page__lead" hidden=answered>{ui.plan_intro().to_owned()}</p>
        <p class="notice" role="status" hidden=unreadable>{ui.answers_unreadable().to_owned()}</p>
        <p class="plan__actions">
            <a class="button" href=routes::questions(lang, None)>
                {move || if answered() { switch_label.clone() } else { start_label.clone() }}
            </a>
            <button type="button" class="button button--secondary" on:click=move |_| download.with_value(|d| d(None))>{ui.add_all_to_calendar().to_owned()}</button>
            <button type="button" class="button button--secondary" on:click=|_| dom::print()>{ui.print_plan().to_owned()}</button>
        </p>
        <NextSteps/>
        <label class="switch">
            <input type="checkbox" on:change=move |ev| show_all.set(event_target_checked(&ev))/>
            <span>{ui.show_all().to_owned()}</span>
        </label>
        <ol class="plan" inner_html=list on:click=on_list_click></ol>
    }
}

/// A calendar file of the open dated steps among `items` (or only the step `only`), in the
/// person's language, with the step's Dutch key words and its address in the app.
fn calendar(content: &Content, items: &[Item], only: Option<&str>) -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let mut owned = Vec::new();
    for item in items.iter().filter(|i| only.is_none_or(|o| o == i.step.id) && i.open()) {
        let id = item.step.id.as_str();
        let (Due::On(date), Some(words), Some(guide)) =
            (&item.due, content.step_words(id), content.structure.guide_of(id))
        else {
            continue;
        };
        let text = format!("{}\n{}", words.deadline.as_deref().unwrap_or_default(), item.step.keywords.join(", "));
        let url = format!("{origin}{}", routes::step(content.lang.code, &guide.id, id));
        owned.push((id, *date, words.title.as_str(), text, url));
    }
    let events: Vec<ics::Deadline> = owned
        .iter()
        .map(|(step, date, title, text, url)| ics::Deadline { step, date: *date, title, text, url })
        .collect();
    ics::calendar(&events, &ics::stamp(dom::now_millis()))
}
