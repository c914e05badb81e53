//! The append-only event log, one sequence per meeting. Rows are never updated or deleted.

use super::DbError;
use rusqlite::{params, Connection};
use shared::ids::MeetingId;
use shared::room::Event;

/// One event ready to store: its JSON `body` is the same text that is broadcast.
pub struct EventRow {
    pub seq: u64,
    pub at: i64,
    pub kind: &'static str,
    pub body: String,
}

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
        let event: Event = serde_json::from_str(&body)
            .map_err(|e| DbError(format!("event log of {meeting} is unreadable: {e}")))?;
        out.push((event, body));
    }
    Ok(out)
}
