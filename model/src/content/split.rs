//! A language's words are served as two files, so a first visit downloads only what the first
//! screens show: the *index* (`/content/lang/{code}.json`: the interface, the guides, the
//! intake's questions, and per step its title and the plan's two texts) and the *rest*
//! (`/content/more/{code}.json`: each step's body and the glossary's explanations), fetched when
//! a step or the glossary opens, or in the background once the first screen is up. `xtask
//! finish` writes both from the one committed file, which editors and the checks see whole.
//!
//! The structure is split the same way: `/content/structure.json` keeps what the home, guide
//! and plan screens compute with (guides, order, conditions, deadlines, key words, glossary
//! terms), and `/content/sources.json` the page behind each step and its "who helps" links,
//! which only a step's own screen shows (more than half of the structure's bytes).

use serde_json::{Map, Value};

use super::Problem;

/// The step fields in the index: what the home, guide and plan screens show.
pub const INDEX_STEP_FIELDS: &[&str] = &["title", "deadline", "applies"];

/// The step fields of the structure that only a step's screen shows, served in [`SOURCES_URL`].
pub const SOURCE_STEP_FIELDS: &[&str] = &["links", "source"];

/// The address of every step's source and links.
pub const SOURCES_URL: &str = "/content/sources.json";

/// The address of a language's index.
pub fn index_url(code: &str) -> String {
    format!("/content/lang/{code}.json")
}

/// The address of the rest of a language's words.
pub fn more_url(code: &str) -> String {
    format!("/content/more/{code}.json")
}

/// Splits a language file's JSON into the index and the rest, each as compact JSON. Every field
/// lands in exactly one of them, so joining them again gives the file back.
pub fn split(text: &str) -> Result<(String, String), Problem> {
    let bad = |what: &str| Problem(format!("a language file to split: {what}"));
    let mut index: Map<String, Value> = serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
    let mut more = Map::new();
    more.insert("glossary".into(), index.remove("glossary").ok_or_else(|| bad("no \"glossary\""))?);
    let Some(Value::Object(steps)) = index.get_mut("steps") else { return Err(bad("no \"steps\" object")) };
    let mut bodies = Map::new();
    for (id, step) in steps.iter_mut() {
        let Value::Object(fields) = step else { return Err(bad(&format!("step '{id}' is not an object"))) };
        let (head, body): (Map<_, _>, Map<_, _>) =
            std::mem::take(fields).into_iter().partition(|(k, _)| INDEX_STEP_FIELDS.contains(&k.as_str()));
        *fields = head;
        bodies.insert(id.clone(), Value::Object(body));
    }
    more.insert("steps".into(), Value::Object(bodies));
    Ok((Value::Object(index).to_string(), Value::Object(more).to_string()))
}

/// Whether `text` is an index [`split`] wrote already (no glossary), so building again keeps it.
pub fn is_index(text: &str) -> bool {
    serde_json::from_str::<Map<String, Value>>(text).is_ok_and(|m| !m.contains_key("glossary"))
}

/// Splits `structure.json` into the structure the first screens need and the sources
/// (`{"steps": {id: {"links": …, "source": …}}}`), each as compact JSON; every field lands in
/// exactly one of them.
pub fn split_structure(text: &str) -> Result<(String, String), Problem> {
    let bad = |what: &str| Problem(format!("structure.json to split: {what}"));
    let mut lean: Map<String, Value> = serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
    let Some(Value::Array(steps)) = lean.get_mut("steps") else { return Err(bad("no \"steps\" list")) };
    let mut sources = Map::new();
    for step in steps.iter_mut() {
        let Value::Object(fields) = step else { return Err(bad("a step is not an object")) };
        let Some(Value::String(id)) = fields.get("id").cloned() else { return Err(bad("a step has no \"id\"")) };
        let mut moved = Map::new();
        for field in SOURCE_STEP_FIELDS {
            let value = fields.remove(*field).ok_or_else(|| bad(&format!("step '{id}' has no \"{field}\"")))?;
            moved.insert((*field).to_owned(), value);
        }
        sources.insert(id, Value::Object(moved));
    }
    let mut more = Map::new();
    more.insert("steps".into(), Value::Object(sources));
    Ok((Value::Object(lean).to_string(), Value::Object(more).to_string()))
}

/// Whether `text` is a structure [`split_structure`] wrote already (no step has a source).
pub fn is_lean_structure(text: &str) -> bool {
    serde_json::from_str::<Value>(text)
        .is_ok_and(|v| v["steps"].as_array().is_some_and(|steps| steps.iter().all(|s| s.get("source").is_none())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_lands_in_one_half() {
        let text = r#"{"ui":{"a":"b"},"guides":{},"intake":{},"glossary":{"bsn":"x"},
            "steps":{"s":{"title":"T","why":"W","do":["d"],"bring":[],"helper":"h","deadline":"D","uncertain":"U"}}}"#;
        let (index, more) = split(text).unwrap();
        assert!(is_index(&index) && !is_index(text));
        let index: Value = serde_json::from_str(&index).unwrap();
        let more: Value = serde_json::from_str(&more).unwrap();
        assert_eq!(index["steps"]["s"], serde_json::json!({"title": "T", "deadline": "D"}));
        assert_eq!(index["ui"]["a"], "b");
        assert!(index.get("glossary").is_none());
        assert_eq!(more["glossary"]["bsn"], "x");
        assert_eq!(
            more["steps"]["s"],
            serde_json::json!({"why": "W", "do": ["d"], "bring": [], "helper": "h", "uncertain": "U"})
        );
    }

    #[test]
    fn the_structure_splits_into_what_screens_compute_with_and_the_sources() {
        let text = r#"{"guides":[{"id":"g","steps":["s"]}],"glossary":[],"steps":[{"id":"s","after":[],
            "links":[{"org":"O","url":"u"}],"source":{"org":"O","url":"v","checked":"2026-01-31"},"keywords":["k"]}]}"#;
        let (lean, sources) = split_structure(text).unwrap();
        assert!(is_lean_structure(&lean) && !is_lean_structure(text));
        let lean: Value = serde_json::from_str(&lean).unwrap();
        let sources: Value = serde_json::from_str(&sources).unwrap();
        assert_eq!(lean["steps"][0], serde_json::json!({"id": "s", "after": [], "keywords": ["k"]}));
        assert_eq!(lean["guides"][0]["id"], "g");
        assert_eq!(sources["steps"]["s"]["links"][0]["url"], "u");
        assert_eq!(sources["steps"]["s"]["source"]["checked"], "2026-01-31");
        assert!(split_structure(r#"{"steps":[{"id":"s","links":[]}]}"#)
            .unwrap_err()
            .0
            .contains("step 's' has no \"source\""));
        assert!(split_structure(r#"{"steps":[{"links":[]}]}"#).unwrap_err().0.contains("no \"id\""));
        assert!(split_structure("[").unwrap_err().0.contains("structure.json to split"));
    }

    #[test]
    fn a_broken_file_says_what_is_wrong() {
        assert!(split("{").unwrap_err().0.contains("a language file to split"));
        assert!(split(r#"{"steps":{}}"#).unwrap_err().0.contains("glossary"));
        assert!(split(r#"{"glossary":{},"steps":{"s":1}}"#).unwrap_err().0.contains("step 's'"));
    }
}
