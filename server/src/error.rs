//! One error type for the HTTP API: a stable code and safe text for the client, detail for the
//! log only.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use shared::protocol::FieldFinding;

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
    /// A text field the API refuses as such (a direction-control character in it); code
    /// `invalid_field`, as on the WebSocket.
    InvalidField(String),
    /// Coordinator text the identifier guard refused: nothing was stored. The findings are
    /// kinds and character spans per field, never the text.
    IdentifierFound {
        message: String,
        findings: Vec<FieldFinding>,
    },
    /// The identifier guard could not run, so the text was not checked (or the export not
    /// made): nothing was stored or sent. 503, code `guard_unavailable`.
    GuardUnavailable,
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
            ErrorCode::InvalidField => ApiError::InvalidField(r.message),
            ErrorCode::GuardUnavailable => ApiError::GuardUnavailable,
            ErrorCode::IdentifierFound => ApiError::IdentifierFound {
                message: r.message,
                findings: r.findings,
            },
            _ => ApiError::BadRequest(r.message),
        }
    }
}

impl From<crate::guard::GuardUnavailable> for ApiError {
    fn from(_: crate::guard::GuardUnavailable) -> Self {
        ApiError::GuardUnavailable
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut findings = None;
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
            ApiError::InvalidField(m) => (StatusCode::BAD_REQUEST, "invalid_field", m),
            ApiError::IdentifierFound {
                message,
                findings: found,
            } => {
                findings = Some(found);
                (StatusCode::BAD_REQUEST, "identifier_found", message)
            }
            ApiError::GuardUnavailable => {
                tracing::error!("identifier guard unavailable: request refused");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "guard_unavailable",
                    "the identifier guard is not available right now, so nothing was checked \
                     and nothing was saved or sent. Try again in a moment"
                        .to_owned(),
                )
            }
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
        let mut error = json!({ "code": code, "message": message });
        if let Some(f) = findings {
            error["findings"] = json!(f);
        }
        (status, Json(json!({ "error": error }))).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
