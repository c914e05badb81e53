//! Counts of refused identifier findings per meeting and kind, for the reports.

use super::DbError;
use crate::db::sql::{params, Connection};
use shared::ids::MeetingId;
use std::collections::BTreeMap;

/// Adds one refused finding of each kind given.
pub fn add(conn: &Connection, meeting: &MeetingId, kinds: &[&str]) -> Result<(), DbError> {
    for kind in kinds {
        conn.execute(
            "INSERT INTO identifier_rejections (meeting_id, kind, count) VALUES (?1, ?2, 1)
             ON CONFLICT (meeting_id, kind) DO UPDATE SET count = identifier_rejections.count + 1",
            params![meeting.as_str(), kind],
        )?;
    }
    Ok(())
}

/// The counts of one meeting.
pub fn of(conn: &Connection, meeting: &MeetingId) -> Result<BTreeMap<String, u32>, DbError> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, count FROM identifier_rejections WHERE meeting_id = ?1")?;
    let rows = stmt.query_map([meeting.as_str()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
    })?;
    rows.collect::<Result<_, _>>()
}
