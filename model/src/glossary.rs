//! Finds the glossary's Dutch words inside a text, so each can link to its explanation. Dutch
//! official words stay in Latin letters in every language, so one search serves all languages.

/// A piece of a text: plain, or a glossary word with its glossary id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Term { id: &'a str, text: &'a str },
}

/// Whether `c` continues a Latin-script word: ASCII letters and digits, '-', and the accented
/// Latin letters of Dutch, Turkish, Kurmanji and Somali text (U+00C0 to U+024F). Unicode's full
/// letter tables would add kilobytes to the wasm; a glossary word next to a letter of another
/// script is still found.
fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_alphanumeric() || c == '-' || ('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷'
    })
}

/// Splits `text` into plain pieces and glossary words. `terms` are `(id, Dutch word)` pairs;
/// matching ignores ASCII case and needs a word boundary on both sides; where words overlap the
/// longest wins ("kindgebonden budget" over "budget"); each word links once per text.
pub fn segments<'a>(text: &'a str, terms: &[(&'a str, &'a str)]) -> Vec<Segment<'a>> {
    let lower = text.to_ascii_lowercase();
    let lowered: Vec<(&str, String)> =
        terms.iter().filter(|(_, t)| !t.trim().is_empty()).map(|(id, t)| (*id, t.to_ascii_lowercase())).collect();
    let mut linked: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    let (mut plain_from, mut at) = (0, 0);
    while let Some(c) = text[at..].chars().next() {
        let before = text[..at].chars().next_back();
        let starts_word = !is_word_char(before) && !matches!(before, Some('.' | '/' | '@'));
        let found = starts_word
            .then(|| {
                lowered
                    .iter()
                    .filter(|(id, term)| !linked.contains(id) && lower[at..].starts_with(term.as_str()))
                    .filter(|(_, term)| {
                        let mut rest = text[at + term.len()..].chars();
                        let after = rest.next();
                        // Part of a web or mail address ("ind.nl"): not the word itself.
                        let in_address = matches!(after, Some('.' | '/' | '@'))
                            && rest.next().is_some_and(|c| c.is_ascii_alphanumeric());
                        !is_word_char(after) && !in_address
                    })
                    .max_by_key(|(_, term)| term.len())
            })
            .flatten();
        match found {
            Some((id, term)) => {
                if at > plain_from {
                    out.push(Segment::Text(&text[plain_from..at]));
                }
                let end = at + term.len();
                out.push(Segment::Term { id, text: &text[at..end] });
                linked.push(id);
                at = end;
                plain_from = end;
            }
            None => at += c.len_utf8(),
        }
    }
    if plain_from < text.len() {
        out.push(Segment::Text(&text[plain_from..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Segment::{Term, Text};

    const TERMS: &[(&str, &str)] = &[
        ("bsn", "BSN"),
        ("gemeente", "gemeente"),
        ("budget", "budget"),
        ("kgb", "kindgebonden budget"),
        ("digid", "DigiD"),
    ];

    #[test]
    fn links_words_with_boundaries_in_any_script() {
        assert_eq!(
            segments("Show your BSN at the Gemeente.", TERMS),
            vec![
                Text("Show your "),
                Term { id: "bsn", text: "BSN" },
                Text(" at the "),
                Term { id: "gemeente", text: "Gemeente" },
                Text(".")
            ]
        );
        assert_eq!(
            segments("اطلب DigiD الآن", TERMS),
            vec![Text("اطلب "), Term { id: "digid", text: "DigiD" }, Text(" الآن")]
        );
        assert_eq!(segments("BSNs and gemeentehuis", TERMS), vec![Text("BSNs and gemeentehuis")]);
        assert_eq!(
            segments("DigiDé, BSN's", TERMS),
            vec![Text("DigiDé, "), Term { id: "bsn", text: "BSN" }, Text("'s")]
        );
    }

    #[test]
    fn longest_word_wins_and_each_links_once() {
        assert_eq!(
            segments("Ask for kindgebonden budget. The budget is yearly.", TERMS),
            vec![
                Text("Ask for "),
                Term { id: "kgb", text: "kindgebonden budget" },
                Text(". The "),
                Term { id: "budget", text: "budget" },
                Text(" is yearly.")
            ]
        );
        assert_eq!(segments("BSN, BSN", TERMS), vec![Term { id: "bsn", text: "BSN" }, Text(", BSN")]);
        assert_eq!(segments("", TERMS), vec![]);
    }
}
