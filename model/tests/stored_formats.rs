//! Every format of stored progress that any released version of Wegwijs wrote still reads, with
//! every tick kept. One committed fixture per format version in `tests/fixtures/`; a new format
//! adds its fixture and a migration, and these tests keep the old ones.

use wegwijs_model::progress::{Progress, FORMAT_VERSION};

const V1: &str = include_str!("fixtures/progress-v1.json");
const V2: &str = include_str!("fixtures/progress-v2.json");

#[test]
fn version_1_reads_with_every_tick_and_untick() {
    let progress = Progress::from_json(V1.trim()).expect("format 1 must stay readable");
    assert!(progress.is_done("register-brp"));
    assert!(progress.is_done("bsn-letter"));
    assert!(!progress.is_done("digid"), "an untick is kept as an untick");
    let digid = progress.cell("done:digid").expect("the untick keeps its stamp");
    assert_eq!((digid.value.as_str(), digid.at.ms, digid.at.c), ("", 1_764_426_000_000, 1));
    assert_eq!(progress.node(), 2_718_281_828);
}

#[test]
fn version_1_keeps_its_clock_so_new_ticks_are_later() {
    let mut progress = Progress::from_json(V1.trim()).unwrap();
    // A device clock set back to 2020 still stamps after what is stored.
    progress.set_done("bank-account", true, 1_600_000_000_000);
    let at = progress.cell("done:bank-account").unwrap().at;
    assert!(at > progress.cell("done:digid").unwrap().at);
}

#[test]
fn version_1_migrated_merges_as_it_did() {
    // A device still on version 1 ticked digid later than the untick stored here: migrated, the
    // stored untick and that tick keep their order.
    let mut migrated = Progress::from_json(V1.trim()).unwrap();
    let mut other = Progress::new(5);
    other.set_done("digid", true, 1_764_426_000_001);
    migrated.merge(&other);
    assert!(migrated.is_done("digid"));
}

#[test]
fn version_2_reads_with_ticks_answers_and_cleared_answers() {
    let progress = Progress::from_json(V2.trim()).expect("format 2 must stay readable");
    assert!(progress.is_done("register-brp"));
    assert!(!progress.is_done("digid"));
    assert_eq!(progress.get("answer:asylum_decision"), Some("2026-10-01"));
    assert_eq!(progress.get("answer:protection"), Some("refugee"));
    assert_eq!(progress.get("answer:birth_year"), None, "a cleared answer stays cleared");
    assert!(progress.cell("answer:birth_year").is_some(), "and keeps its stamp for sync");
}

#[test]
fn what_this_version_writes_reads_back() {
    for fixture in [V1, V2] {
        let progress = Progress::from_json(fixture.trim()).unwrap();
        let text = progress.to_json();
        assert!(text.starts_with(&format!("{{\"v\":{FORMAT_VERSION},")));
        assert_eq!(Progress::from_json(&text).unwrap(), progress);
    }
    assert_eq!(Progress::from_json(V2.trim()).unwrap().to_json(), V2.trim(), "version 2 is written as it was");
}
