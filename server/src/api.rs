//! The coordinator's HTTP JSON API. Every route needs `Authorization: Bearer <coordinator
//! token>`; chair and participant keys get 403.
//!
//! - `GET  /api/health` (no token): liveness.
//! - `GET  /api/centres`: centres with their service catalogues.
//! - `GET  /api/centres/{centre}/meetings`: a centre's meetings, with links.
//! - `POST /api/meetings` `{centre_id, starts_at?, duration_min?, title?}`: create a meeting;
//!   answers with its chair and participant links.
//! - `GET  /api/meetings/{meeting}`: one meeting, with links.

use crate::db::meetings::MeetingRow;
use crate::db::{centres, meetings};
use crate::error::ApiError;
use crate::meetings::{create, links, CreateError, NewMeeting, DEFAULT_MINUTES};
use crate::room::now_ms;
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
        .route("/api/centres", get(list_centres))
        .route("/api/centres/{centre}/meetings", get(list_meetings))
        .route("/api/meetings", axum::routing::post(create_meeting))
        .route("/api/meetings/{meeting}", get(get_meeting))
}

/// Proof that the request carries the coordinator token.
pub struct Coordinator;

impl FromRequestParts<AppState> for Coordinator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(axum::http::header::AUTHORIZATION).ok_or(ApiError::Unauthorized)?;
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthorized)?;
        let expected = app.config.coordinator_token.as_bytes();
        let given = token.trim().as_bytes();
        let same = given.len() == expected.len()
            && given.iter().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if same {
            Ok(Coordinator)
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

async fn health(State(app): State<AppState>) -> Json<Value> {
    Json(json!({ "ok": true, "live_rooms": app.rooms.live() }))
}

async fn list_centres(_: Coordinator, State(app): State<AppState>) -> Result<Json<Value>, ApiError> {
    let list = app.db.call(|conn| centres::list(conn)).await?;
    Ok(Json(json!({ "centres": list })))
}

/// A meeting as the coordinator sees it: schedule and both links.
#[derive(Serialize)]
struct MeetingView {
    id: MeetingId,
    centre_id: CentreId,
    title: String,
    starts_at: String,
    ends_at: String,
    starts_at_ms: Millis,
    ends_at_ms: Millis,
    chair_key: String,
    participant_key: String,
    chair_link: String,
    participant_link: String,
}

fn rfc3339(ms: Millis) -> String {
    jiff::Timestamp::from_millisecond(ms).map(|t| t.to_string()).unwrap_or_default()
}

fn view(app: &AppState, row: MeetingRow) -> MeetingView {
    let (chair_link, participant_link) = links(&app.config.public_url, &row);
    MeetingView {
        starts_at: rfc3339(row.starts_at),
        ends_at: rfc3339(row.ends_at),
        starts_at_ms: row.starts_at,
        ends_at_ms: row.ends_at,
        id: row.id,
        centre_id: row.centre_id,
        title: row.title,
        chair_key: row.chair_key,
        participant_key: row.participant_key,
        chair_link,
        participant_link,
    }
}

async fn list_meetings(
    _: Coordinator,
    State(app): State<AppState>,
    Path(centre): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let centre = CentreId(centre);
    let found = centre.clone();
    let (exists, rows) = app
        .db
        .call(move |conn| {
            let exists = centres::get(conn, &found)?.is_some();
            Ok((exists, meetings::list_for_centre(conn, &found, None, None)?))
        })
        .await?;
    if !exists {
        return Err(ApiError::NotFound("centre"));
    }
    let list: Vec<MeetingView> = rows.into_iter().map(|r| view(&app, r)).collect();
    Ok(Json(json!({ "centre_id": centre, "meetings": list })))
}

#[derive(Deserialize)]
struct CreateMeeting {
    centre_id: CentreId,
    /// RFC 3339 with an offset (`2026-12-08T13:00:00+02:00`), or omitted for "now".
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
    let starts_at = match body.starts_at.as_deref() {
        None => {
            let now = now_ms();
            now - now % 60_000
        }
        Some(s) => s
            .parse::<jiff::Timestamp>()
            .map_err(|_| ApiError::BadRequest("starts_at must be RFC 3339 with an offset, e.g. 2026-12-08T13:00:00+02:00".into()))?
            .as_millisecond(),
    };
    let minutes = body.duration_min.unwrap_or(DEFAULT_MINUTES);
    if !(10..=240).contains(&minutes) {
        return Err(ApiError::BadRequest("duration_min must be 10–240".into()));
    }
    let title = body.title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    if title.as_ref().is_some_and(|t| t.chars().count() > 150) {
        return Err(ApiError::BadRequest("title is longer than 150 characters".into()));
    }
    let new = NewMeeting { centre: body.centre_id, starts_at, minutes, title };
    match create(&app.db, new).await {
        Ok(row) => {
            tracing::info!(meeting = %row.id, centre = %row.centre_id, "meeting created");
            Ok((StatusCode::CREATED, Json(view(&app, row))))
        }
        Err(CreateError::UnknownCentre) => Err(ApiError::NotFound("centre")),
        Err(CreateError::Db(e)) => Err(e.into()),
    }
}

async fn get_meeting(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
) -> Result<Json<MeetingView>, ApiError> {
    let id = MeetingId(meeting);
    let row = app.db.call(move |conn| meetings::get(conn, &id)).await?.ok_or(ApiError::NotFound("meeting"))?;
    Ok(Json(view(&app, row)))
}
