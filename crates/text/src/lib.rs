//! agora-text: the reading engine. Language identification, normalising, tokenising and
//! stemming (`language`, `tokenize`, `terms`); near-duplicates and form-letter campaigns
//! (`campaigns`); themes (`themes`); and the extractive, cited synthesis that composes them
//! (`synthesis`).
//!
//! No IO and no clock: answers in, a [`Synthesis`] out, the same bytes for the same input and
//! seed. Every sentence the engine outputs is quoted verbatim from an answer and carries that
//! answer's id, so every line of a published synthesis can be traced to its source.

pub mod campaigns;
pub mod concepts;
pub mod features;
pub mod hash;
pub mod kmeans;
pub mod language;
pub mod quotes;
pub mod synthesis;
pub mod terms;
pub mod themes;
pub mod tokenize;

pub use synthesis::{
    Answer, Campaign, Flag, NoProgress, Options, Progress, Quote, Stage, Synthesis, Theme, Variant,
    synthesize,
};
