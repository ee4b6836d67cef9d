//! Reads content files and stored progress from what the browser's `JSON.parse` made, and writes
//! progress back through `JSON.stringify`, by hand. Serde's derive code and the serde-wasm-bindgen
//! (de)serializer cost the wasm about 16 KB brotli that every first visit downloads
//! (`../shared/design/wasm-size.md`, B3); this module costs a fraction of it.
//!
//! The formats are the model's: native code (the content checks, the server, tests) reads them
//! with serde. A browser test (`tests/web.rs`) reads every content file both ways and requires the
//! same result, so the two readers cannot drift apart. Errors name the field that is missing or of
//! the wrong kind; the native content checks give editors the full detail. Unknown fields are
//! ignored, as serde does in the browser.
//!
//! Loops push and insert rather than `collect::<Result<…>>()`: the latter pulled in a stable sort
//! and iterator adapters worth about 5 KB brotli here.

use std::collections::BTreeMap;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wegwijs_model::progress::{Cell, EntryV1};
use wegwijs_model::{
    Condition, Date, Deadline, Event, Guide, GuideWords, Housing, Link, Progress, Protection, Rule, Source, Span,
    Stamp, Step, StepWords, Structure, Term, Ui, Words,
};

/// The name of the field that was missing or not what the format says.
pub type Error = &'static str;

/// The field `key` of an object (undefined when missing).
pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The string field `key`.
pub fn string(value: &JsValue, key: Error) -> Result<String, Error> {
    get(value, key).as_string().ok_or(key)
}

fn optional_string(value: &JsValue, key: Error) -> Result<Option<String>, Error> {
    let v = get(value, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or(key)
}

/// The number field `key`, a whole number from 0 to `max`.
pub fn number(value: &JsValue, key: Error, max: f64) -> Result<f64, Error> {
    match get(value, key).as_f64() {
        Some(n) if n >= 0.0 && n <= max && n.fract() == 0.0 => Ok(n),
        _ => Err(key),
    }
}

fn small(value: &JsValue, key: Error) -> Result<u8, Error> {
    number(value, key, 255.0).map(|n| n as u8)
}

pub(crate) fn boolean(value: &JsValue, key: Error) -> Result<bool, Error> {
    get(value, key).as_bool().ok_or(key)
}

/// The array field `key`.
pub fn array(value: &JsValue, key: Error) -> Result<Array, Error> {
    get(value, key).dyn_into::<Array>().map_err(|_| key)
}

fn strings(value: &JsValue, key: Error) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for item in array(value, key)?.iter() {
        out.push(item.as_string().ok_or(key)?);
    }
    Ok(out)
}

/// The `[key, value]` pairs of an object field.
pub(crate) fn entries(value: &JsValue, key: Error) -> Result<Vec<(String, JsValue)>, Error> {
    pairs(&get(value, key), key)
}

/// The `[key, value]` pairs of an object.
fn pairs(object: &JsValue, key: Error) -> Result<Vec<(String, JsValue)>, Error> {
    if !object.is_object() || Array::is_array(object) {
        return Err(key);
    }
    let mut out = Vec::new();
    for pair in Object::entries(object.unchecked_ref::<Object>()).iter() {
        let pair: Array = pair.unchecked_into();
        out.push((pair.get(0).as_string().ok_or(key)?, pair.get(1)));
    }
    Ok(out)
}

/// `content/structure.json` as the build serves it (`split::split_structure`): every step's
/// links and source are empty until [`sources`] reads them in, which the step screen, the only
/// one that shows them, waits for.
pub fn structure(value: &JsValue) -> Result<Structure, Error> {
    let mut guides = Vec::new();
    for g in array(value, "guides")?.iter() {
        guides.push(Guide { id: string(&g, "id")?, steps: strings(&g, "steps")? });
    }
    let mut steps = Vec::new();
    for s in array(value, "steps")?.iter() {
        steps.push(step(&s)?);
    }
    let mut glossary = Vec::new();
    for t in array(value, "glossary")?.iter() {
        glossary.push(Term { id: string(&t, "id")?, term: string(&t, "term")? });
    }
    Ok(Structure { guides, steps, glossary })
}

fn step(s: &JsValue) -> Result<Step, Error> {
    let applies = get(s, "applies");
    let deadline = get(s, "deadline");
    Ok(Step {
        id: string(s, "id")?,
        after: strings(s, "after")?,
        applies: if applies.is_null() || applies.is_undefined() { None } else { Some(condition(&applies)?) },
        deadline: rules(&deadline)?,
        links: Vec::new(),
        source: Source { org: String::new(), url: String::new(), checked: Date::from_days(0), home_page: None },
        uncertain: boolean(s, "uncertain")?,
        keywords: strings(s, "keywords")?,
    })
}

/// `content/sources.json`, read into `structure`: each step's links and its source. Sources of
/// another build, lacking a step, are refused rather than half read.
pub fn sources(value: &JsValue, structure: &mut Structure) -> Result<(), Error> {
    let steps = get(value, "steps");
    for step in structure.steps.iter_mut() {
        let s = get(&steps, &step.id);
        if !s.is_object() {
            return Err("steps");
        }
        let mut links = Vec::new();
        for l in array(&s, "links")?.iter() {
            links.push(Link { org: string(&l, "org")?, url: string(&l, "url")? });
        }
        step.links = links;
        let source = get(&s, "source");
        let checked = string(&source, "checked")?.parse::<Date>().map_err(|_| "checked")?;
        // The reason for a home-page source is for the content checks; the app has no use for it.
        step.source = Source { org: string(&source, "org")?, url: string(&source, "url")?, checked, home_page: None };
    }
    Ok(())
}

/// A condition: an object with one key, the condition's name in snake case.
fn condition(value: &JsValue) -> Result<Condition, Error> {
    const BAD: Error = "applies";
    let mut one = pairs(value, BAD)?;
    let (name, inner) = match one.pop() {
        Some(pair) if one.is_empty() => pair,
        _ => return Err(BAD),
    };
    let list = |inner: &JsValue| -> Result<Vec<Condition>, Error> {
        let list = inner.clone().dyn_into::<Array>().map_err(|_| BAD)?;
        let mut out = Vec::new();
        for c in list.iter() {
            out.push(condition(&c)?);
        }
        Ok(out)
    };
    let flag = |inner: &JsValue| inner.as_bool().ok_or(BAD);
    let age = |inner: &JsValue| match inner.as_f64() {
        Some(n) if (0.0..=255.0).contains(&n) && n.fract() == 0.0 => Ok(n as u8),
        _ => Err(BAD),
    };
    Ok(match name.as_str() {
        "all" => Condition::All(list(&inner)?),
        "any" => Condition::Any(list(&inner)?),
        "not" => Condition::Not(Box::new(condition(&inner)?)),
        "age_at_least" => Condition::AgeAtLeast(age(&inner)?),
        "age_below" => Condition::AgeBelow(age(&inner)?),
        "has_child_aged" => Condition::HasChildAged { min: small(&inner, "min")?, max: small(&inner, "max")? },
        "family_abroad" => Condition::FamilyAbroad(flag(&inner)?),
        "housing" => Condition::Housing(match inner.as_string().as_deref() {
            Some("reception") => Housing::Reception,
            Some("home") => Housing::Home,
            _ => return Err(BAD),
        }),
        "protection" => Condition::Protection(match inner.as_string().as_deref() {
            Some("refugee") => Protection::Refugee,
            Some("subsidiary") => Protection::Subsidiary,
            _ => return Err(BAD),
        }),
        "working" => Condition::Working(flag(&inner)?),
        "studying" => Condition::Studying(flag(&inner)?),
        "has_diploma" => Condition::HasDiploma(flag(&inner)?),
        "has_driving_licence" => Condition::HasDrivingLicence(flag(&inner)?),
        "on_social_assistance" => Condition::OnSocialAssistance(flag(&inner)?),
        "came_as_minor" => Condition::CameAsMinor(flag(&inner)?),
        _ => return Err(BAD),
    })
}

/// A step's deadline: `null`, one rule, or a list of rules.
fn rules(value: &JsValue) -> Result<Vec<Rule>, Error> {
    let mut out = Vec::new();
    if let Some(list) = value.dyn_ref::<Array>() {
        for r in list.iter() {
            out.push(rule(&r)?);
        }
    } else if !value.is_null() && !value.is_undefined() {
        out.push(rule(value)?);
    }
    Ok(out)
}

fn rule(value: &JsValue) -> Result<Rule, Error> {
    let when = get(value, "if");
    let when = if when.is_undefined() { None } else { Some(condition(&when)?) };
    Ok(Rule { when, deadline: read_deadline(value)? })
}

fn read_deadline(value: &JsValue) -> Result<Deadline, Error> {
    const BAD: Error = "deadline";
    if !value.is_object() {
        return Err(BAD);
    }
    let yearly = get(value, "yearly");
    if !yearly.is_undefined() {
        let (month, day) = (small(&yearly, "month")?, small(&yearly, "day")?);
        // 2024 is a leap year, so 29 February passes as a yearly date (as in the model).
        return Date::new(2024, month, day).map(|_| Deadline::Yearly { month, day }).ok_or(BAD);
    }
    let within = get(value, "within");
    let n = |unit: Error| number(&within, unit, f64::from(u32::MAX)).map(|n| n as u32);
    let within = if !get(&within, "days").is_undefined() {
        Span::Days(n("days")?)
    } else if !get(&within, "weeks").is_undefined() {
        Span::Weeks(n("weeks")?)
    } else if !get(&within, "months").is_undefined() {
        Span::Months(n("months")?)
    } else if !get(&within, "years").is_undefined() {
        Span::Years(n("years")?)
    } else {
        return Err(BAD);
    };
    let after = match get(value, "after").as_string().as_deref() {
        Some("asylum_decision") => Event::AsylumDecision,
        Some("municipal_registration") => Event::MunicipalRegistration,
        Some("lease_signed") => Event::LeaseSigned,
        Some("left_reception") => Event::LeftReception,
        Some("digid_letter") => Event::DigidLetter,
        Some("integration_start") => Event::IntegrationStart,
        Some("permit_expiry") => Event::PermitExpiry,
        _ => return Err(BAD),
    };
    Ok(Deadline::Within { within, after })
}

/// An object of texts by key.
fn texts(value: &JsValue, key: Error) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    for (id, text) in entries(value, key)? {
        out.insert(id, text.as_string().ok_or(key)?);
    }
    Ok(out)
}

/// A language's index, `/content/lang/{code}.json` (see `wegwijs_model::content::split`): the
/// step bodies and the glossary stay empty until [`more`] reads them.
pub fn words(value: &JsValue) -> Result<Words, Error> {
    let ui_value = get(value, "ui");
    let ui = Ui::from_lookup(|key| get(&ui_value, key).as_string())?;
    let mut guides = BTreeMap::new();
    for (id, g) in entries(value, "guides")? {
        guides.insert(id, GuideWords { title: string(&g, "title")?, summary: string(&g, "summary")? });
    }
    let mut steps = BTreeMap::new();
    for (id, s) in entries(value, "steps")? {
        steps.insert(
            id,
            StepWords {
                title: string(&s, "title")?,
                deadline: optional_string(&s, "deadline")?,
                applies: optional_string(&s, "applies")?,
                why: String::new(),
                actions: Vec::new(),
                bring: Vec::new(),
                helper: String::new(),
                uncertain: None,
            },
        );
    }
    Ok(Words { ui, guides, steps, glossary: BTreeMap::new(), intake: texts(value, "intake")? })
}

/// The rest of a language's words, `/content/more/{code}.json`, read into its index: a body for
/// every step of the index, and the glossary.
pub fn more(value: &JsValue, words: &mut Words) -> Result<(), Error> {
    let steps = get(value, "steps");
    for (id, step) in words.steps.iter_mut() {
        let s = get(&steps, id);
        if !s.is_object() {
            return Err("steps");
        }
        step.why = string(&s, "why")?;
        step.actions = strings(&s, "do")?;
        step.bring = strings(&s, "bring")?;
        step.helper = string(&s, "helper")?;
        step.uncertain = optional_string(&s, "uncertain")?;
    }
    words.glossary = texts(value, "glossary")?;
    Ok(())
}

pub(crate) fn stamp(value: &JsValue, key: Error) -> Result<Stamp, Error> {
    let s = get(value, key);
    Ok(Stamp {
        ms: number(&s, "ms", 9_007_199_254_740_991.0)? as u64,
        c: number(&s, "c", f64::from(u32::MAX))? as u32,
        node: number(&s, "node", f64::from(u32::MAX))? as u32,
    })
}

/// Stored progress of format `version` (1 or 2; the caller checks the version first), with
/// version 1 migrated by the model's one rule.
pub fn progress(value: &JsValue, version: u32) -> Result<Progress, Error> {
    let node = number(value, "node", f64::from(u32::MAX))? as u32;
    let clock = stamp(value, "clock")?;
    if version == 1 {
        let mut steps = BTreeMap::new();
        for (id, e) in entries(value, "steps")? {
            steps.insert(id, EntryV1 { done: boolean(&e, "done")?, at: stamp(&e, "at")? });
        }
        return Ok(Progress::from_v1(node, clock, steps));
    }
    let mut cells = BTreeMap::new();
    for (key, c) in entries(value, "cells")? {
        cells.insert(key, cell(&c)?);
    }
    Ok(Progress::from_parts(node, clock, cells))
}

/// Sets the field `key` of an object.
pub fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

pub(crate) fn stamp_object(s: &Stamp) -> Object {
    let o = Object::new();
    set(&o, "ms", &JsValue::from_f64(s.ms as f64));
    set(&o, "c", &JsValue::from_f64(f64::from(s.c)));
    set(&o, "node", &JsValue::from_f64(f64::from(s.node)));
    o
}

/// The stored form of progress: the same JSON, key for key, as the model's `Progress::to_json`.
pub fn progress_json(p: &Progress) -> String {
    stringify(&progress_object(p))
}

/// `JSON.stringify` of an object this module built (it cannot fail on those).
pub(crate) fn stringify(o: &Object) -> String {
    js_sys::JSON::stringify(o).ok().and_then(|t| t.as_string()).unwrap_or_default()
}

/// A cell as the stored and synced JSON has it: `{value, at}`.
pub fn cell_object(c: &Cell) -> Object {
    let cell = Object::new();
    set(&cell, "value", &JsValue::from_str(&c.value));
    set(&cell, "at", &stamp_object(&c.at));
    cell
}

/// Reads a cell written by [`cell_object`].
pub fn cell(c: &JsValue) -> Result<Cell, Error> {
    Ok(Cell { value: string(c, "value")?, at: stamp(c, "at")? })
}

/// Progress as an object, for [`progress_json`] and for stored shared replicas.
pub(crate) fn progress_object(p: &Progress) -> Object {
    let (version, node, clock, cells) = p.parts();
    let o = Object::new();
    set(&o, "v", &JsValue::from_f64(f64::from(version)));
    set(&o, "node", &JsValue::from_f64(f64::from(node)));
    set(&o, "clock", &stamp_object(clock));
    let all = Object::new();
    for (key, c) in cells {
        set(&all, key, &cell_object(c));
    }
    set(&o, "cells", &all);
    o
}
