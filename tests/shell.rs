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

fn public(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public").join(name)
}

/// Width and height from a PNG's header (the IHDR chunk comes first, by the PNG standard).
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    Some((word(16), word(20)))
}

#[test]
fn the_manifest_makes_the_app_installable() {
    let text = std::fs::read_to_string(public("manifest.webmanifest")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).expect("the manifest is JSON");
    for field in ["id", "name", "short_name", "description", "start_url", "scope", "background_color", "theme_color"] {
        assert!(manifest[field].as_str().is_some_and(|v| !v.is_empty()), "manifest.{field} is missing");
    }
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["start_url"], "/", "start_url opens the language used last");
    assert_eq!(manifest["scope"], "/");
    let icons = manifest["icons"].as_array().expect("manifest.icons");
    let mut has = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().unwrap();
        let (sizes, kind, purpose) =
            (icon["sizes"].as_str().unwrap(), icon["type"].as_str().unwrap(), icon["purpose"].as_str().unwrap());
        let bytes = std::fs::read(public(src.trim_start_matches('/'))).unwrap_or_else(|e| panic!("{src}: {e}"));
        if kind == "image/png" {
            let (w, h) = png_size(&bytes).unwrap_or_else(|| panic!("{src} is not a PNG"));
            assert_eq!(format!("{w}x{h}"), sizes, "{src} is not the size the manifest claims");
        } else {
            assert_eq!((kind, sizes), ("image/svg+xml", "any"), "{src}");
            assert!(String::from_utf8_lossy(&bytes).starts_with("<svg"), "{src}");
        }
        has.push(format!("{kind} {sizes} {purpose}"));
    }
    for wanted in
        ["image/png 192x192 any", "image/png 512x512 any", "image/png 512x512 maskable", "image/svg+xml any any"]
    {
        assert!(has.iter().any(|h| h == wanted), "no icon {wanted}");
    }
}

#[test]
fn the_worker_template_has_the_lines_the_build_fills() {
    let sw = std::fs::read_to_string(public("sw.js")).unwrap();
    assert_eq!(sw.matches("const BUILD = '';").count(), 1);
    assert_eq!(sw.matches("const FILES = [];").count(), 1);
    assert!(sw.contains("startsWith('/api/')"), "the worker must leave the API alone");
}
