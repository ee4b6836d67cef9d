//! Who a step is for, as data: a small condition language evaluated against what a person chose
//! to tell in the intake. Unknown answers stay unknown, so a plan can show a step "maybe".

use serde::{Deserialize, Serialize};

use crate::intake::Field;

/// Where the person lives now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Housing {
    /// Still in a reception centre (AZC) of COA.
    Reception,
    /// In an own (rented) home in a municipality.
    Home,
}

/// Which protection the asylum decision gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    /// Refugee status (the decision names article 29, paragraph 1, under a).
    Refugee,
    /// Subsidiary protection (article 29, paragraph 1, under b).
    Subsidiary,
}

/// A condition on a [`Profile`], written in `structure.json` as described in `content/README.md`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    AgeAtLeast(u8),
    AgeBelow(u8),
    /// A child whose age in years is within `min..=max`.
    HasChildAged {
        min: u8,
        max: u8,
    },
    /// A partner or children abroad, or, for someone who came as an unaccompanied minor,
    /// parents or brothers and sisters abroad: the people family reunification is for.
    FamilyAbroad(bool),
    Housing(Housing),
    Protection(Protection),
    Working(bool),
    /// Studying, or following a civic integration course or a route to work.
    Studying(bool),
    HasDiploma(bool),
    HasDrivingLicence(bool),
    OnSocialAssistance(bool),
    CameAsMinor(bool),
}

/// An age in whole years known to lie within `min..=max`: a year of birth alone leaves two
/// possible ages on most days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ages {
    pub min: u8,
    pub max: u8,
}

impl Ages {
    /// Exactly `age`.
    pub fn exactly(age: u8) -> Ages {
        Ages { min: age, max: age }
    }

    /// Whether every possible age is within `lo..=hi` (`Some(true)`), none is (`Some(false)`),
    /// or it depends on the birthday (`None`).
    fn within(self, lo: u8, hi: u8) -> Option<bool> {
        if self.min >= lo && self.max <= hi {
            Some(true)
        } else if self.max < lo || self.min > hi {
            Some(false)
        } else {
            None
        }
    }
}

/// What the conditions read, derived from the intake for one day (see
/// [`crate::intake::Intake::profile`]); `None` means not answered. Nothing here names anyone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    pub age: Option<Ages>,
    pub children_ages: Option<Vec<Ages>>,
    pub family_abroad: Option<bool>,
    pub housing: Option<Housing>,
    pub protection: Option<Protection>,
    pub working: Option<bool>,
    pub studying: Option<bool>,
    pub has_diploma: Option<bool>,
    pub has_driving_licence: Option<bool>,
    pub on_social_assistance: Option<bool>,
    pub came_as_minor: Option<bool>,
}

impl Condition {
    /// `Some(true)` when the condition holds, `Some(false)` when it does not, `None` when the
    /// profile lacks an answer it needs (three-valued logic: `All` with one false is false).
    pub fn eval(&self, p: &Profile) -> Option<bool> {
        let is = |answer: Option<bool>, wanted: bool| answer.map(|a| a == wanted);
        match self {
            Condition::All(parts) => any_of(parts.iter().map(|c| c.eval(p).map(|v| !v))).map(|v| !v),
            Condition::Any(parts) => any_of(parts.iter().map(|c| c.eval(p))),
            Condition::Not(inner) => inner.eval(p).map(|v| !v),
            Condition::AgeAtLeast(min) => p.age?.within(*min, u8::MAX),
            Condition::AgeBelow(max) => match max.checked_sub(1) {
                Some(hi) => p.age?.within(0, hi),
                None => Some(false),
            },
            Condition::HasChildAged { min, max } => {
                any_of(p.children_ages.as_ref()?.iter().map(|ages| ages.within(*min, *max)))
            }
            Condition::FamilyAbroad(v) => is(p.family_abroad, *v),
            Condition::Housing(h) => p.housing.map(|x| x == *h),
            Condition::Protection(x) => p.protection.map(|y| y == *x),
            Condition::Working(v) => is(p.working, *v),
            Condition::Studying(v) => is(p.studying, *v),
            Condition::HasDiploma(v) => is(p.has_diploma, *v),
            Condition::HasDrivingLicence(v) => is(p.has_driving_licence, *v),
            Condition::OnSocialAssistance(v) => is(p.on_social_assistance, *v),
            Condition::CameAsMinor(v) => is(p.came_as_minor, *v),
        }
    }

    /// The answers this condition reads, each once, in the order they appear.
    pub fn fields(&self) -> Vec<Field> {
        let mut out = Vec::new();
        self.collect_fields(&mut out);
        out
    }

    fn collect_fields(&self, out: &mut Vec<Field>) {
        let read: &[Field] = match self {
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().for_each(|c| c.collect_fields(out));
                &[]
            }
            Condition::Not(inner) => return inner.collect_fields(out),
            Condition::AgeAtLeast(_) | Condition::AgeBelow(_) => &[Field::BirthYear],
            Condition::HasChildAged { .. } => &[Field::Children],
            Condition::FamilyAbroad(_) => &[
                Field::PartnerAbroad,
                Field::ChildrenAbroad,
                Field::CameAsMinor,
                Field::ParentsAbroad,
                Field::SiblingsAbroad,
            ],
            Condition::Housing(_) => &[Field::Housing],
            Condition::Protection(_) => &[Field::Protection],
            Condition::Working(_) => &[Field::Working],
            Condition::Studying(_) => &[Field::Studying],
            Condition::HasDiploma(_) => &[Field::Diploma],
            Condition::HasDrivingLicence(_) => &[Field::DrivingLicence],
            Condition::OnSocialAssistance(_) => &[Field::SocialAssistance],
            Condition::CameAsMinor(_) => &[Field::CameAsMinor],
        };
        for f in read {
            if !out.contains(f) {
                out.push(*f);
            }
        }
    }

    /// Problems that make a condition meaningless, such as an age range with min above max.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_problems(&mut out);
        out
    }

    fn collect_problems(&self, out: &mut Vec<String>) {
        match self {
            Condition::All(parts) | Condition::Any(parts) => {
                if parts.is_empty() {
                    out.push("an 'all' or 'any' condition has no parts".into());
                }
                parts.iter().for_each(|c| c.collect_problems(out));
            }
            Condition::Not(inner) => inner.collect_problems(out),
            Condition::HasChildAged { min, max } if min > max => {
                out.push(format!("has_child_aged has min {min} above max {max}"))
            }
            _ => {}
        }
    }
}

/// Three-valued "or": true if one is true, false if all are false, unknown otherwise. "And" is
/// its mirror, `!any(!x)`, so both share this one loop.
fn any_of(values: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for v in values {
        match v {
            Some(true) => return Some(true),
            None => unknown = true,
            Some(false) => {}
        }
    }
    if unknown {
        None
    } else {
        Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Condition {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn reads_the_documented_forms() {
        let c = parse(r#"{"all": [{"age_at_least": 18}, {"housing": "home"}, {"not": {"working": true}}]}"#);
        assert_eq!(
            c,
            Condition::All(vec![
                Condition::AgeAtLeast(18),
                Condition::Housing(Housing::Home),
                Condition::Not(Box::new(Condition::Working(true))),
            ])
        );
        assert_eq!(parse(r#"{"has_child_aged": {"min": 4, "max": 12}}"#), Condition::HasChildAged { min: 4, max: 12 });
        assert!(serde_json::from_str::<Condition>(r#"{"age_at_leest": 18}"#).is_err());
        assert!(serde_json::from_str::<Condition>(r#"{"housing": "castle"}"#).is_err());
    }

    #[test]
    fn unknown_answers_stay_unknown() {
        let adult_at_home = parse(r#"{"all": [{"age_at_least": 18}, {"housing": "home"}]}"#);
        let mut p = Profile::default();
        assert_eq!(adult_at_home.eval(&p), None);
        p.age = Some(Ages::exactly(17));
        assert_eq!(adult_at_home.eval(&p), Some(false), "one false part decides 'all'");
        p.age = Some(Ages::exactly(30));
        assert_eq!(adult_at_home.eval(&p), None);
        p.housing = Some(Housing::Home);
        assert_eq!(adult_at_home.eval(&p), Some(true));

        let any = parse(r#"{"any": [{"family_abroad": true}, {"came_as_minor": true}]}"#);
        assert_eq!(any.eval(&Profile::default()), None);
        let p = Profile { family_abroad: Some(true), ..Profile::default() };
        assert_eq!(any.eval(&p), Some(true), "one true part decides 'any'");
        let p = Profile { family_abroad: Some(false), came_as_minor: Some(false), ..Profile::default() };
        assert_eq!(any.eval(&p), Some(false));
    }

    #[test]
    fn children_ages_are_inclusive_and_a_birthday_may_leave_it_open() {
        let school = Condition::HasChildAged { min: 4, max: 12 };
        let with = |ages: &[(u8, u8)]| Profile {
            children_ages: Some(ages.iter().map(|&(min, max)| Ages { min, max }).collect()),
            ..Profile::default()
        };
        for (ages, expected) in [
            (&[][..], Some(false)),
            (&[(3, 3), (13, 13)], Some(false)),
            (&[(1, 1), (4, 4)], Some(true)),
            (&[(12, 12)], Some(true)),
            (&[(12, 13)], None),
            (&[(3, 4)], None),
            (&[(3, 4), (6, 7)], Some(true)),
            (&[(13, 14), (2, 2)], Some(false)),
        ] {
            assert_eq!(school.eval(&with(ages)), expected, "{ages:?}");
        }
        assert_eq!(Condition::Not(Box::new(school.clone())).eval(&with(&[(12, 12)])), Some(false));
        assert_eq!(school.eval(&Profile::default()), None);
    }

    #[test]
    fn own_age_bounds_with_a_birthday_still_to_come() {
        let p = |min, max| Profile { age: Some(Ages { min, max }), ..Profile::default() };
        let adult = Condition::AgeAtLeast(18);
        let below_67 = Condition::AgeBelow(67);
        assert_eq!(adult.eval(&p(18, 19)), Some(true));
        assert_eq!(adult.eval(&p(17, 18)), None);
        assert_eq!(adult.eval(&p(16, 17)), Some(false));
        assert_eq!(below_67.eval(&p(65, 66)), Some(true));
        assert_eq!(below_67.eval(&p(66, 67)), None);
        assert_eq!(below_67.eval(&p(67, 68)), Some(false));
        assert_eq!(Condition::AgeBelow(0).eval(&p(0, 0)), Some(false));
    }

    #[test]
    fn names_the_answers_it_reads() {
        let c = parse(r#"{"all": [{"age_at_least": 18}, {"not": {"protection": "subsidiary"}}, {"age_below": 67}]}"#);
        assert_eq!(c.fields(), [Field::BirthYear, Field::Protection]);
        assert_eq!(Condition::Studying(true).eval(&Profile { studying: Some(true), ..Profile::default() }), Some(true));
    }

    #[test]
    fn reports_meaningless_conditions() {
        assert!(Condition::AgeAtLeast(18).problems().is_empty());
        assert_eq!(Condition::All(vec![]).problems().len(), 1);
        assert_eq!(Condition::Any(vec![Condition::HasChildAged { min: 12, max: 4 }]).problems().len(), 1);
    }
}
