//! `/{lang}/plan/`: the person's own plan: every step that is for them in order, with its state
//! and its date; steps not for them folded away with the reason, behind "Show all steps"; the
//! Dutch title beside each (so an official can read the printout); and the dates as a calendar
//! file, for one step or all. The screen is one string of HTML (`html`) with one listener.

use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_model::plan::{self, Due, Item};
use wegwijs_model::{ics, Intake, Words};

use crate::content::{self, Content};
use crate::html::Page;
use crate::storage::ProgressState;
use crate::{dom, routes};

/// The plan screen.
#[component]
pub fn PlanPage() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let lang = content.lang.code;
    dom::set_title(content.ui().plan());
    let today = dom::today();
    let dutch: RwSignal<Option<Arc<Words>>> = RwSignal::new(None);
    if lang != wegwijs_model::language::SOURCE {
        leptos::task::spawn_local(async move { dutch.set(content::dutch().await) });
    }
    let of = content.clone();
    let html = move || {
        let dutch = dutch.get();
        let date = |d| dom::format_date(d, lang);
        let month = |m| dom::month_name(m, lang);
        state.progress.with(|p| {
            let intake = Intake::new(p);
            let items = plan::plan(&of.structure, p, today);
            Page::of(&of, today, &date, &month).plan_screen(
                &items,
                dutch.as_deref(),
                !intake.is_empty(),
                !intake.unreadable().is_empty(),
            )
        })
    };
    // A calendar file for every open dated step (`data-ics=""`) or for the step whose button was
    // pressed; or the print dialog.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if dom::event_from(&ev, "[data-print]").is_some() {
            return dom::print();
        }
        let Some(only) = dom::event_from(&ev, "[data-ics]").and_then(|b| b.get_attribute("data-ics")) else { return };
        let only = (!only.is_empty()).then_some(only);
        let text = state
            .progress
            .with_untracked(|p| calendar(&content, &plan::plan(&content.structure, p, today), only.as_deref()));
        let name = only.map_or("wegwijs.ics".to_owned(), |id| format!("wegwijs-{id}.ics"));
        dom::download(&name, "text/calendar", &text);
    };
    view! { <div class="plan-page" inner_html=html on:click=on_click></div> }
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
