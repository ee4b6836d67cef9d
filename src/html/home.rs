//! The home screen as one string of HTML: what Wegwijs is for, what to do next, the way to the
//! plan, and the guides with how far the person got in each.

use std::fmt::Write;

use wegwijs_model::plan::Item;
use wegwijs_model::Progress;

use super::Page;
use crate::components::escape;
use crate::routes;

impl Page<'_> {
    /// Home, for `progress` and its plan `items`.
    pub fn home(&self, progress: &Progress, items: &[Item]) -> String {
        let ui = &self.words.ui;
        let mut out = format!(r#"<h1 class="page__title">{}</h1>"#, escape(ui.tagline()));
        out += &self.next(items);
        let _ = write!(
            out,
            r#"<p class="plan-link"><a class="button" href="{}">{}</a></p><h2 class="section-title">{}</h2><ul class="cards">"#,
            escape(&routes::plan(self.lang)),
            escape(ui.plan()),
            escape(ui.guides())
        );
        for guide in &self.structure.guides {
            let Some(words) = self.words.guides.get(&guide.id) else { continue };
            let total = guide.steps.len();
            let done = progress.count_done(guide.steps.iter().map(String::as_str));
            let text = ui.progress_text(done, total);
            let _ = write!(
                out,
                r#"<li class="card"><a class="card__link" href="{}"><h3 class="card__title">{}</h3><p class="card__summary">{}</p><p class="card__progress">{}</p><svg class="meter" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect class="meter__fill" width="{}" height="8"/></svg></a></li>"#,
                escape(&routes::guide(self.lang, &guide.id)),
                escape(&words.title),
                escape(&words.summary),
                escape(&text),
                done * 100 / total.max(1)
            );
        }
        let _ = write!(
            out,
            r#"</ul><p class="glossary-link"><a class="button button--secondary" href="{}">{}</a> <a class="button button--secondary" href="{}">{}</a> <a class="button button--secondary" href="{}">{}</a></p>"#,
            escape(&routes::glossary(self.lang)),
            escape(ui.glossary()),
            escape(&routes::share(self.lang)),
            escape(ui.share()),
            escape(&routes::data(self.lang)),
            escape(ui.data())
        );
        out
    }
}
