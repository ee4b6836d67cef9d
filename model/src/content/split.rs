//! A language's words are served as two files, so a first visit downloads only what the first
//! screens show: the *index* (`/content/lang/{code}.json`: the interface, the guides, the
//! intake's questions, and per step its title and the plan's two texts) and the *rest*
//! (`/content/more/{code}.json`: each step's body and the glossary's explanations), fetched when
//! a step or the glossary opens, or in the background once the first screen is up. `xtask
//! finish` writes both from the one committed file, which editors and the checks see whole.

use serde_json::{Map, Value};

use super::Problem;

/// The step fields in the index: what the home, guide and plan screens show.
pub const INDEX_STEP_FIELDS: &[&str] = &["title", "deadline", "applies"];

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
    fn a_broken_file_says_what_is_wrong() {
        assert!(split("{").unwrap_err().0.contains("a language file to split"));
        assert!(split(r#"{"steps":{}}"#).unwrap_err().0.contains("glossary"));
        assert!(split(r#"{"glossary":{},"steps":{"s":1}}"#).unwrap_err().0.contains("step 's'"));
    }
}
