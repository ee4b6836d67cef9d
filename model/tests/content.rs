//! Checks the real content files: they parse, the structure is sound, every language has exactly
//! the structure's ids with no empty or untranslated text, and every link is official.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use wegwijs_model::language::{FALLBACK, SOURCE};
use wegwijs_model::{Date, Language, Structure, Words, LANGUAGES};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

fn today() -> Date {
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as f64;
    Date::from_unix_millis(ms)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(content_dir().join(rel)).unwrap_or_else(|e| panic!("content/{rel}: {e}"))
}

fn structure() -> Structure {
    Structure::from_json(&read("structure.json")).unwrap_or_else(|e| panic!("{e}"))
}

fn words(code: &str) -> Words {
    let file = format!("lang/{code}.json");
    Words::from_json(&file, &read(&file)).unwrap_or_else(|e| panic!("{e}"))
}

fn report(problems: Vec<wegwijs_model::Problem>) {
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
        panic!("{} content problem(s):\n{}", problems.len(), list.join("\n"));
    }
}

#[test]
fn structure_is_sound() {
    report(structure().problems(today()));
}

#[test]
fn every_language_is_complete_and_translated() {
    let structure = structure();
    let source = words(SOURCE);
    let english = words(FALLBACK);
    let mut problems = Vec::new();
    for lang in LANGUAGES {
        problems.extend(words(lang.code).problems(lang, &structure, &source, &english));
    }
    report(problems);
}

#[test]
fn every_language_file_is_in_the_table_and_back() {
    let mut files: Vec<String> = std::fs::read_dir(content_dir().join("lang"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = LANGUAGES.iter().map(|l| format!("{}.json", l.code)).collect();
    expected.sort();
    assert_eq!(files, expected, "content/lang/ must hold exactly one file per language in model/src/language.rs");
}

#[test]
fn first_weeks_has_the_foundation_steps() {
    let s = structure();
    let guide = s.guide("first-weeks").expect("guide first-weeks");
    assert!(guide.steps.len() >= 5, "first-weeks has {} steps", guide.steps.len());
    for needed in ["register-brp", "bank-account", "digid", "health-insurance", "nareis-apply"] {
        assert!(guide.steps.iter().any(|s| s == needed), "first-weeks lacks {needed}");
    }
}

#[test]
fn checks_catch_broken_content() {
    let mut s = structure();
    let moved = s.guides[0].steps[0].clone();
    s.guides[1].steps.push(moved);
    s.steps[0].source.url = "http://example.com/".into();
    s.steps[1].source.checked = today().add_days(1);
    let first = s.steps[0].id.clone();
    s.steps[1].after.push(first.clone());
    let second = s.steps[1].id.clone();
    s.steps[0].after.push(second);
    s.glossary.push(s.glossary[0].clone());
    let always: wegwijs_model::Rule = serde_json::from_str(r#"{"yearly": {"month": 9, "day": 1}}"#).unwrap();
    s.steps[2].deadline = vec![always.clone(), always];
    s.steps[3].source.url = "https://ind.nl/en/".into();
    s.steps[3].source.home_page = None;
    s.steps[4].source.url = "https://ind.nl".into();
    s.steps[4].source.home_page = Some("The IND has no page on this.".into());
    s.steps[5].source.home_page = Some("Not needed: the source is a deep page.".into());
    let problems: Vec<String> = s.problems(today()).into_iter().map(|p| p.0).collect();
    for expected in [
        "is in guide",
        "not https on an official domain",
        "in the future",
        "goes round in a circle",
        "used twice",
        "rules after it never apply",
        &format!("step '{}' names a home page, https://ind.nl/en/, as its source", s.steps[3].id),
        &format!("step '{}' gives a reason for a home-page source", s.steps[5].id),
    ] {
        assert!(problems.iter().any(|p| p.contains(expected)), "no problem saying '{expected}' in {problems:#?}");
    }
    let allowed = &s.steps[4].id;
    assert!(!problems.iter().any(|p| p.contains(&format!("step '{allowed}' names a home page"))), "{problems:#?}");

    let structure = structure();
    let source = words(SOURCE);
    let english = words(FALLBACK);
    let arabic = Language::by_code("ar").unwrap();
    let mut broken = words("ar");
    let (step_id, step) = broken.steps.iter().next().map(|(k, v)| (k.clone(), v.clone())).unwrap();
    broken.steps.remove(&step_id);
    broken.steps.insert("no-such-step".into(), step);
    assert!(broken.ui.set("done", ""));
    assert!(broken.ui.set("progress", "{done}"));
    let copy_id = broken.glossary.keys().next().unwrap().clone();
    broken.glossary.insert(copy_id.clone(), english.glossary[&copy_id].clone());
    let problems: Vec<String> =
        broken.problems(arabic, &structure, &source, &english).into_iter().map(|p| p.0).collect();
    for expected in [
        format!("step '{step_id}' is missing"),
        "step 'no-such-step' is not in structure.json".into(),
        "ui.done is empty".into(),
        "lacks the placeholder {total}".into(),
        format!("glossary.{copy_id} is mostly not in Arabic script"),
    ] {
        assert!(problems.iter().any(|p| p.contains(&expected)), "no problem saying '{expected}' in {problems:#?}");
    }
}

#[test]
fn bad_files_give_clear_errors() {
    let err = Structure::from_json(r#"{"guides": [], "steps": [], "glossary": [], "extra": 1}"#).unwrap_err();
    assert!(err.0.contains("unknown field `extra`"), "{err}");
    let err = Words::from_json("lang/xx.json", "{").unwrap_err();
    assert!(err.0.starts_with("lang/xx.json: "), "{err}");
}

/// Every text of every step of a language, with where it is.
fn step_texts(words: &Words) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (id, s) in &words.steps {
        let parts = [&s.title, &s.why, &s.helper].into_iter().chain(&s.actions).chain(&s.bring);
        let optional = [&s.deadline, &s.applies, &s.uncertain].into_iter().flatten();
        out.extend(parts.chain(optional).map(|t| (id.clone(), t.clone())));
    }
    out
}

/// Words that start like a glossary word but are not one with an ending: Dutch compounds and
/// words of the language itself. Anything else the test finds unlinked is a matcher bug.
const NOT_AN_ENDING: &[&str] = &[
    "gemeentelijke",
    "huisartsenpost",
    "indicatie",
    "leerplichtambtenaar",
    "leerplichtambtenaar-ka",
    "toeslagen",
    "zorgverzekeringslijn",
    "zorgverzekeringslijn-na",
    // Somali "isku", "iska", "iskeed" (self, together), not ISK.
    "isku",
    "isku-filnaanshaha",
    "isku-xir",
    "iska",
    "iskeed",
];

#[test]
fn glossary_words_with_somali_and_kurmanji_endings_are_linked() {
    use wegwijs_model::glossary::{segments, Endings, Segment};
    let structure = structure();
    let terms: Vec<(&str, &str)> = structure.glossary.iter().map(|t| (t.id.as_str(), t.term.as_str())).collect();
    // The whole words in `t` that start with a glossary word and go on with a letter, or with
    // "-" and a letter, and whose glossary word is not linked in `t`.
    let unlinked = |t: &str, endings: Endings| -> Vec<String> {
        let linked: Vec<&str> = segments(t, &terms, endings)
            .into_iter()
            .filter_map(|s| if let Segment::Term { id, .. } = s { Some(id) } else { None })
            .collect();
        let lower = t.to_lowercase();
        let mut out = Vec::new();
        for (id, term) in terms.iter().filter(|(id, _)| !linked.contains(id)) {
            let term = term.to_lowercase();
            for (at, _) in lower.match_indices(&term) {
                let rest: String =
                    lower[at + term.len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
                let starts_word = !lower[..at].chars().next_back().is_some_and(char::is_alphanumeric);
                // "B1-route" is a glossary word of its own, not "B1" with an ending.
                let own_term = terms.iter().any(|(_, t)| t.to_lowercase() == format!("{term}{rest}"));
                if starts_word
                    && !own_term
                    && rest.trim_start_matches('-').chars().next().is_some_and(char::is_alphabetic)
                {
                    out.push(format!("{id}: {term}{rest}"));
                }
            }
        }
        out
    };
    for code in ["so", "kmr"] {
        let lang = Language::by_code(code).unwrap();
        let texts = step_texts(&words(code));
        let count = |endings| texts.iter().filter(|(_, t)| !unlinked(t, endings).is_empty()).count();
        println!(
            "{code}: step texts with an unlinked glossary word: {} by whole words, {} with endings",
            count(Endings::None),
            count(lang.endings)
        );
        for (step, t) in &texts {
            for found in unlinked(t, lang.endings) {
                let word = found.split_once(": ").unwrap().1;
                assert!(NOT_AN_ENDING.contains(&word), "{code} {step}: {found} is not linked in {t:?}");
            }
        }
    }
}

/// Dutch words a step may keep without a glossary entry: organisations and places a person
/// reaches by that name, and the words on a site's button or page a person looks for there.
/// Web addresses ("ind.nl") need no entry either. Every other Dutch word is in the glossary.
const NOT_IN_GLOSSARY: &[&str] = &[
    "vluchtelingenwerk",
    "zevenaar",
    "takecarebnb",
    "113 zelfmoordpreventie",
    "mijn toeslagen",
    "mijn belastingdienst",
    "zorgverzekeringslijn",
    // The words printed on the residence card, which a step asks a person to find there.
    "arbeid vrij toegestaan. twv niet vereist",
    // The words in the IND's decision that say which protection it grants.
    "onder a",
    "onder b",
    // The button on digid.nl.
    "aanvragen",
    // EU and EEA in the languages that write them in Latin letters.
    "eu",
    "eea",
];

/// The Latin-script words left in `plain` once web addresses, the glossary's words and the
/// allowed names are taken out as whole words.
fn latin_words_left(plain: &str, known: &[String]) -> Vec<String> {
    let latin = |c: char| wegwijs_model::Script::Latin.has_letter(c) || c.is_ascii_digit();
    wegwijs_model::glossary::without_known_words(plain, known)
        .split(|c: char| !(latin(c) || "-./@".contains(c)))
        .map(|w| w.trim_matches(|c| ".-/@".contains(c)).to_string())
        .filter(|w| w.chars().any(|c| wegwijs_model::Script::Latin.has_letter(c)))
        .collect()
}

#[test]
fn every_dutch_word_a_step_keeps_is_in_the_glossary() {
    use std::collections::{BTreeMap, BTreeSet};
    use wegwijs_model::Script;
    let structure = structure();
    let mut known: Vec<String> = structure.glossary.iter().map(|t| t.term.to_lowercase()).collect();
    known.extend(NOT_IN_GLOSSARY.iter().map(|w| w.to_string()));
    // Longest first, so "kindgebonden budget" goes before "budget" could split it.
    known.sort_by_key(|w| std::cmp::Reverse(w.len()));
    // In a language of another script every Latin word is a Dutch word kept on purpose (or a
    // name): together these languages carry every Dutch text.
    let mut missing: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for lang in LANGUAGES.iter().filter(|l| l.script != Script::Latin) {
        for (step, text) in step_texts(&words(lang.code)) {
            for word in latin_words_left(&text, &known) {
                missing.entry(word).or_default().insert(format!("{} {step}", lang.code));
            }
        }
    }
    let list: Vec<String> = missing.iter().map(|(w, at)| format!("  - {w}: {at:?}")).collect();
    assert!(missing.is_empty(), "Dutch words in steps without a glossary entry:\n{}", list.join("\n"));
}

#[test]
fn dutch_words_left_out_of_the_glossary_are_found() {
    let known = vec!["bsn".to_string(), "gemeente".to_string()];
    assert_eq!(latin_words_left("رقم BSN من gemeente، انظر ind.nl.", &known), Vec::<String>::new());
    assert_eq!(latin_words_left("اطلب bijzondere bijstand من gemeente", &known), ["bijzondere", "bijstand"]);
    // A glossary word inside a longer Dutch word is not that word.
    assert_eq!(latin_words_left("ንgemeentelijke ግብሪ", &known), ["gemeentelijke"]);
}
