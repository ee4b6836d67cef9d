//! Build helpers for Wegwijs, run by the Makefile:
//! - `finish DIST`, after Trunk and terser: strips the white space from content JSON (kept
//!   readable in `content/` for translators), splits each language into the index a first visit
//!   needs and the rest (`wegwijs_model::content::split`), writes the service worker's precache list from the
//!   final bytes (`precache`), then writes `.br` and `.gz` beside every text and wasm file the
//!   server serves, so browsers on slow connections get the smallest bytes without the server
//!   compressing.
//! - `bench DIST`: prints the built app's bytes, raw and brotli, per kind of file and per
//!   language, and a first visit split into its critical path and the background precache.

mod precache;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use wegwijs_model::content::split;

const COMPRESSIBLE: &[&str] = &["html", "js", "wasm", "css", "json", "svg", "webmanifest", "txt"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["finish", dist] => finish(Path::new(dist)),
        ["bench", dist] => bench(Path::new(dist)),
        _ => Err("usage: xtask finish DIST | xtask bench DIST".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                continue;
            }
            out.extend(files(&path)?);
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn extension(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("compressing into memory cannot fail");
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("compressing into memory cannot fail");
    encoder.finish().expect("compressing into memory cannot fail")
}

/// JSON without the white space between tokens; strings, escapes included, stay as they are.
fn minify_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

fn finish(dist: &Path) -> Result<(), String> {
    let write = |path: &Path, text: &str| std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()));
    for path in files(dist)? {
        if extension(&path) == "json" {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            write(&path, &minify_json(&text))?;
        }
    }
    let structure = dist.join("content/structure.json");
    let text = std::fs::read_to_string(&structure).map_err(|e| format!("{}: {e}", structure.display()))?;
    if !split::is_lean_structure(&text) {
        let (lean, sources) = split::split_structure(&text).map_err(|e| format!("{}: {e}", structure.display()))?;
        write(&structure, &lean)?;
        write(&dist.join(split::SOURCES_URL.trim_start_matches('/')), &sources)?;
    }
    let languages = dist.join("content/lang");
    for path in files(&languages)?.into_iter().filter(|p| extension(p) == "json") {
        let code = path.file_stem().and_then(|s| s.to_str()).ok_or(format!("{}: no language code", path.display()))?;
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if split::is_index(&text) {
            continue;
        }
        let (index, more) = split::split(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let more_path = dist.join(split::more_url(code).trim_start_matches('/'));
        std::fs::create_dir_all(more_path.parent().expect("a file in a folder")).map_err(|e| e.to_string())?;
        write(&path, &index)?;
        write(&more_path, &more)?;
    }
    let entries = precache::write(dist, &files(dist)?, |data| brotli(data).len())?;
    println!("precache list: {} files in {}", entries.len(), dist.join("sw.js").display());
    compress(dist)
}

fn compress(dist: &Path) -> Result<(), String> {
    let mut count = 0;
    for path in files(dist)? {
        if !COMPRESSIBLE.contains(&extension(&path)) {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (suffix, packed) in [("br", brotli(&data)), ("gz", gzip(&data))] {
            let target = PathBuf::from(format!("{}.{suffix}", path.display()));
            std::fs::write(&target, packed).map_err(|e| format!("{}: {e}", target.display()))?;
        }
        count += 1;
    }
    println!("compressed {count} files in {} (brotli q11, gzip -9)", dist.display());
    Ok(())
}

#[derive(Default, Clone, Copy)]
struct Size {
    raw: usize,
    br: usize,
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, other: Size) {
        self.raw += other.raw;
        self.br += other.br;
    }
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn bench(dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    if !index.is_file() {
        return Err(format!("no built app at {}: run `make build` first", index.display()));
    }
    let mut kinds: BTreeMap<&str, Size> = BTreeMap::new();
    // Per language: the index a first visit needs, and the rest.
    let mut languages: BTreeMap<String, (Size, Size)> = BTreeMap::new();
    let mut structure = Size::default();
    // Every step's source and links: the step screen waits for them, the home screen does not.
    let mut sources = Size::default();
    // What a first visit waits for, and what the service worker fetches after it.
    let mut critical = Size::default();
    let mut background = Size::default();
    for path in files(dist)? {
        let ext = extension(&path);
        if ext == "br" || ext == "gz" {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let size = Size { raw: data.len(), br: brotli(&data).len() };
        let rel = path.strip_prefix(dist).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let code = |folder: &str| rel.strip_prefix(folder).and_then(|r| r.strip_suffix(".json")).map(str::to_owned);
        if let Some(code) = code("content/lang/") {
            languages.entry(code).or_default().0 = size;
            continue;
        }
        if let Some(code) = code("content/more/") {
            languages.entry(code).or_default().1 = size;
            continue;
        }
        if rel == "content/structure.json" {
            structure = size;
            continue;
        }
        if format!("/{rel}") == split::SOURCES_URL {
            sources = size;
            continue;
        }
        if rel.starts_with("content/") {
            continue;
        }
        let kind = match ext {
            _ if rel.starts_with("together/") => "together (once shared)",
            "html" => "html",
            "js" if rel == "sw.js" => "service worker",
            "js" if rel == "qrcode.js" => "QR encoder (share page)",
            "js" if rel == "sync.js" => "sync (once shared)",
            "js" => "js",
            "wasm" => "wasm",
            "css" => "css",
            "png" => "icons (png)",
            _ => "manifest, svg icon",
        };
        *kinds.entry(kind).or_default() += size;
        // The page, its code and style, the manifest and the svg icon are on the critical path;
        // the worker, the install icons, the share page's QR encoder (loaded by that page only),
        // sync and the together module (loaded once something is shared, or its screens open)
        // come once the app is interactive.
        if matches!(
            kind,
            "service worker"
                | "icons (png)"
                | "QR encoder (share page)"
                | "sync (once shared)"
                | "together (once shared)"
        ) {
            background += size;
        } else {
            critical += size;
        }
    }

    println!("Wegwijs build in {} (brotli quality 11)", dist.display());
    println!("{:<26} {:>10} {:>10}", "file kind", "raw", "brotli");
    for (kind, size) in &kinds {
        println!("{:<26} {:>10} {:>10}", kind, kb(size.raw), kb(size.br));
    }
    println!("{:<26} {:>10} {:>10}", "content/structure.json", kb(structure.raw), kb(structure.br));
    println!("{:<26} {:>10} {:>10}", "content/sources.json", kb(sources.raw), kb(sources.br));
    println!();
    println!("{:<26} {:>10} {:>10} {:>10} {:>10}", "content per language", "index raw", "brotli", "rest raw", "brotli");
    let mut all_languages = Size::default();
    for (code, (index, more)) in &languages {
        println!("{:<26} {:>10} {:>10} {:>10} {:>10}", code, kb(index.raw), kb(index.br), kb(more.raw), kb(more.br));
        all_languages += *index;
        all_languages += *more;
    }
    let largest = languages.iter().max_by_key(|(_, (index, _))| index.br).map(|(c, s)| (c.clone(), *s));
    let Some((code, (index, more))) = largest else { return Err("no language files in the build".into()) };
    let largest_more = languages.iter().max_by_key(|(_, (_, more))| more.br).map(|(c, (_, m))| (c.clone(), *m));
    let (more_code, most) = largest_more.expect("at least one language");
    println!();
    critical += structure;
    critical += index;
    background += more;
    background += sources;
    println!(
        "first visit, critical path (app + structure + the largest language's index, {code}): {} raw, {} brotli",
        kb(critical.raw),
        kb(critical.br)
    );
    println!(
        "first visit to a step or the glossary also waits for the rest of its language and the sources: at most {} brotli ({more_code}), {} in all",
        kb(most.br + sources.br),
        kb(critical.br + most.br + sources.br)
    );
    println!(
        "first visit, background precache after the app is interactive (worker, png icons, QR encoder, sync, together, sources, the rest of {code}): {} brotli",
        kb(background.br)
    );
    println!("\"keep all languages\" downloads at most {} brotli more", kb(all_languages.br - index.br - more.br));
    let budget = 150_000;
    println!(
        "budget: {} brotli on the critical path; {}",
        kb(budget),
        if critical.br <= budget { "within budget" } else { "OVER BUDGET" }
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::minify_json;

    #[test]
    fn strips_white_space_outside_strings_only() {
        let text = "{\n  \"a b\": [1, 2],\n  \"q\": \"say \\\"hi\\\" \\\\ \",\n  \"ar\": \"مرحبا بك\"\n}\n";
        assert_eq!(minify_json(text), "{\"a b\":[1,2],\"q\":\"say \\\"hi\\\" \\\\ \",\"ar\":\"مرحبا بك\"}");
    }
}
