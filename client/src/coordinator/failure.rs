//! Why a call to the API failed, and what the page says about it. Pure, so the host tests the
//! wording; [`super::api`] makes these from the HTTP answer.

use crate::i18n::Texts;
use shared::api::ApiErrorCode;

/// A failed call: the HTTP status (0 when there was no answer at all) and the server's error,
/// when it sent one ([`shared::api::ErrorBody`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The HTTP status; 0 for no answer.
    pub status: u16,
    /// The server's error code, when it sent one.
    pub code: Option<ApiErrorCode>,
    /// The server's message (shown for a 400 the page has no words of its own for).
    pub message: String,
}

impl Failure {
    /// No answer (the network, or the browser refused the request).
    pub fn no_answer() -> Failure {
        Failure {
            status: 0,
            code: None,
            message: String::new(),
        }
    }
}

/// A message for a failed call: ours for the codes we know, the server's own words for
/// another 400.
pub fn failure_text(t: &'static Texts, f: &Failure) -> String {
    match (f.code, f.status) {
        (Some(ApiErrorCode::IdentifierFound), _) => t.coord_identifier_found.to_owned(),
        (Some(ApiErrorCode::GuardUnavailable), _) => t.coord_guard_unavailable.to_owned(),
        (Some(ApiErrorCode::InvalidField), _) => t.err_invalid_field.to_owned(),
        (_, 400) if !f.message.is_empty() => format!("{} {}", t.err_rejected, f.message),
        (_, 401 | 403) => t.coord_bad_token.to_owned(),
        (_, 409) => t.err_started.to_owned(),
        (_, 422) => t.err_blocked.to_owned(),
        _ => t.coord_error.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::FI;

    fn failed(status: u16, code: Option<ApiErrorCode>, message: &str) -> Failure {
        Failure {
            status,
            code,
            message: message.into(),
        }
    }

    #[test]
    fn failures_are_said_in_the_pages_language() {
        let refused = failed(400, Some(ApiErrorCode::IdentifierFound), "nothing saved");
        assert!(failure_text(&FI, &refused).starts_with("Tunnistesuoja löysi"));
        assert_eq!(
            failure_text(
                &FI,
                &failed(400, Some(ApiErrorCode::BadRequest), "bad week")
            ),
            format!("{} bad week", FI.err_rejected)
        );
        assert_eq!(
            failure_text(&FI, &failed(403, Some(ApiErrorCode::Forbidden), "x")),
            FI.coord_bad_token
        );
        assert_eq!(
            failure_text(&FI, &failed(409, Some(ApiErrorCode::WrongState), "x")),
            FI.err_started
        );
        assert_eq!(failure_text(&FI, &Failure::no_answer()), FI.coord_error);
    }
}
