//! SQLite storage: one file, WAL mode. One module per table family.
//!
//! Two kinds of access: [`Db::call`] runs a closure on a general connection in a blocking
//! thread (API reads and writes, loading a room), and [`log_writer::LogWriter`] appends room
//! events on its own connection with group commit, so a busy hub does one fsync for many events.
//!
//! Modules: [`centres`], [`meetings`], [`events`], [`carry_overs`], [`rejections`],
//! [`settings`] (one per table family); [`log_writer`] (the group commit); [`retention`] (the
//! purge of case texts); [`backup`] (a consistent copy while the server runs). Every failure is
//! a [`DbError`], an enum callers match on.

pub mod backup;
pub mod carry_overs;
pub mod centres;
mod error;
pub mod events;
pub mod feedback;
pub mod log_writer;
pub mod meetings;
pub mod rejections;
pub mod retention;
pub mod settings;
pub mod theme_clock;

pub use error::DbError;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Schema versions, applied in order; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE centres (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    time_zone  TEXT NOT NULL DEFAULT 'Europe/Helsinki',
    -- The monthly slot as JSON (schedule::Schedule), NULL when meetings are made by hand.
    schedule   TEXT,
    -- Words the identifier guard lets through for this centre (JSON array).
    allowlist  TEXT NOT NULL DEFAULT '[]',
    -- Capability in the calendar feed's URL.
    feed_key   TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE services (
    centre_id TEXT NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    id        TEXT NOT NULL,
    position  INTEGER NOT NULL,
    name_fi   TEXT NOT NULL,
    name_sv   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    required  INTEGER NOT NULL,
    PRIMARY KEY (centre_id, id)
);
CREATE TABLE meetings (
    id              TEXT PRIMARY KEY,
    centre_id       TEXT NOT NULL REFERENCES centres(id),
    title           TEXT NOT NULL,
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    chair_key       TEXT NOT NULL UNIQUE,
    participant_key TEXT NOT NULL UNIQUE,
    epoch           TEXT NOT NULL,
    -- The local date of the schedule slot this meeting fills (NULL: made by hand).
    series_date     TEXT,
    cancelled_at    INTEGER,
    ended_at        INTEGER,
    -- Bumped on every move or cancellation (the calendar's SEQUENCE).
    revision        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);
CREATE INDEX meetings_by_centre ON meetings (centre_id, starts_at);
CREATE UNIQUE INDEX meetings_by_slot ON meetings (centre_id, series_date) WHERE series_date IS NOT NULL;
-- Items that leave a meeting for the centre's next one (deferred, or follow-up asked).
-- Written in the same transaction as the event that makes them, claimed in the same
-- transaction as the event that puts them on the next agenda.
CREATE TABLE carry_overs (
    source_meeting   TEXT NOT NULL REFERENCES meetings(id),
    source_item      TEXT NOT NULL,
    reason           TEXT NOT NULL,
    centre_id        TEXT NOT NULL,
    source_starts_at INTEGER NOT NULL,
    item             TEXT NOT NULL,
    target_meeting   TEXT,
    PRIMARY KEY (source_meeting, source_item, reason)
);
CREATE INDEX carry_overs_pending ON carry_overs (centre_id, target_meeting);
-- How many identifier findings were refused in a meeting, per kind. Numbers only: the text
-- of a refused message is never stored anywhere.
CREATE TABLE identifier_rejections (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    kind       TEXT NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, kind)
) WITHOUT ROWID;
CREATE TABLE events (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    seq        INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
) WITHOUT ROWID;
"#,
    // 2: retention of case texts (db::retention). When the meeting's free texts were removed,
    // and the last event seq the purge covered: an event recorded after it (an outcome written
    // after the end) is purged by the next pass.
    r#"
ALTER TABLE meetings ADD COLUMN texts_purged_at INTEGER;
ALTER TABLE meetings ADD COLUMN texts_purged_seq INTEGER;
"#,
    // The deputy chair's link (issue 12): a third key beside the chair and participant keys.
    // Meetings made before it get a fresh random one (32 hex digits, like `room::new_key`).
    r#"
ALTER TABLE meetings ADD COLUMN deputy_key TEXT;
UPDATE meetings SET deputy_key = lower(hex(randomblob(16))) WHERE deputy_key IS NULL;
CREATE UNIQUE INDEX meetings_by_deputy_key ON meetings (deputy_key);
"#,
    // 4: the agenda out ahead (issue 12): how many hours before each meeting's start a centre
    // publishes its agenda (0–336; a day unless the coordinator says otherwise). Per meeting,
    // who may join besides the catalogue's services is an event in its log (`guests_allowed`).
    r#"
ALTER TABLE centres ADD COLUMN agenda_ahead_hours INTEGER NOT NULL DEFAULT 24;
"#,
    // 5: the theme clock (issue 13, db::theme_clock): a centre's planned month, one row per
    // month with anything planned. `workshop` is a `WorkshopKind` name or NULL.
    r#"
CREATE TABLE theme_clock (
    centre_id    TEXT NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    month        INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    theme        TEXT NOT NULL,
    workshop     TEXT,
    between_task TEXT,
    PRIMARY KEY (centre_id, year, month)
) WITHOUT ROWID;
"#,
    // 6 (issue 13): quick consultation rooms and anonymous feedback.
    // `meetings.kind` is a `MeetingKind` name: `monthly` (every meeting made before) or `quick`.
    // Feedback is stored so that no answer can be tied to a person, not even by the order of
    // rows: `feedback_given` says only that a participant has answered (one answer each);
    // the scales are counts per score, incremented; a free text has a random key, so the
    // table's order is not the order of answers.
    r#"
ALTER TABLE meetings ADD COLUMN kind TEXT NOT NULL DEFAULT 'monthly';
CREATE TABLE feedback_given (
    meeting_id     TEXT NOT NULL REFERENCES meetings(id),
    participant_id TEXT NOT NULL,
    PRIMARY KEY (meeting_id, participant_id)
) WITHOUT ROWID;
CREATE TABLE feedback_scores (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    question   TEXT NOT NULL,
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    count      INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, question, score)
) WITHOUT ROWID;
CREATE TABLE feedback_comments (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    id         TEXT NOT NULL,
    comment    TEXT NOT NULL,
    PRIMARY KEY (meeting_id, id)
) WITHOUT ROWID;
"#,
];

/// Handle to the database, cheap to clone.
#[derive(Clone)]
pub struct Db {
    path: PathBuf,
    conn: Arc<Mutex<Connection>>,
}

/// Opens a connection with the project's settings: WAL, full sync (an accepted event survives
/// a crash of the machine, not only of the process), foreign keys, `secure_delete` (content a
/// redaction replaces is overwritten with zeros, not left in free space), a busy timeout.
pub fn open_connection(path: &Path) -> Result<Connection, DbError> {
    let conn = Connection::open(path)?;
    // The busy timeout first: switching a new file to WAL takes a lock, and the log writer's
    // connection opens at the same moment as the general one; without the timeout in force
    // the second one failed at once with "database is locked" on a loaded machine.
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;",
    )?;
    Ok(conn)
}

impl Db {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Db, DbError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbError::Io {
                action: "create",
                path: dir.to_owned(),
                source,
            })?;
        }
        let mut conn = open_connection(path)?;
        migrate(&mut conn)?;
        Ok(Db {
            path: path.to_owned(),
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// The database file, for connections of their own (the log writer, the purge pass).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the general connection in a blocking thread.
    pub async fn call<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut guard)
        })
        .await?
    }

    /// Runs `f` on the general connection in this thread (CLI and start-up).
    pub fn call_now<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        let mut guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    }
}

fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    let done: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
