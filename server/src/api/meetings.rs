//! Meetings as the coordinator handles them one by one: create a one-off meeting, read one,
//! move or cancel one that has not started, and replace a leaked link. Every answer is the
//! meeting's [`MeetingView`]: its state, its times in the centre's zone, its holiday flag, the
//! items carried over into it and its three links (chair, deputy chair, participant).

use super::texts;
use super::{ApiError, Coordinator};
use crate::db::meetings::{self, KeyKind, MeetingRow};
use crate::planning::{deputy_link, links, CreateError, NewMeeting as NewRow, DEFAULT_MINUTES};
use crate::room::{new_key, now_ms};
use crate::time::{local_date, local_minute, offset_text, rfc3339, zoned, HELSINKI};
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use shared::api::{
    HolidayNames, LinkKey, MeetingState, MeetingView, MoveMeeting, NewMeeting, RotateKey,
};
use shared::domain::GuestAdmission;
use shared::ids::{CentreId, MeetingId};
use shared::Millis;

/// How many items came (or are on their way) into `meeting` from earlier meetings: the
/// carry-overs it has claimed, and for a meeting that can still take items, those waiting for
/// it by the carry-over rule (`carry_overs::pending_for`).
pub fn carried_into(
    conn: &crate::db::Connection,
    row: &MeetingRow,
) -> Result<usize, crate::db::DbError> {
    let claimed: i64 = conn.query_row(
        "SELECT COUNT(*) FROM carry_overs WHERE target_meeting = ?1",
        [row.id.as_str()],
        |r| r.get(0),
    )?;
    let pending = if row.cancelled_at.is_none() && row.ended_at.is_none() {
        crate::db::carry_overs::pending_for(conn, &row.centre_id, &row.id)?.len()
    } else {
        0
    };
    Ok(claimed as usize + pending)
}

/// The coordinator's view of a stored meeting, its times in the centre's zone `tz`; `guests`
/// is who it takes besides the catalogue's services (from its log).
pub fn view(
    app: &AppState,
    row: MeetingRow,
    started: bool,
    guests: GuestAdmission,
    tz: &str,
    carried_over: usize,
) -> MeetingView {
    let (chair_link, participant_link) = links(&app.config.public_url, &row);
    let deputy_link = deputy_link(&app.config.public_url, &row);
    let (start, end) = (zoned(row.starts_at, tz), zoned(row.ends_at, tz));
    let expire_at = links_expire_at(app, &row);
    let holiday = local_date(row.starts_at, tz).and_then(crate::holidays::finnish_holiday);
    MeetingView {
        starts_at: rfc3339(row.starts_at),
        ends_at: rfc3339(row.ends_at),
        starts_at_ms: row.starts_at,
        ends_at_ms: row.ends_at,
        state: MeetingState::of(row.cancelled_at.is_some(), row.ended_at.is_some(), started),
        holiday: holiday.map(str::to_owned),
        holiday_names: holiday.map(|fi| {
            let (sv, en) = crate::holidays::translations(fi);
            HolidayNames {
                fi: fi.into(),
                sv: sv.into(),
                en: en.into(),
            }
        }),
        series_date: row.series_date,
        time_zone: start
            .as_ref()
            .map(|z| z.time_zone().iana_name().unwrap_or(tz).to_owned())
            .unwrap_or_else(|| tz.to_owned()),
        starts_local: start.as_ref().map(local_minute).unwrap_or_default(),
        ends_local: end.as_ref().map(local_minute).unwrap_or_default(),
        utc_offset: start.as_ref().map(offset_text).unwrap_or_default(),
        carried_over,
        revision: row.revision,
        id: row.id,
        centre_id: row.centre_id,
        title: row.title,
        chair_key: row.chair_key,
        participant_key: row.participant_key,
        chair_link,
        participant_link,
        deputy_key: row.deputy_key,
        deputy_link,
        links_expire_at: expire_at.map(rfc3339),
        links_expire_local: expire_at
            .and_then(|at| zoned(at, tz))
            .as_ref()
            .map(local_minute),
        links_expired: expire_at.is_some_and(|at| at <= now_ms()),
        allow_guests: guests,
        kind: row.kind,
    }
}

/// When a meeting's chair and participant keys stop working: the configured link lifetime
/// (`--link-days`) after it ended or was cancelled. The room applies the same rule (from its
/// log's end time) when a key says `hello`.
pub fn links_expire_at(app: &AppState, row: &MeetingRow) -> Option<Millis> {
    let lifetime =
        Millis::try_from(app.config.rooms.link_lifetime.as_millis()).unwrap_or(Millis::MAX);
    row.ended_at
        .or(row.cancelled_at)
        .map(|end| end.saturating_add(lifetime))
}

/// Loads a meeting with what its view needs.
async fn load_view(app: &AppState, id: MeetingId) -> Result<MeetingView, ApiError> {
    let found = app
        .db
        .call(move |conn| {
            let Some(row) = meetings::get(conn, &id)? else {
                return Ok(None);
            };
            let started = meetings::has_started(conn, &row.id)?;
            let tz = crate::db::centres::get(conn, &row.centre_id)?
                .map(|c| c.time_zone)
                .unwrap_or_default();
            let carried = carried_into(conn, &row)?;
            let guests = meetings::guests_allowed(conn, &row.id)?;
            Ok(Some((row, (started, guests), tz, carried)))
        })
        .await?;
    let (row, (started, guests), tz, carried) = found.ok_or(ApiError::NotFound("meeting"))?;
    Ok(view(app, row, started, guests, &tz, carried))
}

/// `POST /api/meetings`: a one-off meeting of a centre (now, for an hour, unless told
/// otherwise); 201 with its view and links.
pub async fn create(
    _: Coordinator,
    State(app): State<AppState>,
    body: Result<Json<NewMeeting>, JsonRejection>,
) -> Result<(StatusCode, Json<MeetingView>), ApiError> {
    let Json(body) = body?;
    if let Some(t) = &body.title {
        texts::no_direction_controls("title", t)?;
    }
    let starts_at = match body.starts_at.as_deref() {
        None => {
            let now = now_ms();
            now - now % 60_000
        }
        Some(s) => parse_instant(s, &centre_zone(&app, &body.centre_id).await?)?,
    };
    let minutes = check_minutes(body.duration_min.unwrap_or(DEFAULT_MINUTES))?;
    let title = body
        .title
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    if title.as_ref().is_some_and(|t| t.chars().count() > 150) {
        return Err(ApiError::BadRequest(
            "title is longer than 150 characters".into(),
        ));
    }
    if let Some(t) = &title {
        let centre = body.centre_id.clone();
        let allowlist = app
            .db
            .call(move |conn| crate::db::centres::get(conn, &centre))
            .await?
            .ok_or(ApiError::NotFound("centre"))?
            .allowlist;
        let (guard, t) = (app.guard.clone(), t.clone());
        texts::blocking(move || texts::check_title(&guard, &t, &allowlist)).await?;
    }
    let new = NewRow {
        centre: body.centre_id,
        starts_at,
        minutes,
        title,
        series_date: None,
    };
    match crate::planning::create(&app.db, new).await {
        Ok(row) => {
            tracing::info!(meeting = %row.id, centre = %row.centre_id, "meeting created");
            Ok((StatusCode::CREATED, Json(load_view(&app, row.id).await?)))
        }
        Err(CreateError::UnknownCentre) => Err(ApiError::NotFound("centre")),
        Err(CreateError::Db(e)) => Err(e.into()),
    }
}

/// A start time: RFC 3339 with an offset, or a wall-clock time without one
/// (`2026-12-08T13:00`), read in the centre's time zone `tz`.
fn parse_instant(s: &str, tz: &str) -> Result<Millis, ApiError> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t.as_millisecond());
    }
    // A date and a time of day (a date alone is not a start time).
    let local = s
        .contains('T')
        .then(|| s.parse::<jiff::civil::DateTime>().ok())
        .flatten();
    let zone = jiff::tz::TimeZone::get(tz).ok();
    match (local, zone) {
        (Some(l), Some(z)) => l
            .to_zoned_datetime(z)
            .map(|z| z.timestamp().as_millisecond())
            .map_err(|_| {
                ApiError::BadRequest("starts_at is not a time in the centre's zone".into())
            }),
        _ => Err(ApiError::BadRequest(
            "starts_at must be RFC 3339 with an offset (2026-12-08T13:00:00+02:00) or a local \
             time in the centre's zone (2026-12-08T13:00)"
                .into(),
        )),
    }
}

/// The centre's time zone (Helsinki for an unknown centre: creating a meeting then says so).
async fn centre_zone(app: &AppState, centre: &CentreId) -> Result<String, ApiError> {
    let c = centre.clone();
    Ok(app
        .db
        .call(move |conn| crate::db::centres::get(conn, &c))
        .await?
        .map_or_else(|| HELSINKI.to_owned(), |c| c.time_zone))
}

/// A meeting lasts 10–240 minutes.
fn check_minutes(minutes: u32) -> Result<u32, ApiError> {
    if (10..=240).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(ApiError::BadRequest("duration_min must be 10–240".into()))
    }
}

/// `GET /api/meetings/{meeting}`.
pub async fn get_one(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
) -> Result<Json<MeetingView>, ApiError> {
    Ok(Json(load_view(&app, MeetingId(meeting)).await?))
}

/// `PATCH /api/meetings/{meeting}`: moves one meeting (of a series or not) that has not
/// started, and sets who it takes besides the catalogue's services (`allow_guests`, until it
/// ends). Its room records each change, so everyone already in the room sees it.
pub async fn move_one(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
    body: Result<Json<MoveMeeting>, JsonRejection>,
) -> Result<Json<MeetingView>, ApiError> {
    let Json(body) = body?;
    let current = load_view(&app, MeetingId(meeting.clone())).await?;
    if let Some(admission) = body.allow_guests {
        let room = app.rooms.get(&current.id).await.map_err(ApiError::from)?;
        room.allow_guests(admission).await.map_err(ApiError::from)?;
        if body.starts_at.is_none() && body.duration_min.is_none() {
            return Ok(Json(load_view(&app, current.id).await?));
        }
    }
    let starts_at = match body.starts_at.as_deref() {
        Some(s) => parse_instant(s, &current.time_zone)?,
        None => current.starts_at_ms,
    };
    let minutes = match body.duration_min {
        Some(m) => check_minutes(m)?,
        None => current.minutes() as u32,
    };
    let room = app
        .rooms
        .get(&MeetingId(meeting.clone()))
        .await
        .map_err(ApiError::from)?;
    room.reschedule(starts_at, starts_at + minutes as Millis * 60_000)
        .await
        .map_err(ApiError::from)?;
    Ok(Json(load_view(&app, MeetingId(meeting)).await?))
}

/// `POST /api/meetings/{meeting}/cancel`: cancels one meeting that has not started; its
/// queued items go to the centre's next one.
pub async fn cancel(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
) -> Result<Json<MeetingView>, ApiError> {
    let id = MeetingId(meeting);
    let room = app.rooms.get(&id).await.map_err(ApiError::from)?;
    room.cancel().await.map_err(ApiError::from)?;
    Ok(Json(load_view(&app, id).await?))
}

/// `POST /api/meetings/{meeting}/rotate` `{"key": "chair"|"participant"|"deputy"}`: gives the
/// meeting a new chair, participant or deputy chair key (a leaked link is revoked this way) and answers with the
/// meeting and its new links. The old key stops at once: `hello` with it gets `bad_key`, and
/// every socket that came in with it gets `bad_key` and is closed before this answers.
pub async fn rotate_key(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
    body: Result<Json<RotateKey>, JsonRejection>,
) -> Result<Json<MeetingView>, ApiError> {
    let Json(body) = body.map_err(|_| {
        ApiError::BadRequest(
            "send {\"key\": \"chair\"}, {\"key\": \"participant\"} or {\"key\": \"deputy\"}".into(),
        )
    })?;
    let which = match body.key {
        LinkKey::Chair => KeyKind::Chair,
        LinkKey::Participant => KeyKind::Participant,
        LinkKey::Deputy => KeyKind::Deputy,
    };
    let id = MeetingId(meeting);
    let lookup = id.clone();
    let row = app
        .db
        .call(move |conn| meetings::rotate_key(conn, &lookup, which, &new_key()))
        .await?
        .ok_or(ApiError::NotFound("meeting"))?;
    app.rooms.keys_changed(&row).await;
    tracing::info!(meeting = %id, key = body.key.as_str(), "meeting key rotated");
    Ok(Json(load_view(&app, id).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_time_with_or_without_an_offset() {
        let helsinki = parse_instant("2026-12-08T13:00", HELSINKI).unwrap();
        assert_eq!(rfc3339(helsinki), "2026-12-08T11:00:00Z");
        assert_eq!(
            parse_instant("2026-12-08T13:00:00+02:00", "America/New_York").unwrap(),
            helsinki
        );
        assert!(parse_instant("2026-12-08", HELSINKI).is_err());
        assert!(check_minutes(9).is_err() && check_minutes(240).is_ok());
    }
}
