//! Text in which the glossary's Dutch words link to their explanation. Built as escaped HTML in
//! one string: a view node per piece of text would cost kilobytes of wasm on every first visit.

use leptos::prelude::*;
use wegwijs_model::glossary::{segments, Segment};
use wegwijs_model::language::Language;

use crate::content::Content;
use crate::routes;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` as HTML, each glossary word (once, also with one of `lang`'s endings) a link to its entry
/// in the glossary of `lang`.
pub fn linked_html(text: &str, terms: &[(&str, &str)], lang: &Language) -> String {
    segments(text, terms, lang.endings)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(t) => escape(t),
            Segment::Term { id, text } => format!(
                r#"<a class="term" href="{}" lang="nl" dir="ltr">{}</a>"#,
                escape(&routes::glossary_entry(lang.code, id)),
                escape(text)
            ),
        })
        .collect()
}

/// A paragraph or list item's text with glossary links, inside a `<span>`.
#[component]
pub fn GlossaryText(text: String) -> impl IntoView {
    let content = expect_context::<Content>();
    let terms: Vec<(&str, &str)> =
        content.structure.glossary.iter().map(|t| (t.id.as_str(), t.term.as_str())).collect();
    view! { <span inner_html=linked_html(&text, &terms, content.lang)></span> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_links() {
        let terms = [("bsn", "BSN")];
        let lang = |code| Language::by_code(code).unwrap();
        assert_eq!(
            linked_html("Your BSN <b>& \"more\"", &terms, lang("ar")),
            r#"Your <a class="term" href="/ar/glossary/#bsn" lang="nl" dir="ltr">BSN</a> &lt;b&gt;&amp; &quot;more&quot;"#
        );
        assert_eq!(linked_html("<script>", &[], lang("en")), "&lt;script&gt;");
        assert_eq!(
            linked_html("BSN-kaaga", &terms, lang("so")),
            r#"<a class="term" href="/so/glossary/#bsn" lang="nl" dir="ltr">BSN</a>-kaaga"#
        );
    }
}
