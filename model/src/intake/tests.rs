//! Tests of the intake: stored forms, ages from years of birth, and the derived profile.

use super::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn with(answers: &[(Field, &str)]) -> Progress {
    let mut p = Progress::new(1);
    for (i, (f, v)) in answers.iter().enumerate() {
        p.set(&f.key(), v, i as u64 + 1);
    }
    p
}

#[test]
fn every_question_has_one_id_and_dates_have_their_event() {
    for f in Field::ALL {
        assert_eq!(Field::from_id(f.id()), Some(*f));
        assert!(f.id().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", f.id());
        if let Kind::Date(e) = f.kind() {
            assert_eq!(Field::of_event(e), *f);
        }
    }
    assert_eq!(Field::from_id("bsn"), None);
    for f in Field::ALL {
        if let Some((on, value)) = f.asked_when() {
            assert!(on.accepts(value), "{f:?} follows an answer {on:?} cannot have");
            assert!(Field::ALL.iter().position(|x| x == &on) < Field::ALL.iter().position(|x| x == f), "asked before");
        }
    }
}

#[test]
fn accepts_only_its_own_forms() {
    for (field, good, bad) in [
        (Field::AsylumDecision, &["2026-10-01", "unknown"][..], &["2026-02-30", "1-10-2026", ""][..]),
        (Field::Protection, &["refugee", "subsidiary"], &["Refugee", "yes"]),
        (Field::Working, &["yes", "no", "unknown"], &["true", "1"]),
        (Field::BirthYear, &["1990", "2008"], &["90", "1990-01", "1850", "19a0"]),
        (Field::Children, &["none", "2019", "2019,2012-05", "2012-12,2019"], &["", "2019,", "2019-13", "2019-5", "7"]),
    ] {
        for v in good {
            assert!(field.accepts(v), "{field:?} {v}");
        }
        for v in bad {
            assert!(!field.accepts(v), "{field:?} {v}");
        }
    }
}

#[test]
fn ages_come_from_years_of_birth_on_the_day() {
    let b = |year, month| Birth { year, month };
    for (birth, today, min, max) in [
        (b(2019, None), "2026-12-02", 6, 7),
        (b(2012, None), "2026-12-02", 13, 14),
        (b(2012, Some(5)), "2026-12-02", 14, 14),
        (b(2012, Some(12)), "2026-12-02", 13, 14),
        (b(2012, Some(12)), "2027-01-01", 14, 14),
        (b(2026, None), "2026-12-02", 0, 0),
        (b(2026, Some(11)), "2026-12-02", 0, 0),
        (b(2027, None), "2026-12-02", 0, 0),
    ] {
        assert_eq!(birth.ages(d(today)), Ages { min, max }, "{birth:?} on {today}");
    }
}

#[test]
fn the_profile_reads_answers_and_leaves_unknowns_unknown() {
    let p = with(&[
        (Field::BirthYear, "1990"),
        (Field::Children, "2019,2012"),
        (Field::Housing, "home"),
        (Field::Protection, "refugee"),
        (Field::Working, "unknown"),
        (Field::Studying, "yes"),
    ]);
    let profile = Intake::new(&p).profile(d("2026-12-02"));
    assert_eq!(profile.age, Some(Ages { min: 35, max: 36 }));
    assert_eq!(profile.children_ages, Some(vec![Ages { min: 6, max: 7 }, Ages { min: 13, max: 14 }]));
    assert_eq!(profile.housing, Some(Housing::Home));
    assert_eq!(profile.protection, Some(Protection::Refugee));
    assert_eq!(profile.working, None, "I don't know is not an answer to the rules");
    assert_eq!(profile.studying, Some(true));
    assert_eq!(profile.family_abroad, None);
    assert_eq!(Intake::new(&p).answer(Field::Working), Some(UNKNOWN), "but the form shows it chosen");

    assert_eq!(Intake::new(&with(&[(Field::Children, "none")])).profile(d("2026-12-02")).children_ages, Some(vec![]));
}

#[test]
fn family_abroad_includes_parents_of_someone_who_came_as_a_minor() {
    let today = d("2026-12-02");
    let f = |answers: &[(Field, &str)]| Intake::new(&with(answers)).profile(today).family_abroad;
    use Field::*;
    assert_eq!(f(&[(PartnerAbroad, "yes")]), Some(true));
    assert_eq!(f(&[(PartnerAbroad, "no"), (ChildrenAbroad, "no")]), None, "a minor's family is not asked yet");
    assert_eq!(f(&[(PartnerAbroad, "no"), (ChildrenAbroad, "no"), (CameAsMinor, "no")]), Some(false));
    assert_eq!(
        f(&[(PartnerAbroad, "no"), (ChildrenAbroad, "no"), (CameAsMinor, "yes"), (ParentsAbroad, "yes")]),
        Some(true)
    );
    assert_eq!(
        f(&[
            (PartnerAbroad, "no"),
            (ChildrenAbroad, "no"),
            (CameAsMinor, "yes"),
            (ParentsAbroad, "no"),
            (SiblingsAbroad, "no")
        ]),
        Some(false)
    );
    assert_eq!(
        f(&[(ParentsAbroad, "yes"), (CameAsMinor, "no"), (PartnerAbroad, "no"), (ChildrenAbroad, "no")]),
        Some(false)
    );
}

#[test]
fn a_stored_answer_it_cannot_read_is_kept_and_named() {
    let mut p = with(&[(Field::BirthYear, "nineteen ninety"), (Field::Housing, "home")]);
    let intake = Intake::new(&p);
    assert_eq!(intake.answer(Field::BirthYear), None);
    assert_eq!(intake.unreadable(), [Field::BirthYear]);
    assert_eq!(p.get("answer:birth_year"), Some("nineteen ninety"), "left in place");
    p.clear(ANSWER, 100);
    assert!(Intake::new(&p).is_empty());
}

#[test]
fn dates_of_events_read_from_their_questions() {
    let p = with(&[(Field::AsylumDecision, "2026-10-01"), (Field::PermitExpiry, "unknown")]);
    let intake = Intake::new(&p);
    assert_eq!(intake.date(Event::AsylumDecision), Some(d("2026-10-01")));
    assert_eq!(intake.date(Event::PermitExpiry), None);
    assert_eq!(intake.date(Event::LeaseSigned), None);
}
