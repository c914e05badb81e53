//! Planning meetings: creating one, keeping a centre's monthly series of upcoming meetings, and
//! their links. The rules the HTTP API, the scheduler and the demo seed share.

use crate::db::meetings::MeetingRow;
use crate::db::{centres, meetings, Db, DbError};
use crate::room::{new_key, now_ms};
use shared::domain::{MeetingInfo, MeetingKind};
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
    /// The schedule slot it fills (local date), for generated meetings.
    pub series_date: Option<String>,
}

/// Why a meeting could not be created.
pub enum CreateError {
    UnknownCentre,
    Db(DbError),
}

/// Creates a meeting with fresh keys and epoch, its catalogue copied from the centre.
pub async fn create(db: &Db, new: NewMeeting) -> Result<MeetingRow, CreateError> {
    db.call(move |conn| {
        let Some(centre) = centres::get(conn, &new.centre)? else {
            return Ok(None);
        };
        let (row, info) = row_and_info(&centre, new, MeetingKind::Monthly);
        meetings::create(conn, &row, &info, now_ms())?;
        Ok(Some(row))
    })
    .await
    .map_err(CreateError::Db)?
    .ok_or(CreateError::UnknownCentre)
}

/// A new meeting of `centre` as it is stored: its row with fresh keys and epoch, and its
/// first event's [`MeetingInfo`] with the centre's catalogue as it stands. Shared by
/// [`create`] and the quick consultation rooms ([`crate::api::quick`]), which change the
/// catalogue's required services before storing it.
pub fn row_and_info(
    centre: &centres::Centre,
    new: NewMeeting,
    kind: MeetingKind,
) -> (MeetingRow, MeetingInfo) {
    let row = MeetingRow {
        id: MeetingId(new_key()),
        centre_id: centre.id.clone(),
        title: new
            .title
            .unwrap_or_else(|| format!("PPT-konsultaatio, {}", centre.name)),
        starts_at: new.starts_at,
        ends_at: new.starts_at + new.minutes as Millis * 60_000,
        chair_key: new_key(),
        participant_key: new_key(),
        deputy_key: new_key(),
        epoch: new_key()[..12].to_owned(),
        series_date: new.series_date,
        cancelled_at: None,
        ended_at: None,
        revision: 0,
        kind,
    };
    let info = MeetingInfo {
        id: row.id.clone(),
        centre_id: centre.id.clone(),
        centre_name: centre.name.clone(),
        title: row.title.clone(),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        services: centre.services.clone(),
        kind,
    };
    (row, info)
}

/// The two links of a meeting. Keys ride in the fragment, so they never reach a server log.
pub fn links(public_url: &str, row: &MeetingRow) -> (String, String) {
    let base = public_url.trim_end_matches('/');
    (
        format!("{base}/m/{}#key={}", row.id, row.chair_key),
        format!("{base}/m/{}#key={}", row.id, row.participant_key),
    )
}

/// The deputy chair's link of a meeting (given to the coordinator with the other two).
pub fn deputy_link(public_url: &str, row: &MeetingRow) -> String {
    let base = public_url.trim_end_matches('/');
    format!("{base}/m/{}#key={}", row.id, row.deputy_key)
}

/// Makes sure every scheduled centre has its next meetings created (as many as its rule's
/// `ahead`), from today in the centre's time zone. Slots that already have a meeting — even one
/// moved or cancelled — are left alone, so moving one meeting never breaks the series.
/// Returns how many meetings were created.
pub async fn ensure_upcoming(db: &Db, centre: Option<CentreId>) -> Result<usize, DbError> {
    let list = db
        .call(move |conn| match &centre {
            Some(id) => Ok(centres::get(conn, id)?.into_iter().collect::<Vec<_>>()),
            None => centres::list(conn),
        })
        .await?;
    let mut created = 0;
    for c in list {
        let Some(schedule) = c.schedule.clone() else {
            continue;
        };
        let Ok(tz) = jiff::tz::TimeZone::get(&c.time_zone) else {
            continue;
        };
        let today = jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date();
        for occ in schedule.occurrences(&tz, today, schedule.ahead as usize) {
            let date = occ.date.to_string();
            let (centre_id, slot) = (c.id.clone(), date.clone());
            if db
                .call(move |conn| meetings::by_slot(conn, &centre_id, &slot))
                .await?
                .is_some()
            {
                continue;
            }
            let new = NewMeeting {
                centre: c.id.clone(),
                starts_at: occ.starts_at.as_millisecond(),
                minutes: schedule.duration_min,
                title: None,
                series_date: Some(date),
            };
            match create(db, new).await {
                Ok(_) => created += 1,
                Err(CreateError::Db(e)) => return Err(e),
                Err(CreateError::UnknownCentre) => {}
            }
        }
    }
    Ok(created)
}

/// After a centre's rule changed: removes generated future meetings that no longer fit the
/// rule and that nobody has used, then creates the new ones.
pub async fn reschedule_series(db: &Db, centre: &CentreId) -> Result<usize, DbError> {
    let id = centre.clone();
    db.call(move |conn| {
        let Some(c) = centres::get(conn, &id)? else {
            return Ok(());
        };
        let now = now_ms();
        let keep: Vec<String> = match (&c.schedule, jiff::tz::TimeZone::get(&c.time_zone)) {
            (Some(s), Ok(tz)) => {
                let today = jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date();
                s.occurrences(&tz, today, s.ahead as usize)
                    .iter()
                    .map(|o| o.date.to_string())
                    .collect()
            }
            _ => vec![],
        };
        for m in meetings::list_for_centre(conn, &id, Some(now), None)? {
            let generated = m.series_date.as_ref().is_some_and(|d| !keep.contains(d));
            if generated && m.cancelled_at.is_none() {
                meetings::delete_if_unused(conn, &m.id)?;
            }
        }
        Ok(())
    })
    .await?;
    ensure_upcoming(db, Some(centre.clone())).await
}
