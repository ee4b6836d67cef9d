//! Content: the language-independent structure (`content/structure.json`) and the words of one
//! language (`content/lang/{code}.json`), with the checks that keep them complete and consistent.
//! The format is documented for editors and translators in `content/README.md`; the checks are
//! in `content/checks.rs`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::condition::Condition;
use crate::date::Date;
use crate::deadline::Rule;
use crate::intake::{Field, Kind};

/// Everything that does not depend on language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Structure {
    pub guides: Vec<Guide>,
    pub steps: Vec<Step>,
    pub glossary: Vec<Term>,
}

/// A guide: an ordered list of steps on one theme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Guide {
    pub id: String,
    pub steps: Vec<String>,
}

/// One step, without its words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Step {
    pub id: String,
    /// Steps to do before this one.
    pub after: Vec<String>,
    /// Who the step is for; `None` means everyone.
    pub applies: Option<Condition>,
    /// When it is due: the first rule whose condition holds; empty when it has no deadline.
    #[serde(with = "crate::deadline::rules_form")]
    pub deadline: Vec<Rule>,
    /// Who helps.
    pub links: Vec<Link>,
    pub source: Source,
    /// The rule is disputed or changing.
    pub uncertain: bool,
    /// Dutch words the person meets in letters.
    pub keywords: Vec<String>,
}

/// An official web page of an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Link {
    pub org: String,
    pub url: String,
}

/// Where a step's facts come from, and when they were last checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Source {
    pub org: String,
    pub url: String,
    pub checked: Date,
    /// Why a domain's home page is the best source there is, for the rare step that has no page of
    /// its own; without it, a home page as source is a content error (`checks::is_home_page`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_page: Option<String>,
}

/// A Dutch official word explained in the glossary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Term {
    pub id: String,
    /// The word as written in Dutch.
    pub term: String,
}

/// Defines [`Ui`], its list of keys and an accessor per key from one list of keys, so a key
/// cannot be added to the type and forgotten by the checks. The texts are one array indexed by
/// key rather than a field each: per-field code (reading, cloning, dropping 60-odd strings)
/// cost the wasm several kilobytes, an array costs one loop.
macro_rules! ui_strings {
    ($($key:ident),* $(,)?) => {
        /// The keys of [`Ui`], in the order of its texts.
        pub const UI_KEYS: &[&str] = &[$(stringify!($key),)*];

        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        #[repr(usize)]
        enum UiKey {
            $($key,)*
        }

        impl Ui {
            $(
                #[doc = concat!("The text of `ui.", stringify!($key), "`.")]
                pub fn $key(&self) -> &str {
                    &self.0[UiKey::$key as usize]
                }
            )*
        }
    };
}

/// The interface's own strings in one language; every key is required.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ui(Box<[String]>);

impl Ui {
    /// Builds the strings from a lookup by key (the browser's reader); the error names the
    /// first key the lookup lacks.
    pub fn from_lookup(mut lookup: impl FnMut(&'static str) -> Option<String>) -> Result<Ui, &'static str> {
        let mut texts = Vec::with_capacity(UI_KEYS.len());
        for key in UI_KEYS {
            texts.push(lookup(key).ok_or(*key)?);
        }
        Ok(Ui(texts.into_boxed_slice()))
    }

    /// "{done} of {total} done" in this language.
    pub fn progress_text(&self, done: usize, total: usize) -> String {
        fill(self.progress(), &[("done", &done.to_string()), ("total", &total.to_string())])
    }

    /// Every key with its text.
    pub fn entries(&self) -> Vec<(&'static str, &str)> {
        UI_KEYS.iter().copied().zip(self.0.iter().map(String::as_str)).collect()
    }

    /// Replaces one text (for tests of the checks); `false` when there is no such key.
    pub fn set(&mut self, key: &str, text: &str) -> bool {
        match UI_KEYS.iter().position(|k| *k == key) {
            Some(i) => {
                self.0[i] = text.to_owned();
                true
            }
            None => false,
        }
    }
}

impl Serialize for Ui {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(UI_KEYS.len()))?;
        for (k, v) in self.entries() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Ui {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Ui, D::Error> {
        let mut map = BTreeMap::<String, String>::deserialize(deserializer)?;
        if let Some(extra) = map.keys().find(|k| !UI_KEYS.contains(&k.as_str())) {
            return Err(serde::de::Error::custom(format!("unknown field `{extra}` in ui")));
        }
        Ui::from_lookup(|key| map.remove(key))
            .map_err(|key| serde::de::Error::custom(format!("missing field `{key}` in ui")))
    }
}

ui_strings!(
    tagline,
    language,
    guides,
    progress,
    why,
    what_to_do,
    what_to_bring,
    nothing_to_bring,
    who_helps,
    deadline,
    for_whom,
    do_first,
    words_in_letters,
    last_checked,
    source,
    may_change,
    mark_done,
    done,
    next_step,
    previous_step,
    all_steps,
    home,
    skip_to_content,
    not_found_title,
    not_found_text,
    go_home,
    machine_translation,
    reviewed_translation,
    progress_unreadable,
    storage_unavailable,
    glossary,
    glossary_intro,
    official_site,
    offline,
    update_ready,
    reload,
    keep_languages,
    kept,
    not_kept,
    keep_failed,
    plan,
    plan_intro,
    answer_questions,
    change_answers,
    delete_answers,
    answers_saved,
    answers_unreadable,
    yes,
    no,
    dont_know,
    child_year,
    child_month,
    no_children,
    see_plan,
    what_next,
    why_overdue,
    why_soonest,
    why_ready,
    due_on,
    days_left,
    due_maybe,
    date_needs,
    not_for_you,
    maybe_for_you,
    show_all,
    add_to_calendar,
    add_all_to_calendar,
    print_plan,
    year_invalid,
    note,
    note_hint,
    share,
    share_intro,
    share_start,
    share_link,
    share_copy,
    share_stop,
    share_delete,
    sync_synced,
    sync_sending,
    sync_offline,
    sync_failed,
    sync_retry,
    sync_ended,
    join_intro,
    join_label,
    join_start,
    join_bad,
    people,
    people_me,
    data,
    data_phone,
    data_server,
    data_who,
    data_delete,
);

/// Placeholders a UI string must keep, by key.
const PLACEHOLDERS: &[(&str, &[&str])] = &[
    ("progress", &["{done}", "{total}"]),
    ("last_checked", &["{date}"]),
    ("due_on", &["{date}"]),
    ("due_maybe", &["{date}"]),
    ("days_left", &["{days}"]),
    ("sync_sending", &["{n}"]),
    ("sync_offline", &["{n}"]),
    ("sync_failed", &["{n}"]),
];

/// All words of one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Words {
    pub ui: Ui,
    pub guides: BTreeMap<String, GuideWords>,
    pub steps: BTreeMap<String, StepWords>,
    pub glossary: BTreeMap<String, String>,
    /// The intake's questions: `<field>` is the question, `<field>.help` an optional help text,
    /// `<field>.<option>` each option of a choice (see [`Words::intake_keys`]).
    pub intake: BTreeMap<String, String>,
}

/// The words of a guide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct GuideWords {
    pub title: String,
    pub summary: String,
}

/// The words of a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct StepWords {
    pub title: String,
    pub why: String,
    /// The actions, in order.
    #[serde(rename = "do")]
    pub actions: Vec<String>,
    pub bring: Vec<String>,
    pub helper: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<String>,
}

/// One thing wrong with the content, said so an editor or translator can fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem(pub String);

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Structure {
    /// Reads `structure.json`.
    pub fn from_json(text: &str) -> Result<Structure, Problem> {
        serde_json::from_str(text).map_err(|e| Problem(format!("structure.json: {e}")))
    }

    /// The guide with this id.
    pub fn guide(&self, id: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.id == id)
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The guide a step belongs to.
    pub fn guide_of(&self, step: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.steps.iter().any(|s| s == step))
    }
}

impl Words {
    /// The keys `intake` must have: each question, and each option of a choice.
    pub fn intake_keys() -> Vec<String> {
        let mut keys = Vec::new();
        for field in Field::ALL {
            keys.push(field.id().to_owned());
            if let Kind::Choice(options) = field.kind() {
                keys.extend(options.iter().map(|o| format!("{}.{o}", field.id())));
            }
        }
        keys
    }

    /// The question of an intake field, its help text (if any) and the label of an option.
    pub fn intake(&self, key: &str) -> &str {
        self.intake.get(key).map_or("", String::as_str)
    }

    /// Reads `lang/{code}.json`; `file` names it in the error.
    pub fn from_json(file: &str, text: &str) -> Result<Words, Problem> {
        serde_json::from_str(text).map_err(|e| Problem(format!("{file}: {e}")))
    }
}

/// Fills `{name}` placeholders in a UI string.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

mod checks;
pub mod split;

pub use checks::{is_official_url, OFFICIAL_DOMAINS, RESERVED_IDS};
