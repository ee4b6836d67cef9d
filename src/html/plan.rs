//! The plan screen as one string of HTML: the actions, what to do next, and every step in order
//! with its state, the Dutch title beside it, whether it is for the person and its date.

use std::fmt::Write;

use wegwijs_model::plan::{Due, Item};
use wegwijs_model::Words;

use super::Page;
use crate::components::escape;
use crate::routes;

impl Page<'_> {
    /// The plan screen: the way to the questions, calendar and print buttons (found by their
    /// `data-ics` and `data-print` attributes), what to do next, a switch that shows the steps
    /// not for the person (by CSS, so nothing is drawn again), and the list.
    pub fn plan_screen(&self, items: &[Item], dutch: Option<&Words>, answered: bool, unreadable: bool) -> String {
        let ui = &self.words.ui;
        let mut out = format!(
            r#"<nav class="crumbs"><a href="{}">{}</a></nav><h1 class="page__title">{}</h1>"#,
            escape(&routes::home(self.lang)),
            escape(ui.home()),
            escape(ui.plan())
        );
        if !answered {
            let _ = write!(out, r#"<p class="page__lead">{}</p>"#, escape(ui.plan_intro()));
        }
        if unreadable {
            let _ = write!(out, r#"<p class="notice" role="status">{}</p>"#, escape(ui.answers_unreadable()));
        }
        let _ = write!(
            out,
            r#"<p class="plan__actions"><a class="button" href="{}">{}</a><button type="button" class="button button--secondary" data-ics="">{}</button><button type="button" class="button button--secondary" data-print>{}</button></p>"#,
            escape(&routes::questions(self.lang, None)),
            escape(if answered { ui.change_answers() } else { ui.answer_questions() }),
            escape(ui.add_all_to_calendar()),
            escape(ui.print_plan())
        );
        out += &self.next(items);
        let _ = write!(
            out,
            r#"<label class="switch"><input type="checkbox" id="show-all"><span>{}</span></label><ol class="plan">{}</ol>"#,
            escape(ui.show_all()),
            self.plan(items, dutch)
        );
        out
    }

    /// The plan's items, in order: each with its state, the Dutch title beside it, whether it is
    /// for the person (with the reason when not, or maybe), its date, and a calendar button when
    /// it has a date. Steps not for the person are marked `plan__item--out` (hidden by CSS until
    /// "show all steps" is on).
    pub fn plan(&self, items: &[Item], dutch: Option<&Words>) -> String {
        let ui = &self.words.ui;
        let mut out = String::new();
        for item in items {
            let id = &item.step.id;
            let reason = self.words.steps.get(id).and_then(|w| w.applies.as_deref());
            let mut class = String::from("plan__item");
            for (on, name) in [
                (item.done, " plan__item--done"),
                (item.applies == Some(false), " plan__item--out"),
                (item.overdue(self.today), " plan__item--overdue"),
            ] {
                if on {
                    class.push_str(name);
                }
            }
            let _ = write!(out, r#"<li class="{class}"><div class="plan__body">{}"#, self.step_link(id, "plan__title"));
            if let Some(nl) = dutch.and_then(|w| w.steps.get(id)) {
                let _ = write!(out, r#"<span class="plan__nl" lang="nl" dir="ltr">{}</span>"#, escape(&nl.title));
            }
            if item.done {
                let _ = write!(out, r#"<p class="plan__state">✓ {}</p>"#, escape(ui.done()));
            }
            let status = match item.applies {
                Some(false) => Some(&ui.not_for_you()),
                None => Some(&ui.maybe_for_you()),
                Some(true) => None,
            };
            if let Some(label) = status {
                let why = reason.map(|r| format!(": {}", escape(r))).unwrap_or_default();
                let _ = write!(out, r#"<p class="plan__status"><strong>{}</strong>{why}</p>"#, escape(label));
            }
            if !item.done {
                out.push_str(&self.due(item));
            }
            if item.open() && matches!(item.due, Due::On(_)) {
                let _ = write!(
                    out,
                    r#"<button type="button" class="button button--small button--secondary plan__calendar" data-ics="{}">{}</button>"#,
                    escape(id),
                    escape(ui.add_to_calendar())
                );
            }
            out.push_str("</div></li>");
        }
        out
    }
}
