//! agora-records: meeting records. `transcript::parse` reads the transcripts Internet-governance
//! bodies publish (ICANN's: `NAME:` alone on a line or before the text, `**NAME:**`, `>>` for a
//! speaker nobody identified, `---` page breaks that cut sentences in two, `xxx` for inaudible
//! passages, an italic disclaimer, a header with title, date and place) into turns with
//! speakers, and `speakers` merges the spellings of one name. No IO: text in, a [`Transcript`]
//! out, always, with warnings for what it had to guess.

pub mod speakers;
pub mod stats;
pub mod transcript;

pub use transcript::{Transcript, Turn, parse};
