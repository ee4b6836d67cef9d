//! The sync protocol under random schedules: three phones with clocks up to an hour off, one
//! server, and a network that loses, holds back, repeats and reorders messages. After the
//! network delivers what it held and every phone syncs twice, all phones and the server hold
//! the same state, no change waits any more, the server holds one entry per key, and for each
//! key the value set last in real time has won whenever it came more than twice a corrected
//! clock's error ([`CLOCK_ERROR_MS`]) after every other value of that key.

use std::cell::Cell as Counter;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use wegwijs_model::progress::Cell;
use wegwijs_model::sync::space::Space;
use wegwijs_model::sync::wire::Change;
use wegwijs_model::sync::{Entry, Shared, CLOCK_ERROR_MS, PULL_LIMIT};
use wegwijs_model::Progress;

const HOUR: i64 = 3_600_000;
const KEYS: [&str; 5] = ["done:bsn-letter", "done:digid", "answer:housing", "note:gp", "done:gp"];
const VALUES: [&str; 4] = ["", "1", "azc", "Tuesday 10:00"];
const START: u64 = 1_780_000_000_000;

// A stand-in for sealing: what is tested here is the order of things, not the cipher.
fn seal(c: &Change) -> Entry {
    let data: String = c.cell.value.bytes().map(|b| format!("{b:02x}")).collect();
    Entry { id: c.key.replace(':', "_"), at: c.cell.at, data: format!("v{data}") }
}

fn open(e: &Entry) -> Change {
    let hex = &e.data[1..];
    let bytes: Vec<u8> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
    Change { key: e.id.replacen('_', ":", 1), cell: Cell { value: String::from_utf8(bytes).unwrap(), at: e.at } }
}

/// What happens to a push.
#[derive(Clone, Copy, Debug)]
enum Fate {
    /// It arrives and its answer comes back.
    Answered,
    /// It never arrives.
    Lost,
    /// It is held back; its answer, if any, comes when it is delivered.
    Held,
    /// It arrives now and is answered, and a copy arrives again later.
    Doubled,
}

#[derive(Clone, Debug)]
enum Op {
    Write {
        phone: usize,
        key: usize,
        value: usize,
    },
    /// A sync round: a pull answered at once, then a push.
    Sync {
        phone: usize,
        fate: Fate,
    },
    /// A pull whose answer is held back.
    SlowPull {
        phone: usize,
    },
    /// One held message arrives; a push's answer comes back when `answered`.
    Deliver {
        pick: usize,
        answered: bool,
    },
}

#[derive(Clone, Debug)]
enum Held {
    Push { phone: usize, sent: Vec<Change>, sent_local: u64 },
    Answer { phone: usize, entries: Vec<Entry>, next: u64, now_ms: u64, sent_local: u64 },
}

fn op() -> impl Strategy<Value = (Op, u64)> {
    let fate = prop_oneof![Just(Fate::Answered), Just(Fate::Lost), Just(Fate::Held), Just(Fate::Doubled)];
    let op = prop_oneof![
        4 => (0..3usize, 0..KEYS.len(), 0..VALUES.len()).prop_map(|(phone, key, value)| Op::Write { phone, key, value }),
        3 => (0..3usize, fate).prop_map(|(phone, fate)| Op::Sync { phone, fate }),
        1 => (0..3usize).prop_map(|phone| Op::SlowPull { phone }),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(pick, answered)| Op::Deliver { pick, answered }),
    ];
    // Real time between two events: from a millisecond to ten minutes.
    (op, 1..600_000u64)
}

struct World {
    now: u64,
    skew: [i64; 3],
    phones: Vec<Shared>,
    server: Space,
    held: Vec<Held>,
    /// Every write: real time, key, value.
    log: Vec<(u64, &'static str, &'static str)>,
}

impl World {
    fn local(&self, phone: usize) -> u64 {
        (self.now as i64 + self.skew[phone]) as u64
    }

    fn push_now(&mut self, phone: usize, sent: &[Change], answered: bool, sent_local: u64) {
        let sealed: Vec<Entry> = sent.iter().map(seal).collect();
        self.server.push(&sealed, self.now).expect("a push from a corrected phone is accepted");
        if answered {
            let received = self.local(phone);
            self.phones[phone].observe_clock(self.now, sent_local, received);
            self.phones[phone].pushed(sent);
        }
    }

    fn sync(&mut self, phone: usize, fate: Fate) {
        loop {
            let page = self.server.pull(self.phones[phone].seq(), PULL_LIMIT);
            let local = self.local(phone);
            let p = &mut self.phones[phone];
            p.observe_clock(self.now, local, local);
            p.pulled(&page.entries.iter().map(open).collect::<Vec<_>>(), page.next);
            if !page.more {
                break;
            }
        }
        let sent = self.phones[phone].outbox();
        if sent.is_empty() {
            return;
        }
        let sent_local = self.local(phone);
        match fate {
            Fate::Answered => self.push_now(phone, &sent, true, sent_local),
            Fate::Lost => {}
            Fate::Held => self.held.push(Held::Push { phone, sent, sent_local }),
            Fate::Doubled => {
                self.push_now(phone, &sent, true, sent_local);
                self.held.push(Held::Push { phone, sent, sent_local });
            }
        }
    }

    fn deliver(&mut self, pick: usize, answered: bool) {
        if self.held.is_empty() {
            return;
        }
        match self.held.remove(pick % self.held.len()) {
            Held::Push { phone, sent, sent_local } => self.push_now(phone, &sent, answered, sent_local),
            Held::Answer { phone, entries, next, now_ms, sent_local } => {
                let received = self.local(phone);
                let p = &mut self.phones[phone];
                p.observe_clock(now_ms, sent_local, received);
                p.pulled(&entries.iter().map(open).collect::<Vec<_>>(), next);
            }
        }
    }

    fn run(&mut self, (op, gap): &(Op, u64)) {
        self.now += gap;
        match *op {
            Op::Write { phone, key, value } => {
                let (key, value) = (KEYS[key], VALUES[value]);
                // A person changes what they see; setting what is already there is no change.
                if self.phones[phone].progress().get(key).unwrap_or("") != value {
                    let local = self.local(phone);
                    self.phones[phone].set(key, value, local);
                    self.log.push((self.now, key, value));
                }
            }
            Op::Sync { phone, fate } => self.sync(phone, fate),
            Op::SlowPull { phone } => {
                let page = self.server.pull(self.phones[phone].seq(), PULL_LIMIT);
                let sent_local = self.local(phone);
                self.held.push(Held::Answer {
                    phone,
                    entries: page.entries,
                    next: page.next,
                    now_ms: self.now,
                    sent_local,
                });
            }
            Op::Deliver { pick, answered } => self.deliver(pick, answered),
        }
    }
}

#[test]
fn three_phones_converge_and_the_last_write_wins() {
    let checked = Counter::new(0usize);
    let written = Counter::new(0usize);
    // The same 10,000 schedules on every run, so CI cannot pass by luck; a failure prints the
    // shrunk schedule. `WEGWIJS_SYNC_SEED` explores others.
    let seed: u64 = std::env::var("WEGWIJS_SYNC_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(2026);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let config = Config { cases: 10_000, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, rng);
    let schedule = ([-HOUR..=HOUR, -HOUR..=HOUR, -HOUR..=HOUR], prop::collection::vec(op(), 1..60));
    runner
        .run(&schedule, |(skew, ops)| {
            let mut w = World {
                now: START,
                skew,
                phones: (1..=3).map(|node| Shared::new(Progress::new(node))).collect(),
                server: Space::default(),
                held: Vec::new(),
                log: Vec::new(),
            };
            for op in &ops {
                w.run(op);
            }
            while !w.held.is_empty() {
                w.now += 1_000;
                w.deliver(0, true);
            }
            for _ in 0..2 {
                for phone in 0..3 {
                    w.now += 1_000;
                    w.sync(phone, Fate::Answered);
                }
            }

            let state = |p: &Shared| KEYS.map(|k| p.progress().cell(k).cloned());
            let first = state(&w.phones[0]);
            for p in &w.phones {
                prop_assert_eq!(state(p), first.clone(), "the phones agree");
                prop_assert_eq!(p.waiting(), 0, "nothing waits");
            }
            let on_server: Vec<Change> = w.server.pull(0, PULL_LIMIT).entries.iter().map(open).collect();
            let keys_written: std::collections::BTreeSet<&str> = w.log.iter().map(|(_, k, _)| *k).collect();
            prop_assert_eq!(on_server.len(), keys_written.len(), "one entry per key");
            for c in &on_server {
                prop_assert_eq!(Some(&c.cell), w.phones[0].progress().cell(&c.key), "the server agrees");
            }

            for key in keys_written {
                let writes: Vec<_> = w.log.iter().filter(|(_, k, _)| *k == key).collect();
                let &&(last_at, _, last) = writes.last().unwrap();
                written.set(written.get() + 1);
                let clear = writes.iter().all(|(at, _, v)| *v == last || last_at - at > 2 * CLOCK_ERROR_MS);
                if clear {
                    checked.set(checked.get() + 1);
                    prop_assert_eq!(w.phones[0].progress().get(key).unwrap_or(""), last, "key {}", key);
                }
            }
            Ok(())
        })
        .unwrap();
    // The real-order check is not vacuous: most keys were far enough apart to be checked.
    assert!(checked.get() * 2 > written.get(), "{} of {} keys checked", checked.get(), written.get());
}
