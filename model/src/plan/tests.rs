//! Tests of the plan on small structures written here, so each rule is seen on its own; the
//! real content's plan is tested in `tests/plan.rs`.

use super::*;
use crate::intake::UNKNOWN;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// A step as `(id, after, applies, deadline)`, conditions and deadlines as in `structure.json`.
type StepRow<'a> = (&'a str, &'a [&'a str], &'a str, &'a str);

/// A structure from guides and their steps.
fn structure(guides: &[(&str, &[StepRow])]) -> Structure {
    let mut steps = Vec::new();
    let mut gs = Vec::new();
    for (g, list) in guides {
        gs.push(serde_json::json!({"id": g, "steps": list.iter().map(|s| s.0).collect::<Vec<_>>()}));
        for (id, after, applies, deadline) in *list {
            steps.push(serde_json::json!({
                "id": id, "after": after, "links": [], "uncertain": false, "keywords": [],
                "source": {"org": "o", "url": "https://www.ind.nl/", "checked": "2026-01-01"},
                "applies": serde_json::from_str::<serde_json::Value>(applies).unwrap(),
                "deadline": serde_json::from_str::<serde_json::Value>(deadline).unwrap(),
            }));
        }
    }
    serde_json::from_value(serde_json::json!({"guides": gs, "steps": steps, "glossary": []})).unwrap()
}

fn answers(list: &[(Field, &str)]) -> Progress {
    let mut p = Progress::new(1);
    for (f, v) in list {
        p.set(&f.key(), v, 1);
    }
    p
}

const NAREIS: &str = r#"[{"if": {"protection": "refugee"}, "within": {"months": 3}, "after": "asylum_decision"},
                          {"if": {"protection": "subsidiary"}, "within": {"years": 2}, "after": "asylum_decision"}]"#;

#[test]
fn the_first_rule_that_holds_gives_the_date() {
    let s = structure(&[("g", &[("nareis", &[], "null", NAREIS)])]);
    let rules = &s.steps[0].deadline;
    let today = d("2026-12-02");
    let due_with = |list: &[(Field, &str)]| {
        let p = answers(list);
        let intake = Intake::new(&p);
        due(rules, &intake.profile(today), intake, today)
    };
    use Field::*;
    assert_eq!(due_with(&[(AsylumDecision, "2026-10-01"), (Protection, "refugee")]), Due::On(d("2027-01-01")));
    assert_eq!(due_with(&[(AsylumDecision, "2026-10-01"), (Protection, "subsidiary")]), Due::On(d("2028-10-01")));
    assert_eq!(
        due_with(&[(AsylumDecision, "2026-10-01")]),
        Due::Unknown { maybe: Some(d("2027-01-01")), needs: vec![Protection] },
        "not knowing the status gives the earliest possible date and asks for the status"
    );
    assert_eq!(
        due_with(&[(AsylumDecision, UNKNOWN), (Protection, "refugee")]),
        Due::Unknown { maybe: None, needs: vec![AsylumDecision] }
    );
    assert_eq!(due_with(&[]), Due::Unknown { maybe: None, needs: vec![AsylumDecision, Protection] });
    let only_refugees = structure(&[(
        "g",
        &[("x", &[], "null", r#"[{"if": {"protection": "refugee"}, "yearly": {"month": 9, "day": 1}}]"#)],
    )]);
    let p = answers(&[(Protection, "subsidiary")]);
    let intake = Intake::new(&p);
    assert_eq!(
        due(&only_refugees.steps[0].deadline, &intake.profile(today), intake, today),
        Due::None,
        "no rule holds"
    );
}

#[test]
fn deadlines_over_month_ends_leap_years_and_yearly_dates() {
    let s = structure(&[(
        "g",
        &[
            ("month", &[], "null", r#"{"within": {"months": 1}, "after": "lease_signed"}"#),
            ("days", &[], "null", r#"{"within": {"days": 185}, "after": "municipal_registration"}"#),
            ("sept", &[], "null", r#"{"yearly": {"month": 9, "day": 1}}"#),
            ("leap", &[], "null", r#"{"yearly": {"month": 2, "day": 29}}"#),
            ("on", &[], "null", r#"{"within": {"days": 0}, "after": "permit_expiry"}"#),
        ],
    )]);
    use Field::*;
    for (today, lease, brp, month, days, sept, leap) in [
        ("2026-01-15", "2026-01-31", "2026-01-31", "2026-02-28", "2026-08-04", "2026-09-01", "2026-02-28"),
        ("2027-09-02", "2028-01-31", "2027-12-31", "2028-02-29", "2028-07-03", "2028-09-01", "2028-02-29"),
        ("2026-09-01", "2026-12-31", "2024-02-29", "2027-01-31", "2024-09-01", "2026-09-01", "2027-02-28"),
    ] {
        let p = answers(&[(LeaseSigned, lease), (MunicipalRegistration, brp), (PermitExpiry, "2031-10-01")]);
        let items = plan(&s, &p, d(today));
        let dates: Vec<Option<Date>> = items.iter().map(Item::date).collect();
        assert_eq!(
            dates,
            [Some(d(month)), Some(d(days)), Some(d(sept)), Some(d(leap)), Some(d("2031-10-01"))],
            "on {today}"
        );
    }
}

#[test]
fn order_puts_a_step_after_the_steps_it_needs() {
    let s = structure(&[
        ("a", &[("one", &[], "null", "null"), ("two", &["four"], "null", "null"), ("three", &[], "null", "null")]),
        ("b", &[("four", &["one"], "null", "null"), ("five", &[], "null", "null")]),
    ]);
    let ids: Vec<&str> = order(&s).iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["one", "three", "four", "two", "five"]);
}

#[test]
fn steps_that_do_not_apply_are_marked_and_missing_answers_leave_maybe() {
    let s = structure(&[(
        "g",
        &[
            ("school", &[], r#"{"has_child_aged": {"min": 4, "max": 11}}"#, "null"),
            ("isk", &[], r#"{"has_child_aged": {"min": 12, "max": 17}}"#, "null"),
            ("all", &[], "null", "null"),
        ],
    )]);
    let today = d("2026-12-02");
    let applies = |p: &Progress| plan(&s, p, today).iter().map(|i| i.applies).collect::<Vec<_>>();
    assert_eq!(applies(&answers(&[(Field::Children, "2019,2012")])), [Some(true), Some(true), Some(true)]);
    assert_eq!(applies(&answers(&[(Field::Children, "none")])), [Some(false), Some(false), Some(true)]);
    assert_eq!(applies(&answers(&[])), [None, None, Some(true)]);
    assert_eq!(applies(&answers(&[(Field::Children, "2015-01")])), [Some(true), Some(false), Some(true)]);
}

#[test]
fn next_is_overdue_first_then_the_nearest_date_then_ready_steps_in_order() {
    let s = structure(&[
        (
            "first",
            &[
                ("brp", &[], "null", "null"),
                ("bsn", &["brp"], "null", "null"),
                ("digid", &["bsn"], "null", r#"{"within": {"days": 20}, "after": "digid_letter"}"#),
                ("nareis", &[], r#"{"family_abroad": true}"#, NAREIS),
            ],
        ),
        (
            "later",
            &[
                ("tax", &["digid"], "null", r#"{"yearly": {"month": 5, "day": 1}}"#),
                ("gp", &[], "null", "null"),
                ("school", &["brp"], r#"{"has_child_aged": {"min": 4, "max": 11}}"#, "null"),
            ],
        ),
    ]);
    use Field::*;
    let today = d("2026-12-02");
    let next_of = |p: &Progress| {
        let items = plan(&s, p, today);
        next(&items, today, 3).into_iter().map(|(i, w)| (i.step.id.clone(), w)).collect::<Vec<_>>()
    };
    let owned = |list: &[(&str, Why)]| list.iter().map(|(s, w)| (s.to_string(), *w)).collect::<Vec<_>>();

    // Nothing told: the steps with nothing before them. The yearly tax date is the only date
    // known, but the tax return waits for a DigiD that is not there yet.
    assert_eq!(next_of(&answers(&[])), owned(&[("brp", Why::Ready), ("nareis", Why::Ready), ("gp", Why::Ready)]));

    // The issue's family: refugee, decision 1 October, partner abroad.
    let mut p = answers(&[
        (AsylumDecision, "2026-10-01"),
        (Protection, "refugee"),
        (PartnerAbroad, "yes"),
        (Children, "2019,2012"),
    ]);
    assert_eq!(next_of(&p), owned(&[("nareis", Why::Soonest), ("brp", Why::Ready), ("gp", Why::Ready)]));

    // Ticking brp opens bsn and school; a letter dated 1 November makes DigiD overdue.
    p.set_done("brp", true, 2);
    p.set(&DigidLetter.key(), "2026-11-01", 3);
    assert_eq!(next_of(&p), owned(&[("digid", Why::Overdue), ("nareis", Why::Soonest), ("bsn", Why::Ready)]));

    // Done steps and steps not for this person never come next; an after step that is not for
    // this person does not hold back what comes after it.
    p.set_done("digid", true, 4);
    p.set_done("nareis", true, 5);
    p.set(&Children.key(), "none", 6);
    assert_eq!(next_of(&p), owned(&[("tax", Why::Soonest), ("bsn", Why::Ready), ("gp", Why::Ready)]));
}
