//! What coordinators take away: the minutes (muistio) of an ended meeting and period reports
//! over many meetings, in the formats they use (Markdown, printable HTML, CSV for Finnish Excel,
//! JSON).
//!
//! Everything here is computed from the meetings' event logs, the same record the rooms
//! replay, and every export is checked by the identifier guard before it leaves the server
//! ([`guarded`]): a hit, which should never happen, refuses the export instead of leaking.

pub mod excel_csv;
pub mod labels;
pub mod period;
pub mod summary;

use crate::db::centres::{self, Centre};
use crate::db::meetings::{self, MeetingRow};
use crate::db::{events, Db, DbError};
use shared::ids::{CentreId, MeetingId};
use shared::room::RoomState;

/// Why an export was not made.
#[derive(Debug)]
pub enum ExportError {
    UnknownMeeting,
    UnknownCentre,
    /// The minutes exist only for an ended meeting.
    NotEnded,
    BadRange(String),
    /// The guard found identifier-like text in the export; the kinds only, never the text.
    Blocked(Vec<String>),
    Db(DbError),
}

impl From<DbError> for ExportError {
    fn from(e: DbError) -> Self {
        ExportError::Db(e)
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::UnknownMeeting => f.write_str("no such meeting"),
            ExportError::UnknownCentre => f.write_str("no such centre"),
            ExportError::NotEnded => f.write_str("the meeting has not ended; its minutes are made when it ends"),
            ExportError::BadRange(m) => f.write_str(m),
            ExportError::Blocked(kinds) => write!(
                f,
                "the export was refused: the identifier guard found {} in it; nothing was exported",
                kinds.join(", ")
            ),
            ExportError::Db(e) => write!(f, "storage failed: {e}"),
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Csv,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// A meeting as recorded: its row, its centre, and its state replayed from the log.
pub struct Recorded {
    pub row: MeetingRow,
    pub centre: Centre,
    pub state: RoomState,
    /// Refused identifier findings per kind.
    pub rejected: std::collections::BTreeMap<String, u32>,
}

/// Loads and replays one meeting.
pub fn load(conn: &rusqlite::Connection, id: &MeetingId) -> Result<Recorded, ExportError> {
    let row = meetings::get(conn, id)?.ok_or(ExportError::UnknownMeeting)?;
    let centre = centres::get(conn, &row.centre_id)?.ok_or(ExportError::UnknownCentre)?;
    let log = events::load(conn, id)?;
    let state = RoomState::replay(log.iter().map(|(e, _)| e))
        .ok_or_else(|| ExportError::Db(DbError(format!("log of {id} does not start with its creation"))))?;
    let rejected = crate::db::rejections::of(conn, id)?;
    Ok(Recorded { row, centre, state, rejected })
}

/// The ended (not cancelled) meetings of one centre or all, starting in `[from, to)` (ms).
pub fn load_range(
    conn: &rusqlite::Connection,
    centre: Option<&CentreId>,
    from: i64,
    to: i64,
) -> Result<Vec<Recorded>, ExportError> {
    let centres = match centre {
        Some(id) => vec![centres::get(conn, id)?.ok_or(ExportError::UnknownCentre)?],
        None => centres::list(conn)?,
    };
    let mut out = Vec::new();
    for c in centres {
        for row in meetings::list_for_centre(conn, &c.id, Some(from), Some(to))? {
            if row.ended_at.is_some() && row.cancelled_at.is_none() {
                out.push(load(conn, &row.id)?);
            }
        }
    }
    out.sort_by_key(|r| r.row.starts_at);
    Ok(out)
}

/// Runs the identifier guard over an export; `Ok` hands the text on, a hit refuses it.
pub fn guarded(text: String, check: &dyn Fn(&str) -> Vec<String>) -> Result<String, ExportError> {
    let kinds = check(&text);
    if kinds.is_empty() {
        Ok(text)
    } else {
        tracing::error!(kinds = ?kinds, "export refused by the identifier guard");
        Err(ExportError::Blocked(kinds))
    }
}

/// Convenience for callers with a database handle.
pub async fn load_meeting(db: &Db, id: MeetingId) -> Result<Recorded, ExportError> {
    db.call(move |conn| Ok(load(conn, &id))).await?
}

/// Minutes as `h:mm` or `m min` style text is left to the renderers; this is the one rounding
/// rule: whole minutes, half up.
pub fn minutes(ms: i64) -> i64 {
    (ms + 30_000) / 60_000
}
