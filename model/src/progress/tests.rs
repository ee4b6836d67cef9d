//! Tests of the replica: ticks, answers, tombstones, the stored form and merging.

use super::*;

#[test]
fn ticks_and_unticks() {
    let mut p = Progress::new(7);
    assert!(!p.is_done("bsn-letter"));
    p.set_done("bsn-letter", true, 1_000);
    p.set_done("digid", true, 1_000);
    assert!(p.is_done("bsn-letter"));
    assert_eq!(p.count_done(["bsn-letter", "digid", "bank-account"]), 2);
    p.set_done("digid", false, 900);
    assert!(!p.is_done("digid"));
    let digid = p.cell("done:digid").unwrap().at;
    assert_eq!((digid.ms, digid.c), (1_000, 2), "a clock that went back still moves forward");
}

#[test]
fn answers_are_keys_and_clearing_leaves_a_stamped_tombstone() {
    let mut p = Progress::new(1);
    p.set("answer:birth_year", "1990", 10);
    p.set("answer:housing", "home", 11);
    p.set_done("gp", true, 12);
    assert_eq!(p.values(ANSWER).collect::<Vec<_>>(), [("birth_year", "1990"), ("housing", "home")]);
    let before = p.cell("answer:housing").unwrap().at;
    p.set("answer:housing", "home", 50);
    assert_eq!(p.cell("answer:housing").unwrap().at, before, "the same value again is no change");

    p.clear(ANSWER, 60);
    assert_eq!(p.values(ANSWER).count(), 0);
    assert_eq!(p.get("answer:birth_year"), None);
    assert_eq!(p.cell("answer:birth_year").map(|c| c.value.as_str()), Some(""));
    assert!(p.is_done("gp"), "deleting answers keeps ticks");

    // The deletion reaches a device that still has the answers.
    let mut other = Progress::new(2);
    other.set("answer:birth_year", "1990", 10);
    other.merge(&p);
    assert_eq!(other.get("answer:birth_year"), None);
}

#[test]
fn round_trips_and_rejects_bad_blobs() {
    let mut p = Progress::new(42);
    p.set_done("register-brp", true, 5);
    p.set("answer:protection", "refugee", 6);
    let text = p.to_json();
    assert!(text.starts_with(r#"{"v":2,"node":42,"#));
    assert_eq!(Progress::from_json(&text).unwrap(), p);
    assert!(matches!(Progress::from_json("{not json"), Err(ProgressError::Malformed(_))));
    assert!(matches!(Progress::from_json("[]"), Err(ProgressError::Malformed(_))));
    for bad in [
        r#"{"v":1,"node":1,"clock":{"ms":0,"c":0,"node":1},"steps":{"x":{"done":"yes"}}}"#,
        r#"{"v":2,"node":1,"clock":{"ms":0,"c":0,"node":1},"cells":{"x":{"value":1}}}"#,
        r#"{"v":2,"node":1,"clock":{"ms":0,"c":0,"node":1},"steps":{}}"#,
        r#"{"v":1.5}"#,
        r#"{"v":0}"#,
        r#"{"steps":{}}"#,
    ] {
        assert!(matches!(Progress::from_json(bad), Err(ProgressError::Malformed(_))), "{bad}");
    }
    assert_eq!(Progress::from_json(r#"{"v":3,"anything":true}"#), Err(ProgressError::UnsupportedVersion(3)));
}

#[test]
fn merge_is_last_writer_wins_per_key_in_any_order() {
    let mut phone = Progress::new(1);
    let mut volunteer = Progress::new(2);
    phone.set_done("bank-account", true, 100);
    volunteer.set_done("bank-account", false, 200);
    volunteer.set_done("digid", true, 150);
    phone.set_done("register-brp", true, 300);

    let mut a = phone.clone();
    a.merge(&volunteer);
    let mut b = volunteer.clone();
    b.merge(&phone);
    for merged in [&a, &b] {
        assert!(!merged.is_done("bank-account"), "the later untick wins");
        assert!(merged.is_done("digid"));
        assert!(merged.is_done("register-brp"));
    }
    assert_eq!(a.cells, b.cells);

    let before = a.clone();
    a.merge(&volunteer);
    assert_eq!(a, before, "merging twice changes nothing");

    // After seeing the volunteer's later stamp, the phone's next tick is later still,
    // even though its own wall clock lags behind.
    let mut lagging = Progress::new(3);
    lagging.merge(&volunteer);
    lagging.set_done("bank-account", true, 10);
    let mut v = volunteer.clone();
    v.merge(&lagging);
    assert!(v.is_done("bank-account"));
}

/// A small deterministic generator, so the convergence test needs no crate and repeats exactly.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[test]
fn three_devices_converge_whatever_the_order_of_merges() {
    let keys = ["done:a", "done:b", "answer:housing", "answer:birth_year"];
    let values = ["", "1", "home", "1990"];
    for seed in 0..300 {
        let mut rng = Lcg(seed);
        let mut devices = [Progress::new(1), Progress::new(2), Progress::new(3)];
        let mut wall = [1_000u64, 1_000, 1_000];
        for _ in 0..30 {
            let d = rng.next(3) as usize;
            // Clocks that jump back and forth, as phones' clocks do.
            wall[d] = (wall[d] + rng.next(40)).saturating_sub(15);
            match rng.next(4) {
                0 => {
                    let from = devices[rng.next(3) as usize].clone();
                    devices[d].merge(&from);
                }
                1 => devices[d].clear(ANSWER, wall[d]),
                _ => {
                    let key = keys[rng.next(4) as usize];
                    devices[d].set(key, values[rng.next(4) as usize], wall[d]);
                }
            }
        }
        let [x, y, z] = devices;
        let mut orders = Vec::new();
        for (first, second, third) in [(&x, &y, &z), (&z, &y, &x), (&y, &z, &x)] {
            let mut m = first.clone();
            m.merge(second);
            m.merge(third);
            orders.push(m.cells);
        }
        assert!(orders.windows(2).all(|w| w[0] == w[1]), "seed {seed}");
    }
}
