//! One error type for the HTTP API: a stable code and safe text for the client, detail for the
//! log only.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An API failure.
#[derive(Debug)]
pub enum ApiError {
    /// No or malformed `Authorization: Bearer` header.
    Unauthorized,
    /// A token that is not the coordinator's (a chair or participant key, say).
    Forbidden,
    NotFound(&'static str),
    BadRequest(String),
    /// The request does not fit the state (moving a meeting that has started).
    Conflict(String),
    /// An export the identifier guard refused (which should never happen).
    Blocked(String),
    /// Storage or another internal failure; the detail is logged, not sent.
    Internal(String),
}

impl From<crate::db::DbError> for ApiError {
    fn from(e: crate::db::DbError) -> Self {
        ApiError::Internal(e.0)
    }
}

impl From<shared::room::Refusal> for ApiError {
    fn from(r: shared::room::Refusal) -> Self {
        use shared::protocol::ErrorCode;
        match r.code {
            ErrorCode::UnknownMeeting => ApiError::NotFound("meeting"),
            ErrorCode::WrongState => ApiError::Conflict(r.message),
            ErrorCode::Internal => ApiError::Internal(r.message),
            _ => ApiError::BadRequest(r.message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = match self {
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "send the coordinator token as a Bearer token".to_owned(),
            ),
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "this needs the coordinator token".to_owned(),
            ),
            ApiError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                "not_found",
                format!("no such {what}"),
            ),
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m),
            ApiError::Conflict(m) => (StatusCode::CONFLICT, "wrong_state", m),
            ApiError::Blocked(m) => (StatusCode::UNPROCESSABLE_ENTITY, "export_blocked", m),
            ApiError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the server failed; nothing was changed".to_owned(),
                )
            }
        };
        (
            status,
            Json(json!({ "error": { "code": code, "message": message } })),
        )
            .into_response()
    }
}
