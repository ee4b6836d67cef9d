//! Who a step is for, as data: a small condition language evaluated against what a person chose
//! to tell in the intake. Unknown answers stay unknown, so a plan can show a step "maybe".

use serde::{Deserialize, Serialize};

/// Where the person lives now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Housing {
    /// Still in a reception centre (AZC) of COA.
    Reception,
    /// In an own (rented) home in a municipality.
    Home,
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
    FamilyAbroad(bool),
    Housing(Housing),
    Working(bool),
    HasDiploma(bool),
    HasDrivingLicence(bool),
    OnSocialAssistance(bool),
    CameAsMinor(bool),
}

/// What a person told about themselves; `None` means not answered. Nothing here names anyone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub age: Option<u8>,
    pub children_ages: Option<Vec<u8>>,
    pub family_abroad: Option<bool>,
    pub housing: Option<Housing>,
    pub working: Option<bool>,
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
            Condition::All(parts) => {
                let mut unknown = false;
                for part in parts {
                    match part.eval(p) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown {
                    None
                } else {
                    Some(true)
                }
            }
            Condition::Any(parts) => {
                let mut unknown = false;
                for part in parts {
                    match part.eval(p) {
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
            Condition::Not(inner) => inner.eval(p).map(|v| !v),
            Condition::AgeAtLeast(min) => p.age.map(|a| a >= *min),
            Condition::AgeBelow(max) => p.age.map(|a| a < *max),
            Condition::HasChildAged { min, max } => {
                p.children_ages.as_ref().map(|ages| ages.iter().any(|a| (min..=max).contains(&a)))
            }
            Condition::FamilyAbroad(v) => is(p.family_abroad, *v),
            Condition::Housing(h) => p.housing.map(|x| x == *h),
            Condition::Working(v) => is(p.working, *v),
            Condition::HasDiploma(v) => is(p.has_diploma, *v),
            Condition::HasDrivingLicence(v) => is(p.has_driving_licence, *v),
            Condition::OnSocialAssistance(v) => is(p.on_social_assistance, *v),
            Condition::CameAsMinor(v) => is(p.came_as_minor, *v),
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
        p.age = Some(17);
        assert_eq!(adult_at_home.eval(&p), Some(false), "one false part decides 'all'");
        p.age = Some(30);
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
    fn children_ages_are_inclusive() {
        let school = Condition::HasChildAged { min: 4, max: 12 };
        let with = |ages: &[u8]| Profile { children_ages: Some(ages.to_vec()), ..Profile::default() };
        assert_eq!(school.eval(&with(&[])), Some(false));
        assert_eq!(school.eval(&with(&[3, 13])), Some(false));
        assert_eq!(school.eval(&with(&[1, 4])), Some(true));
        assert_eq!(school.eval(&with(&[12])), Some(true));
        assert_eq!(Condition::Not(Box::new(school)).eval(&with(&[12])), Some(false));
    }

    #[test]
    fn reports_meaningless_conditions() {
        assert!(Condition::AgeAtLeast(18).problems().is_empty());
        assert_eq!(Condition::All(vec![]).problems().len(), 1);
        assert_eq!(Condition::Any(vec![Condition::HasChildAged { min: 12, max: 4 }]).problems().len(), 1);
    }
}
