//! Deadline rules as data ("within 3 months after the asylum decision"), turned into a due date
//! once the person tells when the event happened. A step may have several rules, each with a
//! condition (`if`): the first whose condition holds gives the date, so a rule can depend on the
//! person's answers (family reunification for refugee status and for subsidiary protection).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::condition::Condition;
use crate::date::Date;

/// A length of time, as written in `structure.json`: `{"months": 3}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub enum Span {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

impl Span {
    /// The date this span after `from`.
    pub fn after(self, from: Date) -> Date {
        match self {
            Span::Days(n) => from.add_days(i64::from(n)),
            Span::Weeks(n) => from.add_days(7 * i64::from(n)),
            Span::Months(n) => from.add_months(n),
            Span::Years(n) => from.add_months(12 * n),
        }
    }
}

/// A moment in the person's journey that a deadline counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The IND decision that grants asylum.
    AsylumDecision,
    /// Registration in the municipality's population register (BRP).
    MunicipalRegistration,
    /// Signing the lease of a home.
    LeaseSigned,
    /// Moving out of the reception centre (COA's care ends).
    LeftReception,
    /// The date printed on the DigiD activation letter.
    DigidLetter,
    /// The start date in DUO's second letter on civic integration.
    IntegrationStart,
    /// The end date on the residence card.
    PermitExpiry,
}

/// When a step is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// Within a span after an event.
    Within { within: Span, after: Event },
    /// Every year, before a fixed date.
    Yearly { month: u8, day: u8 },
}

/// One of a step's deadline rules: the deadline, and when it holds (`None`: always).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawDeadline", into = "RawDeadline")]
pub struct Rule {
    pub when: Option<Condition>,
    pub deadline: Deadline,
}

/// The forms a step's `deadline` takes in `structure.json`: `null`, one rule, or a list of
/// rules of which the first that holds applies. Read into a list, empty for `null`.
pub mod rules_form {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Rule;

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Form {
        One(Rule),
        Many(Vec<Rule>),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Rule>, D::Error> {
        Ok(match Option::<Form>::deserialize(d)? {
            None => Vec::new(),
            Some(Form::One(rule)) => vec![rule],
            Some(Form::Many(rules)) => rules,
        })
    }

    pub fn serialize<S: Serializer>(rules: &[Rule], s: S) -> Result<S::Ok, S::Error> {
        match rules {
            [] => s.serialize_none(),
            [one] if one.when.is_none() => one.serialize(s),
            many => many.serialize(s),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
struct RawDeadline {
    #[serde(default, rename = "if", skip_serializing_if = "Option::is_none")]
    when: Option<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    within: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    yearly: Option<MonthDay>,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
struct MonthDay {
    month: u8,
    day: u8,
}

/// Why a deadline in `structure.json` is not one of the documented forms.
#[derive(Debug)]
pub struct DeadlineError(&'static str);

impl fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl TryFrom<RawDeadline> for Rule {
    type Error = DeadlineError;

    fn try_from(raw: RawDeadline) -> Result<Rule, DeadlineError> {
        let deadline = match raw {
            RawDeadline { within: Some(within), after: Some(after), yearly: None, .. } => {
                Deadline::Within { within, after }
            }
            RawDeadline { within: None, after: None, yearly: Some(MonthDay { month, day }), .. } => {
                // 2024 is a leap year, so 29 February passes as a yearly date.
                Date::new(2024, month, day)
                    .map(|_| Deadline::Yearly { month, day })
                    .ok_or(DeadlineError("a yearly deadline names a day that does not exist"))?
            }
            _ => {
                return Err(DeadlineError(
                    "a deadline is either {\"within\": {...}, \"after\": \"event\"} or {\"yearly\": {\"month\": m, \"day\": d}}, with an optional \"if\": condition",
                ))
            }
        };
        Ok(Rule { when: raw.when, deadline })
    }
}

impl From<Rule> for RawDeadline {
    fn from(rule: Rule) -> RawDeadline {
        let (within, after, yearly) = match rule.deadline {
            Deadline::Within { within, after } => (Some(within), Some(after), None),
            Deadline::Yearly { month, day } => (None, None, Some(MonthDay { month, day })),
        };
        RawDeadline { when: rule.when, within, after, yearly }
    }
}

impl Deadline {
    /// The due date, given when events happened (`None` when the event is not known yet).
    /// A yearly deadline is the next one on or after `today`.
    pub fn due(self, event_date: impl Fn(Event) -> Option<Date>, today: Date) -> Option<Date> {
        match self {
            Deadline::Within { within, after } => event_date(after).map(|d| within.after(d)),
            Deadline::Yearly { month, day } => {
                let in_year = |year: i32| {
                    Date::new(year, month, day).unwrap_or_else(|| Date::new(year, month, day - 1).unwrap_or(today))
                };
                let this_year = in_year(today.year());
                Some(if this_year >= today { this_year } else { in_year(today.year() + 1) })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn reads_both_forms_and_rejects_mixtures() {
        let within: Rule = serde_json::from_str(r#"{"within": {"months": 3}, "after": "asylum_decision"}"#).unwrap();
        assert_eq!(within.deadline, Deadline::Within { within: Span::Months(3), after: Event::AsylumDecision });
        assert_eq!(within.when, None);
        let yearly: Rule = serde_json::from_str(r#"{"yearly": {"month": 5, "day": 1}}"#).unwrap();
        assert_eq!(yearly.deadline, Deadline::Yearly { month: 5, day: 1 });
        let when: Rule = serde_json::from_str(
            r#"{"if": {"protection": "refugee"}, "within": {"days": 0}, "after": "permit_expiry"}"#,
        )
        .unwrap();
        assert_eq!(when.when, Some(Condition::Protection(crate::condition::Protection::Refugee)));
        for bad in [
            r#"{"within": {"months": 3}}"#,
            r#"{"within": {"months": 3}, "after": "asylum_decision", "yearly": {"month": 5, "day": 1}}"#,
            r#"{"yearly": {"month": 2, "day": 30}}"#,
            r#"{"within": {"fortnights": 3}, "after": "arrival"}"#,
            r#"{"within": {"days": 3}, "after": "birthday"}"#,
            r#"{"if": {"housing": "castle"}, "yearly": {"month": 5, "day": 1}}"#,
            r#"{"if": {"working": true}}"#,
        ] {
            assert!(serde_json::from_str::<Rule>(bad).is_err(), "{bad}");
        }
        for rule in [within, yearly, when] {
            let text = serde_json::to_string(&rule).unwrap();
            assert_eq!(serde_json::from_str::<Rule>(&text).unwrap(), rule);
        }
    }

    #[test]
    fn a_step_has_none_one_or_a_list_of_rules() {
        #[derive(serde::Deserialize, serde::Serialize)]
        struct Step {
            #[serde(with = "rules_form")]
            deadline: Vec<Rule>,
        }
        for (text, count) in [
            (r#"{"deadline":null}"#, 0),
            (r#"{"deadline":{"yearly":{"month":9,"day":1}}}"#, 1),
            (
                r#"{"deadline":[{"if":{"working":true},"yearly":{"month":9,"day":1}},{"yearly":{"month":5,"day":1}}]}"#,
                2,
            ),
        ] {
            let step: Step = serde_json::from_str(text).unwrap();
            assert_eq!(step.deadline.len(), count);
            assert_eq!(serde_json::to_string(&step).unwrap(), text, "written back in the same form");
        }
        assert!(serde_json::from_str::<Step>(r#"{"deadline":[{"yearly":{"month":9}}]}"#).is_err());
    }

    #[test]
    fn computes_due_dates() {
        let nareis = Deadline::Within { within: Span::Months(3), after: Event::AsylumDecision };
        let known = |e: Event| (e == Event::AsylumDecision).then(|| d("2026-11-30"));
        assert_eq!(nareis.due(known, d("2026-12-01")), Some(d("2027-02-28")));
        assert_eq!(nareis.due(|_| None, d("2026-12-01")), None);

        let move_in = Deadline::Within { within: Span::Weeks(2), after: Event::LeaseSigned };
        assert_eq!(move_in.due(|_| Some(d("2026-12-25")), d("2026-12-01")), Some(d("2027-01-08")));

        let tax = Deadline::Yearly { month: 5, day: 1 };
        assert_eq!(tax.due(|_| None, d("2026-11-29")), Some(d("2027-05-01")));
        assert_eq!(tax.due(|_| None, d("2027-05-01")), Some(d("2027-05-01")));
        assert_eq!(tax.due(|_| None, d("2027-01-10")), Some(d("2027-05-01")));
    }
}
