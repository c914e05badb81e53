//! Centres as the coordinator manages them: name, time zone, service catalogue (each service
//! required or optional), the guard's allowlist, and the monthly slot from which upcoming
//! meetings are created. Every text a coordinator writes here goes through the identifier
//! guard before it is stored ([`super::texts`]). Every answer is a [`CentreView`].

use super::meetings::{carried_into, view};
use super::texts::{blocking, centre_direction_controls, check_centre};
use super::{ApiError, Coordinator};
use crate::db::centres::{self, Centre};
use crate::db::meetings;
use crate::planning::{ensure_upcoming, reschedule_series};
use crate::room::{new_key, now_ms};
use crate::schedule::Schedule;
use crate::time::HELSINKI;
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use shared::api::{
    CentreList, CentreMeetings, CentrePatch, CentreView, MeetingView, MonthlySlot, NewCentre,
    ScheduleText,
};
use shared::domain::{
    default_catalogue, Standing, DEFAULT_AGENDA_AHEAD_HOURS, MAX_AGENDA_AHEAD_HOURS,
};
use shared::ids::CentreId;

/// The slot as the API writes it.
fn slot_of(s: &Schedule) -> MonthlySlot {
    MonthlySlot {
        week: s.week,
        weekday: s.weekday.clone(),
        start: s.start.clone(),
        duration_min: s.duration_min,
        ahead: s.ahead,
    }
}

/// The slot a request asks for, as the server plans with it.
fn schedule_of(s: MonthlySlot) -> Schedule {
    Schedule {
        week: s.week,
        weekday: s.weekday,
        start: s.start,
        duration_min: s.duration_min,
        ahead: s.ahead,
    }
}

/// A centre with what the coordinator needs to share: the calendar feed URL and the slot in
/// words.
fn centre_view(app: &AppState, centre: Centre) -> CentreView {
    let feed_url = format!(
        "{}/calendar/{}/{}.ics",
        app.config.public_url.trim_end_matches('/'),
        centre.id,
        centre.feed_key
    );
    let schedule_text = centre.schedule.as_ref().map(|s| {
        let (fi, en) = s.describe();
        ScheduleText {
            fi,
            en,
            rrule: s.rrule(),
        }
    });
    CentreView {
        schedule: centre.schedule.as_ref().map(slot_of),
        id: centre.id,
        name: centre.name,
        time_zone: centre.time_zone,
        allowlist: centre.allowlist,
        feed_key: centre.feed_key,
        services: centre.services,
        feed_url,
        schedule_text,
        agenda_ahead_hours: centre.agenda_ahead_hours,
    }
}

/// `GET /api/centres`: every centre, with its feed URL and slot.
pub async fn list(
    _: Coordinator,
    State(app): State<AppState>,
) -> Result<Json<CentreList>, ApiError> {
    let list = app.db.call(|conn| centres::list(conn)).await?;
    let centres = list.into_iter().map(|c| centre_view(&app, c)).collect();
    Ok(Json(CentreList { centres }))
}

/// A stored centre, or 404.
pub(super) async fn load(app: &AppState, id: &CentreId) -> Result<Centre, ApiError> {
    let id = id.clone();
    app.db
        .call(move |conn| centres::get(conn, &id))
        .await?
        .ok_or(ApiError::NotFound("centre"))
}

/// `GET /api/centres/{centre}`.
pub async fn get_one(
    _: Coordinator,
    State(app): State<AppState>,
    Path(centre): Path<String>,
) -> Result<Json<CentreView>, ApiError> {
    let c = load(&app, &CentreId(centre)).await?;
    Ok(Json(centre_view(&app, c)))
}

/// A centre or service id: 2–40 characters a–z, 0–9, `-` or `_`.
fn check_id(id: &str, what: &str) -> Result<(), ApiError> {
    let ok = (2..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ApiError::BadRequest(format!(
            "{what} must be 2–40 characters a–z, 0–9, - or _"
        )))
    }
}

/// The shape of a centre: ids, lengths, time zone, catalogue, allowlist size, schedule. (What
/// its texts say is the guard's: [`check_centre`].)
fn validate(c: &Centre) -> Result<(), ApiError> {
    check_id(c.id.as_str(), "id")?;
    if c.name.trim().is_empty() || c.name.chars().count() > 100 {
        return Err(ApiError::BadRequest("name must be 1–100 characters".into()));
    }
    if jiff::tz::TimeZone::get(&c.time_zone).is_err() {
        return Err(ApiError::BadRequest(
            "time_zone must be an IANA time zone such as Europe/Helsinki".into(),
        ));
    }
    if c.services.is_empty() || c.services.len() > shared::room::MAX_SERVICES {
        return Err(ApiError::BadRequest(format!(
            "a centre needs 1–{} services",
            shared::room::MAX_SERVICES
        )));
    }
    if c.agenda_ahead_hours > MAX_AGENDA_AHEAD_HOURS {
        return Err(ApiError::BadRequest(format!(
            "agenda_ahead_hours must be 0–{MAX_AGENDA_AHEAD_HOURS}"
        )));
    }
    let mut seen = std::collections::HashSet::new();
    for s in &c.services {
        check_id(s.id.as_str(), "a service id")?;
        if Standing::is_reserved(s.id.as_str()) {
            return Err(ApiError::BadRequest(format!(
                "service id {} is kept for experts by experience and guests",
                s.id
            )));
        }
        if !seen.insert(s.id.clone()) {
            return Err(ApiError::BadRequest("service ids must be unique".into()));
        }
        if [&s.name_fi, &s.name_sv, &s.name_en]
            .iter()
            .any(|n| n.trim().is_empty() || n.chars().count() > 120)
        {
            return Err(ApiError::BadRequest(
                "every service needs names in fi, sv and en (1–120 characters)".into(),
            ));
        }
    }
    if c.allowlist.len() > 500
        || c.allowlist
            .iter()
            .any(|w| w.trim().is_empty() || w.chars().count() > 100)
    {
        return Err(ApiError::BadRequest(
            "allowlist: at most 500 entries of 1–100 characters".into(),
        ));
    }
    if let Some(s) = &c.schedule {
        s.validate()
            .map_err(|e| ApiError::BadRequest(format!("schedule: {e}")))?;
    }
    Ok(())
}

/// `POST /api/centres`: a new centre; with a schedule, its upcoming meetings are created now.
pub async fn create(
    _: Coordinator,
    State(app): State<AppState>,
    body: Result<Json<NewCentre>, JsonRejection>,
) -> Result<(StatusCode, Json<CentreView>), ApiError> {
    let Json(body) = body?;
    let centre = Centre {
        id: body.id,
        name: body.name.trim().to_owned(),
        time_zone: body.time_zone.unwrap_or_else(|| HELSINKI.into()),
        schedule: body.schedule.map(schedule_of),
        allowlist: body
            .allowlist
            .into_iter()
            .map(|w| w.trim().to_owned())
            .collect(),
        feed_key: new_key(),
        services: body.services.unwrap_or_else(default_catalogue),
        agenda_ahead_hours: body
            .agenda_ahead_hours
            .unwrap_or(DEFAULT_AGENDA_AHEAD_HOURS),
    };
    centre_direction_controls(&centre)?;
    validate(&centre)?;
    let guard = app.guard.clone();
    let centre = blocking(move || check_centre(&guard, &centre).map(|()| centre)).await?;
    let (to_insert, id) = (centre.clone(), centre.id.clone());
    let inserted = app
        .db
        .call(move |conn| {
            if centres::get(conn, &to_insert.id)?.is_some() {
                return Ok(false);
            }
            centres::insert(conn, &to_insert, now_ms())?;
            Ok(true)
        })
        .await?;
    if !inserted {
        return Err(ApiError::Conflict("a centre with that id exists".into()));
    }
    ensure_upcoming(&app.db, Some(id.clone())).await?;
    tracing::info!(centre = %id, "centre created");
    Ok((StatusCode::CREATED, Json(centre_view(&app, centre))))
}

/// `PATCH /api/centres/{centre}`. A changed slot or time zone re-plans the upcoming meetings:
/// unused generated ones that no longer fit are removed, the new ones created. Meetings
/// already made keep the catalogue they were made with.
pub async fn update(
    _: Coordinator,
    State(app): State<AppState>,
    Path(centre): Path<String>,
    body: Result<Json<CentrePatch>, JsonRejection>,
) -> Result<Json<CentreView>, ApiError> {
    let Json(patch) = body?;
    let mut c = load(&app, &CentreId(centre)).await?;
    let before = (c.schedule.clone(), c.time_zone.clone());
    if let Some(n) = patch.name {
        c.name = n.trim().to_owned();
    }
    if let Some(tz) = patch.time_zone {
        c.time_zone = tz;
    }
    if let Some(s) = patch.services {
        c.services = s;
    }
    if let Some(a) = patch.allowlist {
        c.allowlist = a.into_iter().map(|w| w.trim().to_owned()).collect();
    }
    if let Some(s) = patch.schedule {
        c.schedule = s.map(schedule_of);
    }
    if let Some(h) = patch.agenda_ahead_hours {
        c.agenda_ahead_hours = h;
    }
    centre_direction_controls(&c)?;
    validate(&c)?;
    let guard = app.guard.clone();
    let c = blocking(move || check_centre(&guard, &c).map(|()| c)).await?;
    let to_write = c.clone();
    app.db
        .call(move |conn| centres::update(conn, &to_write))
        .await?;
    app.rooms.centre_changed(&c);
    if before != (c.schedule.clone(), c.time_zone.clone()) {
        reschedule_series(&app.db, &c.id).await?;
    }
    Ok(Json(centre_view(&app, c)))
}

/// `GET /api/centres/{centre}/meetings`: every meeting of the centre, earliest first, each
/// with its state, holiday flag, times in the centre's zone and the number of items carried
/// over into it.
pub async fn meetings(
    _: Coordinator,
    State(app): State<AppState>,
    Path(centre): Path<String>,
) -> Result<Json<CentreMeetings>, ApiError> {
    let id = CentreId(centre);
    let found = id.clone();
    let (centre, rows) = app
        .db
        .call(move |conn| {
            let Some(centre) = centres::get(conn, &found)? else {
                return Ok((None, vec![]));
            };
            let mut rows = Vec::new();
            for row in meetings::list_for_centre(conn, &found, None, None)? {
                let started = meetings::has_started(conn, &row.id)?;
                let carried = carried_into(conn, &row)?;
                let guests = meetings::guests_allowed(conn, &row.id)?;
                rows.push((row, started, carried, guests));
            }
            Ok((Some(centre), rows))
        })
        .await?;
    let centre = centre.ok_or(ApiError::NotFound("centre"))?;
    let meetings: Vec<MeetingView> = rows
        .into_iter()
        .map(|(r, started, carried, guests)| {
            view(&app, r, started, guests, &centre.time_zone, carried)
        })
        .collect();
    Ok(Json(CentreMeetings {
        centre_id: id,
        meetings,
    }))
}

/// `POST /api/centres/{centre}/feed/rotate`: gives the centre a new calendar feed key (a
/// leaked feed URL is revoked this way). The old URL gets 404 at once; the answer is the
/// centre with its new `feed_url`, to give to the calendars that should keep it.
pub async fn rotate_feed(
    _: Coordinator,
    State(app): State<AppState>,
    Path(centre): Path<String>,
) -> Result<Json<CentreView>, ApiError> {
    let id = CentreId(centre);
    let lookup = id.clone();
    let found = app
        .db
        .call(move |conn| centres::rotate_feed_key(conn, &lookup, &new_key()))
        .await?;
    if !found {
        return Err(ApiError::NotFound("centre"));
    }
    tracing::info!(centre = %id, "calendar feed key rotated");
    let c = load(&app, &id).await?;
    Ok(Json(centre_view(&app, c)))
}
