//! The URLs of the app's screens, built in one place so links and the route table agree.

/// The home screen of a language: `/ar/`.
pub fn home(lang: &str) -> String {
    format!("/{lang}/")
}

/// A guide: `/ar/first-weeks/`.
pub fn guide(lang: &str, guide: &str) -> String {
    format!("/{lang}/{guide}/")
}

/// A step: `/ar/first-weeks/digid`.
pub fn step(lang: &str, guide: &str, step: &str) -> String {
    format!("/{lang}/{guide}/{step}")
}

/// The same screen in another language: `/ar/first-weeks/` becomes `/nl/first-weeks/`.
pub fn switch_language(path: &str, lang: &str) -> String {
    let rest = path.trim_start_matches('/');
    match rest.split_once('/') {
        Some((_, tail)) => format!("/{lang}/{tail}"),
        None => home(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_urls() {
        assert_eq!(home("ar"), "/ar/");
        assert_eq!(guide("nl", "first-weeks"), "/nl/first-weeks/");
        assert_eq!(step("en", "first-weeks", "digid"), "/en/first-weeks/digid");
    }

    #[test]
    fn switches_language_keeping_the_screen() {
        assert_eq!(switch_language("/ar/first-weeks/digid", "nl"), "/nl/first-weeks/digid");
        assert_eq!(switch_language("/ar/first-weeks/", "en"), "/en/first-weeks/");
        assert_eq!(switch_language("/ar/", "en"), "/en/");
        assert_eq!(switch_language("/ar", "en"), "/en/");
        assert_eq!(switch_language("/", "en"), "/en/");
    }
}
