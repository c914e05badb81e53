//! The body of every refused HTTP request: `{"error": {"code", "message", "findings"?}}`. The
//! code is stable and what a client switches on; the message is safe, short English for a
//! developer, never storage detail (that goes to the server's log only).

use crate::protocol::FieldFinding;
use serde::{Deserialize, Serialize};

/// What every refusal answers with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The refusal.
    pub error: ErrorView,
}

/// One refusal: its code, a message, and for `identifier_found` which fields held what kind
/// of identifier where (never the text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorView {
    /// What a client switches on.
    pub code: ApiErrorCode,
    /// Short English for a developer: what to fix, never internal detail.
    pub message: String,
    /// For `identifier_found`: each finding's field, kind and character span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<FieldFinding>>,
}

/// The HTTP API's error codes (the WebSocket has its own, [`crate::protocol::ErrorCode`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorCode {
    /// 401: no or malformed `Authorization: Bearer` header.
    Unauthorized,
    /// 403: a token that is not the coordinator's.
    Forbidden,
    /// 404: no such centre, meeting or calendar.
    NotFound,
    /// 400: the request is malformed or a value is out of range.
    BadRequest,
    /// 400: a text field holds a direction-control character.
    InvalidField,
    /// 400: coordinator text the identifier guard refused; nothing was stored.
    IdentifierFound,
    /// 503: the identifier guard could not run, so nothing was checked or stored.
    GuardUnavailable,
    /// 409: the request does not fit the state (moving a meeting that has started).
    WrongState,
    /// 422: an export the identifier guard refused.
    ExportBlocked,
    /// 429: too many guard checks from one address, or the guard's pool is busy.
    RateLimited,
    /// 503: the meeting runs on another server of the cluster; try again (the balancer routes
    /// by meeting id), after the `Retry-After` seconds.
    HeldElsewhere,
    /// 500: the server failed; nothing was changed.
    Internal,
    /// A code this build does not know (a newer server): treated as a failure.
    #[serde(other)]
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard::FindingKind;

    #[test]
    fn the_error_body_reads_as_the_api_writes_it() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"error": {"code": "identifier_found", "message": "nothing was saved",
                "findings": [{"field": "allowlist[1]", "kind": "phone", "start": 15, "end": 27}]}}"#,
        )
        .unwrap();
        assert_eq!(body.error.code, ApiErrorCode::IdentifierFound);
        assert_eq!(
            body.error.findings.as_ref().unwrap()[0].kind,
            FindingKind::Phone
        );
        let plain = ErrorBody {
            error: ErrorView {
                code: ApiErrorCode::WrongState,
                message: "started".into(),
                findings: None,
            },
        };
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            serde_json::json!({"error": {"code": "wrong_state", "message": "started"}})
        );
        let newer: ErrorView =
            serde_json::from_str(r#"{"code": "teapot", "message": ""}"#).unwrap();
        assert_eq!(newer.code, ApiErrorCode::Unknown);
    }
}
