//! Fetches content on demand: the language-independent structure once, and the words of each
//! language when first needed, in two parts (`wegwijs_model::content::split`): the index every
//! screen starts from, and the rest (step bodies, glossary explanations) for the step and
//! glossary screens, fetched in the background after the first screen, with every step's
//! source and links (`/content/sources.json`) for the step screen. All of it stays in
//! memory for the session (and in the browser's cache).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use wasm_bindgen::JsValue;

use wegwijs_model::content::split;
use wegwijs_model::{GuideWords, Language, StepWords, Structure, Ui, Words};

/// Everything a page needs to show content in one language.
#[derive(Clone)]
pub struct Content {
    pub lang: &'static Language,
    /// The structure; each step's links and source are empty until [`Content::complete`].
    pub structure: Arc<Structure>,
    /// The index's words, or all of them after [`Content::complete`]: the step bodies and the
    /// glossary's explanations are empty in the index.
    pub words: Arc<Words>,
}

impl Content {
    /// The interface strings.
    pub fn ui(&self) -> &Ui {
        &self.words.ui
    }

    /// The words of a guide (present for every guide: the content checks guarantee it).
    pub fn guide_words(&self, id: &str) -> Option<&GuideWords> {
        self.words.guides.get(id)
    }

    /// The words of a step.
    pub fn step_words(&self, id: &str) -> Option<&StepWords> {
        self.words.steps.get(id)
    }
}

/// Why content could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No connection, or it broke off.
    Network(String),
    /// The server answered with an error status.
    Status { url: String, status: u16 },
    /// The file arrived but is not valid content.
    Invalid(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network(e) => write!(f, "network: {e}"),
            LoadError::Status { url, status } => write!(f, "{url}: HTTP {status}"),
            LoadError::Invalid(e) => write!(f, "{e}"),
        }
    }
}

thread_local! {
    static STRUCTURE: RefCell<Option<Arc<Structure>>> = const { RefCell::new(None) };
    static WORDS: RefCell<HashMap<&'static str, Arc<Words>>> = RefCell::new(HashMap::new());
    static ALL_WORDS: RefCell<HashMap<&'static str, Arc<Words>>> = RefCell::new(HashMap::new());
    static SOURCED: RefCell<Option<Arc<Structure>>> = const { RefCell::new(None) };
}

/// The URL of the structure file.
pub const STRUCTURE_URL: &str = "/content/structure.json";

/// The browser's own message for a failed fetch. Only the JavaScript and gloo variants can occur
/// for a text body; formatting the JSON variant would put serde_json's and std's error texts
/// into the wasm (about 1 KB brotli).
fn network_error(e: gloo_net::Error) -> LoadError {
    LoadError::Network(match e {
        gloo_net::Error::JsError(js) => format!("{}: {}", js.name, js.message),
        gloo_net::Error::GlooError(message) => message,
        _ => "the response could not be read".to_owned(),
    })
}

async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(network_error)?;
    if !response.ok() {
        return Err(LoadError::Status { url: url.to_owned(), status: response.status() });
    }
    response.text().await.map_err(network_error)
}

/// Parses a content file with the browser's `JSON.parse` and reads it with `read` (serde would
/// add kilobytes to the wasm). The native content checks give the detailed errors for editors.
fn parse<T>(url: &str, text: &str, read: fn(&JsValue) -> Result<T, crate::read::Error>) -> Result<T, LoadError> {
    let value = js_sys::JSON::parse(text).map_err(|_| LoadError::Invalid(format!("{url}: not valid JSON")))?;
    read(&value).map_err(|field| LoadError::Invalid(format!("{url}: \"{field}\" is missing or not valid")))
}

async fn structure() -> Result<Arc<Structure>, LoadError> {
    if let Some(s) = STRUCTURE.with_borrow(|s| s.clone()) {
        return Ok(s);
    }
    let text = fetch_text(STRUCTURE_URL).await?;
    let structure: Arc<Structure> = Arc::new(parse(STRUCTURE_URL, &text, crate::read::structure)?);
    STRUCTURE.with_borrow_mut(|s| *s = Some(structure.clone()));
    Ok(structure)
}

async fn words(lang: &'static Language) -> Result<Arc<Words>, LoadError> {
    if let Some(w) = WORDS.with_borrow(|w| w.get(lang.code).cloned()) {
        return Ok(w);
    }
    let url = split::index_url(lang.code);
    let text = fetch_text(&url).await?;
    let words: Arc<Words> = Arc::new(parse(&url, &text, crate::read::words)?);
    WORDS.with_borrow_mut(|w| w.insert(lang.code, words.clone()));
    Ok(words)
}

/// What the step and glossary screens show beyond the first screens: a language's words in
/// full and the structure with every step's source and links.
#[derive(Clone)]
pub struct Full {
    words: Arc<Words>,
    structure: Arc<Structure>,
}

/// A language's words in full and the structure with its sources, from memory or else fetched.
pub async fn all_words(lang: &'static Language) -> Result<Full, LoadError> {
    if let Some(full) = all_words_now(lang) {
        return Ok(full);
    }
    let (words, structure) = futures::future::join(words_in_full(lang), sourced()).await;
    Ok(Full { words: words?, structure: structure? })
}

/// The index, then the rest read into it. The index is read again rather than cloned: a `Clone`
/// of `Words` costs the wasm more than reading a file the browser has in its cache.
async fn words_in_full(lang: &'static Language) -> Result<Arc<Words>, LoadError> {
    if let Some(w) = ALL_WORDS.with_borrow(|w| w.get(lang.code).cloned()) {
        return Ok(w);
    }
    let index_url = split::index_url(lang.code);
    let url = split::more_url(lang.code);
    let (index, more) = futures::future::join(fetch_text(&index_url), fetch_text(&url)).await;
    let mut all = parse(&index_url, &index?, crate::read::words)?;
    read_into(&url, &more?, |v| crate::read::more(v, &mut all))?;
    let all = Arc::new(all);
    ALL_WORDS.with_borrow_mut(|w| w.insert(lang.code, all.clone()));
    Ok(all)
}

/// The structure with every step's source and links, read again for the same reason.
async fn sourced() -> Result<Arc<Structure>, LoadError> {
    if let Some(s) = SOURCED.with_borrow(|s| s.clone()) {
        return Ok(s);
    }
    let url = split::SOURCES_URL;
    let (text, sources) = futures::future::join(fetch_text(STRUCTURE_URL), fetch_text(url)).await;
    let mut structure = parse(STRUCTURE_URL, &text?, crate::read::structure)?;
    read_into(url, &sources?, |v| crate::read::sources(v, &mut structure))?;
    let structure = Arc::new(structure);
    SOURCED.with_borrow_mut(|s| *s = Some(structure.clone()));
    Ok(structure)
}

/// Parses the second part of a split file and reads it into the first part with `read`.
fn read_into(
    url: &str,
    text: &str,
    read: impl FnOnce(&JsValue) -> Result<(), crate::read::Error>,
) -> Result<(), LoadError> {
    let value = js_sys::JSON::parse(text).map_err(|_| LoadError::Invalid(format!("{url}: not valid JSON")))?;
    read(&value).map_err(|field| LoadError::Invalid(format!("{url}: \"{field}\" is missing or not valid")))
}

/// A language's words in full and the sourced structure if they are in memory already.
pub fn all_words_now(lang: &'static Language) -> Option<Full> {
    let words = ALL_WORDS.with_borrow(|w| w.get(lang.code).cloned())?;
    Some(Full { words, structure: SOURCED.with_borrow(|s| s.clone())? })
}

impl Content {
    /// This content with all of its language's words and the sources.
    pub fn complete(&self, full: Full) -> Content {
        Content { words: full.words, structure: full.structure, ..self.clone() }
    }
}

/// The Dutch words, for showing the Dutch title beside a step (the plan and its printout), or
/// `None` when they cannot be loaded (offline and not kept): the plan then shows one language.
pub async fn dutch() -> Option<Arc<Words>> {
    words(Language::by_code(wegwijs_model::language::SOURCE)?).await.ok()
}

/// Loads the content of a language, fetching the structure and the words at the same time.
pub async fn load(lang: &'static Language) -> Result<Content, LoadError> {
    let (structure, words) = futures::future::join(structure(), words(lang)).await;
    Ok(Content { lang, structure: structure?, words: words? })
}
