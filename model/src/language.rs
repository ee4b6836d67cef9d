//! The languages Wegwijs speaks: their codes, their own names, writing direction and script, how
//! far their translation can be trusted, and which one fits a browser's preferences best.
//!
//! This table is compiled in because it is needed before any content arrives: to pick the
//! language for `/`, to set `dir="rtl"` at once, and to say "could not load" when content
//! cannot be fetched.

use crate::glossary::Endings;

/// Writing direction of a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// The script a language's texts are written in; content checks use it to catch untranslated copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Arabic,
    Ethiopic,
}

impl Script {
    /// Whether `c` is a letter of this script.
    pub fn has_letter(self, c: char) -> bool {
        match self {
            Script::Latin => c.is_ascii_alphabetic() || (c.is_alphabetic() && (c as u32) < 0x0370),
            Script::Arabic => {
                matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
                    && c.is_alphabetic()
            }
            Script::Ethiopic => {
                matches!(c as u32, 0x1200..=0x139F | 0x2D80..=0x2DDF | 0xAB00..=0xAB2F)
            }
        }
    }
}

/// How a language's texts came about, shown to the person so they know how far to trust them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TranslationStatus {
    /// Written from the researched facts by the Wegwijs team.
    Source,
    /// Translated and checked by a person who speaks the language.
    Reviewed,
    /// Translated by machine; important points should be checked with a volunteer.
    Machine,
}

/// A language Wegwijs has content for.
#[derive(Debug, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 code, also the first part of every URL: `/ar/...`.
    pub code: &'static str,
    /// The language's name in itself, as shown in the language chooser.
    pub endonym: &'static str,
    /// The name in English, for volunteers and logs.
    pub english: &'static str,
    pub dir: Direction,
    pub script: Script,
    pub status: TranslationStatus,
    /// Shown when content cannot be loaded (no language file yet to take it from).
    pub load_error: &'static str,
    /// Shown instead when the phone is offline and this language's content was never kept on it.
    pub not_on_phone: &'static str,
    /// The button that tries loading again.
    pub retry: &'static str,
    /// The translation status in the language itself, shown in the language chooser; empty for
    /// source languages.
    pub status_label: &'static str,
    /// How the language joins its own endings to a Dutch word, so glossary links survive them.
    pub endings: Endings,
}

/// Kurmanji's endings on a Dutch word: the ezafe (-a, -ê, -ên; -ya, -yê, -yên after a vowel),
/// the indefinite (-ek, -yek) with its oblique forms, and the oblique (-î, -an).
const KURMANJI_ENDINGS: &[&str] = &[
    "a", "ê", "ên", "ya", "yê", "yên", "ek", "eke", "ekê", "ekî", "yek", "yeke", "yekê", "yekî", "î", "yî", "an", "yan",
];

/// Every language, in the order of the language chooser. Dutch is the source language.
pub static LANGUAGES: &[Language] = &[
    Language {
        code: "nl",
        endonym: "Nederlands",
        english: "Dutch",
        dir: Direction::Ltr,
        script: Script::Latin,
        status: TranslationStatus::Source,
        load_error: "Laden lukte niet. Controleer je internetverbinding.",
        not_on_phone: "Deze taal staat nog niet op deze telefoon. Maak verbinding met internet en probeer het opnieuw.",
        retry: "Opnieuw proberen",
        status_label: "",
        endings: Endings::None,
    },
    Language {
        code: "en",
        endonym: "English",
        english: "English",
        dir: Direction::Ltr,
        script: Script::Latin,
        status: TranslationStatus::Source,
        load_error: "Could not load. Check your internet connection.",
        not_on_phone: "This language is not on this phone yet. Connect to the internet and try again.",
        retry: "Try again",
        status_label: "",
        endings: Endings::None,
    },
    Language {
        code: "ar",
        endonym: "العربية",
        english: "Arabic",
        dir: Direction::Rtl,
        script: Script::Arabic,
        status: TranslationStatus::Machine,
        load_error: "تعذّر التحميل. تحقق من اتصالك بالإنترنت.",
        not_on_phone: "هذه اللغة ليست على هذا الهاتف بعد. اتصل بالإنترنت وحاول مرة أخرى.",
        retry: "حاول مرة أخرى",
        status_label: "ترجمة آلية",
        endings: Endings::None,
    },
    Language {
        code: "ti",
        endonym: "ትግርኛ",
        english: "Tigrinya",
        dir: Direction::Ltr,
        script: Script::Ethiopic,
        status: TranslationStatus::Machine,
        load_error: "ክጽዓን ኣይከኣለን። ርክብ ኢንተርነትኩም ኣረጋግጹ።",
        not_on_phone: "እዚ ቋንቋ ገና ኣብዚ ስልኪ የለን። ምስ ኢንተርነት ተራኸቡ እሞ ደጊምኩም ፈትኑ።",
        retry: "ደጊምኩም ፈትኑ",
        status_label: "ትርጉም ማሽን",
        endings: Endings::None,
    },
    Language {
        code: "prs",
        endonym: "دری",
        english: "Dari",
        dir: Direction::Rtl,
        script: Script::Arabic,
        status: TranslationStatus::Machine,
        load_error: "معلومات باز نشد. اتصال انترنت خود را بررسی کنید.",
        not_on_phone: "این زبان هنوز در این تلیفون نیست. به انترنت وصل شوید و دوباره کوشش کنید.",
        retry: "دوباره کوشش کنید",
        status_label: "ترجمه ماشینی",
        endings: Endings::None,
    },
    Language {
        code: "fa",
        endonym: "فارسی",
        english: "Farsi (Persian)",
        dir: Direction::Rtl,
        script: Script::Arabic,
        status: TranslationStatus::Machine,
        load_error: "بارگیری نشد. اتصال اینترنت خود را بررسی کنید.",
        not_on_phone: "این زبان هنوز روی این تلفن نیست. به اینترنت وصل شوید و دوباره امتحان کنید.",
        retry: "دوباره امتحان کنید",
        status_label: "ترجمه ماشینی",
        endings: Endings::None,
    },
    Language {
        code: "ps",
        endonym: "پښتو",
        english: "Pashto",
        dir: Direction::Rtl,
        script: Script::Arabic,
        status: TranslationStatus::Machine,
        load_error: "پاڼه بار نه شوه. د انټرنېټ اړیکه مو وګورئ.",
        not_on_phone: "دا ژبه لا په دې تلیفون کې نشته. له انټرنېټ سره وصل شئ او بیا هڅه وکړئ.",
        retry: "بیا هڅه وکړئ",
        status_label: "ماشیني ژباړه",
        endings: Endings::None,
    },
    Language {
        code: "tr",
        endonym: "Türkçe",
        english: "Turkish",
        dir: Direction::Ltr,
        script: Script::Latin,
        status: TranslationStatus::Machine,
        load_error: "Yüklenemedi. İnternet bağlantınızı kontrol edin.",
        not_on_phone: "Bu dil henüz bu telefonda yok. İnternete bağlanın ve tekrar deneyin.",
        retry: "Tekrar deneyin",
        status_label: "Makine çevirisi",
        endings: Endings::None,
    },
    Language {
        code: "kmr",
        endonym: "Kurmancî",
        english: "Kurmanji Kurdish",
        dir: Direction::Ltr,
        script: Script::Latin,
        status: TranslationStatus::Machine,
        load_error: "Nehat barkirin. Girêdana xwe ya înternetê kontrol bike.",
        not_on_phone: "Ev ziman hîn li ser vê telefonê nîne. Bi înternetê ve girê bide û dîsa biceribîne.",
        retry: "Dîsa biceribîne",
        status_label: "Wergera makîneyê",
        endings: Endings::Listed(KURMANJI_ENDINGS),
    },
    Language {
        code: "so",
        endonym: "Soomaali",
        english: "Somali",
        dir: Direction::Ltr,
        script: Script::Latin,
        status: TranslationStatus::Machine,
        load_error: "Lama soo rarin karo. Hubi xiriirka internetkaaga.",
        not_on_phone: "Luqaddan weli kuma jirto taleefankan. Ku xirir internetka oo mar kale isku day.",
        retry: "Mar kale isku day",
        status_label: "Turjumaad mashiin",
        endings: Endings::AfterHyphen,
    },
];

/// The source language, whose files every other language must match.
pub const SOURCE: &str = "nl";

/// The language used when nothing the browser prefers is available.
pub const FALLBACK: &str = "en";

impl Language {
    /// The language with this exact code, such as `ar`.
    pub fn by_code(code: &str) -> Option<&'static Language> {
        LANGUAGES.iter().find(|l| l.code == code)
    }

    /// The best language for a browser's preferred language tags (`navigator.languages`, most
    /// preferred first), falling back to English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> &'static Language {
        preferred
            .into_iter()
            .find_map(Language::for_tag)
            .or_else(|| Language::by_code(FALLBACK))
            .expect("the fallback language is in the table")
    }

    /// The language a BCP 47 tag asks for: `ar-SY` is Arabic; `fa-AF` is Dari, the Persian of
    /// Afghanistan; `ku` is taken as Kurmanji, the Kurdish written in Latin script.
    pub fn for_tag(tag: &str) -> Option<&'static Language> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        let primary = parts.next()?;
        let region_or_script: Vec<&str> = parts.collect();
        let code = match primary {
            "fa" if region_or_script.contains(&"af") => "prs",
            "ku" if !region_or_script.contains(&"arab") => "kmr",
            other => other,
        };
        Language::by_code(code).or_else(|| if code == "prs" { Language::by_code("fa") } else { None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_source_and_fallback_exist() {
        for (i, a) in LANGUAGES.iter().enumerate() {
            assert!(LANGUAGES[i + 1..].iter().all(|b| b.code != a.code), "{} twice", a.code);
            assert!(!a.load_error.is_empty() && !a.retry.is_empty() && !a.not_on_phone.is_empty());
            assert_eq!(a.status_label.is_empty(), a.status == TranslationStatus::Source, "{} status label", a.code);
            if a.script != Script::Latin {
                assert!(a.endonym.chars().any(|c| a.script.has_letter(c)), "{} endonym script", a.code);
                assert!(a.load_error.chars().any(|c| a.script.has_letter(c)), "{} load_error script", a.code);
                assert!(a.not_on_phone.chars().any(|c| a.script.has_letter(c)), "{} not_on_phone script", a.code);
            }
        }
        assert!(Language::by_code(SOURCE).is_some());
        assert!(Language::by_code(FALLBACK).is_some());
    }

    #[test]
    fn negotiates_from_browser_tags() {
        assert_eq!(Language::negotiate(["ar-SY", "en-US"]).code, "ar");
        assert_eq!(Language::negotiate(["de-DE", "nl-BE"]).code, "nl");
        assert_eq!(Language::negotiate(["de-DE"]).code, "en");
        assert_eq!(Language::negotiate([]).code, "en");
        assert_eq!(Language::negotiate(["EN_gb"]).code, "en");
        assert_eq!(Language::negotiate(["", "  "]).code, "en");
    }

    #[test]
    fn scripts_know_their_letters() {
        assert!(Script::Arabic.has_letter('ب'));
        assert!(!Script::Arabic.has_letter('b'));
        assert!(Script::Ethiopic.has_letter('ሀ'));
        assert!(Script::Latin.has_letter('ê'));
        assert!(!Script::Latin.has_letter('ب'));
    }
}
