//! Pieces shared by several pages.

mod done_checkbox;
pub mod glossary_text;
mod header;
mod loading;
mod next_steps;
mod notices;

pub use done_checkbox::DoneCheckbox;
pub use glossary_text::{escape, GlossaryText};
pub use header::{LanguagePicker, SiteHeader};
pub use loading::{LoadErrorView, Skeleton};
pub use next_steps::{page, NextSteps};
pub use notices::Notices;
