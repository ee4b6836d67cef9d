//! The people a volunteer walks with, on the volunteer's phone only: each has a replica of its
//! own (`wegwijs.person.<id>`, shared through that person's space) and a label the volunteer
//! typed, which is never sent anywhere. The person's own phone has just `storage::PROGRESS_KEY`.

use js_sys::{Array, Object};
use wasm_bindgen::JsValue;
use wegwijs_model::Progress;

use super::stored::{Link, Replica};
use crate::read::{self, set, string};
use crate::storage::{self, PROGRESS_KEY};

/// The list of people, as `[{"id", "label"}]`.
pub const PEOPLE_KEY: &str = "wegwijs.people";
/// The storage key of the replica last on screen.
pub const ACTIVE_KEY: &str = "wegwijs.active";
/// The prefix of a followed person's replica, before their local id.
pub const PERSON_PREFIX: &str = "wegwijs.person.";

/// A person followed on this phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// A random local id: it names the storage key, nothing else.
    pub id: String,
    /// What the volunteer calls this person; only on this phone.
    pub label: String,
}

impl Person {
    /// Where this person's replica is stored.
    pub fn key(&self) -> String {
        format!("{PERSON_PREFIX}{}", self.id)
    }
}

/// Everyone followed on this phone, in the order they were added.
pub fn list() -> Vec<Person> {
    let text = storage::local().and_then(|s| s.get_item(PEOPLE_KEY).ok().flatten());
    let Some(value) = text.and_then(|t| js_sys::JSON::parse(&t).ok()) else { return Vec::new() };
    let Ok(items) = value.dyn_into_array() else { return Vec::new() };
    let mut out = Vec::new();
    for item in items.iter() {
        if let (Ok(id), Ok(label)) = (string(&item, "id"), string(&item, "label")) {
            out.push(Person { id, label });
        }
    }
    out
}

trait IntoArray {
    fn dyn_into_array(self) -> Result<Array, JsValue>;
}

impl IntoArray for JsValue {
    fn dyn_into_array(self) -> Result<Array, JsValue> {
        if Array::is_array(&self) {
            Ok(Array::from(&self))
        } else {
            Err(self)
        }
    }
}

fn save(people: &[Person]) -> bool {
    let list = Array::new();
    for p in people {
        let o = Object::new();
        set(&o, "id", &JsValue::from_str(&p.id));
        set(&o, "label", &JsValue::from_str(&p.label));
        list.push(&o);
    }
    storage::local().is_some_and(|s| s.set_item(PEOPLE_KEY, &read::stringify(&list.into())).is_ok())
}

/// The storage key of the replica to open: the one last on screen if it still exists, else the
/// phone's own.
pub fn active_key() -> String {
    let stored = storage::local().and_then(|s| s.get_item(ACTIVE_KEY).ok().flatten());
    match stored {
        Some(key) if list().iter().any(|p| p.key() == key) => key,
        _ => PROGRESS_KEY.to_owned(),
    }
}

/// Remembers which replica is on screen.
pub fn set_active(key: &str) {
    if let Some(s) = storage::local() {
        let _ = s.set_item(ACTIVE_KEY, key);
    }
}

/// The label of the replica stored under `key`, when it is a followed person's.
pub fn label_of(key: &str) -> Option<String> {
    list().into_iter().find(|p| p.key() == key).map(|p| p.label)
}

/// Every stored replica that may sync: the phone's own and each person's.
pub fn all_keys() -> Vec<String> {
    let mut keys = vec![PROGRESS_KEY.to_owned()];
    keys.extend(list().iter().map(Person::key));
    keys
}

/// Adds a person shared through `secret`, with the volunteer's `label`; returns their storage
/// key. A secret already followed here gives that person's key back, with the new label.
pub fn add(label: &str, secret: &str) -> Option<String> {
    let storage = storage::local()?;
    let mut people = list();
    for p in &mut people {
        let key = p.key();
        let (replica, _) = storage::read_replica(&storage, &key, 0, storage::random_node);
        if replica.link.as_ref().is_some_and(|l| l.secret == secret) {
            p.label = label.to_owned();
            return save(&people).then_some(key);
        }
    }
    let id = super::new_secret()?[..12].to_owned();
    let person = Person { id, label: label.to_owned() };
    let mut replica = Replica::local(Progress::new(storage::random_node()));
    replica.link = Some(Link { secret: secret.to_owned(), known: false, ended: false });
    storage::write_replica(&storage, &person.key(), &replica).ok()?;
    let key = person.key();
    people.push(person);
    save(&people).then_some(key)
}
