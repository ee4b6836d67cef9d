//! Finds the glossary's Dutch words inside a text, so each can link to its explanation. Dutch
//! official words stay in Latin letters in every language, so one search serves all languages.

/// How a language joins its own endings to a Dutch word. The link covers the Dutch word only; the
/// ending stays plain text after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endings {
    /// The Dutch word stands alone ("BSN", "BSN'nizi" in Turkish: an apostrophe ends a word).
    None,
    /// Any ending after a hyphen, as in Somali: "gemeente-ga", "BSN-kaaga".
    AfterHyphen,
    /// These endings straight after the word, as in Kurmanji: "gemeenteya", "huisartsekî".
    Listed(&'static [&'static str]),
}

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

/// Whether the word ends at `at`: no letter follows, and no address goes on (".nl", "/en").
fn ends_word(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    let after = rest.next();
    // Part of a web or mail address ("ind.nl"): not the word itself.
    let in_address = matches!(after, Some('.' | '/' | '@')) && rest.next().is_some_and(|c| c.is_ascii_alphanumeric());
    !is_word_char(after) && !in_address
}

/// Whether a Dutch word that stops at `at` in `lower` (the lowercased text) ends there, by
/// itself or with one of the language's `endings`.
fn ends_with_ending(lower: &str, at: usize, endings: Endings) -> bool {
    ends_word(lower, at)
        || match endings {
            Endings::None => false,
            Endings::AfterHyphen => {
                let mut rest = lower[at..].chars();
                rest.next() == Some('-') && rest.next().is_some_and(|c| c != '-' && is_word_char(Some(c)))
            }
            Endings::Listed(list) => list.iter().any(|e| lower[at..].starts_with(e) && ends_word(lower, at + e.len())),
        }
}

/// Splits `text` into plain pieces and glossary words. `terms` are `(id, Dutch word)` pairs;
/// matching ignores ASCII case and needs a word boundary on both sides, or one of the language's
/// `endings` after the word; where words overlap the longest wins ("kindgebonden budget" over
/// "budget"); each word links once per text.
pub fn segments<'a>(text: &'a str, terms: &[(&'a str, &'a str)], endings: Endings) -> Vec<Segment<'a>> {
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
                    .filter(|(_, term)| ends_with_ending(&lower, at + term.len(), endings))
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

/// `text` lowercased, with its web addresses ("ind.nl") and the `known` words blanked out where
/// they stand as whole words, so what is left is the text's own words. `known` holds lowercase
/// words, longest first, so "kindgebonden budget" goes before "budget" could split it. The
/// content checks use it to tell Dutch words kept on purpose from text left untranslated.
pub fn without_known_words(text: &str, known: &[String]) -> String {
    let latin = |c: char| crate::Script::Latin.has_letter(c) || c.is_ascii_digit();
    let in_word = |c: char| latin(c) || "-./@".contains(c);
    // Web addresses first, so "ind.nl" does not leave "nl" once "IND" is taken out.
    let mut lower: String = text
        .to_lowercase()
        .split_inclusive(|c: char| !in_word(c))
        .map(|piece| {
            let word = piece.trim_end_matches(|c: char| !in_word(c));
            let is_address = word.trim_end_matches('.').contains('.');
            if is_address {
                piece.replacen(word, " ", 1)
            } else {
                piece.to_string()
            }
        })
        .collect();
    for word in known {
        let mut out = String::new();
        let mut rest = lower.as_str();
        while let Some(at) = rest.find(word.as_str()) {
            let before = rest[..at].chars().next_back();
            let after = rest[at + word.len()..].chars().next();
            let whole = !before.is_some_and(latin) && !after.is_some_and(latin);
            out.push_str(&rest[..at]);
            out.push_str(if whole { " " } else { &rest[at..at + word.len()] });
            rest = &rest[at + word.len()..];
        }
        out.push_str(rest);
        lower = out;
    }
    lower
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
    fn blanks_out_known_words_and_addresses_only_as_whole_words() {
        let known = vec!["kindgebonden budget".to_string(), "gemeente".to_string(), "ind".to_string()];
        assert_eq!(without_known_words("Ask the Gemeente, see ind.nl.", &known), "ask the  , see  ");
        assert_eq!(without_known_words("ما هو Kindgebonden budget؟", &known), "ما هو  ؟");
        // A known word inside a longer Dutch word stays, so the check still sees it.
        assert_eq!(without_known_words("gemeentelijke belastingen", &known), "gemeentelijke belastingen");
    }

    #[test]
    fn links_words_with_boundaries_in_any_script() {
        assert_eq!(
            segments("Show your BSN at the Gemeente.", TERMS, Endings::None),
            vec![
                Text("Show your "),
                Term { id: "bsn", text: "BSN" },
                Text(" at the "),
                Term { id: "gemeente", text: "Gemeente" },
                Text(".")
            ]
        );
        assert_eq!(
            segments("اطلب DigiD الآن", TERMS, Endings::None),
            vec![Text("اطلب "), Term { id: "digid", text: "DigiD" }, Text(" الآن")]
        );
        assert_eq!(segments("BSNs and gemeentehuis", TERMS, Endings::None), vec![Text("BSNs and gemeentehuis")]);
        assert_eq!(
            segments("DigiDé, BSN's", TERMS, Endings::None),
            vec![Text("DigiDé, "), Term { id: "bsn", text: "BSN" }, Text("'s")]
        );
    }

    #[test]
    fn longest_word_wins_and_each_links_once() {
        assert_eq!(
            segments("Ask for kindgebonden budget. The budget is yearly.", TERMS, Endings::None),
            vec![
                Text("Ask for "),
                Term { id: "kgb", text: "kindgebonden budget" },
                Text(". The "),
                Term { id: "budget", text: "budget" },
                Text(" is yearly.")
            ]
        );
        assert_eq!(segments("BSN, BSN", TERMS, Endings::None), vec![Term { id: "bsn", text: "BSN" }, Text(", BSN")]);
        assert_eq!(segments("", TERMS, Endings::None), vec![]);
    }

    #[test]
    fn somali_endings_after_a_hyphen_keep_the_link() {
        let so = Endings::AfterHyphen;
        assert_eq!(
            segments("Tag gemeente-ga, keen BSN-kaaga.", TERMS, so),
            vec![
                Text("Tag "),
                Term { id: "gemeente", text: "gemeente" },
                Text("-ga, keen "),
                Term { id: "bsn", text: "BSN" },
                Text("-kaaga.")
            ]
        );
        // A hyphen with nothing after it, or a Dutch compound, is not an ending.
        assert_eq!(segments("BSN- en gemeentehuis", TERMS, so), vec![Text("BSN- en gemeentehuis")]);
        assert_eq!(segments("gemeente-ga", TERMS, Endings::None), vec![Text("gemeente-ga")]);
    }

    #[test]
    fn kurmanji_endings_are_listed() {
        let kmr = Endings::Listed(&["ya", "yê", "ekî", "ê"]);
        assert_eq!(
            segments("Li gemeenteya xwe, DigiDê", TERMS, kmr),
            vec![
                Text("Li "),
                Term { id: "gemeente", text: "gemeente" },
                Text("ya xwe, "),
                Term { id: "digid", text: "DigiD" },
                Text("ê")
            ]
        );
        // An ending that is not listed, or a listed one that goes on, is another word.
        assert_eq!(segments("gemeentelijke gemeenteyan", TERMS, kmr), vec![Text("gemeentelijke gemeenteyan")]);
        assert_eq!(segments("bsn.nl", TERMS, kmr), vec![Text("bsn.nl")]);
    }
}
