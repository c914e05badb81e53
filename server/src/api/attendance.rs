//! Attendance patterns over HTTP (issue 12): a centre's required services over its last six
//! held meetings ([`crate::reports::attendance`] computes it), for two readers:
//! - `GET /api/centres/{centre}/attendance` with the coordinator token, for the coordinator
//!   page;
//! - `GET /api/meetings/{meeting}/attendance` with the meeting's **chair key** (or its deputy
//!   chair's key) as a Bearer token (`Authorization: Bearer <chair key>`), for the chair's view
//!   before the start. The meeting itself is left out. A participant key or an expired chair key gets 403, no key
//!   401. The answer holds only dates, service names and counts: nothing a participant wrote.

use super::meetings::links_expire_at;
use super::{ApiError, Coordinator};
use crate::db::meetings;
use crate::reports::attendance::of_centre;
use crate::room::{now_ms, same_key};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use shared::api::Attendance;
use shared::ids::{CentreId, MeetingId};

/// `GET /api/centres/{centre}/attendance`: the centre's pattern now.
pub async fn for_centre(
    _: Coordinator,
    State(app): State<AppState>,
    Path(centre): Path<String>,
) -> Result<Json<Attendance>, ApiError> {
    let id = CentreId(centre);
    let pattern = app
        .db
        .call(move |conn| Ok(of_centre(conn, &id, None)))
        .await??;
    Ok(Json(pattern))
}

/// `GET /api/meetings/{meeting}/attendance`: the pattern of the meeting's centre, for its chair.
pub async fn for_chair(
    State(app): State<AppState>,
    Path(meeting): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Attendance>, ApiError> {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or(ApiError::NoChairKey)?
        .to_owned();
    let id = MeetingId(meeting);
    let row = app
        .db
        .call(move |conn| meetings::get(conn, &id))
        .await?
        .ok_or(ApiError::NotFound("meeting"))?;
    // The same rules as the chair key's `hello`: this meeting's current key, not expired. The
    // deputy chair's key opens it too (the deputy may take the chair over).
    let expired = links_expire_at(&app, &row).is_some_and(|at| at <= now_ms());
    let chair = same_key(&key, &row.chair_key) | same_key(&key, &row.deputy_key);
    if !chair || expired {
        return Err(ApiError::NotChair);
    }
    let pattern = app
        .db
        .call(move |conn| Ok(of_centre(conn, &row.centre_id, Some(&row.id))))
        .await??;
    Ok(Json(pattern))
}
