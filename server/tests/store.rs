//! The store against the protocol's reference: under random pushes and pulls the SQLite store
//! answers exactly as `wegwijs_model::sync::space::Space` does, keeps what it acknowledged
//! across a reopen, gives each of many concurrent pushes its own answer when they commit in
//! groups, and checks tokens, limits and deletion. The PostgreSQL store will run the
//! same suite.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use wegwijs_model::sync::space::Space;
use wegwijs_model::sync::wire::Refusal;
use wegwijs_model::sync::{Entry, MAX_AHEAD_MS, MAX_ENTRIES};
use wegwijs_model::Stamp;
use wegwijs_server::store::{SpaceId, StoreError, TokenHash};
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

#[test]
fn sqlite_answers_as_the_reference_space() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config { cases: 300, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let case = std::cell::Cell::new(0u32);
    runner
        .run(&prop::collection::vec(op(), 1..25), |ops| {
            case.set(case.get() + 1);
            let store = SqliteStore::open(&dir.path().join(format!("{}.sqlite", case.get()))).unwrap();
            let (id, token) = (space(0), TokenHash([7; 32]));
            let mut reference = Space::default();
            for op in ops {
                match op {
                    Op::Push(items) => {
                        let entries: Vec<Entry> = items
                            .iter()
                            .map(|(k, ms, c, d)| entry(&format!("k{k}"), NOW + ms, *c, &format!("d{d}")))
                            .collect();
                        let want = reference.push(&entries, NOW).map_err(StoreError::Refused);
                        prop_assert_eq!(store.push(&id, &token, &entries, NOW), want);
                    }
                    Op::Pull { after, limit } => {
                        let got = store.pull(&id, &token, after, limit);
                        if reference.seq() == 0 && reference.is_empty() && got == Err(StoreError::NotFound) {
                            continue; // nothing pushed yet: the reference has no "no space"
                        }
                        prop_assert_eq!(got, Ok(reference.pull(after, limit)));
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn what_was_acknowledged_is_there_after_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite");
    let token = TokenHash([1; 32]);
    {
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.push(&space(1), &token, &[entry("a", NOW, 0, "x"), entry("b", NOW, 0, "y")], NOW), Ok(2));
    }
    let store = SqliteStore::open(&path).unwrap();
    let page = store.pull(&space(1), &token, 0, 10).unwrap();
    assert_eq!(page.entries, [entry("a", NOW, 0, "x"), entry("b", NOW, 0, "y")]);
    assert_eq!(page.next, 2);
}

#[test]
fn tokens_spaces_limits_and_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("t.sqlite")).unwrap();
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
fn pushes_from_many_threads_commit_in_groups_and_each_gets_its_own_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.sqlite");
    let store = std::sync::Arc::new(SqliteStore::open(&path).unwrap());
    let token = TokenHash([7; 32]);
    // A space one entry short of full, where one push of two new entries must be refused alone.
    let full: Vec<Entry> = (0..MAX_ENTRIES - 1).map(|i| entry(&format!("f{i}"), NOW, 0, "x")).collect();
    assert_eq!(store.push(&space(9), &token, &full, NOW), Ok(full.len() as u64));
    const THREADS: usize = 16;
    const PUSHES: usize = 40;
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let store = store.clone();
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
    drop(store);
    let store = SqliteStore::open(&path).unwrap();
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
