//! Every format of stored progress that any released version of Wegwijs wrote still reads, with
//! every tick kept. One committed fixture per format version in `tests/fixtures/`; a new format
//! adds its fixture and a migration, and these tests keep the old ones.

use wegwijs_model::progress::{Progress, FORMAT_VERSION};

const V1: &str = include_str!("fixtures/progress-v1.json");

#[test]
fn version_1_reads_with_every_tick_and_untick() {
    let progress = Progress::from_json(V1.trim()).expect("format 1 must stay readable");
    assert!(progress.is_done("register-brp"));
    assert!(progress.is_done("bsn-letter"));
    assert!(!progress.is_done("digid"), "an untick is kept as an untick");
    assert_eq!(progress.entry("digid").map(|e| (e.at.ms, e.at.c)), Some((1_764_426_000_000, 1)));
    assert_eq!(progress.node(), 2_718_281_828);
}

#[test]
fn version_1_keeps_its_clock_so_new_ticks_are_later() {
    let mut progress = Progress::from_json(V1.trim()).unwrap();
    // A device clock set back to 2020 still stamps after what is stored.
    progress.set_done("bank-account", true, 1_600_000_000_000);
    let at = progress.entry("bank-account").unwrap().at;
    assert!(at > progress.entry("digid").unwrap().at);
}

#[test]
fn what_this_version_writes_reads_back() {
    let progress = Progress::from_json(V1.trim()).unwrap();
    let text = progress.to_json();
    assert!(text.starts_with(&format!("{{\"v\":{FORMAT_VERSION},")));
    assert_eq!(Progress::from_json(&text).unwrap(), progress);
}
