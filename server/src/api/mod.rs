//! The coordinator's HTTP JSON API. Every route needs `Authorization: Bearer <coordinator
//! token>`; chair and participant keys get 403.
//!
//! - `GET  /api/health` (no token): liveness.
//! - Centres ([`centres`]): `GET/POST /api/centres`, `GET/PATCH /api/centres/{centre}`,
//!   `GET /api/centres/{centre}/meetings`.
//! - Meetings (here): `POST /api/meetings` `{centre_id, starts_at?, duration_min?, title?}`
//!   creates one and answers with its links (the title goes through the identifier guard with
//!   the centre's allowlist first, [`texts`]); `GET /api/meetings/{meeting}`;
//!   `PATCH /api/meetings/{meeting}` `{starts_at?, duration_min?}` moves one that has not
//!   started; `POST /api/meetings/{meeting}/cancel` cancels one. `starts_at` is RFC 3339 with
//!   an offset, or a wall-clock time without one read in the centre's time zone. A meeting
//!   comes with its times in the centre's zone (`time_zone`, `starts_local`, `ends_local`,
//!   `utc_offset`), the number of items `carried_over` into it, and when its links expire
//!   (`links_expire_at`, `links_expired`: `--link-days` after it ended).
//! - Revoking links: `POST /api/meetings/{meeting}/rotate` `{"key": "chair"|"participant"}`
//!   gives the meeting a new key (the old one and its open sockets stop at once) and answers
//!   with the meeting's new links; `POST /api/centres/{centre}/feed/rotate` gives the centre a
//!   new calendar feed key and answers with the centre and its new `feed_url`.
//! - Exports ([`exports`]): `GET /api/meetings/{meeting}/summary?format=md|html|csv|json`
//!   (the minutes of an ended meeting) and `GET /api/reports?centre=&from=&to=&format=csv|json`.
//! - `POST /api/guard/check` ([`guard`], no token): the identifier guard for one text.
//! - The calendar feed ([`calendar`]): `GET /calendar/{centre}/{feed key}.ics`, no token (the
//!   feed key in the URL is the capability a calendar client can hold).

pub mod calendar;
pub mod centres;
pub mod exports;
pub mod guard;
pub mod texts;

use crate::db::meetings;
use crate::db::meetings::MeetingRow;
use crate::error::ApiError;
use crate::meetings::{create, links, CreateError, NewMeeting, DEFAULT_MINUTES};
use crate::room::{new_key, now_ms, same_key};
use crate::AppState;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use shared::ids::{CentreId, MeetingId};
use shared::Millis;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/centres", get(centres::list).post(centres::create))
        .route(
            "/api/centres/{centre}",
            get(centres::get_one).patch(centres::update),
        )
        .route("/api/centres/{centre}/meetings", get(centres::meetings))
        .route("/api/meetings", axum::routing::post(create_meeting))
        .route(
            "/api/meetings/{meeting}",
            get(get_meeting).patch(move_meeting),
        )
        .route(
            "/api/meetings/{meeting}/cancel",
            axum::routing::post(cancel_meeting),
        )
        .route(
            "/api/meetings/{meeting}/rotate",
            axum::routing::post(rotate_key),
        )
        .route(
            "/api/centres/{centre}/feed/rotate",
            axum::routing::post(centres::rotate_feed),
        )
        .route("/api/meetings/{meeting}/summary", get(exports::summary))
        .route("/api/reports", get(exports::period))
        .route("/api/guard/check", axum::routing::post(guard::check))
        .route("/calendar/{centre}/{file}", get(calendar::feed))
}

/// Proof that the request carries the coordinator token (compared by its SHA-256 hash, in
/// constant time).
pub struct Coordinator;

impl FromRequestParts<AppState> for Coordinator {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .ok_or(ApiError::Unauthorized)?;
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthorized)?;
        // Only the token's hash is kept; hashes are compared in constant time.
        let given = crate::db::settings::token_hash(token.trim());
        if same_key(&given, &app.config.coordinator_token_hash) {
            Ok(Coordinator)
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

async fn health(State(app): State<AppState>) -> Json<Value> {
    Json(json!({ "ok": true, "live_rooms": app.rooms.live() }))
}

/// A meeting as the coordinator sees it: schedule, state, holiday flag and both links.
#[derive(Serialize)]
pub struct MeetingView {
    id: MeetingId,
    centre_id: CentreId,
    title: String,
    starts_at: String,
    ends_at: String,
    starts_at_ms: Millis,
    ends_at_ms: Millis,
    /// `open`, `running`, `ended` or `cancelled`.
    state: &'static str,
    /// The Finnish public holiday the meeting falls on, for the coordinator to move it.
    holiday: Option<&'static str>,
    /// Its name in Finnish, Swedish and English.
    holiday_names: Option<serde_json::Value>,
    /// The schedule slot (local date) it fills, if generated from the centre's rule.
    series_date: Option<String>,
    /// The centre's IANA time zone, in which `starts_local` and `ends_local` are given.
    time_zone: String,
    /// Start and end as wall-clock time in the centre's zone: `2026-12-08T13:00`.
    starts_local: String,
    ends_local: String,
    /// The zone's offset from UTC at the start: `+02:00`.
    utc_offset: String,
    /// How many items were carried over into this meeting from the centre's earlier ones
    /// (deferred, left in the queue, or follow-up asked): those already on its agenda and
    /// those waiting for it.
    carried_over: usize,
    revision: i64,
    chair_key: String,
    participant_key: String,
    chair_link: String,
    participant_link: String,
    /// When the chair and participant links stop working (the link lifetime after the meeting
    /// ended or was cancelled); `None` while the meeting has not ended.
    links_expire_at: Option<String>,
    /// The same as wall-clock time in the centre's zone (`2026-12-22T14:00`), for the page.
    links_expire_local: Option<String>,
    /// Whether that time has passed: the links no longer open the meeting (the coordinator
    /// still exports its minutes).
    links_expired: bool,
}

pub fn rfc3339(ms: Millis) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// The local date of an instant in a time zone (Helsinki if the name is unknown).
pub fn local_date(ms: Millis, tz: &str) -> Option<jiff::civil::Date> {
    let tz = jiff::tz::TimeZone::get(tz)
        .or_else(|_| jiff::tz::TimeZone::get(crate::seed::HELSINKI))
        .ok()?;
    Some(
        jiff::Timestamp::from_millisecond(ms)
            .ok()?
            .to_zoned_datetime(tz)
            .date(),
    )
}

/// An instant in a time zone (Helsinki if the name is unknown).
fn zoned(ms: Millis, tz: &str) -> Option<jiff::ZonedDateTime> {
    let tz = jiff::tz::TimeZone::get(tz)
        .or_else(|_| jiff::tz::TimeZone::get(crate::seed::HELSINKI))
        .ok()?;
    Some(
        jiff::Timestamp::from_millisecond(ms)
            .ok()?
            .to_zoned_datetime(tz),
    )
}

/// Wall-clock time of an instant in a zone, `2026-12-08T13:00`.
fn local_minute(z: &jiff::ZonedDateTime) -> String {
    z.datetime().strftime("%Y-%m-%dT%H:%M").to_string()
}

/// `+02:00` for an instant in a zone.
fn offset_text(z: &jiff::ZonedDateTime) -> String {
    let secs = z.offset().seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.abs() / 60;
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// How many items came (or are on their way) into `meeting` from earlier meetings: the
/// carry-overs it has claimed, and for a meeting that can still take items, those waiting for
/// it by the carry-over rule (`carry_overs::pending_for`).
pub fn carried_into(
    conn: &rusqlite::Connection,
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

pub fn view(
    app: &AppState,
    row: MeetingRow,
    started: bool,
    tz: &str,
    carried_over: usize,
) -> MeetingView {
    let (chair_link, participant_link) = links(&app.config.public_url, &row);
    let (start, end) = (zoned(row.starts_at, tz), zoned(row.ends_at, tz));
    let expire_at = links_expire_at(app, &row);
    let holiday = local_date(row.starts_at, tz).and_then(crate::holidays::finnish_holiday);
    let state = if row.cancelled_at.is_some() {
        "cancelled"
    } else if row.ended_at.is_some() {
        "ended"
    } else if started {
        "running"
    } else {
        "open"
    };
    MeetingView {
        starts_at: rfc3339(row.starts_at),
        ends_at: rfc3339(row.ends_at),
        starts_at_ms: row.starts_at,
        ends_at_ms: row.ends_at,
        state,
        holiday,
        holiday_names: holiday.map(|fi| {
            let (sv, en) = crate::holidays::translations(fi);
            json!({ "fi": fi, "sv": sv, "en": en })
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
        links_expire_at: expire_at.map(rfc3339),
        links_expire_local: expire_at
            .and_then(|at| zoned(at, tz))
            .as_ref()
            .map(local_minute),
        links_expired: expire_at.is_some_and(|at| at <= now_ms()),
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
            Ok(Some((row, started, tz, carried)))
        })
        .await?;
    let (row, started, tz, carried) = found.ok_or(ApiError::NotFound("meeting"))?;
    Ok(view(app, row, started, &tz, carried))
}

#[derive(Deserialize)]
struct CreateMeeting {
    centre_id: CentreId,
    /// RFC 3339 with an offset (`2026-12-08T13:00:00+02:00`), a wall-clock time in the
    /// centre's zone (`2026-12-08T13:00`), or omitted for "now".
    starts_at: Option<String>,
    duration_min: Option<u32>,
    title: Option<String>,
}

async fn create_meeting(
    _: Coordinator,
    State(app): State<AppState>,
    body: Result<Json<CreateMeeting>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<MeetingView>), ApiError> {
    let Json(body) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
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
    let new = NewMeeting {
        centre: body.centre_id,
        starts_at,
        minutes,
        title,
        series_date: None,
    };
    match create(&app.db, new).await {
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
        .map_or_else(|| crate::seed::HELSINKI.to_owned(), |c| c.time_zone))
}

fn check_minutes(minutes: u32) -> Result<u32, ApiError> {
    if (10..=240).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(ApiError::BadRequest("duration_min must be 10–240".into()))
    }
}

async fn get_meeting(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
) -> Result<Json<MeetingView>, ApiError> {
    Ok(Json(load_view(&app, MeetingId(meeting)).await?))
}

#[derive(Deserialize)]
struct MoveMeeting {
    starts_at: Option<String>,
    duration_min: Option<u32>,
}

/// Moves one meeting (of a series or not) that has not started. Its room records the move,
/// so everyone already in the room sees the new time.
async fn move_meeting(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
    body: Result<Json<MoveMeeting>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<MeetingView>, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let current = load_view(&app, MeetingId(meeting.clone())).await?;
    let starts_at = match body.starts_at.as_deref() {
        Some(s) => parse_instant(s, &current.time_zone)?,
        None => current.starts_at_ms,
    };
    let minutes = match body.duration_min {
        Some(m) => check_minutes(m)?,
        None => ((current.ends_at_ms - current.starts_at_ms) / 60_000) as u32,
    };
    let room = app
        .rooms
        .get(&MeetingId(meeting.clone()))
        .await
        .map_err(ApiError::from)?;
    room.reschedule(starts_at, starts_at + minutes as Millis * 60_000)
        .await
        .map_err(|_| ApiError::Internal("room went away".into()))?
        .map_err(ApiError::from)?;
    Ok(Json(load_view(&app, MeetingId(meeting)).await?))
}

/// Cancels one meeting that has not started; its queued items go to the centre's next one.
async fn cancel_meeting(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
) -> Result<Json<MeetingView>, ApiError> {
    let id = MeetingId(meeting);
    let room = app.rooms.get(&id).await.map_err(ApiError::from)?;
    room.cancel()
        .await
        .map_err(|_| ApiError::Internal("room went away".into()))?
        .map_err(ApiError::from)?;
    Ok(Json(load_view(&app, id).await?))
}

#[derive(Deserialize)]
struct RotateKey {
    /// `chair` or `participant`.
    key: meetings::KeyKind,
}

/// `POST /api/meetings/{meeting}/rotate` `{"key": "chair"|"participant"}`: gives the meeting a
/// new chair or participant key (a leaked link is revoked this way) and answers with the
/// meeting and its new links. The old key stops at once: `hello` with it gets `bad_key`, and
/// every socket that came in with it gets `bad_key` and is closed before this answers.
async fn rotate_key(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
    body: Result<Json<RotateKey>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<MeetingView>, ApiError> {
    let Json(body) = body.map_err(|_| {
        ApiError::BadRequest("send {\"key\": \"chair\"} or {\"key\": \"participant\"}".into())
    })?;
    let id = MeetingId(meeting);
    let lookup = id.clone();
    let row = app
        .db
        .call(move |conn| meetings::rotate_key(conn, &lookup, body.key, &new_key()))
        .await?
        .ok_or(ApiError::NotFound("meeting"))?;
    app.rooms.keys_changed(&row).await;
    tracing::info!(meeting = %id, key = body.key.as_str(), "meeting key rotated");
    Ok(Json(load_view(&app, id).await?))
}
