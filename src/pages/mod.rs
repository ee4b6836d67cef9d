//! One file per screen.

mod guide;
mod home;
mod layout;
mod not_found;
mod root;
mod step;

pub use guide::GuidePage;
pub use home::HomePage;
pub use layout::LanguageLayout;
pub use not_found::{NotFoundPage, NotFoundView};
pub use root::RootRedirect;
pub use step::StepPage;
