//! Walking together: the replicas on this phone that are shared (the phone's own, or each
//! person a volunteer follows) are sent to and fetched from their spaces on the server, sealed
//! (`crypto`), by the model's rules (`wegwijs_model::sync`). Everything keeps working without
//! the server: a change waits in the replica's outbox, stored with it, until a push of it is
//! acknowledged.
//!
//! When: at start, when the network comes back, when the page becomes visible, right after a
//! change on this phone, and every [`INTERVAL_MS`] while the page is visible. One round at a
//! time; a reason to sync during a round runs one more round after it.

pub mod net;
pub mod people;
pub mod stored;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wegwijs_model::sync::wire::Change;
use wegwijs_model::sync::Entry;

use self::net::NetError;
use self::stored::Replica;
use crate::crypto::Keys;
use crate::storage::{self, ProgressState};

/// How often a visible page asks for the other phone's changes: with the network's time it
/// keeps "a tick on one phone shows on the other within 5 seconds".
pub const INTERVAL_MS: u32 = 2_000;
/// The most entry data sent in one push: under the server's 64 KB body limit with room for the
/// ids, stamps and JSON around them.
const PUSH_BYTES: usize = 40_000;

/// What the person sees about the replica on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not shared: nothing to say.
    Local,
    /// Everything sent and fetched, as of the last round.
    Synced,
    /// The phone is offline; changes wait.
    Offline,
    /// The server did not answer, or refused; changes wait.
    Failed,
    /// The space was deleted; the copy on this phone stays.
    Ended,
}

/// The sync of this phone, in context.
#[derive(Clone, Copy)]
pub struct Sync {
    /// The status of the replica on screen.
    pub status: RwSignal<Status>,
    busy: StoredValue<bool>,
    again: StoredValue<bool>,
    state: ProgressState,
}

impl Sync {
    /// Starts syncing: now, and on every reason to.
    pub fn start(state: ProgressState) -> Sync {
        let sync = Sync {
            status: RwSignal::new(Status::Local),
            busy: StoredValue::new(false),
            again: StoredValue::new(false),
            state,
        };
        sync.show_status();
        let online = window_event_listener(leptos::ev::online, move |_| sync.now());
        let visible = leptos::prelude::document();
        let on_visible = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            if !leptos::prelude::document().hidden() {
                sync.now();
            }
        });
        let _ = visible.add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
        // The app lives as long as the page; so do the listeners and the timer.
        on_visible.forget();
        std::mem::forget(online);
        let timer = set_interval_with_handle(
            move || {
                if !leptos::prelude::document().hidden() {
                    sync.now();
                }
            },
            std::time::Duration::from_millis(u64::from(INTERVAL_MS)),
        );
        std::mem::forget(timer);
        // A change made here, or another replica put on screen.
        Effect::new(move |_| {
            state.changed.track();
            state.key.track();
            sync.now();
        });
        sync
    }

    /// Runs a round now, or right after the one running.
    pub fn now(self) {
        if self.busy.get_value() {
            self.again.set_value(true);
            return;
        }
        self.busy.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                self.again.set_value(false);
                self.round().await;
                if !self.again.get_value() {
                    break;
                }
            }
            self.busy.set_value(false);
        });
    }

    /// One round over every shared replica on this phone.
    async fn round(self) {
        for key in people::all_keys() {
            // Offline, a request could only fail (and the browser would log each failure).
            let result = if online() { sync_one(self.state, &key).await } else { Err(NetError::Unreachable) };
            if key == self.state.key.get_untracked() {
                self.status.set(match result {
                    Ok(()) => Status::Synced,
                    Err(NetError::Unreachable) if !online() => Status::Offline,
                    Err(_) => Status::Failed,
                });
            }
        }
        self.show_status();
    }

    /// Local or ended replicas say so whatever the last round did.
    fn show_status(self) {
        let (shared, ended) = self.state.progress.with_untracked(|r| (r.link.is_some(), r.link.as_ref().is_some_and(|l| l.ended)));
        if !shared {
            self.status.set(Status::Local);
        } else if ended {
            self.status.set(Status::Ended);
        } else if self.status.get_untracked() == Status::Local {
            self.status.set(Status::Synced);
        }
    }
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

fn now_ms() -> u64 {
    crate::dom::now_millis()
}

/// The replica under `key` as it is now (on screen, or in storage).
fn current(state: ProgressState, key: &str) -> Option<Replica> {
    if state.key.get_untracked() == key {
        state.take_in_stored();
        return Some(state.progress.get_untracked());
    }
    let storage = storage::local()?;
    let (replica, notice) = storage::read_replica(&storage, key, now_ms(), storage::random_node);
    notice.is_none().then_some(replica)
}

/// Changes the replica under `key` and saves it, starting from what it is now: the person may
/// have changed it while the network was busy.
fn update(state: ProgressState, key: &str, edit: impl FnOnce(&mut Replica)) {
    if state.key.get_untracked() == key {
        state.edit(edit);
        return;
    }
    let Some(storage) = storage::local() else { return };
    let (mut replica, notice) = storage::read_replica(&storage, key, now_ms(), storage::random_node);
    if notice.is_none() {
        edit(&mut replica);
        let _ = storage::write_replica(&storage, key, &replica);
    }
}

/// Pulls what is new in the replica's space, then pushes its outbox.
async fn sync_one(state: ProgressState, key: &str) -> Result<(), NetError> {
    let Some(replica) = current(state, key) else { return Ok(()) };
    let Some(link) = replica.link.clone().filter(|l| !l.ended) else { return Ok(()) };
    let keys = Keys::from_secret(&link.secret).await.map_err(|_| NetError::Crypto)?;
    if !link.known {
        // A space this phone has not reached yet: a push creates it (an empty one too), so the
        // pull below finds it, and a space missing later can only have been deleted.
        push_outbox(state, key, &keys).await?;
    }
    loop {
        let after = current(state, key).map_or(0, |r| r.seq());
        let sent = now_ms();
        let page = match net::pull(&keys, after).await {
            Ok(page) => page,
            Err(NetError::NoSpace) => {
                update(state, key, |r| r.link.iter_mut().for_each(|l| l.ended = true));
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        let received = now_ms();
        let mut opened = Vec::with_capacity(page.entries.len());
        for entry in &page.entries {
            match keys.open(entry).await {
                Ok(change) => opened.push(change),
                // Not sealed with this space's key: nothing a phone of this space wrote.
                Err(_) => web_sys::console::warn_1(&"Wegwijs: an entry of the shared space could not be opened".into()),
            }
        }
        update(state, key, |r| {
            r.shared.pulled(&opened, page.next);
            r.shared.observe_clock(page.now_ms, sent, received);
            r.link.iter_mut().for_each(|l| l.known = true);
        });
        if !page.more {
            break;
        }
    }
    push_outbox(state, key, &keys).await
}

/// Pushes the outbox in batches under the body limit, and takes each acknowledged batch out.
async fn push_outbox(state: ProgressState, key: &str, keys: &Keys) -> Result<(), NetError> {
    let Some(replica) = current(state, key) else { return Ok(()) };
    let outbox = replica.outbox();
    let first = !replica.link.as_ref().is_some_and(|l| l.known);
    let mut batch: Vec<(Change, Entry)> = Vec::new();
    let mut bytes = 0;
    // An empty outbox is pushed only to create the space.
    let rounds = if outbox.is_empty() && first { 1 } else { outbox.len() };
    for i in 0..rounds {
        if let Some(change) = outbox.get(i) {
            let entry = keys.seal(change).await.map_err(|_| NetError::Crypto)?;
            bytes += entry.data.len() + entry.id.len() + 64;
            batch.push((change.clone(), entry));
        }
        if bytes >= PUSH_BYTES || i + 1 == rounds {
            let entries: Vec<Entry> = batch.iter().map(|(_, e)| e.clone()).collect();
            let sent = now_ms();
            let server_ms = net::push(keys, &entries).await?;
            let received = now_ms();
            let changes: Vec<Change> = batch.drain(..).map(|(c, _)| c).collect();
            update(state, key, |r| {
                r.shared.pushed(&changes);
                r.shared.observe_clock(server_ms, sent, received);
                r.link.iter_mut().for_each(|l| l.known = true);
            });
            bytes = 0;
        }
    }
    Ok(())
}
