//! Agora's domain core: the vocabulary of multistakeholder processes, the validation of
//! everything a user may type, and the rules (who may do what, when a phase is open).
//!
//! Architecture invariant: this crate does no IO. Time comes in as an argument (an injected
//! clock), so every rule is deterministic and testable at the boundary second.

pub mod attribution;
pub mod auth;
pub mod calendar;
pub mod consultation;
pub mod conversation;
pub mod directory;
pub mod geo;
pub mod glossary;
pub mod meeting;
pub mod process;
pub mod proposal;
pub mod review;
pub mod search;
pub mod speaker_queue;
pub mod stakeholder;
pub mod timetable;
pub mod validate;

pub use validate::{ErrorCode, FieldError, ValidationErrors};

/// The six official UN languages, which are also Agora's interface languages.
pub const UI_LANGUAGES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

/// Identifiers are UUIDv7: unique without coordination, and ordered by creation time,
/// which keyset pagination relies on.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
