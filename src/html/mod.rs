//! Screens as escaped HTML in one string each: home with what to do next, the plan and the
//! intake here; the guide, step and glossary pages build theirs beside their views. A view node
//! per element cost kilobytes of wasm that every first visit downloads (about 27 KB brotli for
//! the plan's questions and steps); strings cost a fraction. The pages set them with `inner_html`
//! and listen once on the whole (event delegation). Pure functions of the content, the progress
//! and today, so they are tested natively.

use std::fmt::Write;

use wegwijs_model::content::fill;
use wegwijs_model::plan::{Due, Item, Why};
use wegwijs_model::{Date, Structure, Words};

use crate::components::escape;
use crate::content::Content;
use crate::routes;

mod home;
mod plan;
mod questions;

pub use questions::CHILD_ROWS;
pub use wegwijs_model::intake::follow_up_css;

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

impl<'a> Page<'a> {
    /// A page for the content on screen, with the browser's way of writing dates and months.
    pub fn of(
        content: &'a Content,
        today: Date,
        date: &'a dyn Fn(Date) -> String,
        month: &'a dyn Fn(u8) -> String,
    ) -> Page<'a> {
        Page { lang: content.lang.code, words: &content.words, structure: &content.structure, today, date, month }
    }

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

    /// "What to do next": a titled list of up to three steps, each with why it is next and its
    /// date (empty when nothing is left to do).
    pub fn next(&self, items: &[Item]) -> String {
        let ui = &self.words.ui;
        let mut list = String::new();
        for (item, why) in wegwijs_model::plan::next(items, self.today, 3) {
            let why = match why {
                Why::Overdue => String::new(),
                Why::Soonest => format!(r#"<p class="next__why">{}</p>"#, escape(ui.why_soonest())),
                Why::Ready => format!(r#"<p class="next__why">{}</p>"#, escape(ui.why_ready())),
            };
            let _ = write!(
                list,
                r#"<li class="next__item">{}{why}{}</li>"#,
                self.step_link(&item.step.id, "next__link"),
                self.due(item)
            );
        }
        if list.is_empty() {
            return list;
        }
        format!(
            r#"<section class="next" aria-labelledby="next-title"><h2 class="section-title" id="next-title">{}</h2><ol class="next__list">{list}</ol></section>"#,
            escape(ui.what_next())
        )
    }
}

#[cfg(test)]
mod tests {
    //! The builders on the real content in English: what a person would read, by the words in
    //! the content files.
    use super::*;
    use wegwijs_model::plan::plan;
    use wegwijs_model::{Field, Intake, Progress};

    fn content() -> (Structure, Words) {
        let s = Structure::from_json(include_str!("../../content/structure.json")).unwrap();
        let w = Words::from_json("en", include_str!("../../content/lang/en.json")).unwrap();
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
            assert!(html.contains(&escape(page.words.ui.what_next())));
        });
    }

    #[test]
    fn a_missing_date_asks_for_the_answer_with_a_link_to_it() {
        with_page(|page| {
            let html = page.plan(&plan(page.structure, &Progress::new(1), page.today), None);
            assert!(html.contains(r##"href="/en/plan/questions#q-asylum_decision""##));
            assert!(html.contains(&escape(page.words.intake("asylum_decision"))));
            assert!(html.contains(&escape(page.words.ui.maybe_for_you())), "no answers: maybe");
        });
    }

    #[test]
    fn steps_not_for_the_person_are_marked_to_fold_away_with_the_reason() {
        let p = answers(&[(Field::Children, "none"), (Field::BirthYear, "1990")]);
        with_page(|page| {
            let items = plan(page.structure, &p, page.today);
            let html = page.plan(&items, None);
            let school = escape(&page.words.steps["school-start"].title);
            let item = html.split("</li>").find(|li| li.contains(&school)).unwrap();
            assert!(item.starts_with(r#"<li class="plan__item plan__item--out">"#), "{item}");
            assert!(item.contains(&escape(page.words.ui.not_for_you())), "{item}");
            let reason = page.words.steps["school-start"].applies.as_deref().unwrap();
            assert!(item.contains(&escape(reason)), "{item}");
            let screen = page.plan_screen(&items, None, true, false);
            assert!(screen.contains(r#"id="show-all""#) && screen.contains(&escape(page.words.ui.show_all())));
            assert!(screen.contains(&escape(page.words.ui.change_answers())));
            assert!(!screen.contains(&escape(page.words.ui.answers_unreadable())));
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
        assert!(
            css.contains("#q-left_reception[data-target]{display:block!important}"),
            "a plan's link shows it: {css}"
        );
    }

    #[test]
    fn home_shows_what_next_the_plan_and_each_guide_with_its_progress() {
        let mut p = answers(&[(Field::AsylumDecision, "2026-10-01"), (Field::PartnerAbroad, "yes")]);
        p.set_done("register-brp", true, 2);
        with_page(|page| {
            let html = page.home(&p, &plan(page.structure, &p, page.today));
            assert!(html.contains(&escape(page.words.ui.what_next())));
            assert!(html.contains(r#"href="/en/plan/""#) && html.contains(&escape(page.words.ui.plan())));
            let first = &page.structure.guides[0];
            let progress = fill(page.words.ui.progress(), &[("done", "1"), ("total", &first.steps.len().to_string())]);
            assert!(html.contains(&escape(&progress)), "{html}");
            for guide in &page.structure.guides {
                assert!(html.contains(&escape(&page.words.guides[&guide.id].title)), "{}", guide.id);
            }
        });
    }
}
