//! One suite for every store, run on SQLite and on PostgreSQL (see `common`): under random
//! pushes and pulls each answers exactly as the protocol's reference,
//! `wegwijs_model::sync::space::Space`, does; keeps what it acknowledged across a reopen;
//! gives each of many concurrent pushes, through two stores on one database as two server
//! processes would be, its own answer; checks tokens, limits and deletion; refuses a newer
//! schema; and copies whole spaces from one backend to the other (`migrate`).

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use wegwijs_model::sync::space::Space;
use wegwijs_model::sync::wire::Refusal;
use wegwijs_model::sync::{Entry, MAX_AHEAD_MS, MAX_ENTRIES};
use wegwijs_model::Stamp;
use wegwijs_server::store::{copy_all, Record, SpaceId, StoreError, TokenHash};
use wegwijs_server::{SqliteStore, Store};

const NOW: u64 = 1_780_000_000_000;

fn space(n: u8) -> SpaceId {
    SpaceId::parse(&format!("{}{}", "A".repeat(21), (b'a' + n) as char)).unwrap()
}

fn entry(id: &str, ms: u64, c: u32, data: &str) -> Entry {
    Entry { id: id.into(), at: Stamp { ms, c, node: 1 }, data: data.into() }
}

#[derive(Clone, Debug)]
enum Op {
    Push(Vec<(u8, u64, u32, u8)>),
    Pull { after: u64, limit: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => prop::collection::vec((0..6u8, 0..5u64, 0..3u32, 0..4u8), 0..6).prop_map(Op::Push),
        2 => (0..20u64, 1..5usize).prop_map(|(after, limit)| Op::Pull { after, limit }),
    ]
}

/// The id of the `n`th space of a test: 22 characters, as the API's ids are.
fn nth_space(n: u32) -> SpaceId {
    SpaceId::parse(&format!("{:A>22}", format!("n{n}"))).unwrap()
}

#[test]
fn each_store_answers_as_the_reference_space() {
    for db in common::each("reference") {
        let store = db.open();
        let config = Config { cases: 300, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
        let case = std::cell::Cell::new(0u32);
        runner
            .run(&prop::collection::vec(op(), 1..25), |ops| {
                // A new space per case, so every case starts from nothing.
                case.set(case.get() + 1);
                let (id, token) = (nth_space(case.get()), TokenHash([7; 32]));
                let mut reference = Space::default();
                for op in ops {
                    match op {
                        Op::Push(items) => {
                            let entries: Vec<Entry> = items
                                .iter()
                                .map(|(k, ms, c, d)| entry(&format!("k{k}"), NOW + ms, *c, &format!("d{d}")))
                                .collect();
                            let want = reference.push(&entries, NOW).map_err(StoreError::Refused);
                            prop_assert_eq!(store.push(&id, &token, &entries, NOW), want, "{}", db.name());
                        }
                        Op::Pull { after, limit } => {
                            let got = store.pull(&id, &token, after, limit);
                            if reference.seq() == 0 && reference.is_empty() && got == Err(StoreError::NotFound) {
                                continue; // nothing pushed yet: the reference has no "no space"
                            }
                            prop_assert_eq!(got, Ok(reference.pull(after, limit)), "{}", db.name());
                        }
                    }
                }
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn what_was_acknowledged_is_there_after_a_reopen() {
    for db in common::each("reopen") {
        let token = TokenHash([1; 32]);
        {
            let store = db.open();
            assert_eq!(store.push(&space(1), &token, &[entry("a", NOW, 0, "x"), entry("b", NOW, 0, "y")], NOW), Ok(2));
        }
        let store = db.open();
        let page = store.pull(&space(1), &token, 0, 10).unwrap();
        assert_eq!(page.entries, [entry("a", NOW, 0, "x"), entry("b", NOW, 0, "y")], "{}", db.name());
        assert_eq!(page.next, 2);
    }
}

#[test]
fn tokens_spaces_limits_and_deletion() {
    for db in common::each("rules") {
        rules(db.open().as_ref());
    }
}

fn rules(store: &dyn Store) {
    let (mine, theirs) = (TokenHash([1; 32]), TokenHash([2; 32]));
    assert_eq!(store.pull(&space(2), &mine, 0, 10), Err(StoreError::NotFound));
    assert_eq!(store.push(&space(2), &mine, &[entry("a", NOW, 0, "x")], NOW), Ok(1));
    assert_eq!(store.push(&space(2), &theirs, &[entry("a", NOW + 1, 0, "y")], NOW), Err(StoreError::Forbidden));
    assert_eq!(store.pull(&space(2), &theirs, 0, 10), Err(StoreError::Forbidden));
    assert_eq!(store.delete(&space(2), &theirs), Err(StoreError::Forbidden));
    assert_eq!(store.push(&space(3), &theirs, &[], NOW), Ok(0), "another space, another token");

    let ahead = entry("b", NOW + MAX_AHEAD_MS + 1, 0, "z");
    assert_eq!(
        store.push(&space(2), &mine, &[entry("c", NOW, 0, "w"), ahead], NOW),
        Err(StoreError::Refused(Refusal::ClockAhead { index: 1, now_ms: NOW }))
    );
    assert_eq!(store.pull(&space(2), &mine, 0, 10).unwrap().entries.len(), 1, "a refused push keeps nothing");

    let full: Vec<Entry> = (0..MAX_ENTRIES).map(|i| entry(&format!("f{i}"), NOW, 0, "d")).collect();
    assert_eq!(store.push(&space(4), &mine, &full, NOW).map(|_| ()), Ok(()));
    assert_eq!(
        store.push(&space(4), &mine, &[entry("one-more", NOW, 0, "d")], NOW),
        Err(StoreError::Refused(Refusal::TooManyEntries))
    );

    assert_eq!(store.delete(&space(2), &mine), Ok(()));
    assert_eq!(store.pull(&space(2), &mine, 0, 10), Err(StoreError::Gone));
    assert_eq!(store.delete(&space(2), &mine), Err(StoreError::Gone));
    assert_eq!(
        store.push(&space(2), &mine, &[], NOW),
        Err(StoreError::Gone),
        "an old link opened later does not bring the space back"
    );
    assert_eq!(store.push(&space(2), &theirs, &[], NOW), Err(StoreError::Forbidden), "nor does another token");
    assert_eq!(store.pull(&space(2), &theirs, 0, 10), Err(StoreError::Forbidden));
}

#[test]
fn a_newer_postgres_schema_is_refused_and_kept() {
    let Some(db) = common::postgres("newer_schema") else { return };
    db.open();
    let url = db.env_value();
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client.execute("UPDATE wegwijs_schema SET version = 99", &[]).unwrap();
    let err = wegwijs_server::store::open(&db.database()).err().expect("refused");
    assert!(err.to_string().contains("schema version 99"), "{err}");
    assert!(!err.to_string().contains(url.split(['@']).next().unwrap()), "no password in: {err}");
    let version: i32 = client.query_one("SELECT version FROM wegwijs_schema", &[]).unwrap().get(0);
    assert_eq!(version, 99);
}

#[test]
fn a_newer_schema_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.sqlite");
    SqliteStore::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).err().expect("refused");
    assert!(err.to_string().contains("schema version 99"), "{err}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 99);
}

#[test]
fn pushes_from_many_threads_and_two_stores_each_get_their_own_answer() {
    for db in common::each("concurrent") {
        concurrent(&db);
    }
}

/// Sixteen threads push at once, through two stores on the same database (two server
/// processes; on SQLite, the second is the first again, as one file has one writer).
fn concurrent(db: &common::TestDb) {
    let first = db.open();
    let second = if matches!(db, common::TestDb::Postgres { .. }) { db.open() } else { first.clone() };
    let store = first.clone();
    let token = TokenHash([7; 32]);
    // A space one entry short of full, where one push of two new entries must be refused alone.
    let full: Vec<Entry> = (0..MAX_ENTRIES - 1).map(|i| entry(&format!("f{i}"), NOW, 0, "x")).collect();
    assert_eq!(store.push(&space(9), &token, &full, NOW), Ok(full.len() as u64));
    const THREADS: usize = 16;
    const PUSHES: usize = 40;
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let store = if t % 4 < 2 { first.clone() } else { second.clone() };
            std::thread::spawn(move || {
                let mut answers = Vec::new();
                for i in 0..PUSHES {
                    // Half the threads share space 0; the others have one each.
                    let s = if t % 2 == 0 { space(0) } else { space(1 + t as u8 / 2) };
                    let e = entry(&format!("t{t}i{i}"), NOW, 0, &format!("{t}_{i}"));
                    answers.push((s.clone(), e.id.clone(), store.push(&s, &token, &[e], NOW)));
                    if i == PUSHES / 2 {
                        let two = [entry(&format!("t{t}a"), NOW, 0, "a"), entry(&format!("t{t}b"), NOW, 0, "b")];
                        assert_eq!(
                            store.push(&space(9), &token, &two, NOW),
                            Err(StoreError::Refused(Refusal::TooManyEntries))
                        );
                    }
                }
                answers
            })
        })
        .collect();
    let mut by_space: std::collections::BTreeMap<String, Vec<u64>> = Default::default();
    let mut acknowledged = Vec::new();
    for t in threads {
        for (s, id, answer) in t.join().unwrap() {
            let seq = answer.expect("every push to a space with room is accepted");
            by_space.entry(s.as_str().to_owned()).or_default().push(seq);
            acknowledged.push((s, id));
        }
    }
    // Every push got its own sequence number in its space: none shared, none skipped.
    for (s, mut seqs) in by_space {
        seqs.sort();
        assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>(), "space {s}");
    }
    // All of it is on disk, and the refused pushes left nothing.
    drop((store, first, second));
    let store = db.open();
    for (s, id) in acknowledged {
        let page = store.pull(&s, &token, 0, MAX_ENTRIES).unwrap();
        let mut all = page.entries;
        let mut after = page.next;
        let mut more = page.more;
        while more {
            let p = store.pull(&s, &token, after, MAX_ENTRIES).unwrap();
            all.extend(p.entries);
            (after, more) = (p.next, p.more);
        }
        assert!(all.iter().any(|e| e.id == id), "{id} was acknowledged and is gone");
    }
    assert_eq!(store.pull(&space(9), &token, full.len() as u64 - 1, 10).unwrap().entries.len(), 1);
}

/// Every space of `store`, as `migrate` reads it.
fn records(store: &dyn Store) -> Vec<Record> {
    let mut all = Vec::new();
    store
        .export(&mut |r| {
            all.push(r);
            Ok(())
        })
        .unwrap();
    all
}

#[test]
fn migrate_copies_every_space_between_backends_and_phones_pull_on() {
    let Some(pg) = common::postgres("migrate") else { return };
    let (sqlite, back) = (common::sqlite(), common::sqlite());
    let from = sqlite.open();
    let token = TokenHash([3; 32]);
    // Two spaces with replaced entries (so sequence numbers have gaps) and a deleted one.
    for n in 0..2 {
        from.push(&space(n), &token, &[entry("a", NOW, 0, "1"), entry("b", NOW, 0, "2")], NOW).unwrap();
        from.push(&space(n), &token, &[entry("a", NOW + 5, 0, "3")], NOW).unwrap();
    }
    from.push(&space(5), &token, &[entry("gone", NOW, 0, "x")], NOW).unwrap();
    from.delete(&space(5), &token).unwrap();
    let phone_was_at = from.pull(&space(0), &token, 0, 1).unwrap().next;

    let to = pg.open();
    let copied = copy_all(from.as_ref(), to.as_ref()).unwrap();
    assert_eq!((copied.spaces, copied.entries, copied.deleted), (2, 4, 1));
    assert_eq!(records(to.as_ref()), records(from.as_ref()), "PostgreSQL holds what SQLite held");
    // A phone that had pulled one page goes on from there, and a push goes on numbering.
    assert_eq!(to.pull(&space(0), &token, phone_was_at, 10), from.pull(&space(0), &token, phone_was_at, 10));
    assert_eq!(to.push(&space(0), &token, &[entry("c", NOW, 0, "4")], NOW), Ok(4));
    assert_eq!(to.pull(&space(5), &token, 0, 10), Err(StoreError::Gone), "a deleted space stays deleted");
    assert_eq!(to.pull(&space(1), &TokenHash([4; 32]), 0, 10), Err(StoreError::Forbidden), "the token moved too");

    // Into a database that is not empty: refused, and nothing changes there.
    let before = records(to.as_ref());
    let err = copy_all(from.as_ref(), to.as_ref()).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(records(to.as_ref()), before);

    // And back, from PostgreSQL to a new SQLite file.
    let back_store = back.open();
    copy_all(to.as_ref(), back_store.as_ref()).unwrap();
    assert_eq!(records(back_store.as_ref()), records(to.as_ref()));
}
