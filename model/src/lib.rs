//! Pure logic shared by the Wegwijs app and server, with no IO: content types and their checks,
//! languages, conditions (who a step is for), deadline rules, dates, and on-device progress with
//! the hybrid-logical-clock stamps that later sync merges by.

pub mod condition;
pub mod content;
pub mod date;
pub mod deadline;
pub mod glossary;
pub mod language;
pub mod progress;

pub use condition::{Condition, Housing, Profile};
pub use content::{Guide, GuideWords, Link, Problem, Source, Step, StepWords, Structure, Term, Ui, Words};
pub use date::Date;
pub use deadline::{Deadline, Event, Span};
pub use language::{Direction, Language, Script, TranslationStatus, LANGUAGES};
pub use progress::{Progress, ProgressError, Stamp};
