//! Pieces shared by several pages.

pub mod glossary_text;
mod header;
mod loading;
mod notices;
mod ticks;

pub use glossary_text::{escape, GlossaryText};
pub use header::{LanguagePicker, SiteHeader};
pub use loading::{with_all_words, LoadErrorView, Skeleton};
pub use notices::Notices;
pub use ticks::{checkbox, Ticks};
