//! Agora's store: one API over SQLite (the embedded default) and PostgreSQL (for several
//! instances sharing one database).
//!
//! Both backends run the same SQL text through `sqlx::Any` with `$N` placeholders; only the
//! migrations differ (`migrations/sqlite`, `migrations/postgres`). Instants are stored as UTC
//! unix milliseconds, ids as UUID text. Every write runs in one transaction together with its
//! audit-log row, so a write is either fully recorded and audited, or absent.

mod accounts;
mod audit;
mod calendar;
mod consultations;
mod conversations;
mod demo;
mod directory;
mod glossary;
mod imports;
mod meetings;
mod outbox;
mod page;
mod processes;
mod proposals;
mod reports;
mod reviews;
mod row;
mod search;
mod speaker_queue;
mod synthesis;
mod timetable;
mod transcripts;
mod workspace;

use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use thiserror::Error;

pub use accounts::{NewUser, User};
pub use audit::AuditEntry;
pub use consultations::{RenderReceipt, Saved};
pub use conversations::{CastVote, ImportedConversation, StoredMap};
pub use demo::{DemoCounts, DemoError};
pub use imports::{STAGED_UPLOAD_TTL, StagedUpload};
pub use outbox::{Delivery, DueReminder, Letter, MailKind, OutboxCounts, Outcome, Outgoing};
pub use page::{Cursor, DEFAULT_LIMIT, MAX_LIMIT, Page, PageRequest};
pub use reviews::SelectionRun;
pub use search::{SEARCH_CHANGES_TTL, SearchChange};
pub use speaker_queue::{QueueState, QueueWriteError};
pub use synthesis::{INTERRUPTED, JobState, PublishedSynthesis, StoredSynthesis, SynthesisJob};
pub use transcripts::{NewTranscript, Provenance, StoredTranscript, StoredTurn, TranscriptUpload};
pub use workspace::WorkspaceRow;

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot open database {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("unsupported database URL {0}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A unique constraint refused the write; the field names what is already taken.
    #[error("{field} is already taken")]
    Conflict { field: &'static str },
    /// A foreign key pointed nowhere; the field names the reference.
    #[error("{field} refers to nothing")]
    MissingReference { field: &'static str },
    #[error("not found")]
    NotFound,
    /// A record cannot be removed while others refer to it.
    #[error("still in use")]
    InUse,
    #[error("invalid pagination cursor")]
    BadCursor,
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Who makes a write, for the audit log: an account, or the system itself (demo, CLI).
pub type Actor = Option<uuid::Uuid>;

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time. Writers of this process queue here, in order, instead of
    /// meeting SQLite's busy handler, which sleeps and retries (long tails under load).
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Opens (creating an SQLite file if needed) and migrates the database at `url`.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (backend, url) = normalise_url(url)?;
        let redacted = redact(&url);
        let open_error = |source| StoreError::Open {
            url: redacted.clone(),
            source,
        };
        let options = AnyConnectOptions::from_str(&url).map_err(open_error)?;
        let pool = AnyPoolOptions::new()
            .acquire_timeout(std::time::Duration::from_secs(10))
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the one writer; the busy timeout makes
                        // a second writer wait instead of failing. `synchronous = FULL` syncs
                        // the WAL at every commit, so a write that was acknowledged (an answer
                        // with its receipt) survives a power cut or a kernel crash; NORMAL
                        // keeps it through a crash of the process only, and may roll back the
                        // last commits otherwise. The sync costs about 0.1 ms per commit here.
                        // A 64 MiB page cache (the default is 2 MiB) keeps a large import's
                        // indexes in memory instead of spilling them to the WAL mid-transaction.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                             PRAGMA cache_size = -65536;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(open_error)?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATOR.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATOR.run(&pool).await?,
        }
        Ok(Store {
            pool,
            backend,
            writer: Default::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`): a deferred transaction that reads first would fail with SQLITE_BUSY when it
    /// tries to write while another writer holds the lock, instead of waiting.
    async fn write(&self) -> Result<WriteTx> {
        Ok(match self.backend {
            Backend::Sqlite => {
                let turn = self.writer.clone().lock_owned().await;
                WriteTx {
                    tx: self.pool.begin_with("BEGIN IMMEDIATE").await?,
                    _turn: Some(turn),
                }
            }
            Backend::Postgres => WriteTx {
                tx: self.pool.begin().await?,
                _turn: None,
            },
        })
    }

    /// Answers when the database does (a health check for load balancers).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection (checkpointing the SQLite WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A write transaction, holding this process's turn to write on SQLite until it ends.
struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTx {
    async fn commit(self) -> Result<()> {
        Ok(self.tx.commit().await?)
    }

    async fn rollback(self) -> Result<()> {
        Ok(self.tx.rollback().await?)
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;

    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

/// Accepts `sqlite://path`, `sqlite:path`, a bare path ending in `.db`, or `postgres://…`.
/// SQLite files are created when missing.
fn normalise_url(url: &str) -> Result<(Backend, String)> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_owned()));
    }
    let path = if let Some(rest) = url.strip_prefix("sqlite://") {
        rest
    } else if let Some(rest) = url.strip_prefix("sqlite:") {
        rest
    } else if !url.contains("://") && !url.is_empty() {
        url
    } else {
        return Err(StoreError::UnsupportedUrl(redact(url)));
    };
    let url = if path.contains("mode=") {
        format!("sqlite://{path}")
    } else if path.contains('?') {
        format!("sqlite://{path}&mode=rwc")
    } else {
        format!("sqlite://{path}?mode=rwc")
    };
    Ok((Backend::Sqlite, url))
}

/// A record that [`Store::create`] writes: its rows, then the audit entry, in one transaction.
/// Implemented for each domain type the store keeps.
pub trait Insert: serde::Serialize + Sync {
    /// The entity name in the audit log.
    const ENTITY: &'static str;

    /// The id the audit log files the record under.
    fn key(&self) -> String;

    /// Writes the record's rows on `conn` (inside the caller's transaction).
    fn insert(&self, conn: &mut sqlx::AnyConnection) -> impl Future<Output = Result<()>> + Send;
}

impl Store {
    /// Creates a record and its audit entry (`actor` did it) atomically. Constraint failures
    /// come back as [`StoreError::Conflict`] or [`StoreError::MissingReference`] naming the field.
    pub async fn create<R: Insert>(&self, actor: Actor, record: &R) -> Result<()> {
        let mut tx = self.write().await?;
        insert_audited(&mut tx, actor, record).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Writes a record and its audit entry on `conn`, inside the caller's transaction.
async fn insert_audited<R: Insert>(
    conn: &mut sqlx::AnyConnection,
    actor: Actor,
    record: &R,
) -> Result<()> {
    record.insert(conn).await?;
    audit::record::<(), _>(
        conn,
        actor,
        "create",
        R::ENTITY,
        &record.key(),
        None,
        Some(record),
    )
    .await
}

impl Store {
    /// Runs `delete` (one `DELETE` of what is past keeping at instant `$1`) and, when it
    /// removed anything, one audit entry for `entity` saying how many; returns that number.
    async fn purge(&self, delete: &'static str, entity: &str, at: jiff::Timestamp) -> Result<u64> {
        let mut tx = self.write().await?;
        let done = sqlx::query(delete)
            .bind(at.as_millisecond())
            .execute(&mut *tx)
            .await?;
        let purged = done.rows_affected();
        if purged > 0 {
            let count = serde_json::json!({ "purged": purged });
            audit::record::<(), _>(
                &mut tx,
                None,
                "purge",
                entity,
                "expired",
                None,
                Some(&count),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(purged)
    }
}

/// Hides a password in a URL before it is printed.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Turns a constraint failure into an error naming `field`: a unique violation means the value
/// is taken ([`StoreError::Conflict`]), a foreign-key violation that what it points to does not
/// exist ([`StoreError::MissingReference`]).
fn constraint_as(field: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |error| match error.as_database_error() {
        Some(db) if db.is_unique_violation() => StoreError::Conflict { field },
        Some(db) if db.is_foreign_key_violation() => StoreError::MissingReference { field },
        _ => StoreError::Database(error),
    }
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            normalise_url("agora.db").unwrap().1,
            "sqlite://agora.db?mode=rwc"
        );
        assert_eq!(
            normalise_url("sqlite:///tmp/a.db").unwrap().1,
            "sqlite:///tmp/a.db?mode=rwc"
        );
        assert_eq!(
            normalise_url("postgres://u@h/db").unwrap().0,
            Backend::Postgres
        );
        assert!(normalise_url("mysql://x").is_err());
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
    }

    /// Every pooled SQLite connection syncs its commits (2 = FULL), so an acknowledged write
    /// outlives a power cut, and reads in WAL mode.
    #[tokio::test]
    async fn sqlite_commits_are_synced() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}/a.db", dir.path().display()))
            .await
            .unwrap();
        let mut conn = store.pool.acquire().await.unwrap();
        let level: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!((level, journal.as_str()), (2, "wal"));
    }
}
