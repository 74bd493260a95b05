//! Keeps the search index current: it tails the `search_changes` feed that database triggers
//! fill, reads each changed record again through the store, and indexes or removes it.
//!
//! Crash-safe: the index's commit carries the watermark, the last change it reflects, so an
//! indexer that dies starts again from its last commit and applies the changes after it again
//! (applying a change twice gives the same index: it re-reads the record as it is now).
//! Multi-instance safe: every `agora serve` keeps its own index from the shared feed; two on the
//! same directory share it, the second only reading (tantivy's lock lets one write).
//!
//! The feed's numbers are taken when a transaction commits (on PostgreSQL, by deferred
//! triggers) but commits can still finish out of order, or roll back and leave a number
//! unused. So the watermark stops below a missing number for [`GAP_GRACE`], in case its
//! transaction is still committing, and passes it after that; changes after the gap are
//! applied at once all the same.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use agora_search::{SearchError, SearchIndex, SearchWriter};
use agora_store::{SearchChange, Store, StoreError};

use super::sources::Source;

/// Changes read at a time.
const BATCH: i64 = 1000;

/// How long a missing change number holds the watermark back.
pub const GAP_GRACE: Duration = Duration::from_secs(10);

/// How often the feed is read when nothing wakes the indexer.
pub const POLL: Duration = Duration::from_secs(1);

#[derive(Debug, thiserror::Error)]
pub enum IndexerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

pub struct Indexer {
    store: Store,
    index: SearchIndex,
    writer: SearchWriter,
    /// Every change up to here is in the committed index (or was given up as rolled back).
    watermark: i64,
    /// The last change applied, past gaps.
    applied: i64,
    /// Missing change numbers above the watermark, and when each was first missed.
    gaps: BTreeMap<i64, Instant>,
}

impl Indexer {
    /// Takes the index's writer: fails with [`SearchError::Busy`] if another indexer has it.
    pub fn new(store: Store, index: SearchIndex) -> Result<Indexer, IndexerError> {
        let writer = index.writer()?;
        let watermark = index.watermark()?;
        Ok(Indexer {
            store,
            index,
            writer,
            watermark,
            applied: watermark,
            gaps: BTreeMap::new(),
        })
    }

    pub fn watermark(&self) -> i64 {
        self.watermark
    }

    /// Whether the index must be built from the records instead of the feed: it never was,
    /// or the feed no longer holds the changes after its watermark (purged while it was off).
    pub async fn needs_rebuild(&self) -> Result<bool, IndexerError> {
        let bounds = self.store.search_change_bounds().await?;
        Ok(self.watermark == 0
            || bounds.is_some_and(|(first, _)| first > self.watermark + 1)
            || bounds.is_none_or(|(_, last)| last < self.watermark))
    }

    /// Indexes every public record anew (`agora reindex`, or a first start), then sets the
    /// watermark to the last change of the feed read before the records were: changes made
    /// meanwhile are applied again by the next [`Indexer::catch_up`]. Returns the records
    /// indexed; `progress` hears the count as it grows.
    pub async fn rebuild(&mut self, mut progress: impl FnMut(u64)) -> Result<u64, IndexerError> {
        let last = self
            .store
            .search_change_bounds()
            .await?
            .map_or(0, |(_, last)| last);
        self.writer.clear()?;
        let mut count = 0;
        let mut failed = None;
        for source in Source::ALL {
            let writer = &mut self.writer;
            source
                .read_all(&self.store, |record| {
                    if failed.is_none() {
                        match writer.put(&record) {
                            Ok(()) => {
                                count += 1;
                                progress(count);
                            }
                            Err(error) => failed = Some(error),
                        }
                    }
                })
                .await?;
        }
        if let Some(error) = failed {
            return Err(error.into());
        }
        self.writer.commit(last)?;
        self.watermark = last;
        self.applied = last;
        self.gaps.clear();
        Ok(count)
    }

    /// Applies every change in the feed after the watermark; returns how many records it
    /// re-read.
    pub async fn catch_up(&mut self) -> Result<usize, IndexerError> {
        let mut records = 0;
        loop {
            let changes = self.store.search_changes(self.watermark, BATCH).await?;
            let fresh: Vec<&SearchChange> =
                changes.iter().filter(|c| c.seq > self.applied).collect();
            self.track_gaps(&changes);
            records += self.apply(&fresh).await?;
            if let Some(last) = changes.last() {
                self.applied = self.applied.max(last.seq);
            }
            let watermark = self
                .gaps
                .keys()
                .next()
                .map_or(self.applied, |gap| gap - 1)
                .max(self.watermark);
            let moved = watermark != self.watermark;
            if !fresh.is_empty() || moved {
                self.writer.commit(watermark)?;
                self.watermark = watermark;
            }
            if changes.len() < BATCH as usize || (fresh.is_empty() && !moved) {
                return Ok(records);
            }
        }
    }

    /// Notes the numbers missing among `changes` (read after the watermark), forgets those
    /// that arrived, and gives up on those missing for longer than [`GAP_GRACE`].
    fn track_gaps(&mut self, changes: &[SearchChange]) {
        let now = Instant::now();
        let present: BTreeSet<i64> = changes.iter().map(|c| c.seq).collect();
        let mut expected = self.watermark + 1;
        for seq in &present {
            for missing in expected..*seq {
                self.gaps.entry(missing).or_insert(now);
            }
            expected = seq + 1;
        }
        self.gaps
            .retain(|seq, since| !present.contains(seq) && now.duration_since(*since) < GAP_GRACE);
    }

    /// Re-reads each changed record once and puts it in the index or takes it out.
    async fn apply(&mut self, changes: &[&SearchChange]) -> Result<usize, IndexerError> {
        let mut seen = BTreeSet::new();
        for change in changes {
            if !seen.insert((change.source.as_str(), change.key.as_str())) {
                continue;
            }
            let Some(source) = Source::from_name(&change.source) else {
                tracing::warn!(source = %change.source, "search change of an unknown source");
                continue;
            };
            match source.read(&self.store, &change.key).await? {
                Some(record) => self.writer.put(&record)?,
                None => self.writer.remove(&source.key(&change.key)),
            }
        }
        Ok(seen.len())
    }

    /// The index it writes.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }
}

/// Starts the indexer of `agora serve`: a rebuild first if the index needs one, then the feed,
/// read every [`POLL`] and whenever `wake` is notified (after a write through this server).
/// If another process writes the index, this one only reads it and starts no indexer.
pub fn spawn(store: Store, index: SearchIndex, wake: std::sync::Arc<tokio::sync::Notify>) {
    let mut indexer = match Indexer::new(store, index) {
        Ok(indexer) => indexer,
        Err(IndexerError::Search(SearchError::Busy(path))) => {
            tracing::info!(
                path = %path.display(),
                "another process keeps this search index current; this one reads it"
            );
            return;
        }
        Err(error) => {
            tracing::error!(%error, "search is not kept current");
            return;
        }
    };
    tokio::spawn(async move {
        match indexer.needs_rebuild().await {
            Ok(false) => {}
            Ok(true) => {
                tracing::info!("building the search index from the database");
                match indexer.rebuild(|_| {}).await {
                    Ok(count) => tracing::info!(count, "search index built"),
                    Err(error) => tracing::error!(%error, "cannot build the search index"),
                }
            }
            Err(error) => tracing::warn!(%error, "cannot read the search feed"),
        }
        loop {
            if let Err(error) = indexer.catch_up().await {
                tracing::warn!(%error, "cannot bring the search index up to date");
            }
            tokio::select! {
                () = wake.notified() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
    });
}
