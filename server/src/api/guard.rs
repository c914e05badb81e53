//! `POST /api/guard/check`: the identifier guard for one text, as the `ppt-hub guard` command
//! answers per line. No token: the browser asks it about names as people type (the patterns
//! it checks itself). Nothing sent here is stored or logged. When the guard cannot run (voikko
//! failed to open on the worker), the answer is 503 `guard_unavailable`, never "no findings".
//!
//! Anyone can call it, so it is limited: per address (`governor`'s keyed rate limiter, the
//! crate the room sockets' own rate limit already uses), and its checks run on a small fixed
//! pool ([`crate::limits::Limits::guard_workers`]) so a flood waits its turn instead of taking
//! every core from the meeting rooms. Over either limit: 429 `rate_limited`, with
//! `Retry-After`.

use super::ApiError;
use crate::db::centres;
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::api::{ApiErrorCode, ErrorBody, ErrorView, GuardAnswer, GuardCheck};
use shared::guard::Allowlist;
use std::net::SocketAddr;

/// 429 with a clear JSON error: too many checks from this address, or the pool is busy.
fn too_many(message: String) -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, "1")],
        Json(ErrorBody {
            error: ErrorView {
                code: ApiErrorCode::RateLimited,
                message,
                findings: None,
            },
        }),
    )
        .into_response()
}

/// `POST /api/guard/check`, limited per address and run on the guard's fixed pool.
pub async fn check(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<GuardCheck>, JsonRejection>,
) -> Response {
    let ip = app.gates.client_address(peer, &headers);
    if !app.gates.guard_check_allowed(ip) {
        tracing::debug!("guard check refused: rate of the address");
        let limits = &app.gates.limits;
        return too_many(format!(
            "at most {} checks a second from one address (bursts of {}); try again in a moment",
            limits.guard_checks_per_second, limits.guard_check_burst
        ));
    }
    match run_check(&app, body).await {
        Ok(Some(answer)) => Json(answer).into_response(),
        Ok(None) => {
            tracing::warn!("guard check refused: every guard worker busy");
            too_many("the guard is busy with other checks; try again in a moment".into())
        }
        Err(e) => e.into_response(),
    }
}

/// The check itself; `None` when no guard worker came free in time.
async fn run_check(
    app: &AppState,
    body: Result<Json<GuardCheck>, JsonRejection>,
) -> Result<Option<GuardAnswer>, ApiError> {
    let Json(req) = body.map_err(|_| ApiError::BadRequest("send {\"text\": …} as JSON".into()))?;
    if req.text.len() > shared::protocol::MAX_MESSAGE_BYTES {
        return Err(ApiError::BadRequest("text is longer than 64 KiB".into()));
    }
    let id = req.id.clone();
    let allow = match req.centre_id.clone() {
        Some(id) => app
            .db
            .call(move |conn| centres::get(conn, &id))
            .await?
            .map(|c| c.allowlist)
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let pool = app.gates.guard_pool.clone();
    let wait = app.gates.limits.guard_queue_wait;
    let Ok(Ok(worker)) = tokio::time::timeout(wait, pool.acquire_owned()).await else {
        return Ok(None);
    };
    let guard = app.guard.clone();
    let spans = tokio::task::spawn_blocking(move || {
        let _worker = worker;
        guard.check(&req.text, &Allowlist::new(allow.iter()))
    })
    .await
    .map_err(|e| ApiError::Internal(format!("guard task failed: {e}")))?
    // Fail closed: 503 guard_unavailable, never an answer from a weaker check.
    .map_err(ApiError::from)?;
    Ok(Some(GuardAnswer { id, spans }))
}
