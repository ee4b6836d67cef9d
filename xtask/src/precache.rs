//! The service worker's precache list, written at build time from the final bytes of `dist/`
//! (after terser and JSON minifying), never kept by hand: `public/sw.js` is the template and
//! `dist/sw.js` gets the build id and every file with its hash and brotli size filled in.

use std::path::Path;

use sha2::{Digest, Sha256};

/// The line of the template that receives the build id.
const BUILD_LINE: &str = "const BUILD = '';";
/// The line of the template that receives the file list.
const FILES_LINE: &str = "const FILES = [];";

/// One file of the build as the service worker sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The address, from the site's root: `/content/lang/ar.json`.
    pub url: String,
    /// The first 16 hex digits of the SHA-256 of the file's bytes; the worker checks every file
    /// it stores against it.
    pub rev: String,
    /// Brotli bytes: what downloading it costs.
    pub size: usize,
}

/// Whether a file of `dist/` (by its path from `dist/`) belongs in the precache list. Everything
/// the app fetches does; the worker itself, the precompressed copies and notes for editors
/// (`content/README.md`) do not.
pub fn is_precached(rel: &str) -> bool {
    const SERVED: &[&str] = &["html", "js", "wasm", "css", "json", "webmanifest", "svg", "png"];
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    rel != "sw.js" && SERVED.contains(&ext)
}

/// The first 16 hex digits of SHA-256.
pub fn short_hash(data: &[u8]) -> String {
    Sha256::digest(data).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// A build's id: a hash over its file list, so any changed byte in any file changes it.
pub fn build_id(entries: &[Entry]) -> String {
    let list: String = entries.iter().map(|e| format!("{} {}\n", e.url, e.rev)).collect();
    short_hash(list.as_bytes())
}

/// The worker's source: the template with the build id and the list filled in. Fails when the
/// template does not have each line exactly once, so a changed template cannot ship empty.
pub fn fill(template: &str, entries: &[Entry]) -> Result<String, String> {
    for line in [BUILD_LINE, FILES_LINE] {
        if template.matches(line).count() != 1 {
            return Err(format!("public/sw.js must contain `{line}` exactly once"));
        }
    }
    let files: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "  {{ url: {}, rev: '{}', size: {} }},",
                serde_json::to_string(&e.url).expect("a string"),
                e.rev,
                e.size
            )
        })
        .collect();
    Ok(template
        .replace(BUILD_LINE, &format!("const BUILD = '{}';", build_id(entries)))
        .replace(FILES_LINE, &format!("const FILES = [\n{}\n];", files.join("\n"))))
}

/// Writes `dist/sw.js` from the template `dist/sw.js` that Trunk copied from `public/`, and
/// returns the list.
pub fn write(dist: &Path, files: &[std::path::PathBuf], brotli: impl Fn(&[u8]) -> usize) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    for path in files {
        let rel = path.strip_prefix(dist).unwrap_or(path).to_string_lossy().replace('\\', "/");
        if !is_precached(&rel) {
            continue;
        }
        let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        entries.push(Entry { url: format!("/{rel}"), rev: short_hash(&data), size: brotli(&data) });
    }
    entries.sort_by(|a, b| a.url.cmp(&b.url));
    if !entries.iter().any(|e| e.url == "/index.html") {
        return Err(format!("{}: no index.html to precache", dist.display()));
    }
    let worker = dist.join("sw.js");
    let template = std::fs::read_to_string(&worker).map_err(|e| format!("{}: {e}", worker.display()))?;
    std::fs::write(&worker, fill(&template, &entries)?).map_err(|e| format!("{}: {e}", worker.display()))?;
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str, rev: &str) -> Entry {
        Entry { url: url.into(), rev: rev.into(), size: 10 }
    }

    #[test]
    fn lists_what_the_app_fetches_and_nothing_else() {
        for rel in [
            "index.html",
            "wegwijs-0123456789abcdef_bg.wasm",
            "wegwijs-0123456789abcdef.js",
            "main-0123456789abcdef.css",
            "content/structure.json",
            "content/lang/ti.json",
            "manifest.webmanifest",
            "icon.svg",
            "icon-192.png",
        ] {
            assert!(is_precached(rel), "{rel}");
        }
        for rel in ["sw.js", "index.html.br", "content/lang/ti.json.gz", "content/README.md"] {
            assert!(!is_precached(rel), "{rel}");
        }
    }

    #[test]
    fn fills_the_template_and_changes_the_build_with_any_file() {
        let template = "const BUILD = '';\nconst FILES = [];\nrest";
        let a = [entry("/index.html", "00"), entry("/content/lang/ar.json", "11")];
        let out = fill(template, &a).unwrap();
        assert!(out.starts_with(&format!("const BUILD = '{}';", build_id(&a))));
        assert!(out.contains("{ url: \"/content/lang/ar.json\", rev: '11', size: 10 },"));
        assert!(out.ends_with("\n];\nrest"));
        let b = [entry("/index.html", "00"), entry("/content/lang/ar.json", "12")];
        assert_ne!(build_id(&a), build_id(&b));
        assert_eq!(build_id(&a).len(), 16);
    }

    #[test]
    fn refuses_a_template_without_its_lines() {
        assert!(fill("const FILES = [];", &[]).is_err());
        assert!(fill("const BUILD = '';const BUILD = '';const FILES = [];", &[]).is_err());
    }

    #[test]
    fn hashes_like_the_worker() {
        // The worker compares the first 8 bytes of crypto.subtle.digest('SHA-256', …) in hex.
        assert_eq!(short_hash(b"abc"), "ba7816bf8f01cfea");
    }
}
