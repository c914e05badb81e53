//! `POST /api/guard/check`: the identifier guard for one text, as the `ppt-hub guard` command
//! answers per line. No token: the browser asks it about names as people type (the patterns
//! it checks itself). Nothing sent here is stored or logged. When the guard cannot run (voikko
//! failed to open on the worker), the answer is 503 `guard_unavailable`, never "no findings".

use crate::db::centres;
use crate::error::ApiError;
use crate::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shared::guard::{Allowlist, Finding};
use shared::ids::CentreId;

/// One text to check, with an optional id echoed back and an optional centre whose allowlist
/// applies.
#[derive(Deserialize)]
pub struct CheckRequest {
    #[serde(default)]
    pub id: Value,
    pub text: String,
    pub centre_id: Option<CentreId>,
}

/// The answer: each finding's kind and span, in Unicode characters.
#[derive(Serialize)]
pub struct CheckAnswer {
    pub id: Value,
    pub spans: Vec<Finding>,
}

pub async fn check(
    State(app): State<AppState>,
    body: Result<Json<CheckRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<CheckAnswer>, ApiError> {
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
    let guard = app.guard.clone();
    let spans =
        tokio::task::spawn_blocking(move || guard.check(&req.text, &Allowlist::new(allow.iter())))
            .await
            .map_err(|e| ApiError::Internal(format!("guard task failed: {e}")))?
            // Fail closed: 503 guard_unavailable, never an answer from a weaker check.
            .map_err(ApiError::from)?;
    Ok(Json(CheckAnswer { id, spans }))
}
