//! agora-records: meeting records.
//!
//! [`parse`] reads the transcripts Internet-governance bodies publish into turns with
//! speakers, in six formats it recognises by itself ([`Format`]): ICANN's transcripts
//! (`NAME:` labels, `---` page breaks, `xxx` inaudible marks, an italic disclaimer, a header
//! with title, date and place), IGF real-time captioning (`>>` at each change of speaker),
//! Markdown (a heading or `**Name:**` per turn, as Taiwan's government publishes them), scribe
//! minutes (`Name: text` among narrative), WebVTT and SRT captions (timed cues, merged per
//! speaker, with start and end times). [`parse_bytes`] takes a file's bytes in UTF-8 or
//! UTF-16, damaged or not. `speakers` merges the spellings of one name; `acronyms` finds the
//! acronyms a glossary lacks.
//!
//! No IO, and no failure: text in, a [`Transcript`] out, always, with warnings (each naming
//! its line) for what had to be guessed or repaired.

pub mod acronyms;
mod captions;
pub mod decode;
pub mod format;
mod icann;
mod igf;
mod label;
mod markdown;
mod minutes;
pub mod speakers;
pub mod stats;
pub mod transcript;

pub use format::Format;
pub use transcript::{
    Speaker, Transcript, Turn, TurnKind, parse, parse_as, parse_bytes, parse_bytes_as,
};
