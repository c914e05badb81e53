//! Structured anonymous feedback over HTTP (issue 13), for the form a person opens from their
//! meeting link once the meeting has ended (`/feedback/{meeting}#key=…`):
//! - `POST /api/meetings/{meeting}/feedback/status` [`FeedbackProof`] → [`FeedbackStatus`]:
//!   the meeting's title, whether it has ended, whether this person has answered;
//! - `POST /api/meetings/{meeting}/feedback` [`FeedbackAnswer`] → [`FeedbackStatus`]: one
//!   answer.
//!
//! Who may answer: someone holding one of the meeting's link keys (participant, deputy chair or
//! chair; not expired, not rotated away) and the secret their `joined` gave in that meeting —
//! the server derives their participant id from it ([`participant_id`]) and finds it among the
//! people who joined (the meeting's event log, the record the room replays). Neither the key
//! nor the secret nor the id is stored with the answer ([`crate::db::feedback`]).
//!
//! The rules, each with its own clear refusal and nothing stored when refused:
//! - a key that is not the meeting's, or has expired: 403 `forbidden`; a person who did not
//!   join the meeting: 403 `forbidden`;
//! - an answer before the meeting has ended (or to a cancelled one): 409 `wrong_state`;
//! - a second answer of the same person: 409 `wrong_state`;
//! - a score outside 1–5, an answer with neither a score nor a comment, a comment longer than
//!   [`MAX_FEEDBACK_COMMENT_CHARS`]: 400 `bad_request`; a direction-control character:
//!   400 `invalid_field`;
//! - a comment the identifier guard finds identifiers in (with the centre's allowlist, as the
//!   meeting's own texts): 400 `identifier_found` with each finding's field (`comment`), kind
//!   and span, never the text; the text is not stored or logged. A guard that cannot run:
//!   503 `guard_unavailable` (fail closed).
//! - a comment after the meeting's texts were removed at the end of the retention period:
//!   409 `wrong_state` (it would outlive the meeting's other texts).

use super::texts::{blocking, no_direction_controls};
use super::ApiError;
use crate::db::feedback::{self, Given};
use crate::db::{centres, meetings};
use crate::room::{now_ms, participant_id, same_key};
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::api::feedback::{
    FeedbackAnswer, FeedbackProof, FeedbackStatus, MAX_FEEDBACK_COMMENT_CHARS,
};
use shared::api::{ApiErrorCode, ErrorBody, ErrorView};
use shared::guard::Allowlist;
use shared::ids::{MeetingId, ParticipantId};
use shared::protocol::FieldFinding;

/// Why a feedback request was refused: the API's own errors, or a link or person this meeting's
/// form is not for (403 with its own sentence).
pub enum FeedbackError {
    /// Any refusal the rest of the API also gives.
    Api(ApiError),
    /// 403 `forbidden` with what is wrong.
    NotAllowed(&'static str),
}

impl From<ApiError> for FeedbackError {
    fn from(e: ApiError) -> Self {
        FeedbackError::Api(e)
    }
}

impl From<crate::db::DbError> for FeedbackError {
    fn from(e: crate::db::DbError) -> Self {
        FeedbackError::Api(e.into())
    }
}

impl IntoResponse for FeedbackError {
    fn into_response(self) -> Response {
        match self {
            FeedbackError::Api(e) => e.into_response(),
            FeedbackError::NotAllowed(message) => (
                StatusCode::FORBIDDEN,
                Json(ErrorBody {
                    error: ErrorView {
                        code: ApiErrorCode::Forbidden,
                        message: message.into(),
                        findings: None,
                    },
                }),
            )
                .into_response(),
        }
    }
}

/// The longest key or secret taken (the server's are 32 characters or fewer).
const MAX_PROOF_CHARS: usize = 128;

/// The meeting and the person a proof names, checked: the meeting exists, the key is one of
/// its current link keys and has not expired, and the secret's participant joined it.
struct Checked {
    row: meetings::MeetingRow,
    centre_name: String,
    allowlist: Vec<String>,
    participant: ParticipantId,
    ended: bool,
}

async fn check_proof(
    app: &AppState,
    meeting: String,
    proof: &FeedbackProof,
) -> Result<Checked, FeedbackError> {
    if proof.key.len() > MAX_PROOF_CHARS || proof.secret.len() > MAX_PROOF_CHARS {
        return Err(ApiError::BadRequest("the key or the secret is too long".into()).into());
    }
    let id = MeetingId(meeting);
    let participant = participant_id(&id, &proof.secret);
    let (pid, key) = (participant.clone(), proof.key.clone());
    let lifetime = i64::try_from(app.config.rooms.link_lifetime.as_millis()).unwrap_or(i64::MAX);
    let found = app
        .db
        .call(move |conn| {
            let Some(row) = meetings::get(conn, &id)? else {
                return Ok(Err(FeedbackError::Api(ApiError::NotFound("meeting"))));
            };
            let link = same_key(&key, &row.participant_key)
                | same_key(&key, &row.deputy_key)
                | same_key(&key, &row.chair_key);
            let expired = row
                .ended_at
                .or(row.cancelled_at)
                .is_some_and(|end| end.saturating_add(lifetime) <= now_ms());
            if !link || expired {
                return Ok(Err(FeedbackError::NotAllowed(
                    "this link does not open the meeting's feedback: it is not the meeting's \
                     link, it was replaced, or it has expired",
                )));
            }
            if !feedback::has_joined(conn, &row.id, &pid)? {
                return Ok(Err(FeedbackError::NotAllowed(
                    "only people who took part in the meeting can give feedback, from the \
                     browser they took part with",
                )));
            }
            let centre = centres::get(conn, &row.centre_id)?;
            Ok(Ok((row, centre)))
        })
        .await??;
    let (row, centre) = found;
    let (centre_name, allowlist) = centre.map(|c| (c.name, c.allowlist)).unwrap_or_default();
    Ok(Checked {
        ended: row.ended_at.is_some() && row.cancelled_at.is_none(),
        row,
        centre_name,
        allowlist,
        participant,
    })
}

/// The status the page shows, read after `c` was checked.
async fn status_of(app: &AppState, c: Checked) -> Result<FeedbackStatus, FeedbackError> {
    let (id, pid) = (c.row.id.clone(), c.participant.clone());
    let (given, answers) = app
        .db
        .call(move |conn| feedback::given(conn, &id, &pid))
        .await?;
    Ok(FeedbackStatus {
        meeting_id: c.row.id,
        title: c.row.title,
        centre_name: c.centre_name,
        starts_at: c.row.starts_at,
        ended: c.ended,
        given,
        answers,
    })
}

/// `POST /api/meetings/{meeting}/feedback/status`
pub async fn status(
    State(app): State<AppState>,
    Path(meeting): Path<String>,
    body: Result<Json<FeedbackProof>, JsonRejection>,
) -> Result<Json<FeedbackStatus>, FeedbackError> {
    let Json(proof) = body.map_err(ApiError::from)?;
    let c = check_proof(&app, meeting, &proof).await?;
    Ok(Json(status_of(&app, c).await?))
}

/// The answer's own shape: scores 1–5, something given, the comment's length and characters.
/// Returns the comment trimmed, `None` when empty.
pub fn validate(answer: &FeedbackAnswer) -> Result<Option<String>, ApiError> {
    if let Some((q, s)) = answer.scores.iter().find(|(_, s)| !(1..=5).contains(*s)) {
        return Err(ApiError::BadRequest(format!(
            "scores are 1 to 5; {} was {s}",
            q.as_str()
        )));
    }
    let comment = answer
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(c) = comment {
        let n = c.chars().count();
        if n > MAX_FEEDBACK_COMMENT_CHARS {
            return Err(ApiError::BadRequest(format!(
                "the comment is {n} characters; at most {MAX_FEEDBACK_COMMENT_CHARS} are taken"
            )));
        }
        no_direction_controls("comment", c)?;
    }
    if answer.scores.is_empty() && comment.is_none() {
        return Err(ApiError::BadRequest(
            "the answer is empty: give at least one score or a comment".into(),
        ));
    }
    Ok(comment.map(str::to_owned))
}

/// `POST /api/meetings/{meeting}/feedback`
pub async fn give(
    State(app): State<AppState>,
    Path(meeting): Path<String>,
    body: Result<Json<FeedbackAnswer>, JsonRejection>,
) -> Result<Json<FeedbackStatus>, FeedbackError> {
    let Json(answer) = body.map_err(ApiError::from)?;
    let comment = validate(&answer)?;
    let c = check_proof(&app, meeting, &answer.proof).await?;
    if !c.ended {
        return Err(ApiError::Conflict(
            "the feedback form opens when the meeting has ended".into(),
        )
        .into());
    }
    let (id, pid) = (c.row.id.clone(), c.participant.clone());
    let (given, _) = app
        .db
        .call(move |conn| feedback::given(conn, &id, &pid))
        .await?;
    if given {
        return Err(already_given().into());
    }
    if let Some(text) = comment.clone() {
        let id = c.row.id.clone();
        let purged = app
            .db
            .call(move |conn| crate::db::retention::status(conn, &id))
            .await?
            .purged_at
            .is_some();
        if purged {
            return Err(ApiError::Conflict(
                "the meeting's texts have been removed at the end of the retention period, so \
                 comments are no longer taken; the scores are"
                    .into(),
            )
            .into());
        }
        let (guard, allowlist) = (app.guard.clone(), c.allowlist.clone());
        blocking(move || {
            let found = guard.check(&text, &Allowlist::new(allowlist.iter()))?;
            if found.is_empty() {
                return Ok(());
            }
            let kinds: Vec<&'static str> = found.iter().map(|f| f.kind.as_str()).collect();
            tracing::info!(kinds = ?kinds, "feedback comment refused: client identifiers");
            Err(ApiError::IdentifierFound {
                message: "the comment contains client identifiers; nothing was saved. Remove \
                          them and send again"
                    .into(),
                findings: found
                    .into_iter()
                    .map(|f| FieldFinding {
                        field: "comment".into(),
                        kind: f.kind,
                        start: f.start,
                        end: f.end,
                    })
                    .collect(),
            })
        })
        .await?;
    }
    let (id, pid) = (c.row.id.clone(), c.participant.clone());
    let scores = answer.scores.clone();
    let done = app
        .db
        .call(move |conn| feedback::give(conn, &id, &pid, &scores, comment.as_deref()))
        .await?;
    if done == Given::AlreadyGiven {
        return Err(already_given().into());
    }
    Ok(Json(status_of(&app, c).await?))
}

fn already_given() -> ApiError {
    ApiError::Conflict(
        "you have already given feedback on this meeting; one answer each, and it cannot be \
         changed"
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::feedback::FeedbackQuestion;
    use std::collections::BTreeMap;

    fn answer(scores: &[(FeedbackQuestion, u8)], comment: Option<&str>) -> FeedbackAnswer {
        FeedbackAnswer {
            proof: FeedbackProof {
                key: "k".into(),
                secret: "s".into(),
            },
            scores: scores.iter().copied().collect::<BTreeMap<_, _>>(),
            comment: comment.map(Into::into),
        }
    }

    fn message(e: ApiError) -> String {
        e.to_string()
    }

    #[test]
    fn an_answer_needs_scores_from_one_to_five_or_a_comment_within_the_limit() {
        use FeedbackQuestion::*;
        assert_eq!(
            validate(&answer(&[(GotWhatCameFor, 5)], Some("  Hyvä  "))).unwrap(),
            Some("Hyvä".into())
        );
        assert_eq!(
            validate(&answer(&[(TimeWellUsed, 1)], Some("  "))).unwrap(),
            None
        );
        let e = message(validate(&answer(&[(TimeWellUsed, 6)], None)).unwrap_err());
        assert_eq!(e, "scores are 1 to 5; time_well_used was 6");
        let e = message(validate(&answer(&[(TimeWellUsed, 0)], None)).unwrap_err());
        assert!(e.contains("was 0"));
        let e = message(validate(&answer(&[], Some(" "))).unwrap_err());
        assert!(e.starts_with("the answer is empty"), "{e}");
        let long = "ä".repeat(MAX_FEEDBACK_COMMENT_CHARS + 1);
        let e = message(validate(&answer(&[], Some(&long))).unwrap_err());
        assert_eq!(e, "the comment is 1001 characters; at most 1000 are taken");
        assert!(validate(&answer(&[], Some(&"ä".repeat(MAX_FEEDBACK_COMMENT_CHARS)))).is_ok());
        assert!(matches!(
            validate(&answer(&[], Some("Hyvä\u{202E}"))),
            Err(ApiError::InvalidField(_))
        ));
    }
}
