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
    let problems: Vec<String> = s.problems(today()).into_iter().map(|p| p.0).collect();
    for expected in [
        "is in guide",
        "not https on an official domain",
        "in the future",
        "goes round in a circle",
        "used twice",
        "rules after it never apply",
    ] {
        assert!(problems.iter().any(|p| p.contains(expected)), "no problem saying '{expected}' in {problems:#?}");
    }

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
