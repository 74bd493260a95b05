//! The index on disk (or in memory for tests), its one writer, and the watermark of the
//! changes it holds.

use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::directory::error::LockError;
use tantivy::query::QueryParser;
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::analysis;
use crate::record::Record;
use crate::schema::{Fields, SPEAKER_TOKENIZER};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("there is no search index at {0}: run `agora reindex`")]
    Missing(PathBuf),
    #[error("the search index at {0} was built by another version of Agora: run `agora reindex`")]
    Incompatible(PathBuf),
    #[error(
        "the search index at {0} is being written by another process (a running `agora serve`?)"
    )]
    Busy(PathBuf),
    #[error("cannot use the search index at {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("search index: {0}")]
    Index(#[from] TantivyError),
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// The memory each indexing thread fills before it writes a segment.
const WRITER_MEMORY_PER_THREAD: usize = 64 * 1024 * 1024;

/// A search index: readers for everyone, one writer at a time (see [`SearchIndex::writer`]).
#[derive(Clone)]
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) parser: std::sync::Arc<QueryParser>,
    /// Where it lives, for messages (`None` in memory).
    path: Option<PathBuf>,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index if needed.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir).map_err(|source| SearchError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let directory = MmapDirectory::open(dir).map_err(|e| SearchError::Io {
            path: dir.to_owned(),
            source: std::io::Error::other(e),
        })?;
        let (schema, _) = Fields::schema();
        let index = Index::open_or_create(directory, schema).map_err(|e| match e {
            TantivyError::SchemaError(_) => SearchError::Incompatible(dir.to_owned()),
            other => SearchError::Index(other),
        })?;
        SearchIndex::wrap(index, Some(dir.to_owned()))
    }

    /// Opens the index in `dir`, which must exist (the CLI's `agora search`).
    pub fn open_existing(dir: &Path) -> Result<SearchIndex> {
        let exists = MmapDirectory::open(dir)
            .ok()
            .is_some_and(|d| Index::exists(&d).unwrap_or(false));
        if !exists {
            return Err(SearchError::Missing(dir.to_owned()));
        }
        SearchIndex::open(dir)
    }

    /// Empties `dir` and creates a new index there, for a rebuild after the schema changed.
    pub fn recreate(dir: &Path) -> Result<SearchIndex> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|source| SearchError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        SearchIndex::open(dir)
    }

    /// An index in memory, for tests.
    pub fn in_memory() -> SearchIndex {
        let (schema, _) = Fields::schema();
        SearchIndex::wrap(Index::create_in_ram(schema), None).expect("an index in memory opens")
    }

    fn wrap(index: Index, path: Option<PathBuf>) -> Result<SearchIndex> {
        analysis::register(index.tokenizers());
        index.tokenizers().register(
            SPEAKER_TOKENIZER,
            tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
                .filter(tantivy::tokenizer::LowerCaser)
                .build(),
        );
        let fields = Fields::from_schema(&index.schema());
        // Another process (a second `agora serve` on the same directory) may write: its
        // commits are picked up within a moment. This process's own commits reload at once.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        let mut parser = QueryParser::for_index(
            &index,
            std::iter::once(fields.title).chain(fields.texts).collect(),
        );
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, 2.0);
        Ok(SearchIndex {
            index,
            reader,
            fields,
            parser: std::sync::Arc::new(parser),
            path,
        })
    }

    fn location(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from("(memory)"))
    }

    /// The one writer. A second writer on the same directory, in this process or another,
    /// gets [`SearchError::Busy`].
    pub fn writer(&self) -> Result<SearchWriter> {
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(4);
        let writer = self
            .index
            .writer_with_num_threads(threads, threads * WRITER_MEMORY_PER_THREAD)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => {
                    SearchError::Busy(self.location())
                }
                other => SearchError::Index(other),
            })?;
        Ok(SearchWriter {
            writer,
            fields: self.fields,
            reader: self.reader.clone(),
        })
    }

    /// The last change (a `search_changes.seq`) whose effect the committed index holds; 0 for
    /// a new index.
    pub fn watermark(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(0))
    }

    /// Records in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Picks up the latest commit now (of this process or another).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Every record's key and stored fields, in key order: what a rebuild and incremental
    /// indexing are compared by. For tests and checks, not for large indexes.
    pub fn dump(&self) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut all = Vec::new();
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(1)
                .map_err(|e| SearchError::Index(e.into()))?;
            for doc in segment.doc_ids_alive() {
                let doc: TantivyDocument = store.get(doc)?;
                let schema = self.index.schema();
                let mut values: Vec<String> = doc
                    .field_values()
                    .map(|(field, value)| {
                        let name = schema.get_field_name(field);
                        let value = value
                            .as_str()
                            .map(str::to_owned)
                            .or_else(|| value.as_u64().map(|v| v.to_string()))
                            .or_else(|| value.as_i64().map(|v| v.to_string()))
                            .unwrap_or_default();
                        format!("{name}={value}")
                    })
                    .collect();
                values.sort();
                all.push(values.join("\u{1f}"));
            }
        }
        all.sort_by(|a, b| key_of(a).cmp(key_of(b)).then(a.cmp(b)));
        Ok(all)
    }
}

fn key_of(dumped: &str) -> &str {
    dumped
        .split('\u{1f}')
        .find_map(|v| v.strip_prefix("key="))
        .unwrap_or_default()
}

/// Writes records and commits them with the watermark they bring the index to.
pub struct SearchWriter {
    writer: IndexWriter,
    fields: Fields,
    reader: IndexReader,
}

impl SearchWriter {
    /// Adds `record`, replacing the record with its key if there is one.
    pub fn put(&mut self, record: &Record) -> Result<()> {
        self.remove(&record.key);
        self.writer.add_document(record.document(&self.fields))?;
        Ok(())
    }

    /// Removes the record with `key`, if any.
    pub fn remove(&mut self, key: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.key, key));
    }

    /// Removes every record (a rebuild starts here).
    pub fn clear(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Makes everything written so far durable and visible, together with the watermark: the
    /// last change it includes. A crash before this returns leaves the previous commit and its
    /// watermark, from which the changes are applied again.
    pub fn commit(&mut self, watermark: i64) -> Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&watermark.to_string());
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }
}

impl Fields {
    fn from_schema(schema: &tantivy::schema::Schema) -> Fields {
        // The schema was built by `Fields::schema` (or checked equal to it), so the fields
        // are the same, in the same order.
        let (built, fields) = Fields::schema();
        debug_assert!(built == *schema);
        fields
    }
}
