//! One file per screen, and the frame around them.

mod data;
mod glossary;
mod guide;
mod home;
mod layout;
mod not_found;
mod plan;
mod questions;
mod step;
mod together;

pub use data::{your_data, DataPage};
pub use glossary::GlossaryPage;
pub use guide::GuidePage;
pub use home::HomePage;
pub use layout::{best_language, Layout};
pub use not_found::NotFoundView;
pub use plan::PlanPage;
pub use questions::QuestionsPage;
pub use step::StepPage;
pub use together::TogetherPage;
