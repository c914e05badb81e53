//! The append-only event log, one sequence per meeting. Rows are never deleted, and updated
//! only by a redaction ([`redact`]): when the chair redacts an item, the text of that item in
//! its earlier events is replaced in the same transaction as the `item_redacted` event, so
//! what slipped past the identifier guard is not kept in the database either. (SQLite may
//! keep the old bytes in free pages until they are reused; the database runs with
//! `secure_delete`, which overwrites them.)

use super::DbError;
use crate::db::sql::{params, Connection};
use shared::ids::MeetingId;
use shared::room::Event;

/// One event ready to store: its JSON `body` is the same text that is broadcast.
pub struct EventRow {
    /// Its place in the meeting's log, from 1.
    pub seq: u64,
    /// When the server accepted it (ms).
    pub at: i64,
    /// The event kind's name, a column of its own for queries that need only kinds.
    pub kind: &'static str,
    /// The event as JSON.
    pub body: String,
}

/// Appends `event` (serialized as `body`) to `meeting`'s log, for callers outside the log
/// writer (creating a meeting writes its first event this way).
pub fn insert(
    conn: &Connection,
    meeting: &MeetingId,
    event: &Event,
    body: &str,
) -> Result<(), DbError> {
    insert_row(
        conn,
        meeting,
        &EventRow {
            seq: event.seq,
            at: event.at,
            kind: event.kind.name(),
            body: body.to_owned(),
        },
    )
}

/// Appends one prepared row to `meeting`'s log; the primary key refuses a seq taken twice.
pub fn insert_row(conn: &Connection, meeting: &MeetingId, row: &EventRow) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO events (meeting_id, seq, at, kind, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        meeting.as_str(),
        row.seq as i64,
        row.at,
        row.kind,
        row.body
    ])?;
    Ok(())
}

/// The whole log of a meeting as stored text, in order.
pub fn load(conn: &Connection, meeting: &MeetingId) -> Result<Vec<(Event, String)>, DbError> {
    let mut stmt =
        conn.prepare_cached("SELECT body FROM events WHERE meeting_id = ?1 ORDER BY seq")?;
    let bodies = stmt.query_map([meeting.as_str()], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for body in bodies {
        let body = body?;
        let event: Event = serde_json::from_str(&body).map_err(|source| DbError::Json {
            what: format!("event log of {meeting} is unreadable"),
            source,
        })?;
        out.push((event, body));
    }
    Ok(out)
}

/// Rewrites the stored events of `meeting` that hold text of `item` (its submission or
/// carry-over, edits, outcomes) with that text redacted ([`shared::room::EventKind::redact_item`]).
/// Returns how many rows changed.
pub fn redact(
    conn: &Connection,
    meeting: &MeetingId,
    item: &shared::ids::ItemId,
) -> Result<usize, DbError> {
    let mut changed = Vec::new();
    for (mut event, _) in load(conn, meeting)? {
        if event.kind.redact_item(item) {
            let body = serde_json::to_string(&event).expect("event serializes");
            changed.push((event.seq, body));
        }
    }
    let mut update =
        conn.prepare_cached("UPDATE events SET body = ?3 WHERE meeting_id = ?1 AND seq = ?2")?;
    for (seq, body) in &changed {
        update.execute(params![meeting.as_str(), *seq as i64, body])?;
    }
    Ok(changed.len())
}
