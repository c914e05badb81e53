//! The server's `error` message, read loosely so that codes this build does not know yet (such
//! as `identifier_found`, with its `findings`) still reach the UI.

use serde::Deserialize;

/// A refusal or failure as the server sent it: the forms show it in words by its `code`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ServerError {
    /// The request it answers (none for errors about the connection itself).
    #[serde(default)]
    pub req: Option<u64>,
    /// What went wrong, as a stable code (`not_chair`, `identifier_found`, …).
    pub code: String,
    /// A developer's explanation, in English; the UI says its own words for the code.
    #[serde(default)]
    pub message: String,
    /// With `identifier_found`: what was found where, to mark in the form.
    #[serde(default)]
    pub findings: Vec<ServerFinding>,
}

/// One identifier the server found: kind, char range, and the field it was in.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ServerFinding {
    /// What it looks like (`hetu`, `name`, …).
    pub kind: String,
    /// First char of the finding in the field.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// The field it is in (`title`, `summary`, …; empty from older servers, meaning the summary).
    #[serde(default)]
    pub field: String,
}

/// Codes after which the connection is closed and retrying the same link cannot help.
pub fn is_fatal(code: &str) -> bool {
    matches!(code, "unknown_meeting" | "bad_key" | "unsupported_version")
}
