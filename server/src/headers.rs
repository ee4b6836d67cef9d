//! Security headers on every response, the app's pages and the API alike. The
//! Content-Security-Policy allows no inline code but the built `index.html`'s own scripts, by
//! their hashes, read from the file at start, and the questions page's one stylesheet, by its
//! hash; wasm may compile (`'wasm-unsafe-eval'`); nothing
//! loads from another origin.

use std::path::Path;

use axum::http::header::{self, HeaderName, HeaderValue};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::set_header::SetResponseHeaderLayer;

/// A CSP source that allows exactly the inline code `code`.
fn sha256_source(code: &[u8]) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(code)))
}

/// The `'sha256-…'` sources of every inline `<script>` in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else { break };
        if !tag.contains(" src=") && !tag.contains(" src =") {
            hashes.push(sha256_source(&body.as_bytes()[..close]));
        }
        rest = &body[close..];
    }
    hashes
}

/// The Content-Security-Policy for the app built in `dist`.
pub fn content_security_policy(dist: &Path) -> String {
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let scripts = inline_script_hashes(&html).join(" ");
    // The questions page's one `<style>`: the model's follow-up rules, the same text every time.
    let style = sha256_source(wegwijs_model::intake::follow_up_css().as_bytes());
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; style-src 'self' {style}; img-src 'self'; \
         connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// Adds the security headers to every response of `router`.
pub fn secure<S: Clone + Send + Sync + 'static>(router: Router<S>, dist: &Path) -> Router<S> {
    let csp = HeaderValue::from_str(&content_security_policy(dist)).expect("hashes and keywords are ASCII");
    let set = |name: HeaderName, value: HeaderValue| SetResponseHeaderLayer::overriding(name, value);
    router
        .layer(set(header::CONTENT_SECURITY_POLICY, csp))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(set(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(set(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(set(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<script>a()</script><script type=module>b()</script><script src="/x.js"></script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        // sha256("a()") in base64.
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"a()"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        assert_eq!(inline_script_hashes("<p>no scripts</p>"), Vec::<String>::new());
    }
}
