//! Quick consultation rooms (issue 13, "pikakonsultaatio"): an ad hoc room for one question,
//! opened between the monthly meetings by a professional who holds a link of one of the
//! centre's monthly meetings, or by the coordinator.
//!
//! - `POST /api/quick/catalogue` `{key}` → [`QuickCatalogue`]: the centre and its services,
//!   for the opener's form.
//! - `POST /api/quick` [`NewQuickRoom`] with `key` → 201 [`QuickRoom`].
//! - `POST /api/centres/{centre}/quick` [`NewQuickRoom`] (coordinator token; no key) → 201
//!   [`QuickRoom`].
//!
//! A room starts now and lasts the chosen 15–30 minutes; its catalogue is the centre's, with
//! exactly the invited services required (so the room shows which of them are there and
//! which are missing); its title is the topic, checked by the identifier guard with the
//! centre's allowlist like every text (a refused topic is never stored, logged or echoed:
//! 400 `identifier_found` with the finding's field `topic`, kind and span). The opener gets
//! the chair link to run it and the participant link to pass on.
//!
//! The key routes need no token, so they are limited like `/api/guard/check`: the same
//! per-address rate (each request counts as one check) and the guard's fixed pool. A key
//! must be a chair, deputy chair or participant key of one of the centre's **monthly**
//! meetings whose links still work (not cancelled, not expired); an unknown, expired or
//! quick room's key is 403 `forbidden`. Per centre at most [`MAX_OPEN_QUICK_ROOMS`] rooms are
//! open at once and [`MAX_QUICK_ROOMS_PER_DAY`] opened in 24 hours, for the coordinator too:
//! over either, 429 `rate_limited` with `Retry-After`. Every refusal creates nothing.

use super::{texts, ApiError, Coordinator};
use crate::db::centres::{self, Centre};
use crate::db::meetings;
use crate::planning::{links, row_and_info, NewMeeting};
use crate::room::now_ms;
use crate::time::{local_minute, zoned};
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::api::quick::{
    NewQuickRoom, QuickCatalogue, QuickKey, QuickRoom, MAX_KEY_CHARS, MAX_OPEN_QUICK_ROOMS,
    MAX_QUICK_ROOMS_PER_DAY,
};
use shared::api::{ApiErrorCode, ErrorBody, ErrorView};
use shared::domain::MeetingKind;
use shared::ids::CentreId;
use std::net::SocketAddr;

/// Why a quick room was not opened (or its catalogue not given): the API's own refusals, a
/// key that does not open quick rooms, or a limit reached. Nothing was created.
#[derive(Debug)]
pub enum Refusal {
    /// Any refusal the API answers the same way everywhere.
    Api(ApiError),
    /// The key is unknown, expired, cancelled, or a quick room's own (403 `forbidden`).
    Key,
    /// Over a limit (429 `rate_limited`): what the limit is, and when to try again (s).
    Limit { message: String, retry_after: u32 },
}

impl From<ApiError> for Refusal {
    fn from(e: ApiError) -> Refusal {
        Refusal::Api(e)
    }
}

impl From<crate::db::DbError> for Refusal {
    fn from(e: crate::db::DbError) -> Refusal {
        Refusal::Api(e.into())
    }
}

impl From<JsonRejection> for Refusal {
    fn from(e: JsonRejection) -> Refusal {
        Refusal::Api(e.into())
    }
}

/// A refusal as JSON with its status, in the API's one error shape.
fn refused(status: StatusCode, code: ApiErrorCode, message: String) -> Response {
    let body = ErrorBody {
        error: ErrorView {
            code,
            message,
            findings: None,
        },
    };
    (status, Json(body)).into_response()
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Api(e) => e.into_response(),
            Refusal::Key => refused(
                StatusCode::FORBIDDEN,
                ApiErrorCode::Forbidden,
                "this link does not open quick consultations: use a link of one of the \
                 centre's monthly meetings that still works"
                    .into(),
            ),
            Refusal::Limit {
                message,
                retry_after,
            } => {
                let mut resp = refused(
                    StatusCode::TOO_MANY_REQUESTS,
                    ApiErrorCode::RateLimited,
                    message,
                );
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, retry_after.into());
                resp
            }
        }
    }
}

/// The per-address rate of the key routes: the one `/api/guard/check` has (each request
/// counts as one check); the machine itself is not limited.
fn within_rate(app: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Result<(), Refusal> {
    let ip = app.gates.client_address(peer, headers);
    if app.gates.guard_check_allowed(ip) {
        return Ok(());
    }
    let l = &app.gates.limits;
    Err(Refusal::Limit {
        message: format!(
            "at most {} requests a second from one address (bursts of {}); try again in a moment",
            l.guard_checks_per_second, l.guard_check_burst
        ),
        retry_after: 1,
    })
}

/// The centre whose monthly meeting's link `key` is, if that link still works.
async fn centre_of_key(app: &AppState, key: &str) -> Result<Centre, Refusal> {
    let key = key.trim();
    if key.is_empty() || key.chars().count() > MAX_KEY_CHARS {
        return Err(Refusal::Key);
    }
    let lookup = key.to_owned();
    let found = app
        .db
        .call(move |conn| {
            let Some(row) = meetings::by_key(conn, &lookup)? else {
                return Ok(None);
            };
            Ok(centres::get(conn, &row.centre_id)?.map(|c| (row, c)))
        })
        .await?;
    let Some((row, centre)) = found else {
        return Err(Refusal::Key);
    };
    let expired = super::meetings::links_expire_at(app, &row).is_some_and(|at| at <= now_ms());
    if row.kind != MeetingKind::Monthly || row.cancelled_at.is_some() || expired {
        return Err(Refusal::Key);
    }
    Ok(centre)
}

/// `POST /api/quick/catalogue` `{key}`: the centre and its services, for the opener's form.
pub async fn catalogue(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<QuickKey>, JsonRejection>,
) -> Result<Json<QuickCatalogue>, Refusal> {
    within_rate(&app, peer, &headers)?;
    let Json(body) = body?;
    let centre = centre_of_key(&app, &body.key).await?;
    Ok(Json(QuickCatalogue {
        centre_id: centre.id,
        centre_name: centre.name,
        services: centre.services,
    }))
}

/// `POST /api/quick`: a professional with a monthly meeting's link opens a quick room.
pub async fn open_with_key(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<NewQuickRoom>, JsonRejection>,
) -> Result<(StatusCode, Json<QuickRoom>), Refusal> {
    within_rate(&app, peer, &headers)?;
    let Json(body) = body?;
    let centre = centre_of_key(&app, body.key.as_deref().unwrap_or_default()).await?;
    open(&app, centre, body).await
}

/// `POST /api/centres/{centre}/quick`: the coordinator opens a quick room of a centre.
pub async fn open_by_coordinator(
    _: Coordinator,
    State(app): State<AppState>,
    Path(centre): Path<String>,
    body: Result<Json<NewQuickRoom>, JsonRejection>,
) -> Result<(StatusCode, Json<QuickRoom>), Refusal> {
    let Json(body) = body?;
    let id = CentreId(centre);
    let centre = app
        .db
        .call(move |conn| centres::get(conn, &id))
        .await?
        .ok_or(ApiError::NotFound("centre"))?;
    open(&app, centre, body).await
}

/// Checks the request (shape, then the guard on the topic) and creates the room, within the
/// centre's limits counted in the same step that stores it.
async fn open(
    app: &AppState,
    centre: Centre,
    body: NewQuickRoom,
) -> Result<(StatusCode, Json<QuickRoom>), Refusal> {
    let topic = body
        .check(&centre.services)
        .map_err(|problem| ApiError::BadRequest(problem.to_string()))?;
    screen_topic(app, &topic, &centre.allowlist).await?;
    let (invited, minutes) = (body.invited, body.minutes);
    let time_zone = centre.time_zone.clone();
    let created = app
        .db
        .call(move |conn| {
            let now = now_ms();
            let (open, today) = meetings::quick_counts(conn, &centre.id, now)?;
            if open >= MAX_OPEN_QUICK_ROOMS {
                return Ok(Err(Refusal::Limit {
                    message: format!(
                        "at most {MAX_OPEN_QUICK_ROOMS} quick consultations of a centre can be \
                         open at once; try again when one has ended"
                    ),
                    retry_after: 60,
                }));
            }
            if today >= MAX_QUICK_ROOMS_PER_DAY {
                return Ok(Err(Refusal::Limit {
                    message: format!(
                        "at most {MAX_QUICK_ROOMS_PER_DAY} quick consultations of a centre can \
                         be opened in 24 hours; try again later"
                    ),
                    retry_after: 3600,
                }));
            }
            let new = NewMeeting {
                centre: centre.id.clone(),
                starts_at: now - now % 60_000,
                minutes,
                title: Some(topic),
                series_date: None,
            };
            let (row, mut info) = row_and_info(&centre, new, MeetingKind::Quick);
            // The invited services are the room's required ones: the room shows who of them
            // is there. The others stay in its catalogue, so anyone can still join for one.
            for s in &mut info.services {
                s.required = invited.contains(&s.id);
            }
            meetings::create(conn, &row, &info, now)?;
            Ok(Ok(row))
        })
        .await??;
    let (chair_link, participant_link) = links(&app.config.public_url, &created);
    tracing::info!(meeting = %created.id, centre = %created.centre_id, minutes, "quick consultation opened");
    Ok((
        StatusCode::CREATED,
        Json(QuickRoom {
            meeting_id: created.id,
            title: created.title,
            starts_at: created.starts_at,
            ends_at: created.ends_at,
            ends_local: zoned(created.ends_at, &time_zone)
                .as_ref()
                .map(local_minute)
                .unwrap_or_default(),
            time_zone,
            chair_key: created.chair_key,
            participant_key: created.participant_key,
            chair_link,
            participant_link,
        }),
    ))
}

/// The identifier guard on the topic with the centre's allowlist, on the guard's fixed pool
/// (a flood waits its turn there instead of taking the rooms' cores). A finding refuses the
/// request (`identifier_found`, field `topic`); a guard that cannot run refuses it too.
async fn screen_topic(app: &AppState, topic: &str, allowlist: &[String]) -> Result<(), Refusal> {
    let pool = app.gates.guard_pool.clone();
    let wait = app.gates.limits.guard_queue_wait;
    let Ok(Ok(worker)) = tokio::time::timeout(wait, pool.acquire_owned()).await else {
        tracing::warn!("quick consultation refused: every guard worker busy");
        return Err(Refusal::Limit {
            message: "the guard is busy with other checks; try again in a moment".into(),
            retry_after: 1,
        });
    };
    let (guard, fields, allow) = (
        app.guard.clone(),
        vec![("topic".to_owned(), topic.to_owned())],
        allowlist.to_vec(),
    );
    texts::blocking(move || {
        let _worker = worker;
        texts::check_fields(&guard, &fields, &allow)
    })
    .await?;
    Ok(())
}
