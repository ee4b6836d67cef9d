//! The plan on the real content (`content/structure.json`), for the families the issue names.
//! Step ids and dates come from the content file; the expectations are what a person would see.

use std::path::Path;

use wegwijs_model::plan::{self, Due, Why};
use wegwijs_model::{Date, Field, Progress, Structure};

fn structure() -> Structure {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/structure.json");
    Structure::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn answers(list: &[(Field, &str)]) -> Progress {
    let mut p = Progress::new(1);
    for (i, (f, v)) in list.iter().enumerate() {
        p.set(&f.key(), v, i as u64 + 1);
    }
    p
}

/// The ids of the steps that a condition in the structure gives to parents of children of an
/// age, found by their condition so the test follows the content.
fn steps_for_children(s: &Structure, min: u8, max: u8) -> Vec<String> {
    s.steps
        .iter()
        .filter(|st| {
            st.applies.as_ref().is_some_and(|c| {
                serde_json::to_string(c)
                    .unwrap()
                    .contains(&format!(r#"{{"has_child_aged":{{"min":{min},"max":{max}}}}}"#))
            })
        })
        .map(|st| st.id.clone())
        .collect()
}

const TODAY: &str = "2026-12-02";

#[test]
fn a_refugee_family_with_a_partner_abroad_and_two_children() {
    let s = structure();
    use Field::*;
    let p = answers(&[
        (AsylumDecision, "2026-10-01"),
        (Protection, "refugee"),
        (PartnerAbroad, "yes"),
        (Children, "2019,2012"),
    ]);
    let items = plan::plan(&s, &p, d(TODAY));
    let item = |id: &str| items.iter().find(|i| i.step.id == id).unwrap_or_else(|| panic!("no step {id}"));

    let school = steps_for_children(&s, 4, 11);
    let isk = steps_for_children(&s, 12, 17);
    assert!(!school.is_empty() && !isk.is_empty());
    for id in school.iter().chain(&isk) {
        assert_eq!(item(id).applies, Some(true), "{id}");
    }
    assert_eq!(item("nareis-apply").applies, Some(true));
    assert_eq!(item("nareis-apply").due, Due::On(d("2027-01-01")));
    let next = plan::next(&items, d(TODAY), 3);
    assert_eq!((next[0].0.step.id.as_str(), next[0].1), ("nareis-apply", Why::Soonest));
    assert_eq!(next.len(), 3);
}

#[test]
fn with_no_children_no_school_step_applies() {
    let s = structure();
    // An adult: one school step is also for a young person of 16 or 17 themselves.
    let items = plan::plan(&s, &answers(&[(Field::Children, "none"), (Field::BirthYear, "1990")]), d(TODAY));
    let guide = s.guide("school-children").unwrap();
    for id in &guide.steps {
        let item = items.iter().find(|i| &i.step.id == id).unwrap();
        assert_eq!(item.applies, Some(false), "{id} is not for someone with no children here");
    }
}

#[test]
fn someone_who_came_as_a_minor_with_parents_abroad_sees_family_reunification() {
    let s = structure();
    use Field::*;
    let p = answers(&[(CameAsMinor, "yes"), (ParentsAbroad, "yes"), (PartnerAbroad, "no"), (ChildrenAbroad, "no")]);
    let items = plan::plan(&s, &p, d(TODAY));
    for id in &s.guide("family-reunification").unwrap().steps {
        assert_eq!(items.iter().find(|i| &i.step.id == id).unwrap().applies, Some(true), "{id}");
    }
    let p = answers(&[(CameAsMinor, "no"), (ParentsAbroad, "yes"), (PartnerAbroad, "no"), (ChildrenAbroad, "no")]);
    let items = plan::plan(&s, &p, d(TODAY));
    assert_eq!(items.iter().find(|i| i.step.id == "nareis-apply").unwrap().applies, Some(false));
}

#[test]
fn every_step_is_in_the_plan_once_after_the_steps_it_needs() {
    let s = structure();
    let order = plan::order(&s);
    assert_eq!(order.len(), s.steps.len());
    for (i, step) in order.iter().enumerate() {
        for before in &step.after {
            let j = order.iter().position(|o| &o.id == before).unwrap();
            assert!(j < i, "{} comes before {before}", step.id);
        }
    }
}

#[test]
fn family_reunification_has_its_three_months_only_for_refugee_status() {
    let s = structure();
    use Field::*;
    let due = |protection: &str| {
        let p = answers(&[(AsylumDecision, "2026-10-01"), (Protection, protection), (PartnerAbroad, "yes")]);
        plan::plan(&s, &p, d(TODAY)).into_iter().find(|i| i.step.id == "nareis-apply").unwrap().due
    };
    assert_eq!(due("refugee"), Due::On(d("2027-01-01")));
    assert_eq!(due("subsidiary"), Due::None, "another route and timing: no date that could mislead");
    assert_eq!(due("unknown"), Due::Unknown { maybe: Some(d("2027-01-01")), needs: vec![Protection] });
}

#[test]
fn allowances_driving_licence_and_tax_return_follow_the_review() {
    let s = structure();
    use Field::*;
    let p = answers(&[(MunicipalRegistration, "2026-09-01"), (BirthYear, "1990"), (DrivingLicence, "yes")]);
    let items = plan::plan(&s, &p, d(TODAY));
    let item = |id: &str| items.iter().find(|i| i.step.id == id).unwrap();
    // 1 September: the last day to apply for the year before (review 2.7).
    for id in ["zorgtoeslag", "rent-allowance", "kindgebonden-budget"] {
        assert_eq!(item(id).due, Due::On(d("2027-09-01")), "{id}");
    }
    // 185 days from registration in the BRP (review 2.10).
    assert_eq!(item("driving-licence").due, Due::On(d("2027-03-05")));
    // The tax return and social assistance are for adults (review 2.4, 2.6).
    let minor = answers(&[(BirthYear, "2012")]);
    for id in ["tax-return", "social-assistance"] {
        assert_eq!(item(id).applies, Some(true), "{id}");
        assert_eq!(plan::plan(&s, &minor, d(TODAY)).iter().find(|i| i.step.id == id).unwrap().applies, Some(false));
    }
}

#[test]
fn the_participation_statement_has_the_three_years_of_the_learning_route() {
    // Review 2.8: the PVT and the MAP must be done within the integration term.
    let s = structure();
    let p = answers(&[(Field::IntegrationStart, "2026-02-28")]);
    let items = plan::plan(&s, &p, d(TODAY));
    let due = |id: &str| items.iter().find(|i| i.step.id == id).unwrap().due.clone();
    assert_eq!(due("participation-statement"), Due::On(d("2029-02-28")));
    assert_eq!(due("participation-statement"), due("learning-route"));
}

#[test]
fn health_insurance_counts_from_leaving_reception_and_the_permit_from_its_end_date() {
    // Review 2.2: registration in the BRP often comes months before COA's care ends.
    // Review 2.9: apply for the permanent permit at the latest on the card's end date.
    let s = structure();
    use Field::*;
    let p = answers(&[
        (MunicipalRegistration, "2026-03-01"),
        (Housing, "home"),
        (LeftReception, "2026-10-31"),
        (PermitExpiry, "2031-06-30"),
    ]);
    let items = plan::plan(&s, &p, d(TODAY));
    let due = |id: &str| items.iter().find(|i| i.step.id == id).unwrap().due.clone();
    assert_eq!(due("health-insurance"), Due::On(d("2027-02-28")), "31 October + 4 months: the month's last day");
    assert_eq!(due("permanent-permit"), Due::On(d("2031-06-30")));
    let unknown = plan::plan(&s, &answers(&[(MunicipalRegistration, "2026-03-01")]), d(TODAY));
    let health = unknown.iter().find(|i| i.step.id == "health-insurance").unwrap();
    assert!(matches!(&health.due, Due::Unknown { needs, .. } if needs.contains(&LeftReception)), "{:?}", health.due);
}

#[test]
fn childcare_allowance_is_also_for_parents_who_study_or_integrate() {
    // Review 2.5: not only working parents qualify.
    let s = structure();
    use Field::*;
    let applies = |list: &[(Field, &str)]| {
        plan::plan(&s, &answers(list), d(TODAY))
            .into_iter()
            .find(|i| i.step.id == "childcare-allowance")
            .unwrap()
            .applies
    };
    assert_eq!(applies(&[(Children, "2024"), (Working, "no"), (Studying, "yes")]), Some(true));
    assert_eq!(applies(&[(Children, "2024"), (Working, "yes"), (Studying, "no")]), Some(true));
    assert_eq!(applies(&[(Children, "2024"), (Working, "no"), (Studying, "no")]), Some(false));
    assert_eq!(applies(&[(Children, "none"), (Working, "yes")]), Some(false));
}

#[test]
fn a_person_who_has_told_nothing_yet_starts_with_steps_they_can_take_now() {
    let s = structure();
    let items = plan::plan(&s, &Progress::new(1), d(TODAY));
    let next = plan::next(&items, d(TODAY), 3);
    assert_eq!(next.len(), 3);
    for (item, why) in &next {
        // Not the tax return's yearly date, months away and waiting for a DigiD.
        assert_eq!(*why, Why::Ready, "{}", item.step.id);
        assert!(item.step.after.is_empty(), "{} waits for {:?}", item.step.id, item.step.after);
    }
    assert!(!next.iter().any(|(i, _)| i.step.id == "tax-return"));
    // Once the DigiD is there, the tax return's date is the nearest again.
    let mut p = Progress::new(1);
    for id in ["digid", "bsn-letter", "register-brp"] {
        p.set_done(id, true, 1);
    }
    let after_digid: Vec<String> =
        plan::next(&plan::plan(&s, &p, d(TODAY)), d(TODAY), 3).iter().map(|(i, _)| i.step.id.clone()).collect();
    assert_eq!(after_digid[0], "tax-return", "{after_digid:?}");
}
