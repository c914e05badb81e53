//! Meetings: schedule, capability keys and the log's epoch, plus what listings and calendars
//! need without replaying the log (cancelled, ended, revision). The room's contents live in
//! the event log (`events`), not here.

use super::{events, DbError};
use crate::db::sql::{params, Connection, OptionalExtension};
use serde::Serialize;
use shared::domain::{GuestAdmission, MeetingInfo, MeetingKind};
use shared::ids::{CentreId, MeetingId};
use shared::room::{Event, EventKind};
use shared::Millis;

/// A meeting's row.
#[derive(Clone, Debug, Serialize)]
pub struct MeetingRow {
    pub id: MeetingId,
    pub centre_id: CentreId,
    pub title: String,
    pub starts_at: Millis,
    pub ends_at: Millis,
    /// The chair link's capability; replaced by [`rotate_key`]. Never serialized with the row.
    #[serde(skip)]
    pub chair_key: String,
    /// The participant link's capability; replaced by [`rotate_key`].
    #[serde(skip)]
    pub participant_key: String,
    /// The deputy chair link's capability (a deputy may take over the chair controls);
    /// replaced by [`rotate_key`].
    #[serde(skip)]
    pub deputy_key: String,
    pub epoch: String,
    /// The schedule slot (local date, `YYYY-MM-DD`) this meeting fills, if generated.
    pub series_date: Option<String>,
    pub cancelled_at: Option<Millis>,
    pub ended_at: Option<Millis>,
    pub revision: i64,
    /// A monthly meeting or a quick consultation room (`meetings.kind`): quick rooms are kept
    /// apart from the monthly ones in carry-overs, the calendar feed and every report.
    pub kind: MeetingKind,
}

/// Inserts the meeting and its first event (`MeetingCreated`, seq 1) in one transaction, so a
/// meeting never exists without its log.
pub fn create(
    conn: &mut Connection,
    row: &MeetingRow,
    info: &MeetingInfo,
    now: Millis,
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO meetings (id, centre_id, title, starts_at, ends_at, chair_key, participant_key, epoch,
                               series_date, created_at, deputy_key, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            row.id.as_str(),
            row.centre_id.as_str(),
            row.title,
            row.starts_at,
            row.ends_at,
            row.chair_key,
            row.participant_key,
            row.epoch,
            row.series_date,
            now,
            row.deputy_key,
            row.kind.as_str()
        ],
    )?;
    let first = Event {
        seq: 1,
        at: now,
        kind: EventKind::MeetingCreated {
            meeting: info.clone(),
        },
    };
    events::insert(
        &tx,
        &row.id,
        &first,
        &serde_json::to_string(&first).expect("event serializes"),
    )?;
    tx.commit()?;
    Ok(())
}

const COLUMNS: &str =
    "id, centre_id, title, starts_at, ends_at, chair_key, participant_key, epoch, \
                       series_date, cancelled_at, ended_at, revision, deputy_key, kind";

fn from_row(r: &crate::db::sql::Row) -> Result<MeetingRow, crate::db::DbError> {
    Ok(MeetingRow {
        id: MeetingId(r.get(0)?),
        centre_id: CentreId(r.get(1)?),
        title: r.get(2)?,
        starts_at: r.get(3)?,
        ends_at: r.get(4)?,
        chair_key: r.get(5)?,
        participant_key: r.get(6)?,
        epoch: r.get(7)?,
        series_date: r.get(8)?,
        cancelled_at: r.get(9)?,
        ended_at: r.get(10)?,
        revision: r.get(11)?,
        deputy_key: r.get(12)?,
        kind: MeetingKind::from_name(&r.get::<_, String>(13)?),
    })
}

/// One meeting's row (with its current keys), `None` if there is no such meeting.
pub fn get(conn: &Connection, id: &MeetingId) -> Result<Option<MeetingRow>, DbError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM meetings WHERE id = ?1"),
        [id.as_str()],
        from_row,
    )
    .optional()
}

/// Meetings of a centre, optionally only those starting in `[from, to)`, earliest first.
pub fn list_for_centre(
    conn: &Connection,
    centre: &CentreId,
    from: Option<Millis>,
    to: Option<Millis>,
) -> Result<Vec<MeetingRow>, DbError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM meetings WHERE centre_id = ?1 AND starts_at >= ?2 AND starts_at < ?3 ORDER BY starts_at"
    ))?;
    let rows = stmt.query_map(
        params![
            centre.as_str(),
            from.unwrap_or(i64::MIN),
            to.unwrap_or(i64::MAX)
        ],
        from_row,
    )?;
    rows.collect::<Result<_, _>>()
}

/// The meeting whose chair, participant or deputy chair key is `key` (each key is unique and
/// indexed); `None` for a key no meeting has. A quick consultation's opener proves with it
/// that they belong to the centre's network. The key is found by the store's index and never
/// compared again here, so no comparison of a secret in this process can leak how much of it
/// was right (the room's own checks go through `room::same_key`).
pub fn by_key(conn: &Connection, key: &str) -> Result<Option<MeetingRow>, DbError> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM meetings
              WHERE participant_key = ?1 OR chair_key = ?1 OR deputy_key = ?1"
        ),
        [key],
        from_row,
    )
    .optional()
}

/// A centre's quick consultation rooms at `now`: how many are open (neither ended nor
/// cancelled, and not past their scheduled end) and how many were opened in the 24 hours
/// before `now`. The limits on opening more are counted from these.
pub fn quick_counts(
    conn: &Connection,
    centre: &CentreId,
    now: Millis,
) -> Result<(u32, u32), DbError> {
    conn.query_row(
        "SELECT
           COALESCE(SUM(CASE WHEN ended_at IS NULL AND cancelled_at IS NULL
                             AND ends_at > CAST(?2 AS BIGINT) THEN 1 ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN created_at > CAST(?2 AS BIGINT) - 86400000
                             THEN 1 ELSE 0 END), 0)
         FROM meetings WHERE centre_id = ?1 AND kind = 'quick'",
        params![centre.as_str(), now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The meeting of a centre that fills a schedule slot, if one was made.
pub fn by_slot(
    conn: &Connection,
    centre: &CentreId,
    date: &str,
) -> Result<Option<MeetingRow>, DbError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM meetings WHERE centre_id = ?1 AND series_date = ?2"),
        params![centre.as_str(), date],
        from_row,
    )
    .optional()
}

/// The centre's next meeting after `after` that can still take items: not cancelled, not
/// ended, a monthly meeting before one made extra. Carried-over items go there (the rule is
/// [`super::carry_overs::target_after`]).
pub fn next_open_after(
    conn: &Connection,
    centre: &CentreId,
    after: Millis,
) -> Result<Option<MeetingId>, DbError> {
    super::carry_overs::target_after(conn, centre, None, after)
}

/// Removes a generated meeting that nobody has used (its log holds only its creation).
/// Returns whether it was removed.
pub fn delete_if_unused(conn: &mut Connection, id: &MeetingId) -> Result<bool, DbError> {
    let tx = conn.transaction()?;
    let events: i64 = tx.query_row(
        "SELECT COUNT(*) FROM events WHERE meeting_id = ?1",
        [id.as_str()],
        |r| r.get(0),
    )?;
    if events > 1 {
        return Ok(false);
    }
    tx.execute("DELETE FROM events WHERE meeting_id = ?1", [id.as_str()])?;
    tx.execute("DELETE FROM meetings WHERE id = ?1", [id.as_str()])?;
    tx.commit()?;
    Ok(true)
}

/// Whether any item of the meeting has started (it is running or has run).
pub fn has_started(conn: &Connection, id: &MeetingId) -> Result<bool, DbError> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM events WHERE meeting_id = ?1 AND kind = 'item_started')",
        [id.as_str()],
        |r| r.get(0),
    )
}

/// Who the meeting takes besides the catalogue's services, as its log last recorded it (the
/// last `guests_allowed` event; nobody until one is recorded). For the coordinator's view,
/// without replaying the log.
pub fn guests_allowed(conn: &Connection, id: &MeetingId) -> Result<GuestAdmission, DbError> {
    let body: Option<String> = conn
        .query_row(
            "SELECT body FROM events WHERE meeting_id = ?1 AND kind = 'guests_allowed'
             ORDER BY seq DESC LIMIT 1",
            [id.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    let Some(body) = body else {
        return Ok(GuestAdmission::default());
    };
    let event: Event = serde_json::from_str(&body).map_err(|source| DbError::Json {
        what: format!("guests_allowed event of {id}"),
        source,
    })?;
    Ok(match event.kind {
        EventKind::GuestsAllowed { experts, guests } => GuestAdmission { experts, guests },
        _ => GuestAdmission::default(),
    })
}

/// Which of a meeting's three capability keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    Chair,
    Participant,
    /// The deputy chair's link.
    Deputy,
}

impl KeyKind {
    /// The name used in the API and the log.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Chair => "chair",
            KeyKind::Participant => "participant",
            KeyKind::Deputy => "deputy",
        }
    }
}

/// Replaces one of a meeting's keys with `new_key` (a leaked link is revoked this way) and
/// returns the meeting as it is now; `None` when there is no such meeting. The live room must
/// be told ([`crate::registry::Rooms::keys_changed`]).
pub fn rotate_key(
    conn: &Connection,
    id: &MeetingId,
    which: KeyKind,
    new_key: &str,
) -> Result<Option<MeetingRow>, DbError> {
    let sql = match which {
        KeyKind::Chair => "UPDATE meetings SET chair_key = ?2 WHERE id = ?1",
        KeyKind::Participant => "UPDATE meetings SET participant_key = ?2 WHERE id = ?1",
        KeyKind::Deputy => "UPDATE meetings SET deputy_key = ?2 WHERE id = ?1",
    };
    if conn.execute(sql, params![id.as_str(), new_key])? == 0 {
        return Ok(None);
    }
    get(conn, id)
}

#[cfg(test)]
#[path = "meetings_tests.rs"]
mod tests;
