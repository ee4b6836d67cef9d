//! Pieces shared by several pages.

mod done_checkbox;
mod glossary_text;
mod header;
mod loading;
mod notices;

pub use done_checkbox::DoneCheckbox;
pub use glossary_text::GlossaryText;
pub use header::{LanguagePicker, SiteHeader};
pub use loading::{LoadErrorView, Skeleton};
pub use notices::Notices;
