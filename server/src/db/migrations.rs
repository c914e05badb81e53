//! Versioned schema migrations, one list per engine. Each version runs in its own
//! transaction; a database newer than this binary is left alone.

use super::sql::{Connection, Dialect};
use super::DbError;

/// SQLite schema versions, applied in order; `PRAGMA user_version` records how many have run.
const SQLITE: &[&str] = &[
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

/// PostgreSQL schema versions, applied in order; the table `schema_version` records how many
/// have run. Version 1 is the SQLite schema as of its version 6, in PostgreSQL's types
/// (integers are BIGINT: milliseconds and counts); later changes are added to both lists.
const POSTGRES: &[&str] = &[r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE centres (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    time_zone          TEXT NOT NULL DEFAULT 'Europe/Helsinki',
    schedule           TEXT,
    allowlist          TEXT NOT NULL DEFAULT '[]',
    feed_key           TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    agenda_ahead_hours BIGINT NOT NULL DEFAULT 24
);
CREATE TABLE services (
    centre_id TEXT NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    id        TEXT NOT NULL,
    position  BIGINT NOT NULL,
    name_fi   TEXT NOT NULL,
    name_sv   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    required  BIGINT NOT NULL,
    PRIMARY KEY (centre_id, id)
);
CREATE TABLE meetings (
    id               TEXT PRIMARY KEY,
    centre_id        TEXT NOT NULL REFERENCES centres(id),
    title            TEXT NOT NULL,
    starts_at        BIGINT NOT NULL,
    ends_at          BIGINT NOT NULL,
    chair_key        TEXT NOT NULL UNIQUE,
    participant_key  TEXT NOT NULL UNIQUE,
    epoch            TEXT NOT NULL,
    series_date      TEXT,
    cancelled_at     BIGINT,
    ended_at         BIGINT,
    revision         BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    texts_purged_at  BIGINT,
    texts_purged_seq BIGINT,
    deputy_key       TEXT UNIQUE,
    kind             TEXT NOT NULL DEFAULT 'monthly'
);
CREATE INDEX meetings_by_centre ON meetings (centre_id, starts_at);
CREATE UNIQUE INDEX meetings_by_slot ON meetings (centre_id, series_date) WHERE series_date IS NOT NULL;
CREATE TABLE carry_overs (
    source_meeting   TEXT NOT NULL REFERENCES meetings(id),
    source_item      TEXT NOT NULL,
    reason           TEXT NOT NULL,
    centre_id        TEXT NOT NULL,
    source_starts_at BIGINT NOT NULL,
    item             TEXT NOT NULL,
    target_meeting   TEXT,
    -- The order items were carried (SQLite's rowid plays this part there).
    registered       BIGINT GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (source_meeting, source_item, reason)
);
CREATE INDEX carry_overs_pending ON carry_overs (centre_id, target_meeting);
CREATE TABLE identifier_rejections (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    kind       TEXT NOT NULL,
    count      BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, kind)
);
CREATE TABLE events (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    seq        BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
);
CREATE TABLE theme_clock (
    centre_id    TEXT NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    year         BIGINT NOT NULL,
    month        BIGINT NOT NULL CHECK (month BETWEEN 1 AND 12),
    theme        TEXT NOT NULL,
    workshop     TEXT,
    between_task TEXT,
    PRIMARY KEY (centre_id, year, month)
);
CREATE TABLE feedback_given (
    meeting_id     TEXT NOT NULL REFERENCES meetings(id),
    participant_id TEXT NOT NULL,
    PRIMARY KEY (meeting_id, participant_id)
);
CREATE TABLE feedback_scores (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    question   TEXT NOT NULL,
    score      BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
    count      BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, question, score)
);
CREATE TABLE feedback_comments (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    id         TEXT NOT NULL,
    comment    TEXT NOT NULL,
    PRIMARY KEY (meeting_id, id)
);
"#];

/// Brings the schema up to date.
pub fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    match conn.dialect() {
        Dialect::Sqlite => migrate_sqlite(conn),
        Dialect::Postgres => migrate_postgres(conn),
    }
}

fn migrate_sqlite(conn: &mut Connection) -> Result<(), DbError> {
    let done: i64 = conn.query_row("PRAGMA user_version", (), |r| r.get(0))?;
    for (i, sql) in SQLITE.iter().enumerate().skip(done as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(())
}

/// Two nodes started at once: the advisory lock makes the second wait for the first's
/// migration, then find nothing left to do.
fn migrate_postgres(conn: &mut Connection) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    tx.execute_batch(
        "SET LOCAL client_min_messages = warning;
         SELECT pg_advisory_xact_lock(7062001);
         CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);",
    )?;
    let done: Option<i64> =
        tx.query_row("SELECT MAX(version) FROM schema_version", (), |r| r.get(0))?;
    let done = done.unwrap_or(0);
    for (i, sql) in POSTGRES.iter().enumerate().skip(done as usize) {
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES (?1)",
            [i as i64 + 1],
        )?;
    }
    tx.commit()
}
