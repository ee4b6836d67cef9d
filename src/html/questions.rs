//! The intake form as one string of HTML: every question with its stored answer, "I don't know"
//! wherever it fits, follow-up questions shown by CSS, and rows for children by year of birth.

use std::fmt::Write;

use wegwijs_model::intake::{births, follow_up_css, Kind, UNKNOWN};
use wegwijs_model::{Field, Intake};

use super::Page;
use crate::components::escape;
use crate::routes;

impl Page<'_> {
    /// The intake screen: the questions in a form (saved as they change, so no submit button),
    /// the CSS that shows follow-up questions, and the ways to the plan and to delete the answers
    /// (a button with `data-delete`).
    pub fn questions_screen(&self, intake: Intake) -> String {
        let ui = &self.words.ui;
        let plan = escape(&routes::plan(self.lang));
        format!(
            r#"<nav class="crumbs"><a href="{plan}">{}</a></nav><h1 class="page__title">{}</h1><p class="page__lead">{}</p><p class="intake__saved">{}</p><style>{}</style><form class="intake">{}</form><p class="plan__actions"><a class="button" href="{plan}">{}</a><button type="button" class="button button--secondary" data-delete>{}</button></p>"#,
            escape(ui.plan()),
            escape(ui.answer_questions()),
            escape(ui.plan_intro()),
            escape(ui.answers_saved()),
            follow_up_css(),
            self.questions(intake),
            escape(ui.see_plan()),
            escape(ui.delete_answers())
        )
    }

    /// The intake form's questions, filled in from the stored answers. Follow-up questions are
    /// shown by [`follow_up_css`]; the children rows appear one by one as years are filled in.
    pub fn questions(&self, intake: Intake) -> String {
        let ui = &self.words.ui;
        let mut out = String::new();
        // Shown (and announced) by the page when a typed year cannot be saved.
        let year_error = format!(r#"<p class="intake__error" role="alert" hidden>{}</p>"#, escape(ui.year_invalid()));
        for &field in Field::ALL {
            let id = field.id();
            let value = intake.answer(field).unwrap_or("");
            let label = escape(self.words.intake(id));
            let help = self.words.intake.get(&format!("{id}.help"));
            let described = help.map(|_| format!(r#" aria-describedby="q-{id}-help""#)).unwrap_or_default();
            let help = help
                .map(|h| format!(r#"<p class="intake__help" id="q-{id}-help">{}</p>"#, escape(h)))
                .unwrap_or_default();
            let choice = |out: &mut String, v: &str, text: &str, kind: &str| {
                let checked = if value == v { " checked" } else { "" };
                let _ = write!(
                    out,
                    r#"<label class="choice"><input type="{kind}" name="{id}" value="{v}"{checked}><span>{}</span></label>"#,
                    escape(text)
                );
            };
            match field.kind() {
                Kind::Flag | Kind::Choice(_) => {
                    let _ = write!(
                        out,
                        r#"<fieldset class="intake__q" id="q-{id}"{described}><legend>{label}</legend>{help}<div class="choices">"#
                    );
                    match field.kind() {
                        Kind::Choice(options) => {
                            for o in options {
                                choice(&mut out, o, self.words.intake(&format!("{id}.{o}")), "radio");
                            }
                        }
                        _ => {
                            choice(&mut out, "yes", ui.yes(), "radio");
                            choice(&mut out, "no", ui.no(), "radio");
                        }
                    }
                    choice(&mut out, UNKNOWN, ui.dont_know(), "radio");
                    out.push_str("</div></fieldset>");
                }
                Kind::Date(_) | Kind::Year => {
                    let shown = if value == UNKNOWN { "" } else { value };
                    let input = if field.kind() == Kind::Year {
                        format!(r#"type="number" inputmode="numeric" min="1900" max="{}""#, self.today.year())
                    } else {
                        r#"type="date""#.to_owned()
                    };
                    let _ = write!(
                        out,
                        r#"<div class="intake__q" id="q-{id}"><label class="intake__label" for="q-{id}-input">{label}</label>{help}<input class="intake__input" id="q-{id}-input" name="{id}" {input} value="{}"{described}>{}</div>"#,
                        escape(shown),
                        if field.kind() == Kind::Year { &year_error } else { "" }
                    );
                }
                Kind::Births => {
                    let _ = write!(
                        out,
                        r#"<fieldset class="intake__q" id="q-{id}"{described}><legend>{label}</legend>{help}"#
                    );
                    choice(&mut out, "none", ui.no_children(), "checkbox");
                    out.push_str(r#"<ol class="children">"#);
                    let known = births(value).unwrap_or_default();
                    for row in 0..CHILD_ROWS {
                        let birth = known.get(row);
                        let year = birth.map(|b| b.year.to_string()).unwrap_or_default();
                        let _ = write!(
                            out,
                            r#"<li class="child"><label class="child__part"><span>{}</span><input class="intake__input" type="number" inputmode="numeric" min="1990" max="{}" name="child-year" value="{year}" placeholder=" "></label><label class="child__part"><span>{}</span><select class="intake__input" name="child-month"><option value="">–</option>"#,
                            escape(ui.child_year()),
                            self.today.year(),
                            escape(ui.child_month())
                        );
                        for m in 1..=12u8 {
                            let selected = if birth.and_then(|b| b.month) == Some(m) { " selected" } else { "" };
                            let _ = write!(
                                out,
                                r#"<option value="{m:02}"{selected}>{}</option>"#,
                                escape(&(self.month)(m))
                            );
                        }
                        out.push_str("</select></label></li>");
                    }
                    out.push_str("</ol>");
                    out.push_str(&year_error);
                    out.push_str("</fieldset>");
                }
            }
        }
        out
    }
}

/// How many children the form has rows for; each row shows once the one before has a year.
pub const CHILD_ROWS: usize = 12;
