//! How a replica is stored on the phone: the progress as always (`storage::PROGRESS_KEY` keeps
//! the format older versions read), and, once it is shared, a `"sync"` field beside it with the
//! space's secret, where the phone is in the space's sequence, its clock offset and the outbox.
//! Progress and outbox are one value, written with one `setItem`, so a change is in the outbox
//! before the screen shows it saved. Read and written by hand like `read.rs`, for the same
//! reason (serde's cost in the wasm).

use std::collections::BTreeMap;
use std::ops::Deref;

use js_sys::Object;
use wasm_bindgen::JsValue;
use wegwijs_model::sync::{Pending, Shared};
use wegwijs_model::Progress;

use crate::read::{self, cell, cell_object, entries, get, number, set, stamp, stamp_object, string, Error};

/// What joins a replica to a shared space, kept only on this phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The secret from the link: every key of the space comes from it.
    pub secret: String,
    /// Whether the server has answered for this space at least once: a space that is then
    /// gone was deleted, while one never seen may just not be pushed yet.
    pub known: bool,
    /// The space was deleted (by either phone): nothing is sent any more, the copy stays.
    pub ended: bool,
}

/// One person's data on this phone: their progress with its outbox, and the link when shared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replica {
    pub shared: Shared,
    pub link: Option<Link>,
}

impl Replica {
    /// A replica that is not shared (yet): everything in it would be pushed on sharing.
    pub fn local(progress: Progress) -> Replica {
        Replica { shared: Shared::new(progress), link: None }
    }

    /// Whether this replica syncs now: shared, and the space not ended.
    pub fn is_syncing(&self) -> bool {
        self.link.as_ref().is_some_and(|l| !l.ended)
    }

    /// Takes in what another tab stored: the later write per key, both outboxes, and the link
    /// (sharing started, or ended, in the other tab).
    pub fn merge(&mut self, other: &Replica) {
        self.shared.merge(&other.shared);
        match (&mut self.link, &other.link) {
            (Some(ours), Some(theirs)) if ours.secret == theirs.secret => {
                ours.known |= theirs.known;
                ours.ended |= theirs.ended;
            }
            (None, Some(theirs)) => self.link = Some(theirs.clone()),
            _ => {}
        }
    }
}

impl Deref for Replica {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.shared
    }
}

fn signed(value: &JsValue, key: Error) -> Result<i64, Error> {
    match get(value, key).as_f64() {
        Some(n) if n.abs() <= 9_007_199_254_740_991.0 && n.fract() == 0.0 => Ok(n as i64),
        _ => Err(key),
    }
}

/// Reads a stored replica whose progress was already read from `value`.
pub fn replica(value: &JsValue, progress: Progress) -> Result<Replica, Error> {
    let sync = get(value, "sync");
    if sync.is_undefined() {
        return Ok(Replica::local(progress));
    }
    let mut pending = BTreeMap::new();
    for (key, p) in entries(&sync, "pending")? {
        let rival = get(&p, "rival");
        let rival = if rival.is_undefined() { None } else { Some(cell(&rival)?) };
        pending.insert(
            key,
            Pending {
                mine: cell(&get(&p, "mine"))?,
                wall: number(&p, "wall", 9e15)? as u64,
                floor: stamp(&p, "floor")?,
                rival,
            },
        );
    }
    let shared = Shared::from_parts(
        progress,
        number(&sync, "seq", 9e15)? as u64,
        signed(&sync, "offset_ms")?,
        pending,
        stamp(&sync, "seen")?,
    );
    let flag = |key| get(&sync, key).as_bool().unwrap_or(false);
    let link = Link { secret: string(&sync, "secret")?, known: flag("known"), ended: flag("ended") };
    Ok(Replica { shared, link: Some(link) })
}

/// The stored form of a replica: the progress, and `"sync"` when it is shared. A replica that
/// is not shared is stored as plain progress, outbox left out (sharing puts everything in it).
pub fn replica_json(r: &Replica) -> String {
    let (progress, seq, offset_ms, pending, seen) = r.shared.parts();
    let o = read::progress_object(progress);
    if let Some(link) = &r.link {
        let sync = Object::new();
        set(&sync, "secret", &JsValue::from_str(&link.secret));
        set(&sync, "known", &JsValue::from_bool(link.known));
        set(&sync, "ended", &JsValue::from_bool(link.ended));
        set(&sync, "seq", &JsValue::from_f64(seq as f64));
        set(&sync, "offset_ms", &JsValue::from_f64(offset_ms as f64));
        set(&sync, "seen", &stamp_object(&seen));
        let all = Object::new();
        for (key, p) in pending {
            let item = Object::new();
            set(&item, "mine", &cell_object(&p.mine));
            set(&item, "wall", &JsValue::from_f64(p.wall as f64));
            set(&item, "floor", &stamp_object(&p.floor));
            if let Some(rival) = &p.rival {
                set(&item, "rival", &cell_object(rival));
            }
            set(&all, key, &item);
        }
        set(&sync, "pending", &all);
        set(&o, "sync", &sync);
    }
    read::stringify(&o)
}
