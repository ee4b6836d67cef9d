//! The checks that keep content complete and consistent: the structure's ids, order, links and
//! dates, and each language's words against the structure, the source language and English.
//! `make test` runs them on every content file (`model/tests/content.rs`).

use std::collections::{BTreeMap, BTreeSet};

use super::{Problem, Structure, Words, PLACEHOLDERS};
use crate::condition::Condition;
use crate::date::Date;
use crate::language::{Language, Script};

/// Domains whose pages (and subdomains) may be linked: official bodies and the refugee council.
pub const OFFICIAL_DOMAINS: &[&str] = &[
    "ind.nl",
    "rijksoverheid.nl",
    "government.nl",
    "inburgeren.nl",
    "duo.nl",
    "belastingdienst.nl",
    "svb.nl",
    "coa.nl",
    "digid.nl",
    "uwv.nl",
    "werk.nl",
    "idw.nl",
    "nuffic.nl",
    "vluchtelingenwerk.nl",
    "refugeehelp.nl",
    "cak.nl",
    "rdw.nl",
    "overheid.nl",
    "mijnoverheid.nl",
    "sbb.nl",
    "zorgverzekeringslijn.nl",
    "112.nl",
    "thuisarts.nl",
    // The Dutch College of GPs' pages for newcomers (thuisarts.nl is its Dutch site).
    "gpinfo.nl",
    "politie.nl",
    "mycoa.nl",
    "netherlandsworldwide.nl",
    // A gemeente's own page, where the rule differs per gemeente (travel-document).
    "bodegraven-reeuwijk.nl",
    // The association of gemeenten, on what the law asks of every gemeente (social-guidance).
    "vng.nl",
    "officielebekendmakingen.nl",
    "kinderbescherming.nl",
    "nidos.nl",
    "juridischloket.nl",
    "discriminatie.nl",
    "huurcommissie.nl",
    "rijksvaccinatieprogramma.nl",
    "regelhulp.nl",
    "113.nl",
    // The foundation for refugee students, funded in part by the government (young-adults).
    "uaf.nl",
];

/// Whether `url` is https on an official domain.
pub fn is_official_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.contains(['@', ':']) && OFFICIAL_DOMAINS.iter().any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// Whether `url` is only a site's home page: no path, or just a language code such as `/en/`.
/// A home page cannot back what a step claims, so a step's source must be a deeper page.
pub fn is_home_page(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split(['?', '#']).next().unwrap_or("").split_once('/').map_or("", |(_, p)| p);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [] => true,
        [one] => one.len() == 2 && one.bytes().all(|b| b.is_ascii_lowercase()),
        _ => false,
    }
}

/// The ids of the app's own screens under `/{lang}/`, now and planned (the plan; sharing,
/// people followed, what happens to the person's data; search and settings to come): no guide may have one, and the route table
/// (`src/routes.rs`) reads this same list.
pub const RESERVED_IDS: &[&str] = &["glossary", "plan", "share", "join", "people", "data", "search", "settings"];

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Structure {
    /// Everything wrong with the structure; `today` bounds the last-checked dates.
    pub fn problems(&self, today: Date) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut say = |msg: String| out.push(Problem(format!("structure.json: {msg}")));

        for (kind, ids) in [
            ("guide", self.guides.iter().map(|g| g.id.as_str()).collect::<Vec<_>>()),
            ("step", self.steps.iter().map(|s| s.id.as_str()).collect()),
            ("glossary", self.glossary.iter().map(|t| t.id.as_str()).collect()),
        ] {
            let mut seen = BTreeSet::new();
            for id in ids {
                if !is_id(id) {
                    say(format!("{kind} id '{id}' is not lowercase a-z, 0-9 and '-'"));
                }
                if !seen.insert(id) {
                    say(format!("{kind} id '{id}' is used twice"));
                }
            }
        }
        if self.guides.iter().any(|g| RESERVED_IDS.contains(&g.id.as_str())) {
            say(format!("a guide may not have the id of an app screen: {RESERVED_IDS:?}"));
        }
        if self.guides.is_empty() {
            say("there are no guides".into());
        }
        let step_ids: BTreeSet<&str> = self.steps.iter().map(|s| s.id.as_str()).collect();
        let mut placed: BTreeMap<&str, &str> = BTreeMap::new();
        for guide in &self.guides {
            if guide.steps.is_empty() {
                say(format!("guide '{}' has no steps", guide.id));
            }
            for step in &guide.steps {
                if !step_ids.contains(step.as_str()) {
                    say(format!("guide '{}' lists step '{step}', which does not exist", guide.id));
                } else if let Some(other) = placed.insert(step, &guide.id) {
                    say(format!("step '{step}' is in guide '{other}' and in guide '{}'", guide.id));
                }
            }
        }
        for step in &self.steps {
            let id = &step.id;
            if !placed.contains_key(id.as_str()) {
                say(format!("step '{id}' is in no guide"));
            }
            for before in &step.after {
                if before == id || !step_ids.contains(before.as_str()) {
                    say(format!("step '{id}' comes after '{before}', which is not another step"));
                }
            }
            let conditions = step.applies.iter().chain(step.deadline.iter().filter_map(|r| r.when.as_ref()));
            for p in conditions.flat_map(Condition::problems) {
                say(format!("step '{id}': {p}"));
            }
            if let Some(i) = step.deadline.iter().position(|r| r.when.is_none()) {
                if i + 1 < step.deadline.len() {
                    say(format!(
                        "step '{id}': deadline rule {} has no \"if\", so the rules after it never apply",
                        i + 1
                    ));
                }
            }
            if step.links.is_empty() {
                say(format!("step '{id}' has no link to who helps"));
            }
            for link in step.links.iter().map(|l| (&l.org, &l.url)).chain([(&step.source.org, &step.source.url)]) {
                if link.0.trim().is_empty() {
                    say(format!("step '{id}' names no organisation for {}", link.1));
                }
                if !is_official_url(link.1) {
                    say(format!("step '{id}' links to {}, which is not https on an official domain", link.1));
                }
            }
            match (&step.source.home_page, is_home_page(&step.source.url)) {
                (None, true) => say(format!(
                    "step '{id}' names a home page, {}, as its source: name the page that says what the step \
                     claims, or give \"home_page\" with the reason there is none",
                    step.source.url
                )),
                (Some(_), false) => say(format!(
                    "step '{id}' gives a reason for a home-page source, but {} is not a home page",
                    step.source.url
                )),
                (Some(why), true) if why.trim().is_empty() => {
                    say(format!("step '{id}' allows a home-page source without saying why"))
                }
                _ => {}
            }
            if step.source.checked > today {
                say(format!("step '{id}' was checked on {}, a date in the future", step.source.checked));
            }
            if step.keywords.iter().any(|k| k.trim().is_empty()) {
                say(format!("step '{id}' has an empty keyword"));
            }
        }
        if let Some(cycle_at) = self.find_cycle() {
            say(format!("the 'after' order goes round in a circle through step '{cycle_at}'"));
        }
        if let Some(pair) = self.glossary.windows(2).find(|w| w[0].term.to_lowercase() > w[1].term.to_lowercase()) {
            say(format!(
                "the glossary is not in alphabetical order: '{}' stands before '{}'",
                pair[0].term, pair[1].term
            ));
        }
        for term in &self.glossary {
            if term.term.trim().is_empty() {
                say(format!("glossary entry '{}' has no term", term.id));
            }
        }
        out
    }

    /// A step on a cycle of `after` links, if any.
    fn find_cycle(&self) -> Option<&str> {
        // 0 = unvisited, 1 = on the current path, 2 = done.
        fn visit<'a>(s: &'a Structure, id: &'a str, state: &mut BTreeMap<&'a str, u8>) -> Option<&'a str> {
            match state.get(id) {
                Some(1) => return Some(id),
                Some(2) => return None,
                _ => {}
            }
            state.insert(id, 1);
            if let Some(step) = s.step(id) {
                for before in &step.after {
                    if let Some(found) = visit(s, before, state) {
                        return Some(found);
                    }
                }
            }
            state.insert(id, 2);
            None
        }
        let mut state = BTreeMap::new();
        self.steps.iter().find_map(|s| visit(self, &s.id, &mut state))
    }
}

impl Words {
    /// Everything wrong with one language's words: ids missing or extra against the structure,
    /// empty texts, optional texts present where the structure has nothing to say (or missing),
    /// lists of another length than the source language's, text in the wrong script, and text
    /// copied unchanged from the source or English.
    pub fn problems(&self, lang: &Language, structure: &Structure, source: &Words, english: &Words) -> Vec<Problem> {
        let file = format!("lang/{}.json", lang.code);
        let mut out = Vec::new();
        let mut say = |msg: String| out.push(Problem(format!("{file}: {msg}")));

        let compare = |kind: &str, want: BTreeSet<&str>, have: BTreeSet<&str>, say: &mut dyn FnMut(String)| {
            for id in want.difference(&have) {
                say(format!("{kind} '{id}' is missing"));
            }
            for id in have.difference(&want) {
                say(format!("{kind} '{id}' is not in structure.json"));
            }
        };
        compare(
            "guide",
            structure.guides.iter().map(|g| g.id.as_str()).collect(),
            self.guides.keys().map(String::as_str).collect(),
            &mut say,
        );
        compare(
            "step",
            structure.steps.iter().map(|s| s.id.as_str()).collect(),
            self.steps.keys().map(String::as_str).collect(),
            &mut say,
        );
        compare(
            "glossary entry",
            structure.glossary.iter().map(|t| t.id.as_str()).collect(),
            self.glossary.keys().map(String::as_str).collect(),
            &mut say,
        );

        // The intake: every question and option, help texts only where the source has them.
        let required = Words::intake_keys();
        let optional: BTreeSet<&str> =
            source.intake.keys().map(String::as_str).filter(|k| k.ends_with(".help")).collect();
        for key in &required {
            if !self.intake.contains_key(key) {
                say(format!("intake.{key} is missing"));
            }
        }
        for key in self.intake.keys() {
            if !required.contains(key) && !optional.contains(key.as_str()) {
                say(format!("intake.{key} is not a question, an option or a help text of the source"));
            }
        }
        for key in &optional {
            if !self.intake.contains_key(*key) {
                say(format!("intake.{key} is missing: the source has this help text"));
            }
        }

        for (key, needed) in PLACEHOLDERS {
            let text = self.ui.entries().into_iter().find(|(k, _)| k == key).map(|(_, t)| t).unwrap_or("");
            for placeholder in *needed {
                if !text.contains(placeholder) {
                    say(format!("ui.{key} lacks the placeholder {placeholder}"));
                }
            }
        }

        for step in &structure.steps {
            let Some(words) = self.steps.get(&step.id) else {
                continue;
            };
            let id = &step.id;
            for (field, wanted, has) in [
                ("deadline", !step.deadline.is_empty(), words.deadline.is_some()),
                ("applies", step.applies.is_some(), words.applies.is_some()),
                ("uncertain", step.uncertain, words.uncertain.is_some()),
            ] {
                if wanted && !has {
                    say(format!("step '{id}' needs a '{field}' text: structure.json has one"));
                } else if has && !wanted {
                    say(format!("step '{id}' has a '{field}' text, but structure.json has none"));
                }
            }
            if words.actions.is_empty() {
                say(format!("step '{id}' has no actions in 'do'"));
            }
            if let Some(src) = source.steps.get(id) {
                if src.actions.len() != words.actions.len() {
                    say(format!(
                        "step '{id}' has {} actions, the source has {}",
                        words.actions.len(),
                        src.actions.len()
                    ));
                }
                if src.bring.len() != words.bring.len() {
                    say(format!(
                        "step '{id}' has {} things to bring, the source has {}",
                        words.bring.len(),
                        src.bring.len()
                    ));
                }
            }
        }

        let texts = self.texts();
        let copies_of: Vec<BTreeMap<String, &str>> =
            [(crate::language::SOURCE, source), (crate::language::FALLBACK, english)]
                .into_iter()
                .filter(|(code, _)| *code != lang.code)
                .map(|(_, w)| w.texts().into_iter().collect())
                .collect();
        let mut known: Vec<String> = structure.glossary.iter().map(|t| t.term.to_lowercase()).collect();
        known.sort_by_key(|w| std::cmp::Reverse(w.len()));
        for (place, text) in &texts {
            if text.trim().is_empty() {
                say(format!("{place} is empty"));
                continue;
            }
            if lang.script != Script::Latin {
                // Placeholders such as {date} are names for the app, not text in a script.
                // Glossary words and web addresses stay in Latin letters on purpose, so only the
                // rest is counted ("ما هو ontzorgen؟" is translated).
                let rest = crate::glossary::without_known_words(text, &known);
                let mut in_placeholder = false;
                let letters: Vec<char> = rest
                    .chars()
                    .filter(|c| {
                        in_placeholder = (in_placeholder || *c == '{') && *c != '}';
                        !in_placeholder && c.is_alphabetic()
                    })
                    .collect();
                let own = letters.iter().filter(|c| lang.script.has_letter(**c)).count();
                // Other Dutch words may stand in a translation too, but most letters must be
                // the language's own script, or the text was not translated.
                if !letters.is_empty() && own * 2 < letters.len() {
                    say(format!("{place} is mostly not in {:?} script: \"{text}\"", lang.script));
                }
            }
            // A long text identical to the source or English text was not translated.
            if text.chars().count() > 24 && copies_of.iter().any(|other| other.get(place) == Some(text)) {
                say(format!("{place} is a copy of the source or English text: \"{text}\""));
            }
        }
        out
    }

    /// Every text with the place it stands, such as `steps.digid.do[2]`.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = self.ui.entries().into_iter().map(|(k, v)| (format!("ui.{k}"), v)).collect();
        for (id, g) in &self.guides {
            out.push((format!("guides.{id}.title"), &g.title));
            out.push((format!("guides.{id}.summary"), &g.summary));
        }
        for (id, s) in &self.steps {
            out.push((format!("steps.{id}.title"), &s.title));
            out.push((format!("steps.{id}.why"), &s.why));
            out.push((format!("steps.{id}.helper"), &s.helper));
            for (i, a) in s.actions.iter().enumerate() {
                out.push((format!("steps.{id}.do[{i}]"), a));
            }
            for (i, b) in s.bring.iter().enumerate() {
                out.push((format!("steps.{id}.bring[{i}]"), b));
            }
            for (field, text) in [("deadline", &s.deadline), ("applies", &s.applies), ("uncertain", &s.uncertain)] {
                if let Some(t) = text {
                    out.push((format!("steps.{id}.{field}"), t));
                }
            }
        }
        for (id, text) in &self.glossary {
            out.push((format!("glossary.{id}"), text));
        }
        for (key, text) in &self.intake {
            out.push((format!("intake.{key}"), text));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fill;

    #[test]
    fn official_urls_only() {
        assert!(is_official_url("https://ind.nl/en"));
        assert!(is_official_url("https://www.government.nl/topics/asylum"));
        assert!(is_official_url("https://mijn.belastingdienst.nl"));
        assert!(!is_official_url("http://ind.nl/en"));
        assert!(!is_official_url("https://ind.nl.evil.example/"));
        assert!(!is_official_url("https://fakeind.nl/"));
        assert!(!is_official_url("https://ind.nl@evil.example/"));
        assert!(!is_official_url("https://ind.nl:8443/"));
    }

    #[test]
    fn home_pages_are_told_from_deep_pages() {
        for home in [
            "https://ind.nl",
            "https://ind.nl/",
            "https://ind.nl/en",
            "https://www.idw.nl/en/",
            "https://www.svb.nl?x=1",
        ] {
            assert!(is_home_page(home), "{home}");
        }
        for deep in [
            "https://forrefugees.vluchtelingenwerk.nl/en/family-reunification",
            "https://ind.nl/en/residence-permits/asylum/permanent-asylum-residency",
            "https://www.thuisarts.nl/spoed",
            "https://wetten.overheid.nl/BWBR0015703",
        ] {
            assert!(!is_home_page(deep), "{deep}");
        }
    }

    #[test]
    fn ids_are_kebab_case() {
        assert!(is_id("first-weeks"));
        assert!(is_id("step2"));
        assert!(!is_id("First-weeks"));
        assert!(!is_id("-x"));
        assert!(!is_id(""));
        assert!(!is_id("a b"));
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("{done} of {total} done", &[("done", "2"), ("total", "7")]), "2 of 7 done");
    }
}
