//! The plan's screens as escaped HTML in one string each: what to do next, the plan list and the
//! intake form. A view node per question and per step cost about 27 KB brotli of wasm, which
//! every first visit downloads; strings cost a fraction. The pages set them with `inner_html`
//! and listen once on the list or form (event delegation). Pure functions of the content, the
//! plan and today, so they are tested natively.

use std::fmt::Write;

use wegwijs_model::content::fill;
use wegwijs_model::intake::{births, Kind, UNKNOWN};
use wegwijs_model::plan::{Due, Item, Why};
use wegwijs_model::{Date, Field, Intake, Structure, Words};

use crate::components::escape;
use crate::routes;

/// What the builders need: the language, its words, the structure, today, and ways to write a
/// date and a month in the language (the browser's `Intl` in the app).
pub struct Page<'a> {
    pub lang: &'a str,
    pub words: &'a Words,
    pub structure: &'a Structure,
    pub today: Date,
    pub date: &'a dyn Fn(Date) -> String,
    /// A month's name in the language.
    pub month: &'a dyn Fn(u8) -> String,
}

impl Page<'_> {
    fn step_link(&self, id: &str, class: &str) -> String {
        let title = self.words.steps.get(id).map_or(id, |w| w.title.as_str());
        let href = self.structure.guide_of(id).map(|g| routes::step(self.lang, &g.id, id)).unwrap_or_default();
        format!(r#"<a class="{class}" href="{}">{}</a>"#, escape(&href), escape(title))
    }

    fn when(&self, template: &str, date: Date) -> String {
        escape(&fill(template, &[("date", &(self.date)(date))]))
    }

    /// A step's date: due and days left, passed (kindly), or which answers would give it.
    pub fn due(&self, item: &Item) -> String {
        let ui = &self.words.ui;
        match &item.due {
            Due::None => String::new(),
            Due::On(date) if item.overdue(self.today) => format!(
                r#"<p class="due due--overdue"><strong>{}</strong> {}</p>"#,
                self.when(ui.due_on(), *date),
                escape(ui.why_overdue())
            ),
            Due::On(date) => {
                let days = (date.to_days() - self.today.to_days()).to_string();
                format!(
                    r#"<p class="due"><strong>{}</strong> · {}</p>"#,
                    self.when(ui.due_on(), *date),
                    escape(&fill(ui.days_left(), &[("days", &days)]))
                )
            }
            Due::Unknown { maybe, needs } => {
                let mut out = String::from(r#"<div class="due due--unknown">"#);
                if let Some(d) = maybe {
                    let _ = write!(out, "<p><strong>{}</strong></p>", self.when(ui.due_maybe(), *d));
                }
                let _ = write!(out, r#"<p>{}</p><ul class="due__needs">"#, escape(ui.date_needs()));
                for f in needs {
                    let _ = write!(
                        out,
                        r#"<li><a href="{}">{}</a></li>"#,
                        escape(&routes::questions(self.lang, Some(f.id()))),
                        escape(self.words.intake(f.id()))
                    );
                }
                out + "</ul></div>"
            }
        }
    }

    /// The items of "what to do next".
    pub fn next(&self, items: &[Item]) -> String {
        let ui = &self.words.ui;
        let mut out = String::new();
        for (item, why) in wegwijs_model::plan::next(items, self.today, 3) {
            let why = match why {
                Why::Overdue => String::new(),
                Why::Soonest => format!(r#"<p class="next__why">{}</p>"#, escape(ui.why_soonest())),
                Why::Ready => format!(r#"<p class="next__why">{}</p>"#, escape(ui.why_ready())),
            };
            let _ = write!(
                out,
                r#"<li class="next__item">{}{why}{}</li>"#,
                self.step_link(&item.step.id, "next__link"),
                self.due(item)
            );
        }
        out
    }

    /// The plan's items, in order: each with its state, the Dutch title beside it, whether it is
    /// for the person (with the reason when not, or maybe), its date, and a calendar button when
    /// it has a date. Steps not for the person only when `show_all`.
    pub fn plan(&self, items: &[Item], dutch: Option<&Words>, show_all: bool) -> String {
        let ui = &self.words.ui;
        let mut out = String::new();
        for item in items.iter().filter(|i| show_all || i.applies != Some(false)) {
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

    /// The intake form's questions, filled in from the stored answers. Follow-up questions are
    /// shown by [`follow_up_css`]; the children rows appear one by one as years are filled in.
    pub fn questions(&self, intake: Intake) -> String {
        let ui = &self.words.ui;
        let mut out = String::new();
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
                        r#"<div class="intake__q" id="q-{id}"><label class="intake__label" for="q-{id}-input">{label}</label>{help}<input class="intake__input" id="q-{id}-input" name="{id}" {input} value="{}"{described}></div>"#,
                        escape(shown)
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
                    out.push_str("</ol></fieldset>");
                }
            }
        }
        out
    }
}

/// How many children the form has rows for; each row shows once the one before has a year.
pub const CHILD_ROWS: usize = 12;

/// CSS that shows a follow-up question only while the answer it follows is chosen, from the
/// model's one list (`Field::asked_when`).
pub fn follow_up_css() -> String {
    let mut out = String::new();
    for f in Field::ALL {
        if let Some((on, value)) = f.asked_when() {
            let _ = write!(
                out,
                ".intake:not(:has([name=\"{}\"][value=\"{value}\"]:checked)) #q-{}{{display:none}}",
                on.id(),
                f.id()
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    //! The builders on the real content in English: what a person would read, by the words in
    //! the content files.
    use super::*;
    use wegwijs_model::plan::plan;
    use wegwijs_model::Progress;

    fn content() -> (Structure, Words) {
        let s = Structure::from_json(include_str!("../content/structure.json")).unwrap();
        let w = Words::from_json("en", include_str!("../content/lang/en.json")).unwrap();
        (s, w)
    }

    fn answers(list: &[(Field, &str)]) -> Progress {
        let mut p = Progress::new(1);
        for (f, v) in list {
            p.set(&f.key(), v, 1);
        }
        p
    }

    fn with_page<T>(f: impl FnOnce(&Page) -> T) -> T {
        let (structure, words) = content();
        let date = |d: Date| d.to_string();
        let month = |m: u8| format!("month {m}");
        let page = Page {
            lang: "en",
            words: &words,
            structure: &structure,
            today: "2026-12-02".parse().unwrap(),
            date: &date,
            month: &month,
        };
        f(&page)
    }

    #[test]
    fn next_puts_family_reunification_first_with_its_date() {
        let p = answers(&[
            (Field::AsylumDecision, "2026-10-01"),
            (Field::Protection, "refugee"),
            (Field::PartnerAbroad, "yes"),
        ]);
        with_page(|page| {
            let html = page.next(&plan(page.structure, &p, page.today));
            let first = html.split("</li>").next().unwrap();
            assert!(first.contains(&escape(&page.words.steps["nareis-apply"].title)), "{first}");
            assert!(first.contains(&escape(&fill(page.words.ui.due_on(), &[("date", "2027-01-01")]))), "{first}");
            assert!(first.contains(&escape(&fill(page.words.ui.days_left(), &[("days", "30")]))), "{first}");
            assert_eq!(html.matches("<li").count(), 3);
        });
    }

    #[test]
    fn a_missing_date_asks_for_the_answer_with_a_link_to_it() {
        with_page(|page| {
            let html = page.plan(&plan(page.structure, &Progress::new(1), page.today), None, false);
            assert!(html.contains(r##"href="/en/plan/questions#q-asylum_decision""##));
            assert!(html.contains(&escape(page.words.intake("asylum_decision"))));
            assert!(html.contains(&escape(page.words.ui.maybe_for_you())), "no answers: maybe");
        });
    }

    #[test]
    fn steps_not_for_the_person_are_folded_away_unless_all_are_shown() {
        let p = answers(&[(Field::Children, "none"), (Field::BirthYear, "1990")]);
        with_page(|page| {
            let items = plan(page.structure, &p, page.today);
            let school = escape(&page.words.steps["school-start"].title);
            assert!(!page.plan(&items, None, false).contains(&school));
            let all = page.plan(&items, None, true);
            assert!(all.contains(&school));
            assert!(all.contains(&escape(page.words.ui.not_for_you())));
        });
    }

    #[test]
    fn the_form_holds_the_answers_and_every_question_once() {
        let p = answers(&[(Field::Housing, "home"), (Field::Children, "2019,2012-05"), (Field::BirthYear, "1990")]);
        with_page(|page| {
            let html = page.questions(Intake::new(&p));
            for f in Field::ALL {
                assert_eq!(html.matches(&format!(r#"id="q-{}""#, f.id())).count(), 1, "{f:?}");
            }
            assert!(html.contains(r#"name="housing" value="home" checked"#));
            assert!(html.contains(r#"name="birth_year" type="number""#) && html.contains(r#"value="1990""#));
            assert!(html.contains(r#"value="2019" placeholder"#) && html.contains(r#"value="2012" placeholder"#));
            assert!(html.contains(r#"<option value="05" selected>month 5</option>"#));
            assert_eq!(html.matches("name=\"child-year\"").count(), CHILD_ROWS);
        });
        let css = follow_up_css();
        assert!(css.contains(r#"[name="came_as_minor"][value="yes"]:checked)) #q-parents_abroad"#), "{css}");
    }
}
