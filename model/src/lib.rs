//! Pure logic shared by the Wegwijs app and server, with no IO: content types and their checks,
//! languages, conditions (who a step is for), deadline rules, dates, the intake and the personal
//! plan, and on-device progress as a per-key replica with the hybrid-logical-clock stamps that
//! sync merges by.

pub mod condition;
pub mod content;
pub mod date;
pub mod deadline;
pub mod glossary;
pub mod ics;
pub mod intake;
pub mod language;
pub mod plan;
pub mod progress;
pub mod sync;

pub use condition::{Ages, Condition, Housing, Profile, Protection};
pub use content::{Guide, GuideWords, Link, Problem, Source, Step, StepWords, Structure, Term, Ui, Words};
pub use date::Date;
pub use deadline::{Deadline, Event, Rule, Span};
pub use intake::{Field, Intake};
pub use language::{Direction, Language, Script, TranslationStatus, LANGUAGES};
pub use progress::{Progress, ProgressError, Stamp};
