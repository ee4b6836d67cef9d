//! Pieces shared by several pages.

pub mod glossary_text;
mod header;
mod loading;
mod notices;
mod sync_bar;
mod ticks;

pub use glossary_text::{escape, GlossaryText};
pub use header::{LanguagePicker, SiteHeader};
pub use loading::{with_all_words, LoadErrorView, Skeleton};
pub use notices::Notices;
pub use sync_bar::SyncBar;
pub use ticks::{checkbox, Ticks};
