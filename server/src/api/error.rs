//! The API's one error type. Each refusal has a stable code and safe text for the client
//! ([`shared::api::ErrorBody`]); what went wrong inside (a storage failure, a task that died)
//! is written to the log and never sent — the shape of axum's `error-handling` example.

use crate::db::DbError;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::api::{ApiErrorCode, ErrorBody, ErrorView};
use shared::protocol::FieldFinding;

/// Why a request was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No or malformed `Authorization: Bearer` header.
    #[error("no coordinator token")]
    Unauthorized,
    /// A token that is not the coordinator's (a chair or participant key, say).
    #[error("not the coordinator token")]
    Forbidden,
    /// No `Authorization: Bearer` header where a meeting's chair key is needed.
    #[error("send the meeting's chair key as a Bearer token")]
    NoChairKey,
    /// A key that is not the meeting's chair key (a participant key, say) or has expired.
    #[error("this needs the meeting's chair key")]
    NotChair,
    /// No such centre, meeting or calendar.
    #[error("no such {0}")]
    NotFound(&'static str),
    /// A malformed body or a value out of range; the text says which, for the client.
    #[error("{0}")]
    BadRequest(String),
    /// The request does not fit the state (moving a meeting that has started).
    #[error("{0}")]
    Conflict(String),
    /// A text field the API refuses as such (a direction-control character in it); code
    /// `invalid_field`, as on the WebSocket.
    #[error("{0}")]
    InvalidField(String),
    /// Coordinator text the identifier guard refused: nothing was stored. The findings are
    /// kinds and character spans per field, never the text.
    #[error("{message}")]
    IdentifierFound {
        /// What to do about it, without the text.
        message: String,
        /// Each finding's field, kind and character span.
        findings: Vec<FieldFinding>,
    },
    /// The identifier guard could not run, so the text was not checked (or the export not
    /// made): nothing was stored or sent. 503, code `guard_unavailable`.
    #[error("the identifier guard is unavailable")]
    GuardUnavailable,
    /// An export the identifier guard refused (which should never happen).
    #[error("{0}")]
    Blocked(String),
    /// The meeting runs on another node of the cluster: 503 with `Retry-After`, code
    /// `held_elsewhere`.
    #[error("the meeting runs on another server now; try again in a moment")]
    HeldElsewhere,
    /// Storage failed; logged, not sent.
    #[error("storage: {0}")]
    Db(#[from] DbError),
    /// Another internal failure (a room that went away, a task that died); logged, not sent.
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    /// The HTTP status and the code the client switches on.
    pub fn status(&self) -> (StatusCode, ApiErrorCode) {
        match self {
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, ApiErrorCode::Unauthorized),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, ApiErrorCode::Forbidden),
            ApiError::NoChairKey => (StatusCode::UNAUTHORIZED, ApiErrorCode::Unauthorized),
            ApiError::NotChair => (StatusCode::FORBIDDEN, ApiErrorCode::Forbidden),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, ApiErrorCode::NotFound),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, ApiErrorCode::BadRequest),
            ApiError::InvalidField(_) => (StatusCode::BAD_REQUEST, ApiErrorCode::InvalidField),
            ApiError::IdentifierFound { .. } => {
                (StatusCode::BAD_REQUEST, ApiErrorCode::IdentifierFound)
            }
            ApiError::GuardUnavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                ApiErrorCode::GuardUnavailable,
            ),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, ApiErrorCode::WrongState),
            ApiError::Blocked(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ApiErrorCode::ExportBlocked,
            ),
            ApiError::HeldElsewhere => {
                (StatusCode::SERVICE_UNAVAILABLE, ApiErrorCode::HeldElsewhere)
            }
            ApiError::Db(_) | ApiError::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, ApiErrorCode::Internal)
            }
        }
    }

    /// The text the client gets: the refusal's own for what the client can fix, a fixed
    /// sentence for what failed inside.
    fn public_message(&self) -> String {
        match self {
            ApiError::Unauthorized => "send the coordinator token as a Bearer token".into(),
            ApiError::Forbidden => "this needs the coordinator token".into(),
            ApiError::GuardUnavailable => {
                "the identifier guard is not available right now, so nothing was checked and \
                 nothing was saved or sent. Try again in a moment"
                    .into()
            }
            ApiError::Db(_) | ApiError::Internal(_) => {
                "the server failed; nothing was changed".into()
            }
            other => other.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status();
        match &self {
            ApiError::GuardUnavailable => {
                tracing::error!("identifier guard unavailable: request refused")
            }
            ApiError::Db(_) | ApiError::Internal(_) => {
                tracing::error!(error = %self, "internal error")
            }
            _ => {}
        }
        let message = self.public_message();
        let retry = matches!(self, ApiError::HeldElsewhere);
        let findings = match self {
            ApiError::IdentifierFound { findings, .. } => Some(findings),
            _ => None,
        };
        let body = ErrorBody {
            error: ErrorView {
                code,
                message,
                findings,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if retry {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("1"),
            );
        }
        response
    }
}

/// A body that is not the JSON a route takes: 400 with serde's account of what is wrong.
impl From<JsonRejection> for ApiError {
    fn from(e: JsonRejection) -> Self {
        ApiError::BadRequest(e.body_text())
    }
}

impl From<shared::room::Refusal> for ApiError {
    fn from(r: shared::room::Refusal) -> Self {
        use shared::protocol::ErrorCode;
        match r.code {
            ErrorCode::UnknownMeeting => ApiError::NotFound("meeting"),
            ErrorCode::WrongState => ApiError::Conflict(r.message),
            ErrorCode::Internal => ApiError::Internal(r.message),
            ErrorCode::InvalidField => ApiError::InvalidField(r.message),
            ErrorCode::GuardUnavailable => ApiError::GuardUnavailable,
            ErrorCode::HeldElsewhere => ApiError::HeldElsewhere,
            ErrorCode::IdentifierFound => ApiError::IdentifierFound {
                message: r.message,
                findings: r.findings,
            },
            _ => ApiError::BadRequest(r.message),
        }
    }
}

/// A room's answer: its refusal as above; a room that stopped before answering is a 500.
impl From<crate::room::RoomError> for ApiError {
    fn from(e: crate::room::RoomError) -> Self {
        match e {
            crate::room::RoomError::Refused(r) => ApiError::from(r),
            crate::room::RoomError::Gone => ApiError::Internal("room went away".into()),
        }
    }
}

impl From<crate::guard::GuardUnavailable> for ApiError {
    fn from(_: crate::guard::GuardUnavailable) -> Self {
        ApiError::GuardUnavailable
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use shared::guard::FindingKind;

    async fn answer(e: ApiError) -> (u16, serde_json::Value) {
        let resp = e.into_response();
        let status = resp.status().as_u16();
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, serde_json::from_slice(&body).unwrap())
    }

    #[tokio::test]
    async fn guard_refusals_have_their_own_codes() {
        let (status, body) = answer(ApiError::IdentifierFound {
            message: "nothing was saved".into(),
            findings: vec![FieldFinding {
                field: "allowlist[1]".into(),
                kind: FindingKind::Phone,
                start: 15,
                end: 27,
            }],
        })
        .await;
        assert_eq!(status, 400);
        assert_eq!(
            body,
            json!({"error": {"code": "identifier_found", "message": "nothing was saved",
                "findings": [{"field": "allowlist[1]", "kind": "phone", "start": 15, "end": 27}]}})
        );
        let (status, body) = answer(ApiError::GuardUnavailable).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (503, Some("guard_unavailable"))
        );
        let (status, body) = answer(crate::guard::GuardUnavailable.into()).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (503, Some("guard_unavailable"))
        );
        let (status, body) = answer(ApiError::InvalidField("name contains…".into())).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (400, Some("invalid_field"))
        );
        assert!(body["error"].get("findings").is_none());
        let (_, body) = answer(ApiError::from(
            crate::reports::ExportError::GuardUnavailable,
        ))
        .await;
        assert_eq!(
            body["error"]["code"], "guard_unavailable",
            "an export is refused, not made"
        );
    }

    #[tokio::test]
    async fn what_failed_inside_stays_in_the_log() {
        let (status, body) = answer(ApiError::Internal("disk /var/db full".into())).await;
        assert_eq!(status, 500);
        assert_eq!(
            body,
            json!({"error": {"code": "internal", "message": "the server failed; nothing was changed"}})
        );
        let (status, body) = answer(ApiError::NotFound("centre")).await;
        assert_eq!(
            (status, body["error"]["message"].as_str()),
            (404, Some("no such centre"))
        );
        let (status, body) = answer(ApiError::Forbidden).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (403, Some("forbidden"))
        );
    }
}
