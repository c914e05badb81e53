//! Why storage failed, as an enum: callers match on what went wrong (a backup name that is
//! taken, a stopped log writer) instead of reading the message, and the `Display` of each
//! variant is what the log and the CLI show.

use shared::ids::MeetingId;
use std::path::PathBuf;
use std::sync::Arc;

/// Why storage failed. The detail goes to the log (and to the CLI's standard error); HTTP
/// clients only hear "internal".
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite refused a statement, a transaction or the file.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL refused a statement or the connection broke.
    #[error("PostgreSQL: {}", postgres_detail(.0))]
    Postgres(#[from] tokio_postgres::Error),
    /// No PostgreSQL connection could be had from the pool in time.
    #[error("no PostgreSQL connection: {0}")]
    Pool(String),
    /// The store's address (`--db`) does not parse.
    #[error("database address: {0}")]
    Config(String),
    /// A query that must find a row found none (`optional()` turns it into `None`).
    #[error("query returned no rows")]
    NoRows,
    /// A column's value is not of the type the code reads.
    #[error("column {index}: {detail}")]
    Column {
        /// Its position in the select list.
        index: usize,
        /// What was expected and found.
        detail: String,
    },
    /// What needs the SQLite file (backup, the WAL checkpoint) was asked of PostgreSQL.
    #[error("{0} is for the SQLite store; with PostgreSQL use its own tools (pg_dump, point-in-time recovery)")]
    SqliteOnly(&'static str),
    /// The log writer's batch transaction failed as a whole; every append of the batch gets
    /// the same error, hence shared.
    #[error(transparent)]
    Batch(Arc<DbError>),
    /// A JSON value stored in the database does not parse (`what` names it: "allowlist of
    /// kalasatama", "carry-over item").
    #[error("{what}: {source}")]
    Json {
        /// Which value, for the log.
        what: String,
        /// The parser's complaint.
        #[source]
        source: serde_json::Error,
    },
    /// A file operation around the database failed (`action` as in "cannot create").
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done ("cannot create", "cannot sync the copy of").
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The system's complaint.
        #[source]
        source: std::io::Error,
    },
    /// `ppt-hub backup` was given a file that exists: a backup never overwrites one.
    #[error("{} already exists; a backup never overwrites a file (choose a new name)", .0.display())]
    BackupExists(PathBuf),
    /// SQLite's `VACUUM INTO` takes the path as text.
    #[error("the backup path is not valid UTF-8")]
    BackupPathNotUtf8,
    /// The fresh copy failed `PRAGMA integrity_check` (its first complaint).
    #[error("the copy failed its integrity check: {0}")]
    BackupIntegrity(String),
    /// A meeting's stored log does not start with the event that creates it.
    #[error("log of {0} does not start with its creation")]
    LogWithoutCreation(MeetingId),
    /// The log writer's thread could not be started.
    #[error("spawn writer: {0}")]
    WriterSpawn(#[source] std::io::Error),
    /// The log writer's thread has ended (the server is stopping): nothing was appended.
    #[error("event log writer has stopped")]
    WriterStopped,
    /// The log writer dropped an append without answering (it panicked).
    #[error("event log writer dropped an append")]
    AppendDropped,
    /// A full disk, simulated for the fault tests (`PPT_INJECT_WRITE_FAULTS`).
    #[error("database or disk is full (injected fault)")]
    InjectedFault,
    /// A blocking task that held the connection panicked or was cancelled.
    #[error("blocking task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl DbError {
    /// Whether a row with the same key is there already (a unique or primary key refused
    /// it): for the event log, another writer took that seq.
    pub fn is_conflict(&self) -> bool {
        match self {
            DbError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.extended_code,
                rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                    | rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            ),
            DbError::Postgres(e) => {
                e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION)
            }
            DbError::Batch(inner) => inner.is_conflict(),
            _ => false,
        }
    }
}

/// The server's own message (`db error` alone says nothing), with its SQLSTATE; else the
/// error with its causes (a TLS handshake failure says why: the certificate did not verify).
fn postgres_detail(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => with_causes(e),
    }
}

/// An error and its chain of causes, `a: b: c`.
pub(crate) fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.ends_with(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}
