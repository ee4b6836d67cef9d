//! Native checks of the static shell in `index.html`, which paints before the wasm arrives.

use wegwijs_model::{Direction, LANGUAGES};

fn index_html() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap()
}

#[test]
fn the_shell_knows_every_language_and_its_direction() {
    let html = index_html();
    let start =
        html.find("var languages = {").expect("index.html sets the direction early") + "var languages = {".len();
    let end = start + html[start..].find('}').unwrap();
    let mut listed: Vec<(String, bool)> = html[start..end]
        .split(',')
        .map(|pair| {
            let (code, rtl) = pair.split_once(':').expect("code: 0 or 1");
            (code.trim().to_owned(), rtl.trim() == "1")
        })
        .collect();
    listed.sort();
    let mut expected: Vec<(String, bool)> =
        LANGUAGES.iter().map(|l| (l.code.to_owned(), l.dir == Direction::Rtl)).collect();
    expected.sort();
    assert_eq!(listed, expected, "index.html's language list differs from model/src/language.rs");
}

#[test]
fn the_shell_loads_nothing_from_elsewhere() {
    let html = index_html();
    for needle in ["http://", "https://", "//fonts.", "cdn"] {
        assert!(!html.contains(needle), "index.html refers to another site ({needle})");
    }
}
