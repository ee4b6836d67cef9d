//! The intake: what a person chooses to tell so the plan shows their steps and their dates.
//! Every question is optional and may be answered "I don't know". Answers are stored as keys of
//! the progress replica (`answer:<field>`), so they sync like ticks and "Delete my answers"
//! clears them. Years of birth are stored, never ages, so the plan stays right as people grow.
//! Nothing asked names anyone: no name, BSN, V-number or address.

use crate::condition::{Ages, Housing, Profile, Protection};
use crate::date::Date;
use crate::deadline::Event;
use crate::progress::{Progress, ANSWER};

/// The stored answer for "I don't know"; it counts as not known, but the form shows it chosen.
pub const UNKNOWN: &str = "unknown";

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A calendar date, `YYYY-MM-DD`: the day an event happened (or will happen).
    Date(Event),
    /// `yes` or `no`.
    Flag,
    /// One of these ids.
    Choice(&'static [&'static str]),
    /// A year of birth, `YYYY`.
    Year,
    /// Children living in the Netherlands: `none`, or years of birth with the month when known,
    /// separated by commas (`2019,2012-05`).
    Births,
}

macro_rules! fields {
    ($($name:ident = $id:literal: $kind:expr,)*) => {
        /// One question of the intake, in the order the form asks them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field {
            $($name,)*
        }

        impl Field {
            /// Every question, in the order the form asks them.
            pub const ALL: &'static [Field] = &[$(Field::$name,)*];

            /// The id in stored keys and in the words files (`intake.<id>`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Field::$name => $id,)*
                }
            }

            /// The kind of answer.
            pub fn kind(self) -> Kind {
                match self {
                    $(Field::$name => $kind,)*
                }
            }
        }
    };
}

fields! {
    AsylumDecision = "asylum_decision": Kind::Date(Event::AsylumDecision),
    Protection = "protection": Kind::Choice(&["refugee", "subsidiary"]),
    Housing = "housing": Kind::Choice(&["reception", "home"]),
    LeftReception = "left_reception": Kind::Date(Event::LeftReception),
    LeaseSigned = "lease_signed": Kind::Date(Event::LeaseSigned),
    MunicipalRegistration = "municipal_registration": Kind::Date(Event::MunicipalRegistration),
    PartnerAbroad = "partner_abroad": Kind::Flag,
    ChildrenAbroad = "children_abroad": Kind::Flag,
    CameAsMinor = "came_as_minor": Kind::Flag,
    ParentsAbroad = "parents_abroad": Kind::Flag,
    SiblingsAbroad = "siblings_abroad": Kind::Flag,
    BirthYear = "birth_year": Kind::Year,
    Children = "children": Kind::Births,
    Working = "working": Kind::Flag,
    Studying = "studying": Kind::Flag,
    SocialAssistance = "social_assistance": Kind::Flag,
    Diploma = "diploma": Kind::Flag,
    DrivingLicence = "driving_licence": Kind::Flag,
    IntegrationStart = "integration_start": Kind::Date(Event::IntegrationStart),
    PermitExpiry = "permit_expiry": Kind::Date(Event::PermitExpiry),
    DigidLetter = "digid_letter": Kind::Date(Event::DigidLetter),
}

impl Field {
    /// The question with this id.
    pub fn from_id(id: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.id() == id)
    }

    /// The question that gives the date of `event`.
    pub fn of_event(event: Event) -> Field {
        *Field::ALL.iter().find(|f| f.kind() == Kind::Date(event)).expect("every event has its question")
    }

    /// A follow-up question is asked only when another question has this answer: parents and
    /// brothers or sisters of someone who came as a minor, the moving dates of someone in their
    /// own home. `None`: always asked.
    pub fn asked_when(self) -> Option<(Field, &'static str)> {
        match self {
            Field::ParentsAbroad | Field::SiblingsAbroad => Some((Field::CameAsMinor, "yes")),
            Field::LeftReception | Field::LeaseSigned => Some((Field::Housing, "home")),
            _ => None,
        }
    }

    /// The key the answer is stored under.
    pub fn key(self) -> String {
        format!("{ANSWER}{}", self.id())
    }

    /// Whether `value` is an answer this question takes ("I don't know" included).
    pub fn accepts(self, value: &str) -> bool {
        value == UNKNOWN
            || match self.kind() {
                Kind::Date(_) => value.parse::<Date>().is_ok(),
                Kind::Flag => value == "yes" || value == "no",
                Kind::Choice(ids) => ids.contains(&value),
                Kind::Year => year(value).is_some(),
                Kind::Births => births(value).is_some(),
            }
    }
}

/// A year of birth with its month when known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Birth {
    pub year: i32,
    pub month: Option<u8>,
}

impl Birth {
    /// The possible ages on `today`: one when the month is known and is not this month, else
    /// the two either side of this year's birthday (never below 0).
    pub fn ages(self, today: Date) -> Ages {
        let years = today.year() - self.year;
        let (min, max) = match self.month {
            Some(m) if m < today.month() => (years, years),
            Some(m) if m > today.month() => (years - 1, years - 1),
            _ => (years - 1, years),
        };
        let clamp = |n: i32| n.clamp(0, 255) as u8;
        Ages { min: clamp(min), max: clamp(max) }
    }
}

fn year(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok().filter(|_| text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))?;
    (1900..=2200).contains(&y).then_some(y)
}

/// Reads the `Births` form; `None` when it is not that form.
pub fn births(text: &str) -> Option<Vec<Birth>> {
    if text == "none" {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    for part in text.split(',') {
        let (y, m) = match part.split_once('-') {
            Some((y, m)) => (y, Some(m)),
            None => (part, None),
        };
        let month = match m {
            Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
            None => None,
        };
        out.push(Birth { year: year(y)?, month });
    }
    Some(out)
}

/// The intake answers held in a person's progress, read through their questions.
#[derive(Clone, Copy)]
pub struct Intake<'a> {
    progress: &'a Progress,
}

impl<'a> Intake<'a> {
    /// The answers in `progress`.
    pub fn new(progress: &'a Progress) -> Intake<'a> {
        Intake { progress }
    }

    /// The stored answer, "I don't know" included, when the question takes it. A stored value
    /// the question does not take (damaged, or from a newer app) reads as not answered but is
    /// left in place, so nothing is lost; [`Intake::unreadable`] names it.
    pub fn answer(self, field: Field) -> Option<&'a str> {
        self.progress.get(&field.key()).filter(|v| field.accepts(v))
    }

    /// Questions whose stored answer this version cannot read.
    pub fn unreadable(self) -> Vec<Field> {
        Field::ALL.iter().copied().filter(|f| self.progress.get(&f.key()).is_some_and(|v| !f.accepts(v))).collect()
    }

    /// Whether any question has an answer.
    pub fn is_empty(self) -> bool {
        Field::ALL.iter().all(|f| self.answer(*f).is_none())
    }

    /// A known answer: `None` for "not answered" and for "I don't know".
    fn known(self, field: Field) -> Option<&'a str> {
        self.answer(field).filter(|v| *v != UNKNOWN)
    }

    /// A yes-or-no answer.
    pub fn flag(self, field: Field) -> Option<bool> {
        self.known(field).map(|v| v == "yes")
    }

    /// The date of an event, when told.
    pub fn date(self, event: Event) -> Option<Date> {
        self.known(Field::of_event(event))?.parse().ok()
    }

    /// The children's years of birth, when told.
    pub fn births(self) -> Option<Vec<Birth>> {
        births(self.known(Field::Children)?)
    }

    /// What the conditions read, on `today`.
    pub fn profile(self, today: Date) -> Profile {
        let flag = |f| self.flag(f);
        let minor_family = and(flag(Field::CameAsMinor), or(flag(Field::ParentsAbroad), flag(Field::SiblingsAbroad)));
        Profile {
            age: self.known(Field::BirthYear).and_then(year).map(|y| Birth { year: y, month: None }.ages(today)),
            children_ages: self.births().map(|b| b.iter().map(|b| b.ages(today)).collect()),
            family_abroad: or(or(flag(Field::PartnerAbroad), flag(Field::ChildrenAbroad)), minor_family),
            housing: self.known(Field::Housing).map(|h| if h == "home" { Housing::Home } else { Housing::Reception }),
            protection: self.known(Field::Protection).map(|p| {
                if p == "refugee" {
                    Protection::Refugee
                } else {
                    Protection::Subsidiary
                }
            }),
            working: flag(Field::Working),
            studying: flag(Field::Studying),
            has_diploma: flag(Field::Diploma),
            has_driving_licence: flag(Field::DrivingLicence),
            on_social_assistance: flag(Field::SocialAssistance),
            came_as_minor: flag(Field::CameAsMinor),
        }
    }
}

/// Three-valued "or".
fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

/// Three-valued "and".
fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    or(a.map(|v| !v), b.map(|v| !v)).map(|v| !v)
}

#[cfg(test)]
mod tests;

/// CSS that shows a follow-up question only while the answer it follows is chosen, from the
/// model's one list (`Field::asked_when`), or when a plan's "answer this" link points at it. The
/// questions page puts it in a `<style>` element; the server allows exactly this text in its
/// Content-Security-Policy, by its hash.
pub fn follow_up_css() -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for f in Field::ALL {
        if let Some((on, value)) = f.asked_when() {
            let _ = write!(
                out,
                ".intake:not(:has([name=\"{}\"][value=\"{value}\"]:checked)) #q-{id}{{display:none}}#q-{id}[data-target]{{display:block!important}}",
                on.id(),
                id = f.id()
            );
        }
    }
    out
}
