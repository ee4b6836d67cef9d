//! Native checks of the static shell in `index.html`, which paints before the wasm arrives.

use wegwijs_model::{Direction, LANGUAGES};

fn index_html() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap()
}

#[test]
fn the_shell_knows_every_right_to_left_language() {
    let html = index_html();
    let start = html.find("var rtl = {").expect("index.html sets the direction early") + "var rtl = {".len();
    let end = start + html[start..].find('}').unwrap();
    let mut listed: Vec<&str> =
        html[start..end].split(',').filter_map(|p| p.split(':').next()).map(str::trim).collect();
    listed.sort();
    let mut rtl: Vec<&str> = LANGUAGES.iter().filter(|l| l.dir == Direction::Rtl).map(|l| l.code).collect();
    rtl.sort();
    for code in &rtl {
        assert!(listed.contains(code), "index.html does not know that {code} is right-to-left");
    }
}

#[test]
fn the_shell_loads_nothing_from_elsewhere() {
    let html = index_html();
    for needle in ["http://", "https://", "//fonts.", "cdn"] {
        assert!(!html.contains(needle), "index.html refers to another site ({needle})");
    }
}
