//! The server's `error` message, read loosely so that codes this build does not know yet (such
//! as `identifier_found`, with its `findings`) still reach the UI.

use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ServerError {
    #[serde(default)]
    pub req: Option<u64>,
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub findings: Vec<ServerFinding>,
}

/// One identifier the server found: kind, char range, and the field it was in.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ServerFinding {
    pub kind: String,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub field: String,
}

/// Codes after which the connection is closed and retrying the same link cannot help.
pub fn is_fatal(code: &str) -> bool {
    matches!(code, "unknown_meeting" | "bad_key" | "unsupported_version")
}
