//! One file per screen, and the frame around them.

mod data;
mod glossary;
mod guide;
mod home;
mod join;
mod layout;
mod not_found;
mod people;
mod plan;
mod questions;
mod share;
mod step;

pub use data::DataPage;
pub use glossary::GlossaryPage;
pub use guide::GuidePage;
pub use home::HomePage;
pub use join::JoinPage;
pub use layout::{best_language, Layout};
pub use not_found::NotFoundView;
pub use people::PeoplePage;
pub use plan::PlanPage;
pub use questions::QuestionsPage;
pub use share::{waiting_text, SharePage};
pub use step::StepPage;
