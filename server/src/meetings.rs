//! Creating meetings: the rules shared by the HTTP API and the demo seed.

use crate::db::{centres, meetings, Db, DbError};
use crate::db::meetings::MeetingRow;
use crate::room::{new_key, now_ms};
use shared::domain::MeetingInfo;
use shared::ids::{CentreId, MeetingId};
use shared::Millis;

/// Default meeting length: the PPT hour.
pub const DEFAULT_MINUTES: u32 = 60;

/// What the coordinator asks for.
pub struct NewMeeting {
    pub centre: CentreId,
    pub starts_at: Millis,
    pub minutes: u32,
    pub title: Option<String>,
}

/// Why a meeting could not be created.
pub enum CreateError {
    UnknownCentre,
    Db(DbError),
}

/// Creates a meeting with fresh keys and epoch, its catalogue copied from the centre.
pub async fn create(db: &Db, new: NewMeeting) -> Result<MeetingRow, CreateError> {
    db.call(move |conn| {
        let Some(centre) = centres::get(conn, &new.centre)? else { return Ok(None) };
        let row = MeetingRow {
            id: MeetingId(new_key()),
            centre_id: centre.id.clone(),
            title: new.title.unwrap_or_else(|| format!("PPT-konsultaatio, {}", centre.name)),
            starts_at: new.starts_at,
            ends_at: new.starts_at + new.minutes as Millis * 60_000,
            chair_key: new_key(),
            participant_key: new_key(),
            epoch: new_key()[..12].to_owned(),
        };
        let info = MeetingInfo {
            id: row.id.clone(),
            centre_id: centre.id.clone(),
            centre_name: centre.name.clone(),
            title: row.title.clone(),
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            services: centre.services.clone(),
        };
        meetings::create(conn, &row, &info, now_ms())?;
        Ok(Some(row))
    })
    .await
    .map_err(CreateError::Db)?
    .ok_or(CreateError::UnknownCentre)
}

/// The two links of a meeting. Keys ride in the fragment, so they never reach a server log.
pub fn links(public_url: &str, row: &MeetingRow) -> (String, String) {
    let base = public_url.trim_end_matches('/');
    (
        format!("{base}/m/{}#key={}", row.id, row.chair_key),
        format!("{base}/m/{}#key={}", row.id, row.participant_key),
    )
}
