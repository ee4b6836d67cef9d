//! The app's one route table: every screen's address, parsed and built in one place, as plain
//! functions tested natively. The URL is the state a person can share: language, guide and step
//! are all in it.
//!
//! | address                   | screen  |
//! |---------------------------|---------|
//! | `/`                       | sends to the best language |
//! | `/{lang}/`                | home    |
//! | `/{lang}/glossary/`       | the Dutch words explained |
//! | `/{lang}/plan/`           | my plan: the steps for me, with my dates |
//! | `/{lang}/plan/questions`  | the intake questions (`#q-{field}` for one) |
//! | `/{lang}/share/`          | walk together: share with a volunteer, stop, delete |
//! | `/{lang}/people/`         | the people a volunteer walks with |
//! | `/{lang}/data/`           | your data: what stays, what goes, who reads it, how to delete |
//! | `/join#{secret}`          | a volunteer's phone joins a person's space (the link shared) |
//! | `/{lang}/{guide}/`        | a guide |
//! | `/{lang}/{guide}/{step}`  | a step  |
//!
//! Anything else is a not-found screen. Trailing slashes are optional when reading. The ids of
//! the app's own screens, now and planned, are one list in the model (`RESERVED_IDS`), which the
//! content checks also forbid as guide ids.

use wegwijs_model::content::RESERVED_IDS;
use wegwijs_model::Language;

/// A screen inside a language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    Glossary,
    Plan,
    Questions,
    Share,
    People,
    Data,
    Guide(String),
    Step { guide: String, step: String },
    NotFound,
}

/// What an address asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: pick a language.
    Root,
    /// `/join`: the link a person shares; the secret is in the fragment, never sent.
    Join,
    /// A screen in a known language (which may still name a guide or step that does not exist).
    In(&'static Language, Screen),
    /// An address of no known shape or language.
    Unknown,
}

/// The id used in addresses for the glossary.
pub const GLOSSARY: &str = "glossary";
/// The id used in addresses for the plan.
pub const PLAN: &str = "plan";
const QUESTIONS: &str = "questions";
/// The id used in addresses for sharing.
pub const SHARE: &str = "share";
/// The id used in addresses for the people a volunteer follows.
pub const PEOPLE: &str = "people";
/// The id used in addresses for what happens to the person's data.
pub const DATA: &str = "data";
/// The address a person shares, before `#` and the secret.
pub const JOIN: &str = "/join";

/// Parses a path such as `/ar/first-weeks/digid`.
pub fn parse(path: &str) -> Route {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let Some((code, rest)) = parts.split_first() else { return Route::Root };
    if *code == &JOIN[1..] && rest.is_empty() {
        return Route::Join;
    }
    let Some(lang) = Language::by_code(code) else { return Route::Unknown };
    let screen = match rest {
        [] => Screen::Home,
        [g] if *g == GLOSSARY => Screen::Glossary,
        [g] if *g == PLAN => Screen::Plan,
        [g, q] if *g == PLAN && *q == QUESTIONS => Screen::Questions,
        [g] if *g == SHARE => Screen::Share,
        [g] if *g == PEOPLE => Screen::People,
        [g] if *g == DATA => Screen::Data,
        [g, ..] if RESERVED_IDS.contains(g) => Screen::NotFound,
        [g] => Screen::Guide((*g).to_owned()),
        [g, s] => Screen::Step { guide: (*g).to_owned(), step: (*s).to_owned() },
        _ => Screen::NotFound,
    };
    Route::In(lang, screen)
}

/// The home screen of a language: `/ar/`.
pub fn home(lang: &str) -> String {
    format!("/{lang}/")
}

/// A guide: `/ar/first-weeks/`.
pub fn guide(lang: &str, guide: &str) -> String {
    format!("/{lang}/{guide}/")
}

/// A step: `/ar/first-weeks/digid`.
pub fn step(lang: &str, guide: &str, step: &str) -> String {
    format!("/{lang}/{guide}/{step}")
}

/// The glossary: `/ar/glossary/`.
pub fn glossary(lang: &str) -> String {
    format!("/{lang}/{GLOSSARY}/")
}

/// One word in the glossary: `/ar/glossary/#bsn`.
pub fn glossary_entry(lang: &str, id: &str) -> String {
    format!("/{lang}/{GLOSSARY}/#{id}")
}

/// The plan: `/ar/plan/`.
pub fn plan(lang: &str) -> String {
    format!("/{lang}/{PLAN}/")
}

/// The intake, or one question of it: `/ar/plan/questions#q-birth_year`.
pub fn questions(lang: &str, field: Option<&str>) -> String {
    match field {
        Some(id) => format!("/{lang}/{PLAN}/{QUESTIONS}#q-{id}"),
        None => format!("/{lang}/{PLAN}/{QUESTIONS}"),
    }
}

/// Walking together: `/ar/share/`.
pub fn share(lang: &str) -> String {
    format!("/{lang}/{SHARE}/")
}

/// Your data: `/ar/data/`.
pub fn data(lang: &str) -> String {
    format!("/{lang}/{DATA}/")
}

/// The people a volunteer walks with: `/ar/people/`.
pub fn people(lang: &str) -> String {
    format!("/{lang}/{PEOPLE}/")
}

/// The link a person gives their volunteer.
pub fn join_link(origin: &str, secret: &str) -> String {
    format!("{origin}{JOIN}#{secret}")
}

/// The same screen in another language: `/ar/first-weeks/` becomes `/nl/first-weeks/`.
pub fn switch_language(path: &str, lang: &str) -> String {
    let rest = path.trim_start_matches('/');
    match rest.split_once('/') {
        Some((_, tail)) => format!("/{lang}/{tail}"),
        None => home(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(path: &str) -> Screen {
        match parse(path) {
            Route::In(_, screen) => screen,
            other => panic!("{path}: {other:?}"),
        }
    }

    #[test]
    fn parses_every_shape() {
        assert_eq!(parse("/"), Route::Root);
        assert_eq!(parse(""), Route::Root);
        assert_eq!(parse("/xx/"), Route::Unknown);
        assert_eq!(parse("/EN/"), Route::Unknown);
        assert!(matches!(parse("/ar/"), Route::In(l, Screen::Home) if l.code == "ar"));
        assert_eq!(screen("/nl"), Screen::Home);
        assert_eq!(screen("/nl/glossary/"), Screen::Glossary);
        assert_eq!(screen("/nl/first-weeks/"), Screen::Guide("first-weeks".into()));
        assert_eq!(screen("/nl/first-weeks"), Screen::Guide("first-weeks".into()));
        assert_eq!(screen("/nl/first-weeks/digid"), Screen::Step { guide: "first-weeks".into(), step: "digid".into() });
        assert_eq!(
            screen("/nl/first-weeks/digid/"),
            Screen::Step { guide: "first-weeks".into(), step: "digid".into() }
        );
        assert_eq!(screen("/nl/glossary/bsn"), Screen::NotFound);
        assert_eq!(screen("/nl/plan"), Screen::Plan);
        assert_eq!(screen("/nl/plan/questions"), Screen::Questions);
        assert_eq!(screen("/nl/plan/digid"), Screen::NotFound);
        assert_eq!(screen("/nl/share/"), Screen::Share);
        assert_eq!(screen("/nl/people"), Screen::People);
        assert_eq!(screen("/nl/data/"), Screen::Data);
        assert_eq!(parse("/join"), Route::Join);
        assert_eq!(parse("/join/"), Route::Join);
        assert_eq!(parse("/join/x"), Route::Unknown);
        for reserved in RESERVED_IDS {
            assert_ne!(screen(&format!("/nl/{reserved}/")), Screen::Guide((*reserved).into()), "{reserved}");
        }
        assert_eq!(screen("/nl/a/b/c"), Screen::NotFound);
    }

    #[test]
    fn builds_what_it_parses() {
        assert_eq!(home("ar"), "/ar/");
        assert_eq!(screen(&guide("nl", "housing")), Screen::Guide("housing".into()));
        assert_eq!(
            screen(&step("en", "first-weeks", "digid")),
            Screen::Step { guide: "first-weeks".into(), step: "digid".into() }
        );
        assert_eq!(screen(&glossary("en")), Screen::Glossary);
        assert_eq!(glossary_entry("ar", "bsn"), "/ar/glossary/#bsn");
        assert_eq!(screen(&plan("ti")), Screen::Plan);
        assert_eq!(screen(&questions("ti", None)), Screen::Questions);
        assert_eq!(questions("ti", Some("birth_year")), "/ti/plan/questions#q-birth_year");
        assert_eq!(screen(&share("fa")), Screen::Share);
        assert_eq!(screen(&people("fa")), Screen::People);
        assert_eq!(screen(&data("ps")), Screen::Data);
        assert_eq!(join_link("https://wegwijs.example", "abc"), "https://wegwijs.example/join#abc");
        assert_eq!(parse(JOIN), Route::Join);
    }

    #[test]
    fn switches_language_keeping_the_screen() {
        assert_eq!(switch_language("/ar/first-weeks/digid", "nl"), "/nl/first-weeks/digid");
        assert_eq!(switch_language("/ar/first-weeks/", "en"), "/en/first-weeks/");
        assert_eq!(switch_language("/ar/", "en"), "/en/");
        assert_eq!(switch_language("/ar", "en"), "/en/");
        assert_eq!(switch_language("/", "en"), "/en/");
    }
}
