//! agora-search: one full-text index over what Agora publishes (transcripts, consultation
//! answers, documents, the glossary), in the six UN languages, with filters and highlighted
//! snippets. It wraps tantivy.
//!
//! The crate knows nothing of the database: the caller hands it [`Record`]s (public ones only:
//! the index is read by anyone) and asks it [`Search`]es. Each text is analysed in its own
//! language ([`analysis`]) and every query in all of them, so "gouvernance" finds French,
//! "governance" English and "治理" Chinese, in one ranking. The index remembers, with each
//! commit, the last change of the database it reflects ([`SearchIndex::watermark`]), so an
//! indexer that stops or crashes starts again from there.

pub mod analysis;
mod index;
mod query;
mod record;
mod schema;

pub use index::{Result, SearchError, SearchIndex, SearchWriter};
pub use query::{Highlighted, Hit, Results, Search};
pub use record::{Record, Text};
